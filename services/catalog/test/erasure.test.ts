// A deleted user's reviews at catalog (identity's user.deleted): they stay, shown as by a former
// customer, and nothing brings the name back; catalog confirms with user.erased in the same
// transaction. Delivered as catalog's consumer delivers it (contract check, handler and inbox row).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { contracts } from '@bazaar/contracts';
import { createEnvelope, payloadHandlers } from '@bazaar/platform';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { createEventHandlers } from '../src/events.js';
import { FORMER_CUSTOMER } from '../src/reviews/erasure.handlers.js';
import { addCategory, addProduct, bearer, startCatalog, type Harness } from './harness.js';

describe("a deleted user's reviews", () => {
  let h: Harness;
  let categoryId: string;
  before(async () => {
    h = await startCatalog('erasure');
    categoryId = (await addCategory(h, 'erasure')).id;
  });
  after(() => h.close());

  const deliver = async (body: unknown) => {
    const { duplicate } = await deliverMessage({ pool: h.pool, contracts, kind: 'events', handlers: payloadHandlers(contracts.events, createEventHandlers(h.publish)) }, body);
    return duplicate;
  };
  const registered = (userId: string, firstName: string, at: string) =>
    createEnvelope('identity', 'user.registered', 1, { userId, email: `${userId}@example.test`, firstName, lastName: 'Quill', registeredAt: at });
  const updated = (userId: string, firstName: string, at: string) =>
    createEnvelope('identity', 'user.updated', 1, { userId, email: `${userId}@example.test`, firstName, lastName: 'Quill', updatedAt: at });
  const deleted = (userId: string) => createEnvelope('identity', 'user.deleted', 1, { userId, deletedAt: '2026-06-01T00:00:00.000Z', deletedBy: 'user' });
  const review = async (productId: string, userId: string, comment: string) => {
    const response = await h.app.inject({ method: 'POST', url: `/products/${productId}/reviews`, headers: bearer(await h.identity.token({ userId })), payload: { rating: 5, comment } });
    assert.equal(response.statusCode, 201, response.body);
  };
  const shown = async (productId: string) =>
    Object.fromEntries(((await h.app.inject({ method: 'GET', url: `/products/${productId}/reviews` })).json().items as { comment: string; reviewer: { displayName: string } }[])
      .map((r) => [r.comment, r.reviewer.displayName]));

  test('stay, with their words and rating, shown as by a former customer; others keep their names', async () => {
    const { id } = await addProduct(h, { categoryId });
    const leaving = randomUUID();
    const staying = randomUUID();
    await deliver(registered(leaving, 'Lena', '2026-05-01T00:00:00.000Z'));
    await deliver(registered(staying, 'Stan', '2026-05-01T00:00:00.000Z'));
    await review(id, leaving, 'great kettle');
    await review(id, staying, 'fine kettle');
    assert.deepEqual(await shown(id), { 'great kettle': 'Lena Q.', 'fine kettle': 'Stan Q.' });

    await deliver(deleted(leaving));
    assert.deepEqual(await shown(id), { 'great kettle': FORMER_CUSTOMER, 'fine kettle': 'Stan Q.' });
    const { rows } = await h.pool.query('SELECT display_name FROM reviewer_names WHERE user_id_ref = $1', [leaving]);
    assert.deepEqual(rows, [{ display_name: FORMER_CUSTOMER }]);

    const confirmations = (await published(h.pool)).filter((m) => m.type === 'user.erased');
    assert.equal(confirmations.length, 1);
    assert.equal(confirmations[0]!.payload.userId, leaving);
    assert.equal(confirmations[0]!.payload.service, 'catalog');
    assert.match(String(confirmations[0]!.payload.summary), /^1 review shown as by a former customer/);
  });

  test('a late user.updated, or a registration delivered after the deletion, does not bring the name back', async () => {
    const { id } = await addProduct(h, { categoryId });
    const userId = randomUUID();
    await review(id, userId, 'noisy fan');
    await deliver(deleted(userId));
    await deliver(registered(userId, 'Lena', '2026-05-01T00:00:00.000Z'));
    await deliver(updated(userId, 'Lena', '2099-01-01T00:00:00.000Z'));
    assert.deepEqual(await shown(id), { 'noisy fan': FORMER_CUSTOMER });
  });

  test('a redelivered deletion changes nothing and confirms nothing twice', async () => {
    const userId = randomUUID();
    const envelope = deleted(userId);
    assert.equal(await deliver(envelope), false);
    assert.equal(await deliver(envelope), true);
    const confirmations = (await published(h.pool)).filter((m) => m.type === 'user.erased' && m.payload.userId === userId);
    assert.equal(confirmations.length, 1);
    assert.match(String(confirmations[0]!.payload.summary), /^0 reviews/);
  });
});
