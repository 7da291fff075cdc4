/**
 * Chrome's managed extension policy, for real: Chromium on Linux reads
 * /etc/chromium/policies/managed/*.json at start (and watches the folder), and hands the
 * `3rdparty.extensions.<id>` object to `chrome.storage.managed`. Writing there needs root.
 *
 * The folder is machine-wide: every Chromium started while the file exists sees the policy, so
 * keep the window short (write just before launch, remove right after close).
 * The first `storage.managed.get()` after launch can take ~3 s to see it: wait for state, not time.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXTENSION_ID } from './browser';

export const MANAGED_POLICY_DIR = '/etc/chromium/policies/managed';

export type ManagedPolicy = Record<string, unknown>;

export interface InstalledPolicy {
  file: string;
  remove(): Promise<void>;
}

/** Whether this process may write managed policy, and if not, a sentence saying why. */
export function managedPolicyUnavailableReason(): string | null {
  const uid = process.getuid?.();
  if (uid === 0) return null;
  return `Managed policy tests need root: they write ${MANAGED_POLICY_DIR}/<file>.json (running as uid ${uid ?? 'unknown'}).`;
}

/** The file this process writes its policy to (one per process: parallel runs keep their own). */
export function managedPolicyFile(): string {
  return path.join(MANAGED_POLICY_DIR, `docent-e2e-${process.pid}.json`);
}

/** Writes the policy for Docent's extension id; `remove()` deletes the file again. */
export async function installManagedPolicy(policy: ManagedPolicy, extensionId = EXTENSION_ID): Promise<InstalledPolicy> {
  const reason = managedPolicyUnavailableReason();
  if (reason) throw new Error(reason);
  await mkdir(MANAGED_POLICY_DIR, { recursive: true });
  const file = managedPolicyFile();
  const content = { '3rdparty': { extensions: { [extensionId]: policy } } };
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o644 });
  return { file, remove: () => rm(file, { force: true }) };
}

/** Runs `body` with the policy in place and removes it afterwards, whatever happens. */
export async function withManagedPolicy<T>(policy: ManagedPolicy, body: () => Promise<T>): Promise<T> {
  const installed = await installManagedPolicy(policy);
  try {
    return await body();
  } finally {
    await installed.remove();
  }
}
