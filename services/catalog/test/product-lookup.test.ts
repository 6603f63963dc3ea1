// GET /products/lookup: which of up to 100 ids name a product, in one call, for the services that
// hold product ids (inventory's orphan cleanup); GET /products/prices: their price, name, SKU and
// status, in one call, for orders pricing a cart. A discontinued product still exists; an unknown id
// is left out; anything but a comma-separated list of 1 to 100 uuids is a 400 naming the parameter.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addCategory, addProduct, fieldsOf, startCatalog, type Harness } from './harness.js';

describe('product lookup', async () => {
  let h: Harness;
  before(async () => { h = await startCatalog('product_lookup'); });
  after(() => h.close());

  const lookup = (ids: string) => h.app.inject({ method: 'GET', url: `/products/lookup?ids=${ids}` });

  test('answers the ids that name a product, active or discontinued, and leaves out the rest', async () => {
    const category = await addCategory(h, 'lookup-lamps');
    const active = await addProduct(h, { categoryId: category.id });
    const discontinued = await addProduct(h, { categoryId: category.id });
    assert.equal((await h.app.inject({ method: 'DELETE', url: `/products/${discontinued.id}`, headers: h.admin })).statusCode, 200);
    const unknown = randomUUID();
    const response = await lookup([unknown, active.id.toUpperCase(), discontinued.id, active.id].join(','));
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json().found.sort(), [active.id, discontinued.id].sort());
    assert.deepEqual((await lookup(unknown)).json(), { found: [] });
  });

  test('prices: each product the ids name, in id order, as catalog has it now (a price just changed included); the rest left out', async () => {
    const category = await addCategory(h, 'prices-lamps');
    const lamp = await addProduct(h, { categoryId: category.id, name: 'Walnut desk lamp', priceMinor: 4_900 });
    const old = await addProduct(h, { categoryId: category.id, name: 'Brass floor lamp', priceMinor: 12_900 });
    assert.equal((await h.app.inject({ method: 'DELETE', url: `/products/${old.id}`, headers: h.admin })).statusCode, 200);
    const changed = await h.app.inject({ method: 'PATCH', url: `/products/${lamp.id}`, headers: h.admin, payload: { priceMinor: 5_400 } });
    assert.equal(changed.statusCode, 200, changed.body);
    const response = await h.app.inject({ method: 'GET', url: `/products/prices?ids=${[randomUUID(), old.id, lamp.id.toUpperCase(), lamp.id].join(',')}` });
    assert.equal(response.statusCode, 200, response.body);
    const expected = [
      { id: lamp.id, sku: lamp.sku, name: 'Walnut desk lamp', priceMinor: 5_400, currency: lamp.currency, status: 'active' },
      { id: old.id, sku: old.sku, name: 'Brass floor lamp', priceMinor: 12_900, currency: old.currency, status: 'discontinued' },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(response.json(), { items: expected });
    assert.deepEqual((await h.app.inject({ method: 'GET', url: `/products/prices?ids=${randomUUID()}` })).json(), { items: [] });
  });

  test('refuses what is not 1 to 100 uuids, naming the parameter', async () => {
    const hundred = Array.from({ length: 100 }, () => randomUUID());
    assert.equal((await lookup(hundred.join(','))).statusCode, 200);
    assert.equal((await h.app.inject({ method: 'GET', url: `/products/prices?ids=${hundred.join(',')}` })).statusCode, 200);
    const prices = await h.app.inject({ method: 'GET', url: `/products/prices?ids=${[...hundred, randomUUID()].join(',')}` });
    assert.deepEqual([prices.statusCode, [...new Set(fieldsOf(prices.json()))]], [400, ['querystring.ids']]);
    for (const ids of [[...hundred, randomUUID()].join(','), '', 'not-a-uuid', `${randomUUID()},`, `${randomUUID()},,${randomUUID()}`, `${randomUUID()};drop`]) {
      const response = await lookup(encodeURIComponent(ids));
      assert.equal(response.statusCode, 400, `${ids.slice(0, 60)}: ${response.body}`);
      assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
      assert.deepEqual([...new Set(fieldsOf(response.json()))], ['querystring.ids']);
    }
    assert.equal((await h.app.inject({ method: 'GET', url: '/products/lookup' })).statusCode, 400);
    assert.equal((await h.app.inject({ method: 'GET', url: `/products/lookup?ids=${randomUUID()}&extra=1` })).statusCode, 400);
  });
});
