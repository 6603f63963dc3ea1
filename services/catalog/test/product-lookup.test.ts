// GET /products/lookup: which of up to 100 ids name a product, in one call, for the services that
// hold product ids (inventory's orphan cleanup). A discontinued product still exists; an unknown id is
// left out; anything but a comma-separated list of 1 to 100 uuids is a 400 naming the parameter.
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

  test('refuses what is not 1 to 100 uuids, naming the parameter', async () => {
    const hundred = Array.from({ length: 100 }, () => randomUUID());
    assert.equal((await lookup(hundred.join(','))).statusCode, 200);
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
