/**
 * An HTTPS server for the BI fixture pages. Chromium maps the real BI hostnames (app.mode.com,
 * acme.cloud.looker.com, …) to it. It answers:
 *
 * - a fixture page at its real URL: each `<tool>/<page>.expected.json` may name the `url` the page
 *   lives at (`https://acme.metabaseapp.com/dashboard/7-weekly-orders`), routed by host and path;
 * - the tool's own API at that host, from `<tool>/api.json` (`{ cookie, responses: { path: body } }`),
 *   only with the session cookie that serving one of the tool's pages set, as the real tool does:
 *   without it, 401;
 * - any fixture file by path, for any host: `/mode/report.html` → `tests/fixtures/bi/mode/report.html`.
 */
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TlsMaterial } from './tls';

export interface BiServer {
  port: number;
  /** `https://<host>/<path>`; the port is left out because Chromium's resolver rule supplies it. */
  url(host: string, pagePath: string): string;
  close(): Promise<void>;
}

export interface BiServerOptions {
  root?: string;
  tls: TlsMaterial;
  /** 0 picks a free port. */
  port?: number;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export async function startBiServer({
  root = 'tests/fixtures/bi',
  tls,
  port = 0,
}: BiServerOptions): Promise<BiServer> {
  const rootDir = path.resolve(REPO_ROOT, root);
  const routes = await loadRoutes(rootDir);
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    serve(rootDir, routes, req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`BI fixture server failed: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;

  return {
    port: actualPort,
    url: (host, pagePath) => `https://${host}/${pagePath.replace(/^\/+/, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Chromium keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A tool's API as the fixtures answer it. */
interface ToolApi {
  tool: string;
  /** The session cookie's name (`metabase.SESSION`, `session`, `connect.sid`). */
  cookie: string;
  /** `/api/dashboard/7` (or with its query, `/api/dashboards/weekly?legacy`) → the JSON body. */
  responses: Record<string, unknown>;
}

interface Routes {
  /** `host/path` → fixture file (relative to the root). */
  pages: Map<string, string>;
  /** host → the API of the tool whose fixtures live there. */
  apis: Map<string, ToolApi>;
}

/** Fixture page URLs and tool APIs, read from the fixture folders. */
export async function loadRoutes(rootDir: string): Promise<Routes> {
  const pages = new Map<string, string>();
  const apis = new Map<string, ToolApi>();
  for (const tool of await readdir(rootDir)) {
    const folder = path.join(rootDir, tool);
    if (!(await stat(folder)).isDirectory()) continue;
    const files = await readdir(folder);
    const api = files.includes('api.json')
      ? ({ tool, ...JSON.parse(await readFile(path.join(folder, 'api.json'), 'utf8')) } as ToolApi)
      : null;
    for (const file of files.filter((name) => name.endsWith('.expected.json'))) {
      const { url } = JSON.parse(await readFile(path.join(folder, file), 'utf8')) as { url?: string };
      if (!url) continue;
      const { host, pathname } = new URL(url);
      pages.set(`${host}${pathname}`, `${tool}/${file.replace('.expected.json', '.html')}`);
      if (api) apis.set(host, api);
    }
  }
  return { pages, apis };
}

async function serve(rootDir: string, routes: Routes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendNotFound(res, 405, `Method ${req.method ?? '?'} not allowed`);
  }
  const requested = new URL(req.url ?? '/', 'https://fixture.invalid');
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  const api = routes.apis.get(host);
  const body = api && (api.responses[requested.pathname + requested.search] ?? api.responses[requested.pathname]);
  if (api && body !== undefined) {
    const session = new RegExp(`(?:^|;\\s*)${api.cookie.replace(/[.]/g, '\\.')}=`).test(req.headers.cookie ?? '');
    // Like the real tools: an API call without the session cookie is refused.
    if (!session) return sendJson(res, 401, { message: 'Unauthenticated' });
    return sendJson(res, 200, body);
  }
  const page = routes.pages.get(`${host}${requested.pathname}`);
  if (page) {
    const tool = page.split('/')[0]!;
    const cookie = [...routes.apis.values()].find((entry) => entry.tool === tool)?.cookie;
    // Opening one of the tool's pages stands for having signed in: the session cookie is set.
    const headers: Record<string, string> = cookie ? { 'set-cookie': `${cookie}=fixture-session; Path=/; Secure; HttpOnly; SameSite=Lax` } : {};
    return serveFixture(rootDir, `/${page}`, req, res, headers);
  }
  return serveFixture(rootDir, decodeURIComponent(requested.pathname), req, res);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function serveFixture(
  rootDir: string,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  const filePath = path.resolve(rootDir, `.${pathname}`);
  // A request must not climb out of the fixture folder (`/../../package.json`).
  if (filePath !== rootDir && !filePath.startsWith(rootDir + path.sep)) {
    return sendNotFound(res, 404, `Not found: ${pathname}`);
  }
  const info = await stat(filePath).catch(() => null);
  if (!info?.isFile()) return sendNotFound(res, 404, `Not found: ${pathname}`);

  const body = await readFile(filePath);
  res.writeHead(200, {
    ...extraHeaders,
    'content-type': CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendNotFound(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(message);
}
