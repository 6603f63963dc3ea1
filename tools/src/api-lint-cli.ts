/**
 * `npm run lint:api`: builds every API document in-process (api-lint-documents.ts) and lints it
 * (api-lint.ts). Prints each document's errors and warnings; exits 1 on any error, any warning not
 * in tools/api-lint.allowed.json, or any entry there that no longer matches a warning.
 */
import { buildApiDocuments } from './api-lint-documents.js';
import { formatReport, judge, lintDocuments, readAllowed } from './api-lint.js';

const documents = await buildApiDocuments();
const allowed = readAllowed();
const report = judge(await lintDocuments(documents), allowed);
console.log(formatReport(report, [...documents.keys()], allowed));
process.exit(report.errors.length || report.unlisted.length || report.stale.length ? 1 : 0);
