/**
 * The doc card's own styles, rendered inside its shadow root. Every selector starts with
 * `.docent-card` so the sheet is harmless even if it ever lands outside one. Sizes are px/em, never
 * rem: a page may set its root font size to 10px, and rem would follow the page, not the reader.
 * `all: initial` cuts the inheritance that crosses the shadow boundary (font, colour, line height,
 * text alignment of the dashboard cell the badge sits in).
 * Dark follows the page's own theme where the badge sits (`data-theme`, which the overlay reads
 * from the page's computed background), else the reader's `prefers-color-scheme`.
 */
export const DOC_CARD_CSS = `
.docent-card {
  all: initial;
  display: block;
  box-sizing: border-box;
  width: 420px;
  max-width: calc(100vw - 16px);
  /* --docent-card-max-height is the room Floating UI found beside the badge (lib/overlay/card.tsx). */
  max-height: min(520px, var(--docent-card-max-height, calc(100vh - 16px)));
  overflow: auto;
  overscroll-behavior: contain;
  padding: 12px 14px;
  background: #ffffff;
  color: #1f2328;
  border: 1px solid #d0d7de;
  border-radius: 8px;
  box-shadow: 0 8px 24px rgba(31, 35, 40, 0.2);
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  text-align: left;
  overflow-wrap: anywhere;
}
.docent-card *, .docent-card *::before, .docent-card *::after { box-sizing: border-box; }
.docent-card :focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.docent-card a { color: #0969da; text-decoration: underline; }
.docent-card a:not([href]) { color: inherit; text-decoration: none; }
.docent-card code, .docent-card pre {
  font: 0.92em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
.docent-card-head { display: flex; align-items: center; gap: 8px; }
.docent-card-name { margin: 0; font-size: 1.15em; font-weight: 600; flex: 0 1 auto; min-width: 0; }
.docent-card-head .docent-card-type { margin-right: auto; }
.docent-card-type {
  font-size: 0.85em; color: #59636e; border: 1px solid #d0d7de; border-radius: 10px; padding: 0 6px;
}
.docent-card-close {
  flex: none; width: 24px; height: 24px; padding: 0; border: 0; border-radius: 4px;
  background: transparent; color: #59636e; font: inherit; font-size: 18px; line-height: 1; cursor: pointer;
}
.docent-card-close:hover { background: #eff2f5; color: #1f2328; }
.docent-card-relation { margin: 2px 0 0; color: #59636e; }
.docent-card-verdict { margin: 8px 0 0; font-weight: 600; }
.docent-card-head .docent-card-verdict { margin: 0; flex: none; }
.docent-card-verdict-healthy { color: #1a7f37; }
.docent-card-verdict-caution { color: #9a6700; }
.docent-card-verdict-degraded { color: #cf222e; }
.docent-card-verdict-unknown { color: #59636e; }
.docent-card ul { margin: 4px 0 0; padding: 0; list-style: none; }
.docent-card li { display: flex; gap: 6px; align-items: baseline; margin: 2px 0; }
.docent-card li > .docent-health { position: relative; top: 2px; }
.docent-card-section { margin-top: 12px; padding-top: 8px; border-top: 1px solid #eaeef2; }
.docent-card-h { margin: 0 0 4px; font-size: 0.8em; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; color: #59636e; }
.docent-card-muted { color: #59636e; margin: 0; }
.docent-card-status { margin: 10px 0 0; color: #59636e; font-style: italic; }
.docent-card-failure { margin: 10px 0 0; color: #cf222e; }
.docent-card-md { max-width: 100%; }
.docent-card-md p, .docent-card-md ul, .docent-card-md ol, .docent-card-md pre, .docent-card-md blockquote, .docent-card-md table { margin: 0 0 6px; }
.docent-card-md ul, .docent-card-md ol { padding-left: 1.4em; list-style: revert; }
.docent-card-md li { display: list-item; }
.docent-card-md h1, .docent-card-md h2, .docent-card-md h3, .docent-card-md h4, .docent-card-md h5, .docent-card-md h6 { font-size: 1em; margin: 6px 0 2px; }
.docent-card-md pre { overflow: auto; padding: 6px; background: #f6f8fa; border-radius: 4px; }
.docent-card-md table { border-collapse: collapse; display: block; overflow: auto; }
.docent-card-md th, .docent-card-md td { border: 1px solid #d0d7de; padding: 2px 4px; }
.docent-card-md blockquote { padding-left: 8px; border-left: 3px solid #d0d7de; color: #59636e; }
.docent-card-clamped { max-height: 9em; overflow: hidden; -webkit-mask-image: linear-gradient(#000 70%, transparent); mask-image: linear-gradient(#000 70%, transparent); }
.docent-card-more { margin-top: 4px; padding: 0; border: 0; background: none; color: #0969da; font: inherit; cursor: pointer; text-decoration: underline; }
.docent-card-columns li { display: block; }
.docent-card-column { margin-top: 8px; }
.docent-card-column-name { margin: 0 0 2px; }
.docent-card-col-type { color: #59636e; margin-left: 6px; }
.docent-card-col-desc { color: #1f2328; margin-left: 0; }
.docent-card-col-desc p { margin: 0; }
.docent-card dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
.docent-card dt { color: #59636e; }
.docent-card dd { margin: 0; min-width: 0; }
.docent-card-run-error { display: block; margin-top: 2px; color: #cf222e; white-space: pre-wrap; }
.docent-card-explorer { display: inline-block; margin-top: 12px; font-weight: 600; }
.docent-card-relation { display: flex; align-items: center; gap: 6px; }
.docent-card-relation code { min-width: 0; overflow-wrap: anywhere; }
.docent-card-project { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 40%; }
.docent-card-candidates .docent-card-project { max-width: none; white-space: normal; }
.docent-card-candidates li { display: flex; align-items: baseline; gap: 6px; }
.docent-card-candidate { flex: 1 1 auto; min-width: 0; }
.docent-card-choose, .docent-card-back {
  flex: none; padding: 1px 8px; border: 1px solid #d0d7de; border-radius: 4px;
  background: transparent; color: #0969da; font: inherit; font-size: 0.92em; cursor: pointer;
}
.docent-card-back { margin: 0 0 6px; }
.docent-card-other-projects { margin: 6px 0 0; padding-left: 18px; color: #59636e; font-size: 0.92em; }
.docent-card-choose:hover, .docent-card-back:hover { background: #eff2f5; }
.docent-card-copy {
  flex: none; padding: 0 6px; border: 1px solid #d0d7de; border-radius: 4px; background: #f6f8fa;
  color: #1f2328; font: inherit; font-size: 0.85em; line-height: 1.6; cursor: pointer;
}
.docent-card-copy:hover { background: #eff2f5; }
.docent-card-asof { margin: 4px 0 0; color: #59636e; font-size: 0.92em; }
.docent-card-top { margin-top: 6px; }
.docent-card-reason-detail { margin-top: 2px; }
.docent-card-reason-detail summary { cursor: pointer; color: #59636e; font-size: 0.92em; }
.docent-card-reason-detail pre { margin: 2px 0 0; padding: 4px 6px; background: #f6f8fa; border-radius: 4px; white-space: pre-wrap; }
.docent-card-facts { margin-top: 6px; }
.docent-card-facts ul { margin: 0; }
.docent-card ul.docent-card-inline { margin: 0; }
.docent-card-inline li { display: inline-flex; margin: 0 10px 0 0; gap: 4px; }
.docent-card-inline li > .docent-health { top: 1px; }
.docent-card-facts dd { line-height: 1.4; }
.docent-card-upstream-models { margin-top: 4px; }
.docent-card-filter {
  display: block; width: 100%; margin: 2px 0 4px; padding: 3px 6px; border: 1px solid #d0d7de;
  border-radius: 4px; background: #ffffff; color: #1f2328; font: inherit;
}
.docent-card-about { margin: 0; }
.docent-card[data-theme="dark"] { background: #161b22; color: #e6edf3; border-color: #30363d; box-shadow: 0 8px 24px rgba(1, 4, 9, 0.6); }
.docent-card[data-theme="dark"] a, .docent-card[data-theme="dark"] .docent-card-more { color: #4493f8; }
.docent-card[data-theme="dark"] .docent-card-relation, .docent-card[data-theme="dark"] .docent-card-muted, .docent-card[data-theme="dark"] .docent-card-status, .docent-card[data-theme="dark"] .docent-card-h, .docent-card[data-theme="dark"] dt, .docent-card[data-theme="dark"] .docent-card-type, .docent-card[data-theme="dark"] .docent-card-col-type, .docent-card[data-theme="dark"] .docent-card-close, .docent-card[data-theme="dark"] .docent-card-asof { color: #9198a1; }
.docent-card[data-theme="dark"] .docent-card-col-desc { color: #e6edf3; }
.docent-card[data-theme="dark"] .docent-card-section, .docent-card[data-theme="dark"] .docent-card-type, .docent-card[data-theme="dark"] .docent-card-top { border-color: #30363d; }
.docent-card[data-theme="dark"] .docent-card-close:hover, .docent-card[data-theme="dark"] .docent-card-copy:hover { background: #21262d; color: #e6edf3; }
.docent-card[data-theme="dark"] .docent-card-md pre, .docent-card[data-theme="dark"] .docent-card-reason-detail pre { background: #0d1117; }
.docent-card[data-theme="dark"] .docent-card-verdict-healthy { color: #3fb950; }
.docent-card[data-theme="dark"] .docent-card-verdict-caution { color: #d29922; }
.docent-card[data-theme="dark"] .docent-card-verdict-degraded, .docent-card[data-theme="dark"] .docent-card-failure { color: #f85149; }
.docent-card[data-theme="dark"] .docent-card-verdict-unknown { color: #9198a1; }
.docent-card[data-theme="dark"] .docent-card-copy, .docent-card[data-theme="dark"] .docent-card-filter { background: #0d1117; color: #e6edf3; border-color: #30363d; }
@media (prefers-color-scheme: dark) {
  .docent-card:not([data-theme]) { background: #161b22; color: #e6edf3; border-color: #30363d; box-shadow: 0 8px 24px rgba(1, 4, 9, 0.6); }
  .docent-card:not([data-theme]) a, .docent-card:not([data-theme]) .docent-card-more { color: #4493f8; }
  .docent-card:not([data-theme]) .docent-card-relation, .docent-card:not([data-theme]) .docent-card-muted, .docent-card:not([data-theme]) .docent-card-status, .docent-card:not([data-theme]) .docent-card-h, .docent-card:not([data-theme]) dt, .docent-card:not([data-theme]) .docent-card-type, .docent-card:not([data-theme]) .docent-card-col-type, .docent-card:not([data-theme]) .docent-card-close, .docent-card:not([data-theme]) .docent-card-asof { color: #9198a1; }
  .docent-card:not([data-theme]) .docent-card-col-desc { color: #e6edf3; }
  .docent-card:not([data-theme]) .docent-card-section, .docent-card:not([data-theme]) .docent-card-type, .docent-card:not([data-theme]) .docent-card-top { border-color: #30363d; }
  .docent-card:not([data-theme]) .docent-card-close:hover, .docent-card:not([data-theme]) .docent-card-copy:hover { background: #21262d; color: #e6edf3; }
  .docent-card:not([data-theme]) .docent-card-md pre, .docent-card:not([data-theme]) .docent-card-reason-detail pre { background: #0d1117; }
  .docent-card:not([data-theme]) .docent-card-verdict-healthy { color: #3fb950; }
  .docent-card:not([data-theme]) .docent-card-verdict-caution { color: #d29922; }
  .docent-card:not([data-theme]) .docent-card-verdict-degraded, .docent-card:not([data-theme]) .docent-card-failure { color: #f85149; }
  .docent-card:not([data-theme]) .docent-card-verdict-unknown { color: #9198a1; }
  .docent-card:not([data-theme]) .docent-card-copy, .docent-card:not([data-theme]) .docent-card-filter { background: #0d1117; color: #e6edf3; border-color: #30363d; }
}
`;
