// The gateway's contract with inventory: through the /inventory route (admins only, checked at the
// gateway and again by inventory), one stock item as the operations console shows it, and the API
// document `/docs` merges. Recorded by the real gateway.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import { AUTHORIZATION, JSON_TYPE, recordApiDocument, throughGateway } from './pact-http.support.js';

const { integer } = MatchersV3;

const pact = consumerPact({ consumer: 'gateway', provider: 'inventory' });

const SKU = 'BZR-0001';

test('/inventory/:sku: a stock item\'s balances, for an admin', async () => {
  await pact
    .addInteraction()
    .given('a stock item exists', { sku: SKU })
    .uponReceiving('an admin\'s request for a stock item')
    .withRequest('GET', `/inventory/${SKU}`, (request) => request.headers({ Authorization: AUTHORIZATION }))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      // The SKU asked for, exactly; the balances as they stand.
      response.jsonBody({ item: { sku: SKU, onHand: integer(10), reserved: integer(0), available: integer(10) } });
    })
    .executeTest(async (mock) => {
      const body = await throughGateway({ INVENTORY_URL: mock.url }, `/inventory/${SKU}`, { roles: ['customer', 'admin'] });
      assert.deepEqual(body, { item: { sku: SKU, onHand: 10, reserved: 0, available: 10 } });
    });
});

test('inventory\'s API document, merged into /docs', async () => {
  await recordApiDocument(pact, 'inventory', { '/inventory': 'get', '/inventory/{sku}': 'get' });
});
