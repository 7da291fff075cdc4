/**
 * The content script's size: it runs on every BI page, so it is measured as shipped (the
 * production build `npm run bench` makes first), minified and gzipped at level 9, against the
 * 32 KB (gzipped) budget in docs/performance.md: by the `gzip` command, as the figures there are
 * taken, and by Node's zlib beside it (its deflate differs by a few bytes). Prints figures only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIPPED = 32_000;
const dir = join(import.meta.dirname, '..', '..', '.output', 'chrome-mv3', 'content-scripts');
const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} KB`;

if (!existsSync(dir)) {
  console.log('content script: not built (run `npx wxt build` first, or `npm run bench`, which builds)');
} else {
  console.log('Content script, as shipped (minified; gzip -9):');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    const bytes = readFileSync(join(dir, file));
    const zlib = gzipSync(bytes, { level: 9 }).length;
    const cli = spawnSync('gzip', ['-9c'], { input: bytes, maxBuffer: 64 * 1024 * 1024 });
    const gzipped = cli.status === 0 ? cli.stdout.length : zlib;
    const verdict = gzipped <= BUDGET_GZIPPED ? 'within' : 'OVER';
    console.log(`  ${file}: ${kb(bytes.length)} minified, ${kb(gzipped)} gzipped${cli.status === 0 ? ` (zlib: ${kb(zlib)})` : ' (zlib; no gzip command)'}; budget ${kb(BUDGET_GZIPPED)}: ${verdict}, ${kb(BUDGET_GZIPPED - gzipped)} left`);
  }
  // The doc card's bundle, injected into a tab only when a card is first asked for there: outside
  // the budget, which is for what every BI page pays.
  const card = join(dir, '..', 'card.js');
  if (existsSync(card)) {
    const bytes = readFileSync(card);
    console.log(`  card.js (loaded on the first card in a tab, not on every page): ${kb(bytes.length)} minified, ${kb(gzipSync(bytes, { level: 9 }).length)} gzipped (zlib)`);
  }
}
