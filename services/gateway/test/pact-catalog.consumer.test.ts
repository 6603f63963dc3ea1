// The gateway's contract with catalog: one representative answer for each prefix the route table sends
// to catalog (/categories, /products, /products/:id/reviews), with the fields a storefront reads
// through the gateway, and the API document `/docs` merges. Recorded through the real gateway's proxy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import { JSON_TYPE, TIMESTAMP, recordApiDocument, throughGateway } from './pact-http.support.js';

const { atLeastLike, boolean, eachLike, fromProviderState, integer, regex, string, uuid } = MatchersV3;

const pact = consumerPact({ consumer: 'gateway', provider: 'catalog' });

const PRODUCT_ID = '0190f1c2-7a3b-7c4d-8e5f-0a1b2c3d4e5f';
const CATEGORY_ID = '0190f1c2-7a3b-7c4d-8e5f-0000000000c1';
const SUBCATEGORY_ID = '0190f1c2-7a3b-7c4d-8e5f-0000000000c2';
const CURRENCY = regex('^[A-Z]{3}$', 'EUR');

test('/categories: the category tree a storefront builds its navigation from', async () => {
  const node = (id: string, slug: string, name: string) => ({ id: uuid(id), slug: regex('^[a-z0-9]+(-[a-z0-9]+)*$', slug), name: string(name) });
  await pact
    .addInteraction()
    .given('a category with a subcategory exists')
    .uponReceiving('a request for the category tree')
    .withRequest('GET', '/categories')
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      // A leaf has no children: the list of children may be empty.
      response.jsonBody({ items: eachLike({ ...node(CATEGORY_ID, 'lighting', 'Lighting'), children: atLeastLike(node(SUBCATEGORY_ID, 'desk-lamps', 'Desk lamps'), 0, 1) }) });
    })
    .executeTest(async (mock) => {
      const body = await throughGateway({ CATALOG_URL: mock.url }, '/categories');
      const child = { id: SUBCATEGORY_ID, slug: 'desk-lamps', name: 'Desk lamps' };
      assert.deepEqual(body, { items: [{ id: CATEGORY_ID, slug: 'lighting', name: 'Lighting', children: [child] }] });
    });
});

test('/products: a page of the listing, with the cursor of the next page', async () => {
  await pact
    .addInteraction()
    .given('two active products with images exist')
    .uponReceiving('a request for the first product of the listing')
    .withRequest('GET', '/products', (request) => request.query({ limit: '1' }))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({
        items: eachLike({
          id: uuid(PRODUCT_ID),
          sku: string('BZR-0001'),
          name: string('Walnut desk lamp'),
          priceMinor: integer(4900),
          currency: CURRENCY,
          imageUrl: string('https://images.example.test/lamp.jpg'),
        }),
        nextCursor: string('WyJuZXdlc3QiLCIyMDI1LTAxLTAxVDAwOjAwOjAwLjAwMFoiLCJpZCJd'),
      });
    })
    .executeTest(async (mock) => {
      const body = await throughGateway({ CATALOG_URL: mock.url }, '/products?limit=1');
      assert.equal((body.items as { id: string }[])[0]?.id, PRODUCT_ID);
      assert.equal(typeof body.nextCursor, 'string');
    });
});

test('/products/:id: the product page', async () => {
  await pact
    .addInteraction()
    .given('a product exists')
    .uponReceiving('a request for a product page')
    .withRequest('GET', fromProviderState('/products/${productId}', `/products/${PRODUCT_ID}`))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({
        id: uuid(PRODUCT_ID),
        sku: string('BZR-0001'),
        name: string('Walnut desk lamp'),
        description: string('A lamp of oiled walnut.'),
        priceMinor: integer(4900),
        currency: CURRENCY,
        status: regex('^(active|discontinued)$', 'active'),
        images: eachLike({ url: string('https://images.example.test/lamp.jpg'), alt: string('The lamp, lit') }),
      });
    })
    .executeTest(async (mock) => {
      const body = await throughGateway({ CATALOG_URL: mock.url }, `/products/${PRODUCT_ID}`);
      assert.equal(body.id, PRODUCT_ID);
      assert.equal(body.priceMinor, 4900);
      assert.deepEqual(body.images, [{ url: 'https://images.example.test/lamp.jpg', alt: 'The lamp, lit' }]);
    });
});

test('/products/:id/reviews: a product\'s reviews, newest first, each author by display name', async () => {
  await pact
    .addInteraction()
    .given('a product with a review exists')
    .uponReceiving('a request for a product\'s reviews')
    .withRequest('GET', fromProviderState('/products/${productId}/reviews', `/products/${PRODUCT_ID}/reviews`))
    .willRespondWith(200, (response) => {
      response.headers({ 'Content-Type': JSON_TYPE });
      response.jsonBody({
        items: eachLike({
          id: uuid('0190f1c2-7a3b-7c4d-8e5f-0000000000e1'),
          rating: integer(5),
          comment: string('Warm light, solid build.'),
          createdAt: TIMESTAMP('2025-01-01T00:00:00.000Z'),
          reviewer: { displayName: string('Ana P.') },
          verifiedPurchase: boolean(true),
        }),
      });
    })
    .executeTest(async (mock) => {
      const body = await throughGateway({ CATALOG_URL: mock.url }, `/products/${PRODUCT_ID}/reviews`);
      const [first] = body.items as { rating: number; reviewer: { displayName: string }; verifiedPurchase: boolean }[];
      assert.equal(first?.rating, 5);
      assert.deepEqual([first?.reviewer.displayName, first?.verifiedPurchase], ['Ana P.', true]);
    });
});

test('catalog\'s API document, merged into /docs', async () => {
  await recordApiDocument(pact, 'catalog', {
    '/categories': 'get',
    '/products': 'get',
    '/products/{id}': 'get',
    '/products/{id}/reviews': 'get',
  });
});
