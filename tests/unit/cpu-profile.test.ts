// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { attributeProfile, type CpuProfile } from '../support/cpu-profile';

const EXT = 'chrome-extension://godpidnacghnldbkgeajmnlhhlepojga/';
const frame = (functionName: string, url = '', lineNumber = 0, columnNumber = 0) => ({ functionName, url, lineNumber, columnNumber });

// The shape Chromium returns for a page with a content script: the root, the engine's own nodes,
// the page's script, and Docent's isolated-world code with a native DOM call under it; a call from
// the page into something of the extension's origin counts as Docent's too (a stack holds it).
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5, 6, 9] },
    { id: 2, callFrame: frame('(program)') },
    { id: 3, callFrame: frame('(idle)') },
    { id: 4, callFrame: frame('(garbage collector)') },
    { id: 5, callFrame: frame('readText', `${EXT}content-scripts/bi.js`, 0, 4120), children: [7] },
    { id: 6, callFrame: frame('render', 'https://app.mode.com/assets/app.js', 9, 2), children: [8] },
    { id: 7, callFrame: frame('nextNode') },
    { id: 8, callFrame: frame('onMessage', `${EXT}content-scripts/bi.js`, 0, 900) },
    // Another extension (or the same origin under another id) is not Docent.
    { id: 9, callFrame: frame('other', 'chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/x.js') },
  ],
  // A sample lasts until the next one; the deltas are in microseconds.
  samples: [2, 5, 7, 7, 8, 6, 4, 4, 3, 9, 3],
  timeDeltas: [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000],
};

describe('attributeProfile', () => {
  const result = attributeProfile(PROFILE, EXT);

  it("sums the samples whose stack holds the extension's own URL: its self time and the native calls it made", () => {
    // readText 2 ms, nextNode 3 + 4 ms, onMessage (under the page's frame) 5 ms.
    expect(result.ownMs).toBeCloseTo(14);
  });

  it('keeps the garbage collector apart and counts other scripts as other', () => {
    expect(result.gcMs).toBeCloseTo(7 + 8);
    // render 6 ms, the other extension 10 ms; the last sample has no duration.
    expect(result.otherMs).toBeCloseTo(16);
  });

  it('labels self time by function, a native call by the script that made it, and leaves idle and (program) out', () => {
    const self = Object.fromEntries([...result.self].map(([label, { ms, owner }]) => [label, [Math.round(ms), owner]]));
    expect(self).toEqual({
      'readText content-scripts/bi.js:1:4121': [2, 'own'],
      'nextNode (native, from content-scripts/bi.js)': [7, 'own'],
      'onMessage content-scripts/bi.js:1:901': [5, 'own'],
      'render assets/app.js:10:3': [6, 'other'],
      '(garbage collector)': [15, 'gc'],
      'other x.js:1:1': [10, 'other'],
    });
  });
});
