// Orders' contract with catalog: what `createCatalog` reads of `GET /products/prices` when it prices a
// checkout (one call for the cart), recorded by running the real client against pact's mock catalog. Catalog's provider test
// verifies the recorded pact (copied to pacts/orders-catalog.json) against the real catalog.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import { createCatalog } from '../src/orders/catalog.client.js';

const { eachLike, fromProviderState, integer, regex, string } = MatchersV3;

// Example values only: the recorded pact must be the same on every run, so nothing here is random.
const PRODUCT_ID = '0190f1c2-7a3b-7c4d-8e5f-0a1b2c3d4e5f';
const UNKNOWN_ID = '0190f1c2-7a3b-7c4d-8e5f-00000000dead';

const pact = consumerPact({ consumer: 'orders', provider: 'catalog' });

/** The client as main.ts makes it, pointed at the mock; retries would only repeat a recorded call. */
async function withCatalog<T>(baseUrl: string, use: (catalog: ReturnType<typeof createCatalog>) => Promise<T>): Promise<T> {
  const catalog = createCatalog({ baseUrl, timeoutMs: 2000 });
  try {
    return await use(catalog);
  } finally {
    await catalog.close();
  }
}

test('the products catalog knows: the id, SKU, name, price, currency and status that price each order line, in one call', async () => {
  await pact
    .addInteraction()
    .given('a product exists')
    .uponReceiving('a request for the prices of the products of a cart')
    // no-cache: from catalog's primary, never a read replica lagging behind a price just changed.
    .withRequest('GET', '/products/prices', (request) => {
      request.query({ ids: fromProviderState('${productId}', PRODUCT_ID) });
      request.headers({ 'Cache-Control': 'no-cache' });
    })
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': regex('^application/json(;.*)?$', 'application/json; charset=utf-8') });
      response.jsonBody({
        items: eachLike({
          id: fromProviderState('${productId}', PRODUCT_ID),
          sku: string('BZR-0001'),
          name: string('Walnut desk lamp'),
          priceMinor: integer(4900),
          currency: regex('^[A-Z]{3}$', 'EUR'),
          // Orders refuses a discontinued product and prices an active one; no other status is known to it.
          status: regex('^(active|discontinued)$', 'active'),
        }),
      });
    })
    .executeTest(async (mock) => withCatalog(mock.url, async (catalog) => {
      const products = await catalog.products([PRODUCT_ID]);
      assert.deepEqual(products.get(PRODUCT_ID), {
        id: PRODUCT_ID, sku: 'BZR-0001', name: 'Walnut desk lamp', priceMinor: 4900, currency: 'EUR', status: 'active',
      });
    }));
});

test('an id catalog does not know is left out of the answer, which orders reads as "no such product" rather than an outage', async () => {
  await pact
    .addInteraction()
    .given('no product has the id', { id: UNKNOWN_ID })
    .uponReceiving('a request for the prices of a product that does not exist')
    .withRequest('GET', '/products/prices', (request) => {
      request.query({ ids: UNKNOWN_ID });
    })
    .willRespondWith(200, (response) => {
      response.jsonBody({ items: [] });
    })
    .executeTest(async (mock) => withCatalog(mock.url, async (catalog) => {
      const products = await catalog.products([UNKNOWN_ID]);
      assert.equal(products.has(UNKNOWN_ID), true);
      assert.equal(products.get(UNKNOWN_ID), undefined);
    }));
});
