// Every service that sends or receives messages copies the kit's outbox and inbox tables
// (packages/platform/sql/messaging.sql) into a numbered migration of its own, unchanged: the kit's
// relay and consumer rely on exactly those tables, columns, indexes and trigger. The copies are
// compared byte for byte, so one edited in a single service fails here instead of drifting silently.
// A change to the template is shipped as a new migration in every service, never by editing a copy:
// the first such change, the in-process relay wake-up (messaging-wake.sql), is checked the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../src/services.js';

/** Each kit template and the name of a service's copy of it. */
const TEMPLATES = [
  { template: 'packages/platform/sql/messaging.sql', copy: /^\d{4}_messaging\.sql$/ },
  { template: 'packages/platform/sql/messaging-wake.sql', copy: /^\d{4}_messaging_wake\.sql$/ },
];

interface Difference { line: number; expected: string | undefined; found: string | undefined }

/** The first line (1-based) where two texts differ, or undefined if they are identical. */
function firstDifference(expected: string, found: string): Difference | undefined {
  if (expected === found) return undefined;
  const want = expected.split('\n');
  const got = found.split('\n');
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] !== got[i]) return { line: i + 1, expected: want[i], found: got[i] };
  }
  return undefined;
}

const shown = (line: string | undefined) => (line === undefined ? '(end of file)' : JSON.stringify(line));

const servicesDir = path.join(repoRoot, 'services');
const services = readdirSync(servicesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(servicesDir, entry.name, 'migrations')))
  .map((entry) => entry.name);

for (const { template: TEMPLATE, copy: COPY } of TEMPLATES) {
  const template = readFileSync(path.join(repoRoot, TEMPLATE), 'utf8');
  const copies = services
    .map((service) => ({ service, files: readdirSync(path.join(servicesDir, service, 'migrations')).filter((file) => COPY.test(file)).sort() }))
    .filter((s) => s.files.length > 0);

  test(`services copy ${TEMPLATE} once each, as one migration`, () => {
    assert.ok(copies.length > 0, `no services/<name>/migrations/ copy of ${TEMPLATE} found: nothing would be compared with it`);
    for (const { service, files } of copies) {
      assert.equal(files.length, 1, `${service} has ${files.length} copies of ${TEMPLATE} (${files.join(', ')}): a change to the template is a new migration under its own name`);
    }
  });

  for (const { service, files } of copies) {
    for (const file of files) {
      test(`${service}: migrations/${file} is the kit's ${path.basename(TEMPLATE)}, unchanged`, () => {
        const relative = `services/${service}/migrations/${file}`;
        const difference = firstDifference(template, readFileSync(path.join(repoRoot, relative), 'utf8'));
        if (difference) {
          assert.fail(`${relative} differs from ${TEMPLATE} at line ${difference.line}:\n`
            + `  template: ${shown(difference.expected)}\n  ${service}: ${shown(difference.found)}\n`
            + `copy the template unchanged; change the template (and ship the change as a new migration in every service) instead`);
        }
      });
    }
  }
}
