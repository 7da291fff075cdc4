// @vitest-environment node
/**
 * The Firefox (MV3) build, built here from the current sources and checked the way
 * addons.mozilla.org checks it (web-ext lint, the addons-linter behind it). The rest of the unit
 * suite runs with WXT's Firefox target through `npm run test:unit:firefox`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import webExt from 'web-ext';
import { beforeAll, describe, expect, it } from 'vitest';
import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = `${ROOT}.output/firefox-mv3`;

interface LintMessage { code: string; file?: string; message: string }
interface LintResult { summary: { errors: number; warnings: number }; errors: LintMessage[]; warnings: LintMessage[] }

describe('the Firefox build', () => {
  let manifest: Record<string, any>;
  beforeAll(() => {
    const build = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`wxt build -b firefox failed:\n${build.stdout}\n${build.stderr}`);
    manifest = JSON.parse(readFileSync(`${OUT}/manifest.json`, 'utf8'));
  }, 120_000);

  it('is Manifest V3 with an add-on id and a data-collection declaration', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings.gecko).toMatchObject({ id: expect.stringMatching(/@/), data_collection_permissions: { required: ['none'] } });
    // Firefox MV3 runs the background as an event page, not a service worker.
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    // The content script goes in from the background after a BI page's load (lib/background/after-load.ts):
    // host permissions for every BI host, webNavigation to hear of the load, no manifest entry.
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect(manifest.permissions).toEqual(expect.arrayContaining(['scripting', 'webNavigation']));
    expect(manifest.host_permissions).toEqual(expect.arrayContaining([...BI_HOST_PATTERNS]));
  });

  it('passes web-ext lint with no errors; the only warnings are the sanitised innerHTML writes', async () => {
    const result = (await webExt.cmd.lint(
      { sourceDir: OUT, output: 'none', boring: true, selfHosted: false, warningsAsErrors: false },
      { shouldExitProgram: false },
    )) as LintResult;
    expect(result.errors.map((m) => `${m.code}: ${m.message}`)).toEqual([]);
    // Preact's dangerouslySetInnerHTML and DOMPurify write innerHTML; what they write is sanitised
    // first (lib/catalog/sanitize-html.ts). The linter cannot see that, so it warns.
    expect(new Set(result.warnings.map((m) => m.code))).toEqual(new Set(['UNSAFE_VAR_ASSIGNMENT']));
  }, 60_000);
});
