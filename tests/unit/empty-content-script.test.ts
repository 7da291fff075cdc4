// @vitest-environment node
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_SCRIPT, emptyContentScriptCopy } from '../support/empty-content-script';

// A built extension of the shape WXT writes to .output/chrome-mv3: the content script and its
// chunks, a background, pages; one entry for the BI hosts (in all frames) and one with a style sheet.
const MANIFEST = `${JSON.stringify(
  {
    manifest_version: 3,
    name: 'Docent',
    version: '0.1.0',
    key: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
    background: { service_worker: 'background.js' },
    content_scripts: [
      {
        matches: ['https://app.mode.com/*', 'https://*.metabaseapp.com/*'],
        all_frames: true,
        match_about_blank: true,
        run_at: 'document_idle',
        js: ['content-scripts/bi.js'],
      },
      { matches: ['https://*.lightdash.cloud/*'], run_at: 'document_end', js: ['content-scripts/bi.js', 'content-scripts/extra.js'], css: ['content-scripts/bi.css'] },
    ],
  },
  null,
  2,
)}\n`;
const FILES: Record<string, string> = {
  'manifest.json': MANIFEST,
  'background.js': 'chrome.runtime.onMessage.addListener(() => true);\n',
  'card.js': 'window.__card = 1;\n',
  'chunks/messaging-abc.js': 'export const send = 1;\n',
  'content-scripts/bi.js': 'var bi=function(){document.body.querySelectorAll("*");return 1}();\n',
  'content-scripts/extra.js': 'console.log("extra");\n',
  'content-scripts/bi.css': 'docent-badge { display: inline-block; }\n',
  'icon/16.png': '\u0089PNG',
};

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

describe('emptyContentScriptCopy (the overlay-load bench floor)', () => {
  let root: string;
  let source: string;
  let target: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'docent-floor-test-'));
    source = path.join(root, 'chrome-mv3');
    target = path.join(root, 'floor');
    for (const [file, text] of Object.entries(FILES)) {
      await mkdir(path.dirname(path.join(source, file)), { recursive: true });
      await writeFile(path.join(source, file), text);
    }
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('keeps the manifest byte for byte and every file that is not a content script', async () => {
    await emptyContentScriptCopy(source, target);
    expect(await listFiles(target)).toEqual(Object.keys(FILES).sort());
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe(MANIFEST);
    for (const file of ['background.js', 'card.js', 'chunks/messaging-abc.js', 'icon/16.png']) {
      expect(await readFile(path.join(target, file), 'utf8')).toBe(FILES[file]);
    }
  });

  it('empties every script and style sheet the content_scripts entries name, once each', async () => {
    const emptied = await emptyContentScriptCopy(source, target);
    expect(emptied.sort()).toEqual(['content-scripts/bi.css', 'content-scripts/bi.js', 'content-scripts/extra.js']);
    for (const file of ['content-scripts/bi.js', 'content-scripts/extra.js']) {
      const text = await readFile(path.join(target, file), 'utf8');
      expect(text).toBe(EMPTY_SCRIPT);
      // Nothing but a comment: no statement for the engine to run.
      expect(text.split('\n').every((line) => line === '' || line.startsWith('//'))).toBe(true);
    }
    expect(await readFile(path.join(target, 'content-scripts/bi.css'), 'utf8')).toBe('');
  });

  it('empties the content scripts the background injects at run time, which the manifest does not name', async () => {
    // Docent's build: no manifest entry, content-scripts/bi.js injected after a page's load.
    const runtimeManifest = `${JSON.stringify({ manifest_version: 3, name: 'Docent', permissions: ['scripting', 'webNavigation'], content_scripts: [] })}\n`;
    await writeFile(path.join(source, 'manifest.json'), runtimeManifest);
    const emptied = await emptyContentScriptCopy(source, target);
    expect(emptied.sort()).toEqual(['content-scripts/bi.css', 'content-scripts/bi.js', 'content-scripts/extra.js']);
    expect(await readFile(path.join(target, 'content-scripts/bi.js'), 'utf8')).toBe(EMPTY_SCRIPT);
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe(runtimeManifest);
    expect(await readFile(path.join(target, 'background.js'), 'utf8')).toBe(FILES['background.js']);
  });

  it('leaves the build it copied untouched', async () => {
    await emptyContentScriptCopy(source, target);
    for (const [file, text] of Object.entries(FILES)) expect(await readFile(path.join(source, file), 'utf8')).toBe(text);
  });

  it('refuses a build without a manifest, without content scripts, or missing a file its manifest names', async () => {
    await expect(emptyContentScriptCopy(path.join(root, 'nowhere'), target)).rejects.toThrow(/No manifest\.json .*npm run build/);

    await writeFile(path.join(source, 'manifest.json'), JSON.stringify({ manifest_version: 3, content_scripts: [] }));
    await rm(path.join(source, 'content-scripts'), { recursive: true });
    await expect(emptyContentScriptCopy(source, target)).rejects.toThrow(/has no content script to empty/);
    for (const file of ['content-scripts/bi.js', 'content-scripts/extra.js', 'content-scripts/bi.css']) {
      await mkdir(path.dirname(path.join(source, file)), { recursive: true });
      await writeFile(path.join(source, file), FILES[file]!);
    }

    await writeFile(path.join(source, 'manifest.json'), MANIFEST);
    await rm(path.join(source, 'content-scripts/extra.js'));
    await expect(emptyContentScriptCopy(source, target)).rejects.toThrow(/names content-scripts\/extra\.js, which is not in/);
  });
});
