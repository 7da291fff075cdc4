import type { ComponentChildren } from 'preact';

export interface FieldProps {
  id: string;
  /** The accessible name; kept exact ("Access URL") because people and tests look fields up by it. */
  label: string;
  value: string;
  onInput(value: string): void;
  type?: 'text' | 'password' | 'number';
  hint?: ComponentChildren;
  error?: string | null;
  warning?: string | null;
  /** Set by managed policy: shown, not editable. */
  locked?: boolean;
  /** Shown and focusable, not editable (a saved token before Replace). */
  readOnly?: boolean;
  placeholder?: string;
  inputMode?: 'text' | 'numeric' | 'url';
  autoComplete?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  /** Controls drawn beside the input, such as the token's Show button. */
  after?: ComponentChildren;
}

export const LOCKED_NOTE = 'Set by your administrator';

/** A labelled input whose hint, lock note, error and warning are all announced with it. */
export function Field(props: FieldProps) {
  const { id, label, value, onInput, type = 'text', hint, error, warning, locked = false } = props;
  const describedBy = [
    hint ? `${id}-hint` : null,
    locked ? `${id}-locked` : null,
    error ? `${id}-error` : null,
    warning ? `${id}-warning` : null,
  ].filter(Boolean);

  return (
    <div class={`docent-field${error ? ' is-invalid' : ''}${locked ? ' is-locked' : ''}`}>
      <label for={id}>{label}</label>
      <div class="docent-field-row">
        <input
          id={id}
          name={id}
          type={type}
          value={value}
          disabled={locked}
          readOnly={props.readOnly}
          placeholder={props.placeholder}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete ?? 'off'}
          spellcheck={false}
          min={props.min}
          max={props.max}
          step={props.step}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
          onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)}
        />
        {props.after}
      </div>
      {hint && (
        <p id={`${id}-hint`} class="docent-hint">
          {hint}
        </p>
      )}
      {locked && (
        <p id={`${id}-locked`} class="docent-locked">
          {LOCKED_NOTE}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="docent-error">
          {error}
        </p>
      )}
      {warning && (
        <p id={`${id}-warning`} class="docent-warning">
          {warning}
        </p>
      )}
    </div>
  );
}
