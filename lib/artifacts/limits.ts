/**
 * Large texts are cut before they are kept or can reach a page (a 20 MB description must not
 * travel): the same limits as the Discovery source's, from their one home.
 */
export { MAX_COLUMNS, MAX_COLUMN_DESCRIPTION_CHARS, MAX_DESCRIPTION_CHARS, MAX_ERROR_CHARS, truncateText } from '../discovery/map';
