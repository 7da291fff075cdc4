/**
 * How long a large manifest takes to read, and how much memory it needs, streamed entry by entry
 * (lib/artifacts/stream-json.ts) beside a plain JSON.parse of the same bytes. Also how long the
 * event loop was held at most between two turns: what "without freezing" means in the service
 * worker. DOCENT_BENCH=full (npm run bench): 100 MB; smoke (npm test): 5 MB.
 * For steadier memory figures: `DOCENT_BENCH=full node --expose-gc --import tsx tests/bench/artifacts.bench.ts`.
 */
import { buildSummaries } from '../../lib/artifacts/build-index';
import { manifestCollector } from '../../lib/artifacts/manifest';
import { collectFromStream } from '../../lib/artifacts/stream-json';
import { generateLargeManifest, streamOf } from '../support/large-manifest';

const full = process.env.DOCENT_BENCH === 'full';
const megabytes = full ? 100 : 5;
const manifest = generateLargeManifest(megabytes);
const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;

let bytes = 0;
for (const chunk of manifest.chunks()) bytes += chunk.byteLength;

function heap(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

// Streamed: memory sampled at every turn the parser gives back; the longest turn measured.
gc?.();
const baseline = heap();
let peak = baseline;
let longestTurn = 0;
let lastTurn = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  longestTurn = Math.max(longestTurn, now - lastTurn);
  lastTurn = now;
  peak = Math.max(peak, heap());
}, 1);
const started = performance.now();
const result = await collectFromStream(manifestCollector(), streamOf(manifest), { totalBytes: bytes, onProgress: () => void (peak = Math.max(peak, heap())) });
const streamMs = performance.now() - started;
clearInterval(ticker);
if (!result.ok) throw new Error(result.error.message);
const summariesStarted = performance.now();
const summaries = buildSummaries({ manifest: result.value, runResults: null, catalog: null, sources: null });
const summariesMs = performance.now() - summariesStarted;
peak = Math.max(peak, heap());
const kept = heap() - baseline;

// The same bytes as one string through JSON.parse: the baseline the streaming is weighed against.
let text = '';
const decoder = new TextDecoder();
for (const chunk of manifest.chunks()) text += decoder.decode(chunk, { stream: true });
gc?.();
const before = heap();
const parseStarted = performance.now();
const whole = JSON.parse(text) as { nodes: object };
const parseMs = performance.now() - parseStarted;
const parsePeak = heap() - before + text.length; // the string itself is needed too
void whole.nodes;

console.log(`manifest: ${(bytes / MB).toFixed(1)} MB, ${manifest.models} models (+2 tests each), ${summaries.length} nodes indexed`);
console.log(`streamed parse: ${(streamMs / 1000).toFixed(2)} s (${(bytes / MB / (streamMs / 1000)).toFixed(1)} MB/s), summaries ${summariesMs.toFixed(0)} ms`);
console.log(`streamed peak memory above baseline: ${((peak - baseline) / MB).toFixed(0)} MB; kept after parse: ${(kept / MB).toFixed(0)} MB`);
console.log(`longest time the event loop waited during the streamed parse: ${longestTurn.toFixed(0)} ms`);
console.log(`JSON.parse of the same bytes: ${(parseMs / 1000).toFixed(2)} s in one block, about ${(parsePeak / MB).toFixed(0)} MB (string + objects)`);
console.log(`ratio streamed / JSON.parse time: ${(streamMs / parseMs).toFixed(1)}x${gc ? '' : ' (run with --expose-gc for steadier memory figures)'}`);
