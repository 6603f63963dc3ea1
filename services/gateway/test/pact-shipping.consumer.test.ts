// The gateway's contract with shipping: through the /shipments route, tracking one of the caller's
// parcels by its tracking number, and the API document `/docs` merges. Recorded by the real gateway.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import { AUTHORIZATION, JSON_TYPE, recordApiDocument, throughGateway } from './pact-http.support.js';

const { fromProviderState, like, regex, string, uuid } = MatchersV3;

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

test('shipping\'s API document, merged into /docs', async () => {
  await recordApiDocument(pact, 'shipping', { '/shipments': 'get', '/shipments/{tracking}': 'get' });
});
