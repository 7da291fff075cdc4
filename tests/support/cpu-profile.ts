/**
 * Reading a V8 CPU profile (the DevTools protocol's `Profiler.stop`) taken in a page: how much of
 * the sampled time was an extension's own JavaScript. The DevTools timeline (`Performance.getMetrics`,
 * traces) instruments the main world only, so a content script's work in its isolated world after
 * its first evaluation is not attributed to anyone there; the sampling profiler sees every world of
 * the page's isolate, and each sample's stack says whose code was running.
 */

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples?: number[];
  /** Microseconds between one sample and the one before it. */
  timeDeltas?: number[];
}

export type Owner = 'own' | 'gc' | 'other';

export interface Attribution {
  /** Samples with a frame of `ownUrlPrefix` anywhere on the stack: that code's self time and the native calls it made. */
  ownMs: number;
  /** `(garbage collector)` samples: the isolate's, not attributable to one world. */
  gcMs: number;
  /** Samples running any other script (the page's, the test's probe). */
  otherMs: number;
  /** Self time per function (idle and `(program)` left out), keyed by a readable label. */
  self: Map<string, { ms: number; owner: Owner }>;
}

/**
 * Sums a profile's samples by owner. A sample lasts until the next one (the last one, which has no
 * next, counts nothing), as DevTools reads it.
 */
export function attributeProfile(profile: CpuProfile, ownUrlPrefix: string): Attribution {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const stackOf = (id: number): CallFrame[] => {
    const frames: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!.callFrame);
    return frames;
  };
  const ownerOf = new Map<number, Owner | null>();
  const labelOf = new Map<number, string>();
  for (const node of profile.nodes) {
    const stack = stackOf(node.id);
    const frame = node.callFrame;
    const own = stack.some((f) => f.url.startsWith(ownUrlPrefix));
    const scripted = stack.some((f) => f.url !== '');
    const bookkeeping = frame.functionName === '(idle)' || frame.functionName === '(program)' || frame.functionName === '(root)';
    ownerOf.set(node.id, own ? 'own' : frame.functionName === '(garbage collector)' ? 'gc' : scripted ? 'other' : null);
    if (bookkeeping) continue;
    // A native call (no URL: nextNode, querySelectorAll) is named after the script that made it.
    const caller = stack.find((f) => f.url !== '');
    const where = frame.url
      ? `${fileOf(frame.url)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
      : caller
        ? `(native, from ${fileOf(caller.url)})`
        : '';
    labelOf.set(node.id, `${frame.functionName || '(anonymous)'} ${where}`.trim());
  }

  const result: Attribution = { ownMs: 0, gcMs: 0, otherMs: 0, self: new Map() };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i + 1 < samples.length; i++) {
    const id = samples[i]!;
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const owner = ownerOf.get(id);
    if (owner === 'own') result.ownMs += ms;
    else if (owner === 'gc') result.gcMs += ms;
    else if (owner === 'other') result.otherMs += ms;
    const label = labelOf.get(id);
    if (label === undefined || !owner) continue;
    const entry = result.self.get(label) ?? { ms: 0, owner };
    entry.ms += ms;
    result.self.set(label, entry);
  }
  return result;
}

/** The last path segment of a script URL, with the folder above it: `content-scripts/bi.js`. */
function fileOf(url: string): string {
  return url.replace(/^[a-z-]+:\/\/[^/]*\//, '').split('/').slice(-2).join('/');
}
