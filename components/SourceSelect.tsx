/** The options page's **Source** choice: dbt Cloud (Discovery API) or dbt Core artifacts. */
import { artifactsOriginPatterns, parseArtifactsUrl } from '../lib/config/artifacts-location';
import { LOCKED_NOTE } from './Field';
import type { FormValues } from './OptionsFormValues';

export function SourceSelect(props: { value: string; onChange(value: string): void; locked: boolean }) {
  return (
    <div class={`docent-field${props.locked ? ' is-locked' : ''}`}>
      <label for="source">Source</label>
      <div class="docent-field-row">
        <select
          id="source"
          name="source"
          value={props.value}
          disabled={props.locked}
          aria-describedby={props.locked ? 'source-hint source-locked' : 'source-hint'}
          onChange={(event) => props.onChange((event.currentTarget as HTMLSelectElement).value)}
        >
          <option value="cloud">dbt Cloud</option>
          <option value="artifacts">dbt Core artifacts</option>
        </select>
      </div>
      <p id="source-hint" class="docent-hint">
        dbt Cloud: read through its Discovery API with a service token. dbt Core: read the artifacts your runs write (manifest.json and the rest).
      </p>
      {props.locked && (
        <p id="source-locked" class="docent-locked">
          {LOCKED_NOTE}
        </p>
      )}
    </div>
  );
}

/** The artifacts hosts Save must ask permission for (none for dbt Cloud, files on disk or a bad URL). */
export function artifactsPermissionPatterns(values: FormValues): string[] {
  if (values.source !== 'artifacts' || !values.artifactsUrl.trim()) return [];
  const urls = parseArtifactsUrl(values.artifactsUrl);
  return urls.ok ? artifactsOriginPatterns(urls.value) : [];
}
