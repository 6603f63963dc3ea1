// The gateway's contract with orders: the caller's latest orders that `/me/overview` composes (it
// needs a JSON object whose `items` is a list of objects; a storefront shows their summary fields), one
// order through the /orders route, and the API document `/docs` merges. Recorded by the real gateway.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import { FakeUpstream, json } from './support/upstream.js';
import { AUTHORIZATION, JSON_TYPE, TIMESTAMP, USER_EMAIL, USER_ID, recordApiDocument, throughGateway } from './pact-http.support.js';

const { eachLike, fromProviderState, integer, like, regex, string, uuid } = MatchersV3;

const pact = consumerPact({ consumer: 'gateway', provider: 'orders' });

const ORDER_ID = '0190f1c2-7a3b-7c4d-8e5f-0000000000d1';
const summary = {
  id: uuid(ORDER_ID),
  number: regex('^BZ-\\d{6}-[2-9A-HJKMNP-TV-Z]{5}$', 'BZ-250101-7K3M9'),
  status: string('confirmed'),
  totalMinor: integer(4900),
  currency: regex('^[A-Z]{3}$', 'EUR'),
  itemCount: integer(1),
  createdAt: TIMESTAMP('2025-01-01T00:00:00.000Z'),
};
const exampleSummary = { id: ORDER_ID, number: 'BZ-250101-7K3M9', status: 'confirmed', totalMinor: 4900, currency: 'EUR', itemCount: 1, createdAt: '2025-01-01T00:00:00.000Z' };

test('the caller\'s latest orders, as /me/overview shows them', async () => {
  await pact
    .addInteraction()
    .given('the signed-in user has placed an order')
    .uponReceiving('a request for the signed-in user\'s five latest orders')
    .withRequest('GET', '/orders', (request) => request.query({ limit: '5' }).headers({ Authorization: AUTHORIZATION }))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({ items: eachLike(summary) });
    })
    .executeTest(async (mock) => {
      // Identity's side of the overview is recorded in identity's pact; here it is a stand-in.
      const identity = await new FakeUpstream().start();
      identity.respond = (_request, response) => json(response, 200, { id: USER_ID, email: USER_EMAIL, name: 'Ada Lovelace', roles: ['customer'] });
      try {
        const overview = await throughGateway({ IDENTITY_URL: identity.url, ORDERS_URL: mock.url }, '/me/overview', { roles: ['customer'] });
        assert.deepEqual(overview.orders, { items: [exampleSummary], status: 'ok' });
      } finally {
        await identity.stop();
      }
    });
});

test('/orders/:id: one of the caller\'s orders, with its lines and where payment and shipping stand', async () => {
  await pact
    .addInteraction()
    .given('the signed-in user has placed an order')
    .uponReceiving('a request for one of the signed-in user\'s orders')
    .withRequest('GET', fromProviderState('/orders/${orderId}', `/orders/${ORDER_ID}`), (request) => request.headers({ Authorization: AUTHORIZATION }))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({
        ...summary,
        subtotalMinor: integer(4900),
        items: eachLike({
          productId: uuid('0190f1c2-7a3b-7c4d-8e5f-0a1b2c3d4e5f'),
          name: string('Walnut desk lamp'),
          unitPriceMinor: integer(4900),
          quantity: integer(1),
          lineTotalMinor: integer(4900),
        }),
        payment: like({ status: 'pending' }),
        shipping: like({ status: 'pending' }),
      });
    })
    .executeTest(async (mock) => {
      const order = await throughGateway<{ id: string; items: { lineTotalMinor: number }[]; payment: { status: string } }>({ ORDERS_URL: mock.url }, `/orders/${ORDER_ID}`, { roles: ['customer'] });
      assert.equal(order.id, ORDER_ID);
      assert.equal(order.items[0]?.lineTotalMinor, 4900);
      assert.equal(order.payment.status, 'pending');
    });
});

test('orders\' API document, merged into /docs', async () => {
  await recordApiDocument(pact, 'orders', { '/orders': 'get', '/orders/{id}': 'get' });
});
