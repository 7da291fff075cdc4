import { useMemo } from 'preact/hooks';
import { renderMarkdown } from '../lib/catalog/markdown';

/** A dbt description as sanitised HTML (see lib/catalog/markdown.ts for what is kept and why). */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
