/**
 * The overlay-load benchmark's floor: a copy of a built extension whose content scripts do nothing.
 * The manifest is copied byte for byte (same matches, run_at, frames, key), as is every other file;
 * only the files the manifest's `content_scripts` name are replaced: each script by a comment, each
 * style sheet by an empty file. Loaded beside the real build, it shows what any content script
 * costs a page by being injected (its isolated world, the injection itself), apart from Docent's
 * own code (compiling and running bi.js, its messages, its reading of the page).
 */
import { cp, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What each emptied script holds: no statement, so the engine has nothing to run. */
export const EMPTY_SCRIPT = "// Docent's floor: a content script that does nothing.\n";

interface ManifestContentScript {
  js?: string[];
  css?: string[];
}

/**
 * Copies `sourceDir` (a built extension) to `targetDir` and empties its content scripts. Returns
 * the manifest-relative paths it emptied. Throws if the manifest declares no content script or names
 * a file the build lacks, since the copy would then not be the floor of that build.
 */
export async function emptyContentScriptCopy(sourceDir: string, targetDir: string): Promise<string[]> {
  const manifestText = await readFile(path.join(sourceDir, 'manifest.json'), 'utf8').catch(() => {
    throw new Error(`No manifest.json in ${sourceDir}: build the extension first (npm run build)`);
  });
  const manifest = JSON.parse(manifestText) as { content_scripts?: ManifestContentScript[] };
  const entries = manifest.content_scripts ?? [];
  const scripts = new Set(entries.flatMap((entry) => entry.js ?? []));
  const sheets = new Set(entries.flatMap((entry) => entry.css ?? []));
  if (scripts.size === 0) throw new Error(`${path.join(sourceDir, 'manifest.json')} declares no content script to empty`);
  for (const file of [...scripts, ...sheets]) {
    const found = await stat(path.join(sourceDir, file)).catch(() => null);
    if (!found?.isFile()) throw new Error(`The manifest names ${file}, which is not in ${sourceDir}`);
  }

  await cp(sourceDir, targetDir, { recursive: true });
  for (const file of scripts) await writeFile(path.join(targetDir, file), EMPTY_SCRIPT);
  for (const file of sheets) await writeFile(path.join(targetDir, file), '');
  return [...scripts, ...sheets];
}
