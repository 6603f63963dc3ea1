// Shipping keeps what its HTTP consumers recorded (pacts/<consumer>-shipping.json): the real app,
// listening on a real port over its own migrated database, verified by pact. Shipments are created by
// shipping's own handler of the create-shipment command, for one customer whose token, from this
// file's test issuer, replaces the one the pact recorded; the tracking number shipping assigned goes
// back to pact for the request path.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { replaceBearerToken, unhandledStates, verifyPacts } from '@bazaar/contract-testing';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { buildApp } from '../src/app.js';
import { createCommand, shippingWith } from './fixtures.js';
import { published, startKeyServer } from '@bazaar/platform/testing';
import { setUpDatabase, type TestDb } from './support.js';

let db: TestDb;
let keys: Awaited<ReturnType<typeof startKeyServer>>;
let app: ServiceApp;
let providerBaseUrl = '';
const customerId = randomUUID();
let token = '';

before(async () => {
  db = await setUpDatabase('shipping_pact_http');
  keys = await startKeyServer();
  const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  app = await buildApp({ pool: db.pool, auth, logger: createLogger('shipping', 'silent') });
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
  'the signed-in user has a shipment': async () => {
    const command = createCommand({ userId: customerId });
    await shippingWith(db).create(command);
    const [reply] = await published(db.pool, command.orderId);
    assert.equal(reply?.type, 'shipment.created');
    return { trackingNumber: reply.payload.trackingNumber as string };
  },
};

test('every provider state the HTTP pacts name has a handler', () => {
  // With no handlers at all, every state the pacts name is unhandled: there must be some.
  assert.notDeepEqual(unhandledStates('shipping', {}, { kind: 'http' }), [], 'the pacts name provider states');
  assert.deepEqual(unhandledStates('shipping', stateHandlers, { kind: 'http' }), []);
});

test('shipping keeps the pacts of its HTTP consumers', async () => {
  const results = await verifyPacts({ provider: 'shipping', providerBaseUrl, stateHandlers, kind: 'http', verifier: { requestFilter: replaceBearerToken(() => token) } });
  assert.deepEqual(results.map((r) => [r.consumer, r.success, r.error]), [['gateway', true, undefined]]);
});
