/**
 * The token lives in `storage.local` (issue #10: only the background and extension pages hold it).
 * Chrome lets a content script read `storage.local` unless the extension says otherwise; Docent's
 * content scripts never read storage (they ask the background), so the area is closed to them:
 * `setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })`, which Chromium supports for `local` and
 * Firefox only for `session` (MDN, StorageArea.setAccessLevel). Where it is missing or refused,
 * nothing changes and nothing breaks.
 */

export interface AccessLevelArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }) => Promise<void> | void;
}

export type AccessOutcome = 'restricted' | 'unsupported' | 'refused';

export async function keepFromContentScripts(area: AccessLevelArea | undefined): Promise<AccessOutcome> {
  if (typeof area?.setAccessLevel !== 'function') return 'unsupported';
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return 'restricted';
  } catch {
    return 'refused';
  }
}
