/**
 * Real Chromium with the production build of Docent loaded unpacked, and real BI / dbt hostnames
 * mapped to local HTTPS servers (tests/e2e/playwright.config.ts). Playwright never downloads a
 * browser here: it drives Debian's /usr/bin/chromium.
 */
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's Chromium; DOCENT_CHROMIUM points elsewhere (the test runner honours it too). */
export const CHROMIUM_PATH = process.env.DOCENT_CHROMIUM ?? '/usr/bin/chromium';
/** Fixed by the manifest's `key` (wxt.config.ts); managed policy addresses the extension by it. */
export const EXTENSION_ID = 'godpidnacghnldbkgeajmnlhhlepojga';
export const DEFAULT_EXTENSION_DIR = '.output/chrome-mv3';
/** Relative paths are taken from the repository root, wherever the process was started. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LaunchOptions {
  extensionDir?: string;
  /** Hostname (or `*.suffix` pattern) → local port. `{ 'app.mode.com': 8443 }`. */
  hostMap: Record<string, number>;
  headless?: boolean;
  /** A profile to reuse; by default a fresh temporary one, removed on close. */
  userDataDir?: string;
  /** How long to wait for the service worker to start. */
  timeoutMs?: number;
  /**
   * Let Playwright kill Chromium and exit the process on Ctrl-C (its default). A caller with its
   * own cleanup (the demo closes its servers and removes the profile) passes false.
   */
  handleSignals?: boolean;
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  optionsUrl: string;
  /** The popup page opened as a tab; `tabId` is passed as `?tab=`, which the popup reads (components/tab-matches.ts). */
  popupUrl(tabId?: number): string;
  close(): Promise<void>;
}

/** Why a launch cannot happen, with what to do about it. */
export class LaunchPrerequisiteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LaunchPrerequisiteError';
  }
}

/**
 * `--host-resolver-rules` value: every host (wildcards included, Chromium's rule syntax takes
 * `*.cloud.looker.com` as is) goes to 127.0.0.1 at its port; anything else stays unresolved so a
 * test can never reach the real internet by accident.
 */
export function hostResolverRules(hostMap: Record<string, number>): string {
  const rules = Object.entries(hostMap).map(([host, port]) => {
    if (!/^(\*\.)?[a-z0-9.-]+$/i.test(host)) throw new Error(`Not a hostname pattern: ${host}`);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`Bad port for ${host}: ${port}`);
    return `MAP ${host} 127.0.0.1:${port}`;
  });
  return [...rules, 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1', 'MAP * ~NOTFOUND'].join(', ');
}

export function chromiumArgs(extensionDir: string, hostMap: Record<string, number>, logFile?: string): string[] {
  // Chromium says why it refused an unpacked extension only in its log; keep one to quote it.
  const logging = logFile ? ['--enable-logging=file', `--log-file=${logFile}`] : [];
  return [
    ...logging,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    // QUIC would bypass the host-resolver mapping's TCP port for HTTPS; keep everything on TCP.
    '--disable-quic',
    '--disable-gpu',
    `--host-resolver-rules=${hostResolverRules(hostMap)}`,
    '--ignore-certificate-errors',
  ];
}

export function checkLaunchPrerequisites(extensionDir: string): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new LaunchPrerequisiteError(
      `Chromium is not installed (${CHROMIUM_PATH} is missing): run apt-get install -y chromium`,
    );
  }
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new LaunchPrerequisiteError(
      `The extension is not built (${path.join(extensionDir, 'manifest.json')} is missing): run npm run build first`,
    );
  }
}

export async function launchWithExtension({
  extensionDir = DEFAULT_EXTENSION_DIR,
  hostMap,
  headless = true,
  userDataDir,
  timeoutMs = 30_000,
  handleSignals = true,
}: LaunchOptions): Promise<LaunchedExtension> {
  const extensionPath = path.resolve(REPO_ROOT, extensionDir);
  checkLaunchPrerequisites(extensionPath);

  const runDir = await mkdtemp(path.join(os.tmpdir(), 'docent-chromium-'));
  const profileDir = userDataDir ?? path.join(runDir, 'profile');
  const logFile = path.join(runDir, 'chromium.log');
  const removeProfile = () => rm(runDir, { recursive: true, force: true });

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      // Playwright's headless is Chromium's new headless (`--headless`), which runs extensions.
      headless,
      args: chromiumArgs(extensionPath, hostMap, logFile),
      viewport: { width: 1280, height: 900 },
      handleSIGINT: handleSignals,
      handleSIGTERM: handleSignals,
      handleSIGHUP: handleSignals,
    });
  } catch (error) {
    await removeProfile();
    throw error;
  }

  const close = async () => {
    await context.close().catch(() => undefined);
    await removeProfile();
  };

  try {
    const serviceWorker = await waitForServiceWorker(context, logFile, timeoutMs);
    const extensionId = new URL(serviceWorker.url()).host;
    const origin = `chrome-extension://${extensionId}`;
    return {
      context,
      extensionId,
      serviceWorker,
      optionsUrl: `${origin}/options.html`,
      popupUrl: (tabId) => `${origin}/popup.html${tabId === undefined ? '' : `?tab=${tabId}`}`,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The extension's service worker, or an error saying why it never came: Chromium's own load error
 * when it refused the extension (found in its log within a second or so), a timeout otherwise.
 */
async function waitForServiceWorker(context: BrowserContext, logFile: string, timeoutMs: number): Promise<Worker> {
  const isOurs = (worker: Worker) => worker.url().startsWith('chrome-extension://');
  const existing = context.serviceWorkers().find(isOurs);
  if (existing) return existing;

  const controller = new AbortController();
  const refused = watchForLoadError(logFile, controller.signal);
  const started = context.waitForEvent('serviceworker', { predicate: isOurs, timeout: timeoutMs });
  try {
    const outcome = await Promise.race([started.then((worker) => ({ worker })), refused.then((error) => ({ error }))]);
    if ('worker' in outcome) return outcome.worker;
    throw new Error(
      `Chromium refused to load the extension: ${outcome.error}\nFix the build (npx wxt build) and run again.`,
    );
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Chromium refused')) throw error;
    throw new Error(
      `Docent's service worker did not start within ${timeoutMs / 1000} s: is the build in ` +
        `${DEFAULT_EXTENSION_DIR} complete (npx wxt build) and does background.js load without errors?`,
    );
  } finally {
    controller.abort();
    started.catch(() => undefined);
  }
}

/** Resolves with Chromium's "Failed to load extension" line if one shows up; never rejects. */
async function watchForLoadError(logFile: string, signal: AbortSignal): Promise<string> {
  while (!signal.aborted) {
    const log = await readFile(logFile, 'utf8').catch(() => '');
    const line = log.split('\n').find((l) => l.includes('Failed to load extension from'));
    if (line) return line.replace(/^.*Extension error: /, '').trim();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return new Promise<string>(() => undefined);
}
