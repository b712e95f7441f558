/** import: the plain text of a printed back issue → an issue file (`bulletin import`). */
export { importIssue, type ImportOptions, type ImportProblem, type ImportResult, type PublicationDefaults } from './import.js';
