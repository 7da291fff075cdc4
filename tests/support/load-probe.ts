/**
 * What the overlay-load benchmark runs inside the page, as strings: tsx's keep-names helper
 * (`__name`) does not exist in the page, so these are never compiled functions.
 *
 * PROBE is an init script (it runs before the page's own code): it records long tasks, and from
 * DOMContentLoaded on, when each `docent-badge` element enters the page. It touches no layout while
 * the page loads; where badges sit is read only in `report()`, after the figures are taken.
 */
export const PROBE = `(() => {
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const badgeTimes = new Map();
  const watch = () => {
    new MutationObserver((records) => {
      const now = performance.now();
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.localName === 'docent-badge' && !badgeTimes.has(node)) badgeTimes.set(node, now);
        }
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch, { once: true });
  else watch();
  window.__docentProbe = {
    badgeCount: () => document.querySelectorAll('docent-badge').length,
    report() {
      const nav = performance.getEntriesByType('navigation')[0];
      const dcl = nav ? nav.domContentLoadedEventStart : 0;
      const badges = [...document.querySelectorAll('docent-badge')];
      const times = badges.map((badge) => badgeTimes.get(badge)).filter((t) => t !== undefined);
      const inView = badges.filter((badge) => {
        const box = badge.getBoundingClientRect();
        return box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
      });
      const viewTimes = inView.map((badge) => badgeTimes.get(badge)).filter((t) => t !== undefined);
      const keys = badges.map((badge) => badge.getAttribute('data-key'));
      const after = longTasks.filter((task) => task.start >= dcl);
      return {
        domContentLoaded: dcl,
        load: nav ? nav.loadEventStart : 0,
        longTasksAfterDcl: after.filter((task) => task.duration > 50).map((task) => task.duration),
        badges: badges.length,
        keys,
        badgesInView: inView.length,
        firstBadge: times.length ? Math.min(...times) : null,
        firstBadgeInView: viewTimes.length ? Math.min(...viewTimes) : null,
        allBadges: times.length ? Math.max(...times) : null,
      };
    },
    /** Appends one results row naming \`name\`; returns when it was appended. */
    appendRow(name) {
      const row = document.createElement('tr');
      for (const text of ['0', 'EMEA', name, '1.00']) row.insertCell().textContent = text;
      document.querySelector('.results-table tbody').append(row);
      return performance.now();
    },
    badgeTimeFor(key) {
      const badge = [...document.querySelectorAll('docent-badge')].find((b) => b.getAttribute('data-key') === key);
      return badge ? (badgeTimes.get(badge) ?? null) : null;
    },
  };
})();`;

/**
 * The floor Docent is measured against: one TreeWalker pass over the body's text nodes with one
 * regular-expression test each (does the text hold something dotted that could start a name?).
 * Evaluates to { ms, texts, hits, nodes }.
 */
export const BARE_PASS = `(() => {
  const dotted = /[A-Za-z_"\`\\[][\\w$"\`\\]]*\\.[A-Za-z_"\`\\[]/;
  const started = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let texts = 0;
  let hits = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    texts += 1;
    if (dotted.test(node.data)) hits += 1;
  }
  const ms = performance.now() - started;
  const all = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  let nodes = 0;
  while (all.nextNode()) nodes += 1;
  return { ms, texts, hits, nodes };
})()`;
