// Who wrote a review, as anyone reading reviews sees it: a display name taken from catalog's copy of
// identity's user.registered and user.updated, never identity's user id. Events are delivered as
// catalog's consumer delivers them (contract check, then handler and inbox row in one transaction).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@bazaar/platform';
import { displayNameOf, FALLBACK_DISPLAY_NAME } from '../src/reviews/review.js';
import { addCategory, addProduct, bearer, receive, startCatalog, type Harness } from './harness.js';

const registered = (userId: string, firstName: string, lastName: string, registeredAt = '2026-03-01T10:00:00.000Z') =>
  createEnvelope('identity', 'user.registered', 1, { userId, email: `${userId}@example.test`, firstName, lastName, registeredAt });
const updated = (userId: string, firstName: string, lastName: string, updatedAt: string) =>
  createEnvelope('identity', 'user.updated', 1, { userId, email: `${userId}@example.test`, firstName, lastName, updatedAt });

describe('a display name built from first name and last initial', () => {
  test('"Ana" "Pereira" is "Ana P."; surrounding spaces are dropped', () => {
    assert.equal(displayNameOf('Ana', 'Pereira'), 'Ana P.');
    assert.equal(displayNameOf('  Ana ', ' pereira'), 'Ana p.');
  });

  test('no last name leaves the first name alone; no name at all has none', () => {
    assert.equal(displayNameOf('Ana', ''), 'Ana');
    assert.equal(displayNameOf('Ana', '   '), 'Ana');
    assert.equal(displayNameOf('', 'Pereira'), 'P.');
    assert.equal(displayNameOf(' ', ''), null);
  });

  test('the initial is a whole character as a reader sees it, not half of one', () => {
    assert.equal(displayNameOf('Zoë', 'Ölçer'), 'Zoë Ö.');
    // An O followed by a combining diaeresis, and a letter outside the basic plane.
    assert.equal(displayNameOf('Jo', 'O\u0308zil'), 'Jo O\u0308.');
    assert.equal(displayNameOf('Kai', '𝒜bel'), 'Kai 𝒜.');
  });

  test('a very long first name is cut to 100 characters, never inside one', () => {
    assert.equal(displayNameOf('A'.repeat(150), 'Long'), `${'A'.repeat(100)} L.`);
    // 99 letters, then an e and its combining accent (two code points): the accented e does not fit whole.
    assert.equal(displayNameOf(`${'A'.repeat(99)}e\u0301x`, ''), 'A'.repeat(99));
  });

  test('whatever the names, a display name fits the 120 characters the API and the table allow', () => {
    const zalgo = `Z${'\u0336'.repeat(40)}`;
    for (const [first, last] of [['A'.repeat(100), zalgo], ['A'.repeat(100), '👨‍👩‍👧‍👦 family'], [zalgo.repeat(5), 'Smith']]) {
      const name = displayNameOf(first!, last!);
      assert.ok(name && Array.from(name).length <= 120, `${name?.length}: ${name}`);
    }
    assert.equal(displayNameOf('Ana', '👨‍👩‍👧‍👦x'), 'Ana 👨‍👩‍👧‍👦.');
  });

  test('control characters are no part of a name', () => {
    assert.equal(displayNameOf('An\u0000a', '\u0007Pereira'), 'Ana P.');
  });
});

describe('reviews show the reviewer by display name', async () => {
  let h: Harness;
  let categoryId: string;
  before(async () => {
    h = await startCatalog('review_names');
    categoryId = (await addCategory(h, 'garden')).id;
  });
  after(() => h.close());

  const review = async (productId: string, userId: string, comment = 'Solid') => {
    const response = await h.app.inject({
      method: 'POST', url: `/products/${productId}/reviews`, headers: bearer(await h.identity.token({ userId })), payload: { rating: 4, comment },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response;
  };
  const reviewsOf = (productId: string) => h.app.inject({ method: 'GET', url: `/products/${productId}/reviews` });

  test('an anonymous reader never sees a user id anywhere in the reviews', async () => {
    const { id } = await addProduct(h, { categoryId });
    const userIds = [randomUUID(), randomUUID()];
    for (const userId of userIds) await review(id, userId);
    const response = await reviewsOf(id);
    assert.equal(response.statusCode, 200);
    for (const userId of userIds) {
      assert.ok(!response.body.toLowerCase().includes(userId.toLowerCase()), `the body holds user id ${userId}: ${response.body}`);
    }
    for (const item of response.json().items as Record<string, unknown>[]) assert.ok(!('userId' in item), 'no userId field');
  });

  test('the name delivered by user.registered is shown; a reviewer catalog has not heard of shows the fallback', async () => {
    const { id } = await addProduct(h, { categoryId });
    const known = randomUUID();
    await receive(h, registered(known, 'Ana', 'Pereira'));
    await review(id, known, 'from Ana');
    await review(id, randomUUID(), 'from a stranger');
    const names = Object.fromEntries((await reviewsOf(id)).json().items.map((r: { comment: string; reviewer: { displayName: string } }) => [r.comment, r.reviewer.displayName]));
    assert.deepEqual(names, { 'from Ana': 'Ana P.', 'from a stranger': FALLBACK_DISPLAY_NAME });
    assert.equal(FALLBACK_DISPLAY_NAME, 'Bazaar customer');
  });

  test('the author sees the same public view of the review they wrote, with their name', async () => {
    const { id } = await addProduct(h, { categoryId });
    const userId = randomUUID();
    await receive(h, registered(userId, 'Bea', 'Lund'));
    const written = (await review(id, userId)).json();
    assert.deepEqual(Object.keys(written).sort(), ['comment', 'createdAt', 'id', 'productId', 'rating', 'reviewer', 'verifiedPurchase']);
    assert.deepEqual(written.reviewer, { displayName: 'Bea L.' }, 'the author is the token subject');
    assert.equal(written.verifiedPurchase, false);
  });

  test('a name registered after the review was written is shown from then on', async () => {
    const { id } = await addProduct(h, { categoryId });
    const userId = randomUUID();
    await review(id, userId);
    assert.equal((await reviewsOf(id)).json().items[0].reviewer.displayName, FALLBACK_DISPLAY_NAME);
    await receive(h, registered(userId, 'Cai', 'Moss'));
    assert.equal((await reviewsOf(id)).json().items[0].reviewer.displayName, 'Cai M.');
  });

  test('user.updated changes the name; an update older than the name shown does not win', async () => {
    const { id } = await addProduct(h, { categoryId });
    const userId = randomUUID();
    await receive(h, registered(userId, 'Dana', 'Ruiz', '2026-03-01T10:00:00.000Z'));
    await review(id, userId);
    const shown = async () => (await reviewsOf(id)).json().items[0].reviewer.displayName;

    await receive(h, updated(userId, 'Dani', 'Ruiz', '2026-03-03T10:00:00.000Z'));
    assert.equal(await shown(), 'Dani R.');
    // Sent before the one above, delivered after it (a retry): it must not take the name back.
    await receive(h, updated(userId, 'Danielle', 'Ruiz', '2026-03-02T10:00:00.000Z'));
    assert.equal(await shown(), 'Dani R.');
    // A late registration is older than any update.
    await receive(h, registered(userId, 'Dana', 'Ruiz', '2026-03-01T10:00:00.000Z'));
    assert.equal(await shown(), 'Dani R.');
    await receive(h, updated(userId, 'Dani', 'Stone', '2026-03-05T10:00:00.000Z'));
    assert.equal(await shown(), 'Dani S.');
  });

  test('an update that arrives before the registration is kept, and the registration does not undo it', async () => {
    const { id } = await addProduct(h, { categoryId });
    const userId = randomUUID();
    await receive(h, updated(userId, 'Eli', 'Nash', '2026-03-02T10:00:00.000Z'));
    await receive(h, registered(userId, 'Elias', 'Nash', '2026-03-01T10:00:00.000Z'));
    await review(id, userId);
    assert.equal((await reviewsOf(id)).json().items[0].reviewer.displayName, 'Eli N.');
  });

  test('catalog keeps the display name only, not the email', async () => {
    const userId = randomUUID();
    await receive(h, registered(userId, 'Fay', 'Oak'));
    const { rows } = await h.pool.query('SELECT * FROM reviewer_names WHERE user_id_ref = $1', [userId]);
    assert.equal(rows.length, 1);
    assert.deepEqual(Object.keys(rows[0]).sort(), ['display_name', 'updated_at', 'user_id_ref', 'version']);
    assert.ok(!JSON.stringify(rows[0]).includes('@example.test'));
  });
});
