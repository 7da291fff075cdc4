import { useEffect, useState } from 'preact/hooks';

/** How long "Copied" shows before the button reads as a button again. */
const CONFIRM_MS = 1_500;

/**
 * Copies `text` to the clipboard. A content script may write the clipboard on a user's click
 * (the page's permission policy allowing); when it cannot, the button says so instead of failing
 * silently. The outcome is announced (`aria-live`) for screen readers.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () => {
    const clipboard = globalThis.navigator?.clipboard;
    if (!clipboard) return setState('failed');
    clipboard.writeText(text).then(() => setState('copied'), () => setState('failed'));
  };
  return (
    <button type="button" class="docent-card-copy" aria-label={label} title={label} onClick={copy}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}</span>
    </button>
  );
}
