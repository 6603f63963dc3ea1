import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CATEGORIES, insertCategories } from '../src/categories/category.store.js';
import { addCategory, fieldsOf, startCatalog, type Harness } from './harness.js';

interface Node { slug: string; children: Node[] }
const shape = (nodes: Node[]): unknown => nodes.map((n) => [n.slug, shape(n.children)]);

describe('categories', async () => {
  let h: Harness;
  before(async () => {
    h = await startCatalog('categories');
    const home = await addCategory(h, 'home');
    const kitchen = await addCategory(h, 'kitchen', home.id);
    await addCategory(h, 'cookware', kitchen.id);
    await addCategory(h, 'garden', home.id);
    await addCategory(h, 'books');
  });
  after(() => h.close());

  const post = (payload: Record<string, unknown>, headers: Record<string, string> = h.admin) => h.app.inject({ method: 'POST', url: '/categories', headers, payload });

  test('GET /categories answers the nested tree', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/categories' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(shape(response.json().items), [['books', []], ['home', [['garden', []], ['kitchen', [['cookware', []]]]]]]);
  });

  test('GET /categories/:slug answers the category, its ancestors and the tree below it', async () => {
    const kitchen = (await h.app.inject({ method: 'GET', url: '/categories/kitchen' })).json();
    assert.equal(kitchen.slug, 'kitchen');
    assert.deepEqual(kitchen.ancestors.map((c: { slug: string }) => c.slug), ['home']);
    assert.deepEqual(shape(kitchen.children), [['cookware', []]]);
    const cookware = (await h.app.inject({ method: 'GET', url: '/categories/cookware' })).json();
    assert.deepEqual(cookware.ancestors.map((c: { slug: string }) => c.slug), ['home', 'kitchen']);
    const byId = (await h.app.inject({ method: 'GET', url: `/categories/${kitchen.id}` })).json();
    assert.equal(byId.slug, 'kitchen');
    assert.equal((await h.app.inject({ method: 'GET', url: '/categories/nowhere' })).statusCode, 404);
  });

  test('adding a category is for admins', async () => {
    assert.equal((await post({ slug: 'toys', name: 'Toys' }, {})).statusCode, 401);
    assert.equal((await post({ slug: 'toys', name: 'Toys' }, h.customer)).statusCode, 403);
    const created = await post({ slug: 'toys', name: 'Toys' });
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers.location, '/categories/toys');
  });

  test('a slug taken is a 409; bad input and an unknown parent are 400s naming the field', async () => {
    const taken = await post({ slug: 'home', name: 'Home again' });
    assert.equal(taken.statusCode, 409);
    assert.deepEqual(fieldsOf(taken.json()), ['body.slug']);
    assert.deepEqual(fieldsOf((await post({ slug: 'Bad Slug', name: 'x' })).json()), ['body.slug']);
    assert.deepEqual(fieldsOf((await post({ slug: 'ok', name: '' })).json()), ['body.name']);
    const orphan = await post({ slug: 'orphan', name: 'Orphan', parentId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(orphan.statusCode, 400);
    assert.deepEqual(fieldsOf(orphan.json()), ['body.parentId']);
  });
});

describe('the category tree is bounded', async () => {
  let h: Harness;
  before(async () => {
    h = await startCatalog('categories_bound');
  });
  after(() => h.close());

  test(`beyond ${MAX_CATEGORIES} categories, adding one is a 409 and nothing is written`, async () => {
    const names = Array.from({ length: MAX_CATEGORIES - 1 }, (_, i) => ({ slug: `c-${i}`, name: `C ${i}` }));
    await insertCategories(h.pool, names);
    assert.equal((await addCategory(h, 'last-one')).slug, 'last-one');
    const refused = await h.app.inject({ method: 'POST', url: '/categories', headers: h.admin, payload: { slug: 'one-too-many', name: 'One too many' } });
    assert.equal(refused.statusCode, 409, refused.body);
    const tree = (await h.app.inject({ method: 'GET', url: '/categories' })).json();
    assert.equal(tree.items.length, MAX_CATEGORIES);
  });
});
