/** The column aliases live in src/tabular/aliases.ts (shared with the what-if page in the browser). */
export { COLUMN_ALIASES, headerKey, headerLookup } from '../tabular/aliases.js';
