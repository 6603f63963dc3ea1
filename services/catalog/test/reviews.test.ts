import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@bazaar/platform';
import { addCategory, addProduct, bearer, fieldsOf, receive, startCatalog, type Harness } from './harness.js';

describe('reviews', async () => {
  let h: Harness;
  let categoryId: string;
  before(async () => {
    h = await startCatalog('reviews');
    categoryId = (await addCategory(h, 'books')).id;
  });
  after(() => h.close());

  const review = async (productId: string, payload: Record<string, unknown>, userId = randomUUID()) =>
    h.app.inject({ method: 'POST', url: `/products/${productId}/reviews`, headers: bearer(await h.identity.token({ userId })), payload });

  test('a signed-in user reviews a product once; a second review is a 409 problem', async () => {
    const { id } = await addProduct(h, { categoryId });
    const userId = randomUUID();
    await receive(h, createEnvelope('identity', 'user.registered', 1, {
      userId, email: 'gil@example.test', firstName: 'Gil', lastName: 'Moreau', registeredAt: '2026-03-01T10:00:00.000Z',
    }));
    const first = await review(id, { rating: 4, comment: 'Good read' }, userId);
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual(first.json().reviewer, { displayName: 'Gil M.' }, 'the author is the token subject');
    assert.equal(first.json().rating, 4);

    const second = await review(id, { rating: 1, comment: 'Changed my mind' }, userId);
    assert.equal(second.statusCode, 409);
    assert.match(second.headers['content-type'] as string, /^application\/problem\+json/);
    assert.equal(second.json().code, 'conflict');

    const product = (await h.app.inject({ method: 'GET', url: `/products/${id}` })).json();
    assert.equal(product.reviewCount, 1, 'the refused review is not counted');
    assert.equal(product.ratingAverage, 4);
  });

  test('a rating outside 1 to 5 is a 400 naming body.rating', async () => {
    const { id } = await addProduct(h, { categoryId });
    for (const rating of [6, 0, 4.5, 'five']) {
      const response = await review(id, { rating });
      assert.equal(response.statusCode, 400, `${rating}: ${response.body}`);
      assert.deepEqual(fieldsOf(response.json()), ['body.rating']);
    }
    const long = await review(id, { rating: 5, comment: 'x'.repeat(2001) });
    assert.deepEqual(fieldsOf(long.json()), ['body.comment']);
  });

  test('reviewing needs a signed-in user', async () => {
    const { id } = await addProduct(h, { categoryId });
    const response = await h.app.inject({ method: 'POST', url: `/products/${id}/reviews`, payload: { rating: 5 } });
    assert.equal(response.statusCode, 401);
  });

  test('an unknown product is a 404; a discontinued one a 409', async () => {
    assert.equal((await review(randomUUID(), { rating: 5 })).statusCode, 404);
    const { id } = await addProduct(h, { categoryId });
    await h.app.inject({ method: 'DELETE', url: `/products/${id}`, headers: h.admin });
    const response = await review(id, { rating: 5 });
    assert.equal(response.statusCode, 409);
    assert.match(response.json().detail, /discontinued/);
  });

  test('the product shows the average and count of its reviews', async () => {
    const { id } = await addProduct(h, { categoryId });
    await Promise.all([5, 4, 4].map((rating) => review(id, { rating })));
    const product = (await h.app.inject({ method: 'GET', url: `/products/${id}` })).json();
    assert.equal(product.reviewCount, 3);
    assert.equal(product.ratingAverage, 4.33);
  });

  test('reviews are listed newest first, every one exactly once across pages', async () => {
    const { id } = await addProduct(h, { categoryId });
    const written: string[] = [];
    for (let i = 0; i < 7; i++) written.push((await review(id, { rating: 1 + (i % 5), comment: `review ${i}` })).json().id);
    const seen: { id: string; createdAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/products/${id}/reviews?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await h.app.inject({ method: 'GET', url })).json() as { items: { id: string; createdAt: string }[]; nextCursor: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen.map((r) => r.id).sort(), [...written].sort());
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1]!.createdAt >= seen[i]!.createdAt, 'newest first');
    assert.equal((await h.app.inject({ method: 'GET', url: `/products/${randomUUID()}/reviews` })).statusCode, 404);
    const bad = await h.app.inject({ method: 'GET', url: `/products/${id}/reviews?cursor=garbage!` });
    assert.deepEqual(fieldsOf(bad.json()), ['querystring.cursor']);
  });

  test('a crafted cursor that decodes to no valid position is a 400 naming cursor, never a 500', async () => {
    const { id } = await addProduct(h, { categoryId });
    for (const key of ['2025-02-30T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2025-01-01T24:00:00.000Z', '2025-04-31T10:00:00Z']) {
      const cursor = Buffer.from(JSON.stringify(['reviews', key, randomUUID()])).toString('base64url');
      const response = await h.app.inject({ method: 'GET', url: `/products/${id}/reviews?cursor=${cursor}` });
      assert.equal(response.statusCode, 400, `${key}: ${response.body}`);
      assert.deepEqual(fieldsOf(response.json()), ['querystring.cursor']);
    }
  });
});
