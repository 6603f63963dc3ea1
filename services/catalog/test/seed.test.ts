import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PRODUCTS, seed } from '../seed/demo.js';
import { startCatalog, type Harness } from './harness.js';

describe('demo seed', async () => {
  let h: Harness;
  before(async () => {
    h = await startCatalog('seed');
  });
  after(() => h.close());

  const count = async (table: string) => (await h.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  test('loads the demo catalog once; a second run adds nothing', async () => {
    const lines: string[] = [];
    await seed({ CATALOG_DATABASE_URL: h.db.url }, (line) => lines.push(line));
    assert.equal(await count('products'), DEMO_PRODUCTS);
    const { rows } = await h.pool.query<{ sku: string }>('SELECT sku FROM products ORDER BY sku');
    assert.deepEqual(rows.map((r) => r.sku), Array.from({ length: 300 }, (_, i) => `BZR-${String(i + 1).padStart(4, '0')}`));
    const categories = await count('categories');
    const images = await count('product_images');
    const reviews = await count('product_reviews');
    assert.ok(categories >= 6 * 3, `${categories} categories`);
    assert.ok(images >= 300 && images <= 900);
    assert.ok(reviews > 0);

    await seed({ CATALOG_DATABASE_URL: h.db.url }, (line) => lines.push(line));
    assert.equal(await count('products'), DEMO_PRODUCTS);
    assert.equal(await count('categories'), categories);
    assert.equal(await count('product_reviews'), reviews);
    assert.match(lines.at(-1)!, /nothing added/);
  });

  test('the demo catalog is browsable: a tree of 6 top-level categories, each with 2 to 4 children', async () => {
    const tree = (await h.app.inject({ method: 'GET', url: '/categories' })).json().items as { children: unknown[] }[];
    assert.equal(tree.length, 6);
    for (const top of tree) assert.ok(top.children.length >= 2 && top.children.length <= 4);
    const page = (await h.app.inject({ method: 'GET', url: '/products?category=electronics&sort=price_asc&limit=5' })).json();
    assert.equal(page.items.length, 5);
    assert.ok(page.items.every((p: { currency: string; imageUrl: string }) => p.currency === 'EUR' && p.imageUrl.startsWith('/images/')));
  });

  test('is the same on every run (seeded, not random)', async () => {
    const snapshot = async (of: Harness) =>
      (await of.pool.query(`SELECT p.sku, p.title, p.description, p.price_minor, p.created_at, p.review_count, c.slug,
                                   (SELECT array_agg(image_url ORDER BY display_order) FROM product_images WHERE product_id = p.id) AS images
                            FROM products p JOIN categories c ON c.id = p.category_id ORDER BY p.sku`)).rows;
    const other = await startCatalog('seed_again');
    try {
      await seed({ CATALOG_DATABASE_URL: other.db.url }, () => undefined);
      assert.deepEqual(await snapshot(other), await snapshot(h));
    } finally {
      await other.close();
    }
  });
});
