/**
 * A self-signed certificate for the real hostnames the e2e tests and the demo serve locally
 * (tests/e2e/playwright.config.ts). Chromium runs with `--ignore-certificate-errors`, so the
 * certificate only has to be well formed; the names are still listed so that a curious person
 * (or a Node client with the cert as CA) sees the right ones.
 *
 * Generated once and cached under node_modules/.cache (never committed: a private key in git,
 * even a throwaway one, trips secret scanners and invites reuse).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  /** PEM certificate. */
  cert: string;
  /** PEM private key. */
  key: string;
}

/** Every hostname the local servers stand in for: BI SaaS hosts and the dbt Discovery hosts. */
export const TLS_HOSTNAMES = [
  'localhost',
  'app.mode.com',
  '*.cloud.looker.com',
  '*.looker.com',
  'app.powerbi.com',
  '*.metabaseapp.com',
  'app.sigmacomputing.com',
  '*.preset.io',
  'app.hex.tech',
  '*.lightdash.cloud',
  '*.online.tableau.com',
  'cloud.getdbt.com',
  'metadata.cloud.getdbt.com',
  '*.getdbt.com',
  '*.dbt.com',
  '*.us1.dbt.com',
  '*.metadata.us1.dbt.com',
] as const;

const TLS_IPS = ['127.0.0.1', '::1'] as const;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_CACHE_DIR = path.join(REPO_ROOT, 'node_modules/.cache/docent-tls');

/** Renew a cached certificate this long before it expires, so a run never straddles the end. */
const RENEW_MARGIN_MS = 7 * 24 * 3600 * 1000;

/**
 * The cached certificate, or a new one when there is none, it names other hosts than
 * `TLS_HOSTNAMES`, or it is about to expire.
 */
export async function loadTestTls(cacheDir = DEFAULT_CACHE_DIR): Promise<TlsMaterial> {
  const certPath = path.join(cacheDir, 'cert.pem');
  const keyPath = path.join(cacheDir, 'key.pem');
  const cached = await readCached(certPath, keyPath);
  if (cached && isUsable(cached.cert)) return cached;

  const material = await generateTestTls();
  await mkdir(cacheDir, { recursive: true });
  await writeFile(keyPath, material.key, { mode: 0o600 });
  await writeFile(certPath, material.cert);
  return material;
}

export async function generateTestTls(now = new Date()): Promise<TlsMaterial> {
  const notAfter = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'Docent test servers' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...TLS_HOSTNAMES.map((value) => ({ type: 2 as const, value })),
          ...TLS_IPS.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

async function readCached(certPath: string, keyPath: string): Promise<TlsMaterial | null> {
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { cert, key };
  } catch {
    return null;
  }
}

function isUsable(certPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const expires = Date.parse(cert.validTo);
    if (!(expires - Date.now() > RENEW_MARGIN_MS)) return false;
    const names = cert.subjectAltName ?? '';
    return TLS_HOSTNAMES.every((host) => names.includes(`DNS:${host}`));
  } catch {
    return false;
  }
}
