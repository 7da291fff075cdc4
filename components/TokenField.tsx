/**
 * The service token field. A token already saved never goes back into the page (issue #10): the
 * field shows that one is saved, and "Replace" opens it empty for a new one. Show/Hide only ever
 * reveals what the person is typing now. A token set by the administrator is never shown either.
 */
import { useSignal } from '@preact/signals';
import { Field } from './Field';

export const SAVED_TOKEN_PLACEHOLDER = '•••••••••••• saved';

export interface TokenFieldProps {
  value: string;
  onInput(value: string): void;
  locked: boolean;
  /** A token is saved in this browser: the field stays closed until Replace. */
  saved: boolean;
  replacing: boolean;
  onReplace(): void;
  error?: string | null;
  warning?: string | null;
}

export function TokenField(props: TokenFieldProps) {
  const show = useSignal(false);
  const closed = props.locked || (props.saved && !props.replacing);
  const hint = props.locked
    ? 'Your administrator set the service token; Docent never shows it.'
    : closed
      ? 'A service token is saved in this browser. Docent never shows it again: choose Replace to enter a new one.'
      : 'A service token with the Metadata Only permission (Account settings → Service tokens). It stays in this browser and is sent only to dbt.';
  return (
    <Field
      id="serviceToken"
      label="Service token"
      type={show.value && !closed ? 'text' : 'password'}
      value={closed ? '' : props.value}
      onInput={props.onInput}
      placeholder={props.locked ? '••••••••••••' : closed ? SAVED_TOKEN_PLACEHOLDER : 'dbtc_…'}
      locked={props.locked}
      readOnly={closed && !props.locked}
      error={props.error}
      warning={props.warning}
      hint={hint}
      after={
        closed ? (
          !props.locked && (
            <button
              type="button"
              class="docent-secondary"
              onClick={() => {
                props.onReplace();
                setTimeout(() => document.getElementById('serviceToken')?.focus(), 0);
              }}
            >
              Replace
            </button>
          )
        ) : (
          <button
            type="button"
            class="docent-secondary"
            aria-controls="serviceToken"
            aria-pressed={show.value}
            onClick={() => (show.value = !show.value)}
          >
            {show.value ? 'Hide' : 'Show'}
          </button>
        )
      }
    />
  );
}
