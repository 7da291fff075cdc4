/**
 * An HTTPS static server for the BI fixture pages. Chromium maps the real BI hostnames
 * (app.mode.com, acme.cloud.looker.com, …) to it, so it answers for any Host header and routes by
 * path only: `/mode/report.html` → `tests/fixtures/bi/mode/report.html`.
 */
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
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
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    serveFixture(rootDir, req, res).catch((error: unknown) => {
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

async function serveFixture(rootDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendNotFound(res, 405, `Method ${req.method ?? '?'} not allowed`);
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'https://fixture.invalid').pathname);
  const filePath = path.resolve(rootDir, `.${pathname}`);
  // A request must not climb out of the fixture folder (`/../../package.json`).
  if (filePath !== rootDir && !filePath.startsWith(rootDir + path.sep)) {
    return sendNotFound(res, 404, `Not found: ${pathname}`);
  }
  const info = await stat(filePath).catch(() => null);
  if (!info?.isFile()) return sendNotFound(res, 404, `Not found: ${pathname}`);

  const body = await readFile(filePath);
  res.writeHead(200, {
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
