// The gateway's contract with shipping: through the /shipments route, tracking one of the caller's
// parcels by its tracking number; what GET /orders/:id/tracking reads (the order's shipment, and the
// courier who has it); and the API document `/docs` merges. Recorded by the real gateway.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import { FakeUpstream, json } from './support/upstream.js';
import { AUTHORIZATION, JSON_TYPE, TIMESTAMP, recordApiDocument, throughGateway } from './pact-http.support.js';

const { decimal, eachLike, fromProviderState, like, regex, string, uuid } = MatchersV3;

const pact = consumerPact({ consumer: 'gateway', provider: 'shipping' });

const TRACKING = 'BZ7K3M9QX2PA';

test('/shipments/:tracking: where one of the caller\'s parcels is', async () => {
  await pact
    .addInteraction()
    .given('the signed-in user has a shipment')
    .uponReceiving('a request to track one of the signed-in user\'s shipments')
    .withRequest('GET', fromProviderState('/shipments/${trackingNumber}', `/shipments/${TRACKING}`), (request) => request.headers({ Authorization: AUTHORIZATION }))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({
        shipment: like({
          orderId: uuid('0190f1c2-7a3b-7c4d-8e5f-0000000000d1'),
          trackingNumber: regex('^BZ[2-9A-HJKMNP-TV-Z]{10}$', TRACKING),
          carrier: string('bazaar-courier'),
          status: regex('^(created|cancelled|dispatched|delivered|failed)$', 'created'),
        }),
      });
    })
    .executeTest(async (mock) => {
      const { shipment } = await throughGateway<{ shipment: { trackingNumber: string; status: string } }>({ SHIPPING_URL: mock.url }, `/shipments/${TRACKING}`, { roles: ['customer'] });
      assert.equal(shipment.trackingNumber, TRACKING);
      assert.equal(shipment.status, 'created');
    });
});

const ORDER_ID = '0190f1c2-7a3b-7c4d-8e5f-0000000000d2';

test("/orders/:id/tracking: the order's shipment, asked of shipping by order id", async () => {
  await pact
    .addInteraction()
    .given('the signed-in user has a shipment for order 0190f1c2-7a3b-7c4d-8e5f-0000000000d2')
    .uponReceiving("a request for the shipment of one of the signed-in user's orders")
    .withRequest('GET', '/shipments', (request) => request.query({ orderId: ORDER_ID }).headers({ Authorization: AUTHORIZATION }))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({
        items: eachLike({
          orderId: uuid(ORDER_ID),
          trackingNumber: regex('^BZ[2-9A-HJKMNP-TV-Z]{10}$', TRACKING),
          status: regex('^(created|cancelled|dispatched|picked_up|delivered|failed|returned)$', 'created'),
        }),
      });
    })
    .executeTest(async (mock) => {
      // Orders' side of the tracking is recorded in orders' pact; here it is a stand-in.
      const orders = await new FakeUpstream().start();
      orders.respond = (_request, response) => json(response, 200, { id: ORDER_ID, status: 'confirmed' });
      try {
        const tracking = await throughGateway<{ shipment: { status: string; data: { trackingNumber: string } }; courier: { data: unknown } }>(
          { ORDERS_URL: orders.url, SHIPPING_URL: mock.url }, `/orders/${ORDER_ID}/tracking`, { roles: ['customer'] },
        );
        assert.equal(tracking.shipment.status, 'ok');
        assert.equal(tracking.shipment.data.trackingNumber, TRACKING);
        assert.equal(tracking.courier.data, null, 'not dispatched: no courier asked for');
      } finally {
        await orders.stop();
      }
    });
});

test("/shipments/:tracking/courier: who has the caller's parcel and where they are", async () => {
  await pact
    .addInteraction()
    .given("a courier has picked up the signed-in user's parcel")
    .uponReceiving("a request for the courier who has one of the signed-in user's parcels")
    .withRequest('GET', fromProviderState('/shipments/${trackingNumber}/courier', `/shipments/${TRACKING}/courier`), (request) => request.headers({ Authorization: AUTHORIZATION }))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({
        trackingNumber: regex('^BZ[2-9A-HJKMNP-TV-Z]{10}$', TRACKING),
        status: regex('^(dispatched|picked_up)$', 'picked_up'),
        courier: { name: string('Ana'), vehicle: string('cargo-bike') },
        position: like({ latitude: decimal(52.3676), longitude: decimal(4.9041), seenAt: TIMESTAMP('2026-12-05T10:00:00.000Z') }),
      });
    })
    .executeTest(async (mock) => {
      const answer = await throughGateway<{ courier: { name: string }; position: { latitude: number } | null }>({ SHIPPING_URL: mock.url }, `/shipments/${TRACKING}/courier`, { roles: ['customer'] });
      assert.equal(answer.courier.name, 'Ana');
      assert.equal(typeof answer.position?.latitude, 'number');
    });
});

test('shipping\'s API document, merged into /docs', async () => {
  await recordApiDocument(pact, 'shipping', { '/shipments': 'get', '/shipments/{tracking}': 'get', '/shipments/{tracking}/courier': 'get', '/couriers/me/location': 'put' });
});
