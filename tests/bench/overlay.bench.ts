/**
 * Incremental rescans versus a full scan of a large dashboard, side by side in one run.
 * Run: `npx tsx tests/bench/overlay.bench.ts`. Prints figures only: timings drift on shared
 * machines, so the figure worth quoting is the ratio, and no test asserts on it.
 *
 * The page: a results table of ROWS rows (as BI tools draw query results) with a qualified name in
 * every tenth row, in happy-dom. "Full" is the overlay's first pass over the page; "one mutation"
 * is a row appended afterwards, which the overlay must handle without rescanning the rest.
 */
import { Window } from 'happy-dom';
import generic from '../../lib/adapters/generic';
import { startOverlay } from '../../lib/overlay/overlay';
import { fakeAsk } from '../fixtures/bi/generic/known-models';

const ROWS = 5_000;
const ROUNDS = 5;

function page(): Window {
  const window = new Window({ url: 'https://app.mode.com/acme/reports/bench' });
  const rows: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const name = i % 10 === 0 ? 'analytics.marts.orders' : `row ${i} of the weekly revenue report`;
    rows.push(`<tr><td>${i}</td><td>${name}</td><td>${(i * 13.7).toFixed(2)}</td></tr>`);
  }
  window.document.body.innerHTML = `<table class="results-table"><tbody>${rows.join('')}</tbody></table>`;
  return window;
}

let resolveCalls = 0;
let keysAsked = 0;
const resolve = async (keys: string[]) => {
  resolveCalls += 1;
  keysAsked += keys.length;
  return fakeAsk(keys);
};

/** The longest stretch the event loop could not run a timer while `work` ran: Docent's longest task. */
async function longestTask(work: () => Promise<void>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (ticking) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  await work();
  ticking = false;
  return Math.max(longest, performance.now() - last);
}

async function round(): Promise<{ fullMs: number; longestMs: number; mutationMs: number; badges: number; mutationKeys: number }> {
  const window = page();
  const document = window.document as unknown as Document;
  const controller = new AbortController();
  let started = performance.now();
  const overlay = startOverlay({
    document,
    adapter: generic,
    resolve,
    loadDetails: async () => ({ ok: false, error: { kind: 'unknownModel', message: 'bench' } }),
    signal: controller.signal,
    batchDelayMs: 0,
  });
  const longestMs = await longestTask(() => overlay.idle());
  const fullMs = performance.now() - started;
  const badges = document.querySelectorAll('docent-badge').length;

  const before = keysAsked;
  started = performance.now();
  const row = document.createElement('tr');
  row.innerHTML = '<td>new</td><td>analytics.marts.customers</td><td>1.00</td>';
  document.querySelector('tbody')!.append(row);
  await overlay.idle();
  const mutationMs = performance.now() - started;
  const mutationKeys = keysAsked - before;
  controller.abort();
  await window.happyDOM.close();
  return { fullMs, longestMs, mutationMs, badges, mutationKeys };
}

await round(); // warm up the JIT
const results = [];
for (let i = 0; i < ROUNDS; i++) results.push(await round());
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const full = median(results.map((r) => r.fullMs));
const one = median(results.map((r) => r.mutationMs));
console.log(`overlay on a ${ROWS}-row results table (happy-dom, median of ${ROUNDS}):`);
console.log(`  full first pass: ${full.toFixed(1)} ms, ${results[0]!.badges} badges`);
console.log(`  longest task of the first pass: ${median(results.map((r) => r.longestMs)).toFixed(1)} ms`);
console.log(`  one appended row: ${one.toFixed(2)} ms, ${results[0]!.mutationKeys} key(s) sent to the background`);
console.log(`  ratio full / one mutation: ${(full / one).toFixed(0)}×`);
