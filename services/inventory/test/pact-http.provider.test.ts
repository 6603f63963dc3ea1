// Inventory keeps what its HTTP consumers recorded (pacts/<consumer>-inventory.json): the real app,
// listening on a real port over its own migrated database, verified by pact. Stock is received through
// inventory's own stock service; every route is for admins, so an admin's token from this file's test
// issuer replaces the one the pact recorded.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { replaceBearerToken, unhandledStates, verifyPacts } from '@bazaar/contract-testing';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { startTestIssuer, type TestIssuer } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { settings, startInventory, type Harness } from './harness.js';

let h: Harness;
let identity: TestIssuer;
let app: ServiceApp;
let providerBaseUrl = '';
let token = '';

before(async () => {
  h = await startInventory('pact_http');
  identity = await startTestIssuer();
  const verifier = createJwtVerifier({ jwksUrl: identity.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  app = await buildApp({ pool: h.pool, logger: createLogger('inventory', 'silent'), verifier, settings, publish: h.deps.publish });
  await app.listen({ port: 0, host: '127.0.0.1' });
  providerBaseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  token = await identity.token({ roles: ['customer', 'admin'] });
});
after(async () => {
  await app?.close();
  await identity?.close();
  await h?.close();
});

const stateHandlers = {
  'a stock item exists': async (params?: unknown) => {
    const { sku } = params as { sku: string };
    await h.givenStock(sku, 10);
    return undefined;
  },
};

test('every provider state the HTTP pacts name has a handler', () => {
  // With no handlers at all, every state the pacts name is unhandled: there must be some.
  assert.notDeepEqual(unhandledStates('inventory', {}, { kind: 'http' }), [], 'the pacts name provider states');
  assert.deepEqual(unhandledStates('inventory', stateHandlers, { kind: 'http' }), []);
});

test('inventory keeps the pacts of its HTTP consumers', async () => {
  const results = await verifyPacts({ provider: 'inventory', providerBaseUrl, stateHandlers, kind: 'http', verifier: { requestFilter: replaceBearerToken(() => token) } });
  assert.deepEqual(results.map((r) => [r.consumer, r.success, r.error]), [['gateway', true, undefined]]);
});
