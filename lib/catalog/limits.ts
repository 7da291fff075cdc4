/**
 * How much text any source may pass on: large texts are cut at the source's edge, before they are
 * kept or can reach a page (a 20 MB description must not travel). One home for every source.
 */
export const MAX_DESCRIPTION_CHARS = 20_000;
export const MAX_COLUMN_DESCRIPTION_CHARS = 2_000;
export const MAX_COLUMNS = 300;
export const MAX_ERROR_CHARS = 2_000;

export function truncateText(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined) return null;
  return text.length <= max ? text : `${text.slice(0, max)}… (truncated)`;
}

