import type { StatusDescription } from './status-text';

/**
 * The page's one live region. It always shows the current sync state (docs/architecture.md
 * "Status"); `polite` so that progress updates never interrupt someone typing.
 */
export function OptionsStatus({ description }: { description: StatusDescription }) {
  return (
    <div role="status" aria-live="polite" class={`docent-status tone-${description.tone}`} data-tone={description.tone}>
      <p class="docent-status-headline">{description.headline}</p>
      {description.detail && <p class="docent-status-detail">{description.detail}</p>}
    </div>
  );
}
