/**
 * Large texts are cut before they are kept or can reach a page (a 20 MB description must not
 * travel): the same limits as every source's, from their one home in the catalog.
 */
export { MAX_COLUMNS, MAX_COLUMN_DESCRIPTION_CHARS, MAX_DESCRIPTION_CHARS, MAX_ERROR_CHARS, truncateText } from '../catalog/limits';
