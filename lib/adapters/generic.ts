import { defineAdapter, CODE_EDITOR_LINES } from './define';

/**
 * The text-only fallback: qualified names anywhere in visible text, code editors by line. It knows
 * no table slots, so a bare name never matches on a page no adapter understands, no page kinds and
 * no API. It claims no hosts of its own: it reads whatever page no tool adapter claims.
 */
export default defineAdapter({
  id: 'generic',
  label: 'Any BI tool (names in text)',
  matches: [],
  examples: [],
  pageKind: () => 'other',
  tableSlots: [],
  codeLines: CODE_EDITOR_LINES,
  dashboardHeader: [],
});
