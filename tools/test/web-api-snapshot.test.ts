// The web app's API types come from a committed snapshot of the gateway's merged OpenAPI document
// (apps/web/src/api/openapi.json and the schema.d.ts generated from it). This fails when a service
// or the gateway has changed its API since: run `npm run api:generate -w apps/web` and commit both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readApiSnapshot, renderApiSnapshot } from '../../apps/web/scripts/api-snapshot.js';

test("the web app's API snapshot is the gateway's API as the code describes it now", { timeout: 120_000 }, async () => {
  const now = await renderApiSnapshot();
  const committed = readApiSnapshot();
  const fix = 'stale: run `npm run api:generate -w apps/web` and commit apps/web/src/api';
  assert.ok(now.document === committed.document, `apps/web/src/api/openapi.json is ${fix}`);
  assert.ok(now.types === committed.types, `apps/web/src/api/schema.d.ts is ${fix}`);
});
