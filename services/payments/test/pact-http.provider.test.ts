// Payments keeps what its HTTP consumers recorded (pacts/<consumer>-payments.json): the real app,
// listening on a real port over its own migrated database, verified by pact. Cards are saved through
// payments' own card-saving service (tokenized by the simulated processor) for one customer, whose
// token, from this file's test issuer, replaces the one the pact recorded.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { replaceBearerToken, unhandledStates, verifyPacts } from '@bazaar/contract-testing';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { startKeyServer } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { TIMEOUT_MS, paymentsWith } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

let db: TestDb;
let keys: Awaited<ReturnType<typeof startKeyServer>>;
let app: ServiceApp;
let payments: ReturnType<typeof paymentsWith>;
let providerBaseUrl = '';
const customerId = randomUUID();
let token = '';

before(async () => {
  db = await setUpDatabase('payments_pact_http');
  keys = await startKeyServer();
  payments = paymentsWith(db);
  const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  app = await buildApp({ pool: db.pool, auth, processor: payments.processor, processorTimeoutMs: TIMEOUT_MS, logger: createLogger('payments', 'silent') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  providerBaseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  token = await keys.token(customerId);
});
after(async () => {
  await app?.close();
  await keys?.close();
  await db?.close();
});

const stateHandlers = {
  'the signed-in user has saved a card': async () => {
    await payments.saveCard(customerId);
    return undefined;
  },
};

test('every provider state the HTTP pacts name has a handler', () => {
  // With no handlers at all, every state the pacts name is unhandled: there must be some.
  assert.notDeepEqual(unhandledStates('payments', {}, { kind: 'http' }), [], 'the pacts name provider states');
  assert.deepEqual(unhandledStates('payments', stateHandlers, { kind: 'http' }), []);
});

test('payments keeps the pacts of its HTTP consumers', async () => {
  const results = await verifyPacts({ provider: 'payments', providerBaseUrl, stateHandlers, kind: 'http', verifier: { requestFilter: replaceBearerToken(() => token) } });
  assert.deepEqual(results.map((r) => [r.consumer, r.success, r.error]), [['gateway', true, undefined]]);
});
