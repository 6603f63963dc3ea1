// Proof that catalog's verification can fail: the same database served by catalog's real app as it is,
// and by catalog's real app with an onSend hook that drops `priceMinor` from GET /products/prices (a
// field orders prices every order line with). Orders' pact of record passes against the first and fails
// against the second, on that field and that interaction alone. Outcomes go to a scratch directory,
// never to the real results the can-i-deploy matrix reads.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildMatrix, canIDeploy, verifyPacts, type VerificationResult } from '@bazaar/contract-testing';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { buildApp } from '../src/app.js';
import { addCategory, addProduct, startCatalog, type Harness } from './harness.js';

const DROPPED = 'priceMinor';

let h: Harness;
let breaking: ServiceApp;
const resultsDir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-pact-breaking-'));

const urlOf = (app: ServiceApp) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

/** Catalog answering GET /products/prices without the field, as a careless change to catalog would. */
function dropField(app: ServiceApp): void {
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' || request.routeOptions.url !== '/products/prices' || typeof payload !== 'string') return payload;
    const answer = JSON.parse(payload) as { items: Record<string, unknown>[] };
    for (const product of answer.items) delete product[DROPPED];
    return JSON.stringify(answer);
  });
}

before(async () => {
  h = await startCatalog('pact_breaking');
  breaking = await buildApp({
    pool: h.pool,
    logger: createLogger('catalog', 'silent'),
    verifier: createJwtVerifier({ jwksUrl: h.identity.jwksUrl }),
    publish: h.publish,
    beforeReady: dropField,
  });
  await Promise.all([h.app.listen({ port: 0, host: '127.0.0.1' }), breaking.listen({ port: 0, host: '127.0.0.1' })]);
});
after(async () => {
  await breaking?.close();
  await h?.close();
  rmSync(resultsDir, { recursive: true, force: true });
});

// Orders' provider states, in the one database both apps serve.
const stateHandlers = {
  'a product exists': async () => {
    const { id: categoryId } = await addCategory(h, `lamps-${Date.now()}`);
    return { productId: (await addProduct(h, { categoryId, name: 'Walnut desk lamp', priceMinor: 4900 })).id };
  },
  'no product has the id': async () => undefined,
};

const verifyOrdersPact = async (app: ServiceApp): Promise<VerificationResult> => {
  const results = await verifyPacts({ provider: 'catalog', providerBaseUrl: urlOf(app), stateHandlers, consumers: ['orders'], kind: 'http', resultsDir });
  assert.equal(results.length, 1, 'orders has one HTTP pact with catalog');
  return results[0]!;
};

/** Pact's verdict in the error (a JSON report): which interactions failed, and what pact said of each. */
function failures(error: string | undefined): { interaction: string; mismatches: string[] }[] {
  const report = JSON.parse(error ?? '{}') as { errors?: { interaction: string; mismatch?: { mismatches?: { mismatch: string; path?: string }[] } }[] };
  return (report.errors ?? []).map((e) => ({
    interaction: e.interaction,
    mismatches: (e.mismatch?.mismatches ?? []).map((m) => `${m.path ?? ''} ${m.mismatch}`),
  }));
}

test('catalog as it is keeps orders\' pact', async () => {
  const result = await verifyOrdersPact(h.app);
  assert.deepEqual([result.consumer, result.success, result.error], ['orders', true, undefined]);
  const recorded = JSON.parse(readFileSync(path.join(resultsDir, 'orders-catalog.json'), 'utf8')) as VerificationResult;
  assert.equal(recorded.success, true, 'the outcome is recorded in the scratch directory');
});

test(`catalog without ${DROPPED} in GET /products/prices breaks orders' pact, on that field alone`, async () => {
  const result = await verifyOrdersPact(breaking);
  assert.deepEqual([result.consumer, result.success], ['orders', false]);
  const failed = failures(result.error);
  // The prices of a known product fail; the empty answer for an unknown one, with nothing to drop, still passes.
  assert.deepEqual(failed.map((f) => f.interaction), ['Verifying a pact between orders and catalog Given a product exists - a request for the prices of the products of a cart']);
  assert.ok(failed[0]!.mismatches.length > 0, 'pact names the mismatch');
  for (const mismatch of failed[0]!.mismatches) assert.match(mismatch, new RegExp(`\\b${DROPPED}\\b`), mismatch);
  const recorded = JSON.parse(readFileSync(path.join(resultsDir, 'orders-catalog.json'), 'utf8')) as VerificationResult;
  assert.equal(recorded.success, false, 'the failed outcome is recorded in the scratch directory');
  // And can-i-deploy, reading that outcome, names orders as the consumer this catalog would break.
  const verdict = canIDeploy('catalog', buildMatrix({ resultsDir }));
  assert.equal(verdict.ok, false);
  const ordersRow = verdict.asProvider.find((r) => r.consumer === 'orders');
  assert.equal(ordersRow?.status, 'failed', JSON.stringify(verdict.asProvider));
});
