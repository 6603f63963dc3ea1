import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { withTransaction } from '@bazaar/platform';
import { applyStockChanged } from '../src/availability/availability.handlers.js';
import { createProducts, discontinueProduct } from '../src/products/product.service.js';
import { recordReview } from '../src/reviews/review.service.js';
import { addCategory, fieldsOf, startCatalog, type Harness } from './harness.js';

interface Fixture { id: string; sku: string; priceMinor: number; createdAt: Date; rating: number; categorySlug: string; available: number | null }

const byDesc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
const orders: Record<string, (a: Fixture, b: Fixture) => number> = {
  newest: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byDesc(a.id, b.id),
  price_asc: (a, b) => a.priceMinor - b.priceMinor || -byDesc(a.id, b.id),
  price_desc: (a, b) => b.priceMinor - a.priceMinor || byDesc(a.id, b.id),
  rating: (a, b) => b.rating - a.rating || byDesc(a.id, b.id),
};

describe('product listings: keyset pagination, filters, search', async () => {
  let h: Harness;
  const fixtures: Fixture[] = [];

  before(async () => {
    h = await startCatalog('listing');
    const home = await addCategory(h, 'home');
    const kitchen = await addCategory(h, 'kitchen', home.id);
    const cookware = await addCategory(h, 'cookware', kitchen.id);
    const garden = await addCategory(h, 'garden', home.id);
    const toys = await addCategory(h, 'toys');
    const categories = [home, kitchen, cookware, garden, toys];
    const base = Date.parse('2025-01-01T00:00:00.000Z');
    // Prices and creation times repeat, so that ties are broken by id across page boundaries.
    const inputs = Array.from({ length: 43 }, (_, i) => ({
      sku: `LST-${String(i).padStart(3, '0')}`,
      name: `Item ${i}`,
      description: 'A sturdy everyday thing.',
      priceMinor: ((i * 7) % 6) * 250,
      currency: 'EUR',
      categoryId: categories[i % categories.length]!.id,
      createdAt: new Date(base + Math.floor(i / 3) * 1000),
    }));
    const products = await withTransaction(h.pool, async (client) => {
      const created = await createProducts(client, h.publish, inputs);
      for (const [i, p] of created.entries()) {
        if (i % 4 === 0) await recordReview(client, p.id, randomUUID(), { rating: 4 });
        if (i % 4 === 1) for (const rating of [4, 5]) await recordReview(client, p.id, randomUUID(), { rating });
        if (i % 3 === 0) await applyStockChanged(client, { sku: p.sku, available: i % 2, onHand: 5, reserved: 5 - (i % 2), version: 1, occurredAt: new Date().toISOString() });
      }
      return created;
    });
    for (const [i, p] of products.entries()) {
      fixtures.push({
        id: p.id, sku: p.sku, priceMinor: p.priceMinor, createdAt: p.createdAt, categorySlug: categories[i % categories.length]!.slug,
        rating: i % 4 === 0 ? 4 : i % 4 === 1 ? 4.5 : 0, available: i % 3 === 0 ? i % 2 : null,
      });
    }
    // A discontinued product is in no listing.
    const gone = fixtures.pop()!;
    await discontinueProduct(h, gone.id);
  });
  after(() => h.close());

  async function walk(params: Record<string, string>, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const query: URLSearchParams = new URLSearchParams({ ...params, limit: String(limit), ...(cursor ? { cursor } : {}) });
      const response = await h.app.inject({ method: 'GET', url: `/products?${query}` });
      assert.equal(response.statusCode, 200, response.body);
      const page = response.json() as { items: { id: string }[]; nextCursor: string | null };
      assert.ok(page.items.length <= limit);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      if (!cursor) return seen;
      assert.equal(page.items.length, limit, 'only the last page is short');
    }
    throw new Error('pagination did not end');
  }

  const filters: [string, Record<string, string>, (f: Fixture) => boolean][] = [
    ['no filter', {}, () => true],
    ['a category with its descendants', { category: 'home' }, (f) => ['home', 'kitchen', 'cookware', 'garden'].includes(f.categorySlug)],
    ['a leaf category', { category: 'cookware' }, (f) => f.categorySlug === 'cookware'],
    ['a price range', { minPrice: '250', maxPrice: '750' }, (f) => f.priceMinor >= 250 && f.priceMinor <= 750],
    ['in stock', { inStock: 'true' }, (f) => (f.available ?? 0) > 0],
    ['not in stock or unknown', { inStock: 'false' }, (f) => !((f.available ?? 0) > 0)],
    ['category, price and search together', { category: 'home', minPrice: '500', q: 'sturdy' }, (f) => f.categorySlug !== 'toys' && f.priceMinor >= 500],
  ];

  for (const sort of Object.keys(orders)) {
    for (const [name, params, keep] of filters) {
      test(`sort ${sort}, ${name}: every product exactly once, in order`, async () => {
        const expected = fixtures.filter(keep).sort(orders[sort]).map((f) => f.id);
        assert.ok(expected.length > 0);
        for (const limit of [1, 4, 100]) {
          const ids = await walk({ ...params, sort }, limit);
          assert.equal(new Set(ids).size, ids.length, 'no product twice');
          assert.deepEqual(ids, expected);
        }
      });
    }
  }

  test('the category filter takes an id as well as a slug', async () => {
    const tree = (await h.app.inject({ method: 'GET', url: '/categories' })).json();
    const home = tree.items.find((c: { slug: string }) => c.slug === 'home');
    const bySlug = await walk({ category: 'home' }, 100);
    assert.deepEqual(await walk({ category: home.id }, 100), bySlug);
  });

  test('listed items carry the availability copy, null when unknown', async () => {
    const items = (await h.app.inject({ method: 'GET', url: '/products?limit=100' })).json().items as { sku: string; available: number | null; inStock: boolean | null; ratingAverage: number | null; reviewCount: number }[];
    for (const fixture of fixtures) {
      const item = items.find((i) => i.sku === fixture.sku)!;
      assert.equal(item.available, fixture.available);
      assert.equal(item.inStock, fixture.available === null ? null : fixture.available > 0);
      assert.equal(item.ratingAverage, fixture.rating || null);
    }
  });

  test('searching by relevance pages through every match once', async () => {
    const ids = await walk({ q: 'sturdy' }, 5);
    assert.deepEqual([...ids].sort(), fixtures.map((f) => f.id).sort());
  });

  test('bad query input is a 400 naming the field, never a 500', async () => {
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const priceCursor = (await h.app.inject({ method: 'GET', url: '/products?sort=price_asc&limit=2' })).json().nextCursor as string;
    const id = randomUUID();
    const cases: [string, string][] = [
      ['sort=cheapest', 'querystring.sort'],
      ['limit=1000', 'querystring.limit'],
      ['limit=0', 'querystring.limit'],
      ['limit=ten', 'querystring.limit'],
      ['minPrice=-1', 'querystring.minPrice'],
      ['inStock=maybe', 'querystring.inStock'],
      ['category=no-such-category', 'querystring.category'],
      ['cursor=not%20a%20cursor!', 'querystring.cursor'],
      ['cursor=AAAA', 'querystring.cursor'],
      [`cursor=${cursorOf({ a: 1 })}`, 'querystring.cursor'],
      [`cursor=${cursorOf(['newest', 5, id])}`, 'querystring.cursor'],
      [`cursor=${cursorOf(['newest', '2025-13-45T00:00:00.000Z', id])}`, 'querystring.cursor'],
      [`cursor=${cursorOf(['newest', '2025-01-01T00:00:00.000Z', 'x'])}`, 'querystring.cursor'],
      [`cursor=${cursorOf(['price_asc', 1e300, id])}`, 'querystring.cursor&sort=price_asc'],
      [`cursor=${cursorOf(['rating', '4.5; DROP TABLE products', id])}`, 'querystring.cursor&sort=rating'],
      [`cursor=${priceCursor}&sort=newest`, 'querystring.cursor'],
      [`cursor=${cursorOf(['newest', '2025-02-30T00:00:00.000Z', id])}`, 'querystring.cursor'],
      [`cursor=${cursorOf(['newest', '0000-01-01T00:00:00.000Z', id])}`, 'querystring.cursor'],
      [`cursor=${cursorOf(['newest', '2025-01-01T24:00:00.000Z', id])}`, 'querystring.cursor'],
      [`cursor=${cursorOf(['relevance', 1e300, id])}`, 'querystring.cursor&q=sturdy'],
      [`cursor=${cursorOf(['relevance', 1e-300, id])}`, 'querystring.cursor&q=sturdy'],
      [`cursor=${cursorOf(['relevance', -1, id])}`, 'querystring.cursor&q=sturdy'],
      [`cursor=${Buffer.from(`["relevance",1e999,"${id}"]`).toString('base64url')}`, 'querystring.cursor&q=sturdy'],
      [`cursor=${cursorOf(['price_asc', -1, id])}`, 'querystring.cursor&sort=price_asc'],
      [`cursor=${cursorOf(['rating', '999.99', id])}`, 'querystring.cursor&sort=rating'],
      ['maxPrice=Infinity', 'querystring.maxPrice'],
      ['maxPrice=1e999', 'querystring.maxPrice'],
      ['minPrice=-Infinity', 'querystring.minPrice'],
      ['minPrice=NaN', 'querystring.minPrice'],
      ['limit=Infinity', 'querystring.limit'],
      ['limit=1e999', 'querystring.limit'],
    ];
    for (const [query, expected] of cases) {
      const [field, extra] = expected.split('&');
      const response = await h.app.inject({ method: 'GET', url: `/products?${query}${extra ? `&${extra}` : ''}` });
      assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
      assert.ok(fieldsOf(response.json()).includes(field!), `${query} names ${field}: ${response.body}`);
    }
  });
});

describe('full-text search', async () => {
  let h: Harness;
  const ids: Record<string, string> = {};
  before(async () => {
    h = await startCatalog('search');
    const { id: categoryId } = await addCategory(h, 'desk');
    const products = [
      ['tray', 'Bamboo tray', 'A serving tray with a walnut finish.'],
      ['organiser', 'Walnut desk organiser', 'Keeps pens and cables tidy.'],
      ['shelf', 'Oak shelf', 'Solid oak, oiled by hand.'],
    ];
    for (const [key, name, description] of products) {
      const response = await h.app.inject({ method: 'POST', url: '/products', headers: h.admin, payload: { sku: `SRCH-${key!.toUpperCase()}`, name, description, priceMinor: 1500, currency: 'EUR', categoryId } });
      ids[key!] = response.json().id;
    }
  });
  after(() => h.close());

  const search = async (q: string, extra = '') =>
    ((await h.app.inject({ method: 'GET', url: `/products?q=${encodeURIComponent(q)}${extra}` })).json().items as { id: string }[]).map((p) => p.id);

  test('finds a product by a word of its description', async () => {
    assert.deepEqual(await search('oiled'), [ids.shelf]);
    assert.deepEqual(await search('cables'), [ids.organiser]);
  });

  test('ranks a match in the name above a match in the description', async () => {
    assert.deepEqual(await search('walnut'), [ids.organiser, ids.tray]);
  });

  test('matches word forms (stemming) and several words', async () => {
    assert.deepEqual(await search('trays'), [ids.tray]);
    assert.deepEqual(await search('solid shelf'), [ids.shelf]);
    assert.deepEqual(await search('zeppelin'), []);
  });

  test('relevance pages keep their order one item at a time', async () => {
    const first = (await h.app.inject({ method: 'GET', url: '/products?q=walnut&limit=1' })).json();
    assert.deepEqual(first.items.map((p: { id: string }) => p.id), [ids.organiser]);
    const second = (await h.app.inject({ method: 'GET', url: `/products?q=walnut&limit=1&cursor=${first.nextCursor}` })).json();
    assert.deepEqual(second.items.map((p: { id: string }) => p.id), [ids.tray]);
    assert.equal(second.nextCursor, null);
  });

  test('a search may be sorted another way; it then only filters', async () => {
    const sorted = await search('walnut', '&sort=newest');
    assert.deepEqual(sorted, [ids.organiser, ids.tray]);
  });
});
