// Catalog keeps what its HTTP consumers recorded (pacts/<consumer>-catalog.json): the real app,
// listening on a real port over its own migrated database, verified by pact. Provider states create
// categories, products and reviews through catalog's own API (as an admin, or a signed-in user for
// reviews); ids catalog assigns are handed back to pact, which puts them in the request path.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { unhandledStates, verifyPacts } from '@bazaar/contract-testing';
import { findProduct } from '../src/products/product.store.js';
import { addCategory, addProduct, bearer, startCatalog, type Harness } from './harness.js';

let h: Harness;
let providerBaseUrl = '';

before(async () => {
  h = await startCatalog('pact_http');
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  providerBaseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
});
after(async () => {
  await h?.close();
});

const unique = (slug: string) => `${slug}-${randomBytes(3).toString('hex')}`;
const lamp = (categoryId: string) => ({
  categoryId,
  name: 'Walnut desk lamp',
  description: 'A lamp of oiled walnut.',
  priceMinor: 4900,
  currency: 'EUR',
  images: [{ url: 'https://images.example.test/lamp.jpg', alt: 'The lamp, lit' }],
});
const newProduct = async () => addProduct(h, lamp((await addCategory(h, unique('lamps'))).id));

const stateHandlers = {
  'a product exists': async () => ({ productId: (await newProduct()).id }),
  'no product has the id': async (params?: unknown) => {
    const { id } = params as { id: string };
    assert.equal(await findProduct(h.pool, id), undefined, `product ${id} must not exist`);
    return undefined;
  },
  'two active products with images exist': async () => {
    const { id: categoryId } = await addCategory(h, unique('lamps'));
    await addProduct(h, lamp(categoryId));
    await addProduct(h, { ...lamp(categoryId), name: 'Brass floor lamp', priceMinor: 12_900 });
    return undefined;
  },
  'a category with a subcategory exists': async () => {
    const parent = await addCategory(h, unique('lighting'));
    await addCategory(h, unique('desk-lamps'), parent.id);
    return undefined;
  },
  'a product with a review exists': async () => {
    const { id } = await newProduct();
    const review = await h.app.inject({
      method: 'POST', url: `/products/${id}/reviews`, headers: bearer(await h.identity.token()), payload: { rating: 5, comment: 'Warm light, solid build.' },
    });
    assert.equal(review.statusCode, 201, review.body);
    return { productId: id };
  },
};

test('every provider state the HTTP pacts name has a handler', () => {
  // With no handlers at all, every state the pacts name is unhandled: there must be some.
  assert.notDeepEqual(unhandledStates('catalog', {}, { kind: 'http' }), [], 'the pacts name provider states');
  assert.deepEqual(unhandledStates('catalog', stateHandlers, { kind: 'http' }), []);
});

test('catalog keeps the pacts of its HTTP consumers', async () => {
  // Every interaction with catalog is public: no token is recorded, so none is swapped in.
  const results = await verifyPacts({ provider: 'catalog', providerBaseUrl, stateHandlers, kind: 'http' });
  assert.deepEqual(results.map((r) => [r.consumer, r.success, r.error]), [['gateway', true, undefined], ['orders', true, undefined]]);
});
