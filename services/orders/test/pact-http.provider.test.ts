// Orders keeps what its HTTP consumers recorded (pacts/<consumer>-orders.json): the real app, listening
// on a real port over its own migrated database, verified by pact. Orders are placed through orders'
// own checkout (POST /orders, priced by the stand-in catalog) by one customer, whose token, from this
// file's test issuer, replaces the one the pact recorded.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { replaceBearerToken, unhandledStates, verifyPacts } from '@bazaar/contract-testing';
import { checkoutBody, startOrders, type Harness } from './support.js';

let h: Harness;
let providerBaseUrl = '';
const customerId = randomUUID();
let token = '';

before(async () => {
  h = await startOrders('pact_http');
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  providerBaseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  token = await h.token(customerId);
});
after(async () => {
  await h?.close();
});

const stateHandlers = {
  'the signed-in user has placed an order': async () => {
    const lamp = h.catalog.add({ name: 'Walnut desk lamp', priceMinor: 4900 });
    const response = await h.app.inject({
      method: 'POST', url: '/orders', payload: checkoutBody([lamp.id]),
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    });
    assert.equal(response.statusCode, 202, response.body);
    return { orderId: (response.json() as { id: string }).id };
  },
};

test('every provider state the HTTP pacts name has a handler', () => {
  // With no handlers at all, every state the pacts name is unhandled: there must be some.
  assert.notDeepEqual(unhandledStates('orders', {}, { kind: 'http' }), [], 'the pacts name provider states');
  assert.deepEqual(unhandledStates('orders', stateHandlers, { kind: 'http' }), []);
});

test('orders keeps the pacts of its HTTP consumers', async () => {
  const results = await verifyPacts({ provider: 'orders', providerBaseUrl, stateHandlers, kind: 'http', verifier: { requestFilter: replaceBearerToken(() => token) } });
  assert.deepEqual(results.map((r) => [r.consumer, r.success, r.error]), [['gateway', true, undefined]]);
});
