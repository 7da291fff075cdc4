import { useMemo } from 'preact/hooks';
import { sanitizeHtml } from '../lib/format/sanitize-html';

/**
 * A dbt description: HTML the background rendered from Markdown, sanitised here before it touches
 * the page (lib/format/markdown.ts and sanitize-html.ts say what is kept and why).
 */
export function Markdown({ html, className }: { html: string; className?: string }) {
  const safe = useMemo(() => sanitizeHtml(html), [html]);
  return <div class={className} dangerouslySetInnerHTML={{ __html: safe }} />;
}
