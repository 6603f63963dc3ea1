// The reviewer's name copy follows identity's user.updated by the user's version, which identity
// raises with every change under the user's row lock; the event's time alone cannot order two changes
// stamped in the same millisecond, or by two identity replicas whose clocks disagree. Events without
// a version (the contract's first shape) are still ordered by time, and a deleted user's name, pinned
// by catalog's user.deleted handler, stays removed whatever arrives later.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { contracts } from '@bazaar/contracts';
import { createEnvelope, payloadHandlers } from '@bazaar/platform';
import { deliverMessage } from '@bazaar/platform/testing';
import { createEventHandlers } from '../src/events.js';
import { FORMER_CUSTOMER } from '../src/reviews/erasure.handlers.js';
import { startCatalog, type Harness } from './harness.js';

const updated = (userId: string, firstName: string, updatedAt: string, version?: number) =>
  createEnvelope('identity', 'user.updated', 1, { userId, email: `${userId}@example.test`, firstName, lastName: 'Quill', updatedAt, ...(version ? { version } : {}) });
const registered = (userId: string, firstName: string, registeredAt: string, version?: number) =>
  createEnvelope('identity', 'user.registered', 1, { userId, email: `${userId}@example.test`, firstName, lastName: 'Quill', registeredAt, ...(version ? { version } : {}) });

describe("the reviewer's name follows the user's version", () => {
  let h: Harness;
  before(async () => { h = await startCatalog('review_name_versions'); });
  after(() => h.close());

  // As catalog's consumer delivers them, with the handlers main.ts registers (user.deleted's included).
  const receive = async (_: Harness, body: unknown) => {
    const { duplicate } = await deliverMessage({ pool: h.pool, contracts, kind: 'events', handlers: payloadHandlers(contracts.events, createEventHandlers(h.publish)) }, body);
    assert.equal(duplicate, false);
  };
  const nameOf = async (userId: string) =>
    (await h.pool.query<{ display_name: string | null }>('SELECT display_name FROM reviewer_names WHERE user_id_ref = $1', [userId])).rows[0]?.display_name;

  test('two changes stamped in the same millisecond: the higher version wins, in either order', async () => {
    const at = '2026-05-01T12:00:00.000Z';
    const [inOrder, reversed] = [randomUUID(), randomUUID()];
    await receive(h, registered(inOrder, 'Ana', '2026-04-01T00:00:00.000Z', 1));
    await receive(h, updated(inOrder, 'Anabel', at, 2));
    await receive(h, updated(inOrder, 'Bel', at, 3));
    assert.equal(await nameOf(inOrder), 'Bel Q.');
    await receive(h, updated(reversed, 'Bel', at, 3));
    await receive(h, updated(reversed, 'Anabel', at, 2));
    assert.equal(await nameOf(reversed), 'Bel Q.');
  });

  test("a later version stamped earlier (another replica's clock) still wins; an older one stamped later does not", async () => {
    const userId = randomUUID();
    await receive(h, updated(userId, 'Second', '2026-05-01T12:00:05.000Z', 2));
    await receive(h, updated(userId, 'Third', '2026-05-01T12:00:01.000Z', 3));
    assert.equal(await nameOf(userId), 'Third Q.');
    await receive(h, updated(userId, 'Second again', '2026-05-01T12:00:09.000Z', 2));
    assert.equal(await nameOf(userId), 'Third Q.');
  });

  test('without versions the time orders them, as before; a deleted user stays removed', async () => {
    const userId = randomUUID();
    await receive(h, updated(userId, 'Newer', '2026-05-01T12:00:05.000Z'));
    await receive(h, updated(userId, 'Older', '2026-05-01T12:00:01.000Z'));
    assert.equal(await nameOf(userId), 'Newer Q.');

    const deleted = randomUUID();
    await receive(h, updated(deleted, 'Gone', '2026-05-01T12:00:00.000Z', 4));
    await receive(h, createEnvelope('identity', 'user.deleted', 1, { userId: deleted, deletedAt: '2026-05-02T00:00:00.000Z', deletedBy: 'user' }));
    await receive(h, updated(deleted, 'Late', '2026-05-01T12:00:01.000Z', 5));
    assert.equal(await nameOf(deleted), FORMER_CUSTOMER);
  });
});
