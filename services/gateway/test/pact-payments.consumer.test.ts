// The gateway's contract with payments: through the /payments route, the caller's saved cards that a
// storefront's checkout offers (paymentMethodId is what POST /orders is paid with), and the API document
// `/docs` merges. Recorded by the real gateway.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import { AUTHORIZATION, JSON_TYPE, recordApiDocument, throughGateway } from './pact-http.support.js';

const { eachLike, integer, regex, string, uuid } = MatchersV3;

const pact = consumerPact({ consumer: 'gateway', provider: 'payments' });

const METHOD_ID = '0190f1c2-7a3b-7c4d-8e5f-0000000000b1';

test('/payments/methods: the caller\'s saved cards, shown by brand, last four digits and expiry', async () => {
  await pact
    .addInteraction()
    .given('the signed-in user has saved a card')
    .uponReceiving('a request for the signed-in user\'s saved cards')
    .withRequest('GET', '/payments/methods', (request) => request.headers({ Authorization: AUTHORIZATION }))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({
        items: eachLike({
          paymentMethodId: uuid(METHOD_ID),
          brand: string('visa'),
          last4: regex('^\\d{4}$', '4242'),
          expMonth: integer(12),
          expYear: integer(2030),
        }),
      });
    })
    .executeTest(async (mock) => {
      const body = await throughGateway({ PAYMENTS_URL: mock.url }, '/payments/methods', { roles: ['customer'] });
      assert.deepEqual(body, { items: [{ paymentMethodId: METHOD_ID, brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 }] });
    });
});

test('payments\' API document, merged into /docs', async () => {
  await recordApiDocument(pact, 'payments', { '/payments': 'get', '/payments/methods': 'get' });
});
