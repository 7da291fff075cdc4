/**
 * The part of the doc card a column marker opens it at (lib/overlay/column-markers.ts): that
 * column's name, type and description, above the model's own facts.
 */
import type { ModelDetails } from '../lib/catalog/types';
import { Markdown } from './Markdown';

export function DocCardColumn({ name, details }: { name: string; details: ModelDetails | null }) {
  const doc = details?.columns.find((column) => column.name.toLowerCase() === name.toLowerCase());
  return (
    <section class="docent-card-section docent-card-column" aria-label={`Column ${name}`}>
      <h3 class="docent-card-h">Column</h3>
      <p class="docent-card-column-name">
        <code>{doc?.name ?? name}</code>
        {doc?.type && <span class="docent-card-col-type">{doc.type}</span>}
      </p>
      {doc?.description?.trim() && doc.descriptionHtml ? (
        <Markdown html={doc.descriptionHtml} className="docent-card-md" />
      ) : (
        details && <p class="docent-card-muted">No description.</p>
      )}
    </section>
  );
}
