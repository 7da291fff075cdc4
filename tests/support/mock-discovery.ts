/**
 * A local imitation of the dbt Discovery API (https://metadata.cloud.getdbt.com/graphql) for unit,
 * e2e and manual tests: the schema subset in discovery-schema.graphql, answered from dbt artifacts,
 * with the real API's auth, paging limits and error forms, plus fault injection.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { execute, parse, validate, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { DbtArtifacts } from './dbt-artifacts';
import { buildDbtStore, type DbtStore } from './dbt-store';
import { buildMockSchema, rootValue, type ResolverContext } from './mock-discovery-resolvers';

export interface MockDiscoveryOptions {
  artifacts: DbtArtifacts;
  token: string;
  environmentId: string;
  tls?: { key: string; cert: string };
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  accountId?: string;
  projectId?: string;
  /**
   * More environments of the same account behind the same endpoint and token (another dbt
   * project each): a policy with several `environments` talks to one Discovery host.
   */
  moreEnvironments?: Array<{ environmentId: string; artifacts: DbtArtifacts; projectId: string }>;
  /** dbt Mesh: projects this server does not serve but whose public models are referenced. */
  projects?: Record<string, { environmentId: string; projectId: string }>;
}

export interface MockRequest {
  time: string;
  operationName: string | null;
  variables: Record<string, unknown> | null;
  query: string | null;
  /** The Authorization header as sent, `null` when absent. */
  authorization: string | null;
  status: number;
  /** GraphQL error messages in the answer, if any. */
  errors: string[];
}

export interface Fault {
  /** Answer with this HTTP status instead of the data. */
  status?: 401 | 403 | 429 | 500 | 502 | 503;
  /** The error message sent with `status` (default: a generic one per status). */
  statusMessage?: string;
  retryAfterSeconds?: number;
  /** How many requests in a row get this fault (default 1). */
  times?: number;
  /** HTTP 200 with these messages in `errors` and `data: null`. */
  graphqlErrors?: string[];
  /** Wait this long before answering (alone: a slow but correct answer). */
  delayMs?: number;
  /**
   * What goes wrong on the wire: `hang` never answers (until the client gives up), `reset` drops
   * the connection (the network down), `malformed` sends HTTP 200 with a body that is not JSON,
   * `truncate` sends the real answer cut off halfway through (a page of 500 that never finished).
   */
  transport?: 'hang' | 'reset' | 'malformed' | 'truncate';
  /** Answer the query for real, then change the answer (GraphQL errors beside partial data, an enum value from a newer API, a 20 MB description). */
  rewrite?: (answer: { data?: unknown; errors?: unknown[] }) => { data?: unknown; errors?: unknown[] };
}

export interface MockDiscovery {
  url: string;
  port: number;
  requests: MockRequest[];
  failNext(fault: Fault): void;
  clearFaults(): void;
  setToken(token: string): void;
  setArtifacts(artifacts: DbtArtifacts): void;
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Invalid or missing service token. Send "Authorization: Bearer <token>".',
  403: 'This token lacks the Metadata Only (or Discovery) permission, or the account has no Discovery API access.',
  429: 'Too many requests. Slow down and retry after the time in Retry-After.',
  500: 'Internal server error.',
  502: 'Bad gateway.',
  503: 'Service temporarily unavailable.',
};

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'authorization, content-type',
  'Access-Control-Expose-Headers': 'retry-after',
  'Access-Control-Max-Age': '600',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startMockDiscovery(opts: MockDiscoveryOptions): Promise<MockDiscovery> {
  const schema = buildMockSchema();
  let token = opts.token;
  let store: DbtStore = buildDbtStore(opts.artifacts);
  const moreStores = (opts.moreEnvironments ?? []).map((e) => ({ ...e, store: buildDbtStore(e.artifacts) }));
  const accountId = opts.accountId ?? '70403103900001';
  /** One context per environment served, each knowing the others (cross-project parents). */
  function contextFor(): ResolverContext {
    const siblings: Record<string, ResolverContext> = {};
    const home: ResolverContext = { store, environmentId: opts.environmentId, accountId, projectId: opts.projectId ?? '70403103900017', projects: opts.projects, siblings };
    siblings[home.environmentId] = home;
    for (const e of moreStores) siblings[e.environmentId] = { store: e.store, environmentId: e.environmentId, accountId, projectId: e.projectId, projects: opts.projects, siblings };
    return home;
  }
  const faults: (Fault & { times: number })[] = [];
  const requests: MockRequest[] = [];

  function send(res: ServerResponse, entry: MockRequest, status: number, body: unknown, headers: Record<string, string> = {}) {
    entry.status = status;
    requests.push(entry);
    if (res.destroyed) return; // The client gave up (a timeout); nothing to answer.
    res.writeHead(status, { ...CORS, 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const entry: MockRequest = { time: new Date().toISOString(), operationName: null, variables: null, query: null, authorization: req.headers.authorization ?? null, status: 0, errors: [] };
    if (path !== '/graphql' && path !== '/') return send(res, entry, 404, { errors: [{ message: `Not found: ${path}` }] });
    if (req.method !== 'POST') return send(res, entry, 405, { errors: [{ message: 'Send GraphQL queries with POST.' }] }, { Allow: 'POST, OPTIONS' });

    const raw = await readBody(req);
    type Body = { query?: unknown; variables?: unknown; operationName?: unknown };
    let body: Body | null;
    try {
      body = JSON.parse(raw) as Body | null;
    } catch {
      body = null;
    }
    entry.query = typeof body?.query === 'string' ? body.query : null;
    entry.operationName = typeof body?.operationName === 'string' ? body.operationName : null;
    entry.variables = body?.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : null;
    if (!entry.operationName && entry.query) entry.operationName = /\b(?:query|mutation)\s+(\w+)/.exec(entry.query)?.[1] ?? null;

    // Faults come before the token check: they stand for the gateway and rate limiter in front of
    // the API, which answer whoever asks.
    const fault = faults[0];
    if (fault) {
      fault.times -= 1;
      if (fault.times <= 0) faults.shift();
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.transport === 'hang') {
        await new Promise<void>((resolve) => res.once('close', () => resolve()));
        entry.status = 0;
        requests.push(entry);
        return;
      }
      if (fault.transport === 'reset') {
        entry.status = 0;
        requests.push(entry);
        req.socket.destroy();
        return;
      }
      if (fault.transport === 'malformed') {
        entry.status = 200;
        requests.push(entry);
        res.writeHead(200, { ...CORS, 'Content-Type': 'application/json; charset=utf-8' });
        res.end('{"data": {"environment": {"applied": <html>Bad gateway</html>');
        return;
      }
      if (fault.status) {
        const headers: Record<string, string> = fault.retryAfterSeconds != null ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
        const message = fault.statusMessage ?? STATUS_TEXT[fault.status]!;
        entry.errors = [message];
        return send(res, entry, fault.status, { errors: [{ message }] }, headers);
      }
      if (fault.graphqlErrors) {
        entry.errors = fault.graphqlErrors;
        return send(res, entry, 200, { data: null, errors: fault.graphqlErrors.map((message) => ({ message })) });
      }
    }

    // Both schemes are accepted by the real API (docs/architecture.md "The Discovery API, as Docent uses it"). The 401
    // body's exact words are a guess; its status is what clients act on.
    const auth = /^(?:Bearer|Token)\s+(\S+)\s*$/i.exec(entry.authorization ?? '');
    if (!auth || auth[1] !== token) {
      entry.errors = [STATUS_TEXT[401]!];
      return send(res, entry, 401, { errors: [{ message: STATUS_TEXT[401], extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    if (!body || typeof body.query !== 'string') {
      entry.errors = ['Expected a JSON body with a "query" string.'];
      return send(res, entry, 400, { errors: [{ message: entry.errors[0] }] });
    }

    // Guess: syntax and validation errors come back as HTTP 200 with `errors`, the way the real API
    // was described to us; a stock Apollo Server would answer 400, which clients must handle too.
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      entry.errors = [(error as Error).message];
      return send(res, entry, 200, { errors: [{ message: (error as Error).message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
    }
    const invalid = validate(schema, document);
    if (invalid.length) {
      entry.errors = invalid.map((e) => e.message);
      return send(res, entry, 200, { errors: invalid.map((e) => ({ ...e.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) });
    }
    const answerFault = fault?.transport === 'truncate' || fault?.rewrite ? fault : null;
    const contextValue = contextFor();
    const result = await execute({ schema, document, rootValue, contextValue, variableValues: entry.variables ?? undefined, operationName: entry.operationName ?? undefined });
    const errors: GraphQLFormattedError[] | undefined = result.errors?.map((e) => e.toJSON());
    entry.errors = errors?.map((e) => e.message) ?? [];
    let answer: { data?: unknown; errors?: unknown[] } = errors ? { data: result.data ?? null, errors } : { data: result.data };
    if (answerFault?.rewrite) answer = answerFault.rewrite(structuredClone(answer));
    if (answerFault?.transport === 'truncate') {
      // Content-Length promises the whole answer; the connection closes after half of it.
      const whole = Buffer.from(JSON.stringify(answer));
      entry.status = 200;
      requests.push(entry);
      res.writeHead(200, { ...CORS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(whole.length) });
      res.write(whole.subarray(0, Math.floor(whole.length / 2)), () => res.destroy());
      return;
    }
    return send(res, entry, 200, answer);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { ...CORS, 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: `Mock Discovery API failed: ${String(error)}` }] }));
    });
  };
  const server: Server = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : createHttpServer(listener);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `${opts.tls ? 'https' : 'http'}://${host}:${port}/graphql`,
    port,
    requests,
    failNext(fault) {
      faults.push({ ...fault, times: fault.times ?? 1 });
    },
    clearFaults() {
      faults.length = 0;
    },
    setToken(next) {
      token = next;
    },
    setArtifacts(artifacts) {
      store = buildDbtStore(artifacts);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
