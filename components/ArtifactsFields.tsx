/**
 * The options page's dbt Core part: where the artifacts are published (Artifacts URL, an optional
 * Request header) or which files on disk to read. Files are kept in this browser's IndexedDB at
 * the moment they are chosen; the URL's host permission is asked for when Save is pressed.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ARTIFACT_FILE_NAMES } from '../lib/config/artifacts-location';
import { Field } from './Field';

export interface ArtifactFilesDeps {
  /** The names of the artifact files kept from an earlier choice. */
  listArtifactFiles(): Promise<string[]>;
  /** Keeps the chosen files that are dbt artifacts; answers which were kept and which ignored. */
  saveArtifactFiles(files: File[]): Promise<{ saved: string[]; ignored: string[] }>;
}

export interface ArtifactsFieldsProps {
  url: string;
  header: string;
  onUrl(value: string): void;
  onHeader(value: string): void;
  urlLocked: boolean;
  headerLocked: boolean;
  errors: { artifactsUrl?: string; artifactsHeader?: string };
  files: ArtifactFilesDeps;
}

export function ArtifactsFields(props: ArtifactsFieldsProps) {
  const showHeader = useSignal(false);
  const chosen = useSignal<string[] | null>(null);
  const fileNote = useSignal<string | null>(null);

  useEffect(() => {
    void props.files.listArtifactFiles().then((names) => (chosen.value = names), () => (chosen.value = []));
  }, []);

  async function onFiles(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    try {
      const { saved, ignored } = await props.files.saveArtifactFiles(files);
      if (saved.length > 0) chosen.value = saved;
      fileNote.value = [
        saved.length === 0 ? `None of these is a dbt artifact (${ARTIFACT_FILE_NAMES.join(', ')}).` : null,
        ignored.length > 0 ? `Ignored: ${ignored.join(', ')}.` : null,
        saved.length > 0 && !saved.includes('manifest.json') ? 'manifest.json is needed too.' : null,
      ].filter(Boolean).join(' ') || null;
    } catch (error) {
      fileNote.value = `Could not keep the files in this browser: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  return (
    <fieldset>
      <legend>dbt Core artifacts</legend>
      <Field
        id="artifactsUrl"
        label="Artifacts URL"
        value={props.url}
        onInput={props.onUrl}
        inputMode="url"
        placeholder="https://docs.acme.com/dbt/target/"
        locked={props.urlLocked}
        error={props.errors.artifactsUrl}
        hint="Where manifest.json, run_results.json, catalog.json and sources.json are published (your dbt docs site or a bucket), or one URL per file separated by spaces. Leave it empty to use the files chosen below."
      />
      <Field
        id="artifactsHeader"
        label="Request header"
        type={showHeader.value ? 'text' : 'password'}
        value={props.header}
        onInput={props.onHeader}
        placeholder={props.headerLocked ? '••••••••••••' : 'Authorization: Bearer …'}
        locked={props.headerLocked}
        error={props.errors.artifactsHeader}
        hint="Optional. One header sent with every artifacts request, for a private bucket or docs site. It stays in this browser and is sent only to the artifacts host."
        after={
          <button
            type="button"
            class="docent-secondary"
            aria-controls="artifactsHeader"
            aria-pressed={showHeader.value}
            disabled={props.headerLocked}
            onClick={() => (showHeader.value = !showHeader.value)}
          >
            {showHeader.value ? 'Hide' : 'Show'}
          </button>
        }
      />
      <div class="docent-field">
        <label for="artifactFiles">Artifact files</label>
        <div class="docent-field-row">
          <input id="artifactFiles" type="file" multiple accept=".json,application/json" aria-describedby="artifactFiles-hint" onChange={onFiles} />
        </div>
        <p id="artifactFiles-hint" class="docent-hint" aria-live="polite">
          {chosen.value && chosen.value.length > 0
            ? `Kept in this browser: ${chosen.value.join(', ')}. Choose again to replace them.`
            : 'Or choose manifest.json and the other artifacts from your dbt project’s target/ folder.'}
          {fileNote.value ? ` ${fileNote.value}` : ''}
        </p>
      </div>
    </fieldset>
  );
}
