// @vitest-environment node
/**
 * The BI fixture server answers a tool's API like the tool: only with the session cookie that
 * opening one of its pages set; a fixture page is served at its real URL.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { request } from 'node:https';
import { startBiServer, type BiServer } from '../support/bi-server';
import { loadTestTls } from '../support/tls';

let server: BiServer;
beforeAll(async () => {
  server = await startBiServer({ tls: await loadTestTls() });
});
afterAll(() => server.close());

function get(host: string, path: string, cookie?: string): Promise<{ status: number; body: string; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: 'GET', rejectUnauthorized: false, servername: host.replace(/^\*\./, 'x.'), headers: { host, ...(cookie ? { cookie } : {}) } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, setCookie: res.headers['set-cookie'] ?? [] }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

it('serves a fixture page at its real URL and signs the visitor in with the tool\'s cookie', async () => {
  const page = await get('acme.metabaseapp.com', '/dashboard/7-weekly-orders');
  expect(page.status).toBe(200);
  expect(page.body).toContain('data-dashcard-key="101"');
  expect(page.setCookie.join()).toMatch(/^metabase\.SESSION=fixture-session; Path=\/; Secure; HttpOnly/);
});

it('refuses an API call without the session cookie, as the tool does', async () => {
  expect((await get('acme.metabaseapp.com', '/api/dashboard/7')).status).toBe(401);
  const answer = await get('acme.metabaseapp.com', '/api/dashboard/7', 'metabase.SESSION=fixture-session');
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body).dashcards).toHaveLength(4);
});

it('answers the API only at the host of its own tool', async () => {
  expect((await get('a1b2c3d4.us1a.app.preset.io', '/api/dashboard/7', 'metabase.SESSION=x')).status).toBe(404);
});

it('still serves fixture files by path on any host', async () => {
  expect((await get('app.mode.com', '/mode/report.html')).status).toBe(200);
});
