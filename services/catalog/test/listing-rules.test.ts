import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addCategory, addProduct, fieldsOf, startCatalog, type Harness } from './harness.js';
import { PROPERTY_RUNS, publishedQuery, queryOf, type QueryParameter } from '@bazaar/platform/testing';

// GET /products refuses nothing its published schema allows, except for the reasons the document
// states on the parameter: a cursor that is not the nextCursor of that sort's listing, a category
// that names none. Requests are drawn from the published query parameters themselves.
describe('GET /products: every rule is in the published schema', async () => {
  let h: Harness;
  let parameters: QueryParameter[];
  const categories: string[] = [];
  /** Real cursors, by the sort whose listing returned them. */
  const cursors = new Map<string, string>();

  before(async () => {
    h = await startCatalog('listing_rules');
    const home = await addCategory(h, 'home');
    const lamps = await addCategory(h, 'lamps', home.id);
    categories.push(home.slug, lamps.slug, lamps.id, lamps.id.toUpperCase());
    for (const [i, priceMinor] of [0, 250, 999, 100_000_000_000].entries()) {
      await addProduct(h, { categoryId: i % 2 ? lamps.id : home.id, name: `Sturdy lamp ${i}`, priceMinor });
    }
    for (const sort of ['newest', 'price_asc', 'price_desc', 'rating', 'relevance']) {
      const page = await h.app.inject({ method: 'GET', url: `/products?limit=1&sort=${sort}&q=sturdy` });
      assert.equal(page.statusCode, 200, page.body);
      cursors.set(page.json().nextCursor as string, sort);
    }
    parameters = publishedQuery(h.app, 'GET', '/products');
  });
  after(() => h.close());

  const documented = (name: string) => {
    const parameter = parameters.find((p) => p.name === name);
    assert.ok(parameter, `${name} is a published parameter`);
    assert.match(parameter.description, /400/, `the document says when ${name} is refused`);
    return true;
  };

  // What the sort parameter's description says: relevance when searching, else newest; relevance
  // without a search orders as newest.
  const sortOf = (query: Record<string, string>) => {
    if (query.q === undefined) return query.sort === undefined || query.sort === 'relevance' ? 'newest' : query.sort;
    return query.sort ?? 'relevance';
  };

  test('a request the schema allows is answered 200, or 400 for a reason the document states', async () => {
    const known = { category: categories, cursor: [...cursors.keys()] };
    await fc.assert(fc.asyncProperty(queryOf(parameters, known), async (query) => {
      const response = await h.app.inject({ method: 'GET', url: `/products?${new URLSearchParams(query)}` });
      const badCursor = query.cursor !== undefined && cursors.get(query.cursor) !== sortOf(query);
      const badCategory = query.category !== undefined && !categories.includes(query.category);
      if (!badCursor && !badCategory) {
        assert.equal(response.statusCode, 200, response.body);
        return;
      }
      assert.equal(response.statusCode, 400, response.body);
      for (const field of fieldsOf(response.json())) {
        const name = field.replace('querystring.', '');
        assert.ok((name === 'cursor' && badCursor) || (name === 'category' && badCategory), `refused for ${field}: ${response.body}`);
        documented(name);
      }
    }), PROPERTY_RUNS);
  });

  test('minPrice above maxPrice matches nothing; relevance without q lists newest first', async () => {
    const inverted = await h.app.inject({ method: 'GET', url: '/products?minPrice=500&maxPrice=100' });
    assert.equal(inverted.statusCode, 200, inverted.body);
    assert.deepEqual(inverted.json().items, []);
    const relevance = await h.app.inject({ method: 'GET', url: '/products?sort=relevance' });
    const newest = await h.app.inject({ method: 'GET', url: '/products?sort=newest' });
    assert.equal(relevance.statusCode, 200, relevance.body);
    assert.deepEqual(relevance.json(), newest.json());
  });

  test('an id with the urn:uuid: prefix, which format uuid alone would take, is a 400 naming it', async () => {
    const [product] = (await h.app.inject({ method: 'GET', url: '/products?limit=1' })).json().items as { id: string }[];
    const response = await h.app.inject({ method: 'GET', url: `/products/urn:uuid:${product!.id}` });
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(fieldsOf(response.json()), ['params.id']);
  });
});
