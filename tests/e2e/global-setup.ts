/**
 * Builds the extension once per run, so the tests always exercise the current sources through the
 * unchanged production build. DOCENT_SKIP_BUILD=1 reuses .output/chrome-mv3 as it is (the
 * test:e2e script and run-tests.mjs may already have built it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkLaunchPrerequisites, CHROMIUM_PATH, DEFAULT_EXTENSION_DIR, REPO_ROOT as repoRoot } from '../support/browser';

export default function globalSetup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed (${CHROMIUM_PATH} is missing): run apt-get install -y chromium`);
  }
  if (process.env.DOCENT_SKIP_BUILD !== '1') {
    const started = Date.now();
    const build = spawnSync('npx', ['wxt', 'build'], { cwd: repoRoot, encoding: 'utf8' });
    if (build.status !== 0) {
      throw new Error(`npx wxt build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
    }
    console.log(`Built the extension in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  checkLaunchPrerequisites(path.join(repoRoot, DEFAULT_EXTENSION_DIR));
}
