/**
 * Publishes dbt artifacts the way a docs site or a bucket does: under a base path, with ETag and
 * Last-Modified, answering conditional requests with 304, optionally behind a required request
 * header. HTTPS with the test certificate for Chromium (e2e, demo), plain HTTP for Node tests.
 * Every request is logged, so tests can check what was downloaded and what was not.
 */
import { createHash } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TlsMaterial } from './tls';

export interface ArtifactsServerOptions {
  /** File name (`manifest.json`) → content. */
  files: Record<string, string | Buffer>;
  /** Where the files are published: `/dbt/target/` → `/dbt/target/manifest.json`. */
  basePath?: string;
  tls?: TlsMaterial;
  /** Which validators the server gives: both (default), one, or none. */
  validators?: 'both' | 'etag' | 'last-modified' | 'none';
  /** A header every request must carry (`['authorization', 'Bearer s3cret']`), else 401. */
  requireHeader?: [string, string];
}

export interface LoggedRequest {
  path: string;
  status: number;
  conditional: boolean;
  header: string | undefined;
}

export interface ArtifactsServer {
  port: number;
  /** The base URL for `host` (the port is added for 127.0.0.1, left to Chromium's resolver rule otherwise). */
  baseUrl(host?: string): string;
  /** Replace (or with `null`, remove) a file; its ETag and Last-Modified change with it. */
  setFile(name: string, content: string | Buffer | null): void;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

interface Published {
  body: Buffer;
  etag: string;
  lastModified: string;
}

export async function startArtifactsServer(options: ArtifactsServerOptions): Promise<ArtifactsServer> {
  const basePath = options.basePath ?? '/dbt/target/';
  const validators = options.validators ?? 'both';
  const files = new Map<string, Published>();
  // Last-Modified has one-second resolution: a changed file must never share its predecessor's.
  let clock = Math.floor(Date.now() / 1000) * 1000 - 3600_000;
  const publish = (name: string, content: string | Buffer) => {
    const body = Buffer.isBuffer(content) ? content : Buffer.from(content);
    clock += 1000;
    files.set(name, { body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`, lastModified: new Date(clock).toUTCString() });
  };
  for (const [name, content] of Object.entries(options.files)) publish(name, content);
  const requests: LoggedRequest[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://artifacts.invalid').pathname;
    const conditional = Boolean(req.headers['if-none-match'] || req.headers['if-modified-since']);
    const header = options.requireHeader ? (req.headers[options.requireHeader[0].toLowerCase()] as string | undefined) : undefined;
    const send = (status: number, headers: Record<string, string | number> = {}, body?: Buffer | string) => {
      requests.push({ path, status, conditional, header });
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (options.requireHeader && header !== options.requireHeader[1]) return send(401, { 'content-type': 'text/plain' }, 'Unauthorized');
    const file = path.startsWith(basePath) ? files.get(path.slice(basePath.length)) : undefined;
    if (!file) return send(404, { 'content-type': 'text/plain' }, 'Not found');
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'cache-control': 'no-cache' };
    if (validators === 'both' || validators === 'etag') headers.etag = file.etag;
    if (validators === 'both' || validators === 'last-modified') headers['last-modified'] = file.lastModified;
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    const notModified = ifNoneMatch
      ? headers.etag !== undefined && ifNoneMatch.split(/\s*,\s*/).includes(file.etag)
      : ifModifiedSince !== undefined && headers['last-modified'] !== undefined && Date.parse(ifModifiedSince) >= Date.parse(file.lastModified);
    if (notModified) return send(304, headers);
    send(200, { ...headers, 'content-length': file.body.length }, file.body);
  };

  const server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handle) : createHttpServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const scheme = options.tls ? 'https' : 'http';
  return {
    port,
    baseUrl: (host = '127.0.0.1') => `${scheme}://${host}${host === '127.0.0.1' ? `:${port}` : ''}${basePath}`,
    setFile: (name, content) => (content === null ? void files.delete(name) : publish(name, content)),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
