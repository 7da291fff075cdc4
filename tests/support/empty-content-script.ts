/**
 * The overlay-load benchmark's floor: a copy of a built extension whose content scripts do nothing.
 * The manifest is copied byte for byte (same permissions, key), as is every other file; only the
 * content scripts are replaced (each script by a comment, each style sheet by an empty file): the
 * files the manifest's `content_scripts` name, and every file in `content-scripts/`, which the
 * background injects at run time (Docent's own, after a page's load). Loaded beside the real
 * build, it shows what any content script costs a page by being injected (its isolated world, the
 * injection itself), apart from Docent's own code (compiling and running bi.js, its messages, its
 * reading of the page).
 */
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
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
  // The scripts injected at run time are not in the manifest: WXT writes them to content-scripts/.
  const runtime = await readdir(path.join(sourceDir, 'content-scripts')).catch(() => [] as string[]);
  for (const name of runtime) {
    if (name.endsWith('.js')) scripts.add(`content-scripts/${name}`);
    if (name.endsWith('.css')) sheets.add(`content-scripts/${name}`);
  }
  if (scripts.size === 0) throw new Error(`${sourceDir} has no content script to empty (none in its manifest, none in content-scripts/)`);
  for (const file of [...scripts, ...sheets]) {
    const found = await stat(path.join(sourceDir, file)).catch(() => null);
    if (!found?.isFile()) throw new Error(`The manifest names ${file}, which is not in ${sourceDir}`);
  }

  await cp(sourceDir, targetDir, { recursive: true });
  for (const file of scripts) await writeFile(path.join(targetDir, file), EMPTY_SCRIPT);
  for (const file of sheets) await writeFile(path.join(targetDir, file), '');
  return [...scripts, ...sheets];
}
