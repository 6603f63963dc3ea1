import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addCategory, addProduct, fieldsOf, nextSku, startCatalog, type CreatedCategory, type Harness } from './harness.js';

describe('products: writes and reads', async () => {
  let h: Harness;
  let shoes: CreatedCategory;
  let bags: CreatedCategory;
  before(async () => {
    h = await startCatalog('products');
    shoes = await addCategory(h, 'shoes');
    bags = await addCategory(h, 'bags');
  });
  after(() => h.close());

  const post = (payload: Record<string, unknown>, headers: Record<string, string> = h.admin) =>
    h.app.inject({ method: 'POST', url: '/products', headers, payload });
  const valid = () => ({ sku: nextSku(), name: 'Trail runner', description: 'Light shoe', priceMinor: 8999, currency: 'EUR', categoryId: shoes.id });

  test('an admin adds a product; it is readable by id with its images in order', async () => {
    const response = await post({ ...valid(), images: [{ url: '/images/a.jpg', alt: 'front' }, { url: '/images/b.jpg' }] });
    assert.equal(response.statusCode, 201);
    const created = response.json();
    assert.equal(response.headers.location, `/products/${created.id}`);
    const read = (await h.app.inject({ method: 'GET', url: `/products/${created.id}` })).json();
    assert.equal(read.status, 'active');
    assert.equal(read.version, 1);
    assert.equal(read.priceMinor, 8999);
    assert.equal(read.currency, 'EUR');
    assert.deepEqual(read.images, [
      { url: '/images/a.jpg', alt: 'front', displayOrder: 0 },
      { url: '/images/b.jpg', alt: '', displayOrder: 1 },
    ]);
    assert.equal(read.ratingAverage, null);
    assert.equal(read.reviewCount, 0);
    assert.equal(read.available, null, 'no stock.changed yet: availability unknown');
    assert.equal(read.inStock, null);
  });

  test('writes need a token (401) with the admin role (403)', async () => {
    const none = await post(valid(), {});
    assert.equal(none.statusCode, 401);
    assert.match(none.headers['www-authenticate'] as string, /^Bearer/);
    assert.equal((await post(valid(), h.customer)).statusCode, 403);
    const { id } = await addProduct(h, { categoryId: shoes.id });
    for (const [method, payload] of [['PATCH', { name: 'x' }], ['DELETE', undefined]] as const) {
      assert.equal((await h.app.inject({ method, url: `/products/${id}`, ...(payload ? { payload } : {}) })).statusCode, 401);
      assert.equal((await h.app.inject({ method, url: `/products/${id}`, headers: h.customer, ...(payload ? { payload } : {}) })).statusCode, 403);
    }
    const forged = await post(valid(), { authorization: 'Bearer not.a.token' });
    assert.equal(forged.statusCode, 401);
  });

  test('bad input is a 400 naming the field, and nothing is written', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ priceMinor: -1 }, 'body.priceMinor'],
      [{ priceMinor: 12.5 }, 'body.priceMinor'],
      // Above what a product event may carry: refused here, not a 500 when the event is written.
      [{ priceMinor: 100_000_000_001 }, 'body.priceMinor'],
      [{ currency: 'usd' }, 'body.currency'],
      [{ currency: 'US' }, 'body.currency'],
      [{ currency: 'ABC' }, 'body.currency'],
      [{ sku: 'bzr 1' }, 'body.sku'],
      [{ name: '' }, 'body.name'],
      [{ categoryId: 'shoes' }, 'body.categoryId'],
      [{ categoryId: '00000000-0000-4000-8000-000000000000' }, 'body.categoryId'],
      [{ colour: 'red' }, 'body.colour'],
    ];
    for (const [change, field] of cases) {
      const body = { ...valid(), ...change };
      const response = await post(body);
      assert.equal(response.statusCode, 400, `${JSON.stringify(change)}: ${response.body}`);
      assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
      assert.ok(fieldsOf(response.json()).includes(field), `${JSON.stringify(change)} names ${field}: ${response.body}`);
      const listed = (await h.app.inject({ method: 'GET', url: '/products?limit=100' })).json();
      assert.ok(!listed.items.some((p: { sku: string }) => p.sku === body.sku), 'nothing half-written');
    }
  });

  test('a SKU taken is a 409 naming body.sku', async () => {
    const first = valid();
    assert.equal((await post(first)).statusCode, 201);
    const again = await post({ ...valid(), sku: first.sku });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'conflict');
    assert.deepEqual(fieldsOf(again.json()), ['body.sku']);
  });

  test('PATCH changes the given fields, replaces images and moves the version on', async () => {
    const created = await addProduct(h, { categoryId: shoes.id, images: [{ url: '/images/old.jpg' }] });
    const response = await h.app.inject({
      method: 'PATCH', url: `/products/${created.id}`, headers: h.admin,
      payload: { priceMinor: 4500, categoryId: bags.id, images: [{ url: '/images/new-2.jpg' }, { url: '/images/new-1.jpg', alt: 'side' }] },
    });
    assert.equal(response.statusCode, 200, response.body);
    const changed = response.json();
    assert.equal(changed.priceMinor, 4500);
    assert.equal(changed.categoryId, bags.id);
    assert.equal(changed.name, created.name, 'fields not given are kept');
    assert.equal(changed.version, 2);
    assert.deepEqual(changed.images.map((i: { url: string }) => i.url), ['/images/new-2.jpg', '/images/new-1.jpg']);
    const again = await h.app.inject({ method: 'PATCH', url: `/products/${created.id}`, headers: h.admin, payload: { name: 'Renamed' } });
    assert.equal(again.json().version, 3);
    assert.equal(again.json().images.length, 2, 'images not given are kept');
  });

  test('PATCH: bad input 400, empty body 400, unknown product 404', async () => {
    const { id } = await addProduct(h, { categoryId: shoes.id });
    const bad = await h.app.inject({ method: 'PATCH', url: `/products/${id}`, headers: h.admin, payload: { currency: 'eur' } });
    assert.deepEqual(fieldsOf(bad.json()), ['body.currency']);
    const dear = await h.app.inject({ method: 'PATCH', url: `/products/${id}`, headers: h.admin, payload: { priceMinor: 100_000_000_001 } });
    assert.deepEqual(fieldsOf(dear.json()), ['body.priceMinor']);
    assert.equal((await h.app.inject({ method: 'PATCH', url: `/products/${id}`, headers: h.admin, payload: {} })).statusCode, 400);
    const missing = await h.app.inject({ method: 'PATCH', url: '/products/00000000-0000-4000-8000-000000000000', headers: h.admin, payload: { name: 'x' } });
    assert.equal(missing.statusCode, 404);
    assert.equal((await h.app.inject({ method: 'GET', url: '/products/not-a-uuid' })).statusCode, 400);
  });

  test('a discontinued product stays readable by id but leaves listings, and no longer changes', async () => {
    const product = await addProduct(h, { categoryId: shoes.id, name: 'Soon gone' });
    const listed = async () => (await h.app.inject({ method: 'GET', url: `/products?category=shoes&limit=100` })).json().items.map((p: { id: string }) => p.id);
    assert.ok((await listed()).includes(product.id));

    const response = await h.app.inject({ method: 'DELETE', url: `/products/${product.id}`, headers: h.admin });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().status, 'discontinued');
    assert.ok(response.json().discontinuedAt);
    assert.equal(response.json().version, 2);

    const read = await h.app.inject({ method: 'GET', url: `/products/${product.id}` });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().status, 'discontinued');
    assert.equal(read.json().name, 'Soon gone');
    assert.ok(!(await listed()).includes(product.id));
    const searched = (await h.app.inject({ method: 'GET', url: '/products?q=gone' })).json();
    assert.equal(searched.items.length, 0, 'not found by search either');

    const patch = await h.app.inject({ method: 'PATCH', url: `/products/${product.id}`, headers: h.admin, payload: { name: 'Back' } });
    assert.equal(patch.statusCode, 409);
    const twice = await h.app.inject({ method: 'DELETE', url: `/products/${product.id}`, headers: h.admin });
    assert.equal(twice.statusCode, 200);
    assert.equal(twice.json().version, 2, 'discontinuing again changes nothing');
    assert.equal((await h.app.inject({ method: 'DELETE', url: '/products/00000000-0000-4000-8000-000000000000', headers: h.admin })).statusCode, 404);
  });

  test('the OpenAPI document describes the routes', async () => {
    const spec = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of ['/products', '/products/{id}', '/products/{id}/reviews', '/categories', '/categories/{slug}']) assert.ok(spec.paths[path], path);
  });

  test('health reports the database', async () => {
    const health = (await h.app.inject({ method: 'GET', url: '/health' })).json();
    assert.equal(health.status, 'healthy');
    assert.equal(health.checks.database.status, 'healthy');
  });
});
