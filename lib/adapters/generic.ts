import { defineAdapter, CODE_EDITOR_LINES } from './define';
import { BI_HOST_PATTERNS } from './hosts';

/**
 * The text-only adapter: qualified names anywhere in visible text, code editors by line. It knows
 * no table slots, so a bare name never matches on a page no adapter understands.
 */
export default defineAdapter({
  id: 'generic',
  label: 'Any BI tool (names in text)',
  matches: BI_HOST_PATTERNS,
  tableSlots: [],
  codeLines: CODE_EDITOR_LINES,
});
