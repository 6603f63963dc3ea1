import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { buildApiDocuments, SERVICES, type OpenApiDocument } from '../src/api-lint-documents.js';
import { judge, lintDocuments, readAllowed, type Finding, type LintReport } from '../src/api-lint.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const show = (findings: Finding[]) => findings.map((f) => `${f.document} ${f.rule} ${f.path}: ${f.message}`).join('\n');

/**
 * Every API document Bazaar serves (each service's, the gateway's own and the merged one), linted with
 * Spectral's oas ruleset and the OWASP API Security ruleset: no error, and no warning that the reviewed
 * list (tools/api-lint.allowed.json) does not name with its reason.
 */
describe('API documents', () => {
  let documents: Map<string, OpenApiDocument>;
  let report: LintReport;
  before(async () => {
    documents = await buildApiDocuments();
    report = judge(await lintDocuments(documents), readAllowed());
  });

  test('every service, the flag store, the gateway and the merged document are linted', () => {
    assert.deepEqual([...documents.keys()].sort(), [...SERVICES, 'flags', 'gateway', 'merged'].sort());
  });

  test('no document has a lint error', () => {
    assert.deepEqual(report.errors, [], `errors (npm run lint:api):\n${show(report.errors)}`);
  });

  test('every warning is in the reviewed list, and every entry there still matches one', () => {
    assert.deepEqual(report.unlisted, [], `warnings not in tools/api-lint.allowed.json:\n${show(report.unlisted)}`);
    assert.deepEqual(report.stale, [], 'entries of tools/api-lint.allowed.json that match no warning any more: remove them');
  });

  test('every operation has an operationId, unique in its document (generated clients name their calls by it)', () => {
    for (const [name, document] of documents) {
      const seen = new Set<string>();
      for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Record<string, { operationId?: string }>>)) {
        for (const method of METHODS.filter((m) => item[m])) {
          const id = item[method]!.operationId;
          assert.match(String(id), /^[a-z][A-Za-z0-9]*$/, `${name}: ${method.toUpperCase()} ${path}`);
          assert.ok(!seen.has(id!), `${name}: operationId ${id} is used twice`);
          seen.add(id!);
        }
      }
    }
  });
});

test('the judge refuses an error, an unlisted warning and a stale entry', () => {
  const finding = (severity: Finding['severity'], rule: string, path: string): Finding => ({ document: 'identity', severity, rule, path, message: '' });
  const report = judge(
    [finding('error', 'a', 'paths./x'), finding('warning', 'b', 'paths./x'), finding('warning', 'c', 'paths./y.get')],
    [
      { rule: 'c', document: 'identity|orders', pattern: 'paths\\./y\\..+', reason: 'reviewed' },
      { rule: 'b', document: 'orders', path: 'paths./x', reason: 'another document' },
    ],
  );
  assert.deepEqual(report.errors.map((f) => f.rule), ['a']);
  assert.deepEqual(report.unlisted.map((f) => f.rule), ['b']);
  assert.deepEqual(report.stale.map((e) => e.document), ['orders']);
});
