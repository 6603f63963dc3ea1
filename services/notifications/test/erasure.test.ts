// A deleted user at notifications (identity's user.deleted), through the real handlers, database,
// queue and SMTP sink: the contact copy becomes a tombstone no late event overwrites, the history
// keeps what was sent without recipient or text, and nothing more is sent to them; confirmed with
// user.erased in the inbox's transaction.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, published } from '@bazaar/platform/testing';
import { confirmed, newOrder, newUser, updated } from './fixtures.js';
import { historyOf, startNotifications, type Harness } from './support.js';

describe("a deleted user's messages", () => {
  let h: Harness;
  before(async () => { h = await startNotifications('notifications_erasure'); });
  after(async () => { await h?.close(); });

  const settled = (userId: string, count: number) => eventually(async () => {
    const rows = await historyOf(h.pool, userId);
    return rows.length === count && rows.every((r) => r.status === 'delivered' || r.status === 'skipped') ? rows : undefined;
  }, { timeoutMs: 15_000, message: `${count} message(s) settled` });
  const deleted = (userId: string) => ({ userId, deletedAt: new Date().toISOString(), deletedBy: 'user' });

  test('the contact copy and the history lose the person; a late update or order event reaches nobody', async () => {
    const user = newUser();
    const other = newUser();
    await h.deliver('user.registered', user);
    await h.deliver('user.registered', other);
    await settled(user.userId, 1);
    await settled(other.userId, 1);
    const order = newOrder(user.userId);
    await h.deliver('order.placed', order);

    await h.deliver('user.deleted', deleted(user.userId));
    const { rows: [copy] } = await h.pool.query('SELECT email, first_name, last_name, phone, email_enabled, sms_enabled, push_enabled FROM contact_copies WHERE user_id_ref = $1', [user.userId]);
    assert.deepEqual(copy, { email: '', first_name: '', last_name: '', phone: null, email_enabled: false, sms_enabled: false, push_enabled: false });
    const [welcome] = await historyOf(h.pool, user.userId);
    assert.deepEqual([welcome!.kind, welcome!.status, welcome!.recipient], ['welcome', 'delivered', null]);
    const mine = (await h.app.inject({ method: 'GET', url: '/notifications', headers: await h.bearer(user.userId) })).json();
    assert.equal(mine.items.length, 1);
    assert.ok(!JSON.stringify(mine).includes(user.email) && !JSON.stringify(mine).includes('Ana'), JSON.stringify(mine));
    assert.equal((await historyOf(h.pool, other.userId))[0]!.recipient, other.email, 'another user keeps theirs');

    // A user.updated sent before the deletion and delivered after it, then an order event: nothing comes back, nothing is sent.
    await h.deliver('user.updated', updated(user, { email: user.email, version: 2 }));
    await h.deliver('order.confirmed', confirmed(order));
    assert.equal((await h.pool.query('SELECT email FROM contact_copies WHERE user_id_ref = $1', [user.userId])).rows[0].email, '');
    assert.equal((await historyOf(h.pool, user.userId)).length, 1);
    assert.equal(h.sink.to(user.email).length, 1, 'only the welcome ever reached the address');

    const confirmation = (await published(h.pool)).find((m) => m.type === 'user.erased' && m.payload.userId === user.userId);
    assert.equal(confirmation?.payload.service, 'notifications');
    assert.equal(confirmation?.payload.summary, 'contact copy removed; 1 message in the history without recipient or text');
  });

  test('a message still queued when the user is deleted is not sent', async () => {
    const user = newUser();
    await h.deliver('user.registered', user);
    await settled(user.userId, 1);
    // As if the deletion landed before the worker took the welcome: the row back to queued.
    await h.pool.query("UPDATE notifications SET status = 'queued', sent_at = NULL WHERE user_id_ref = $1", [user.userId]);
    await h.deliver('user.deleted', deleted(user.userId));
    const [row] = await historyOf(h.pool, user.userId);
    assert.deepEqual([row!.status, row!.recipient, row!.last_error], ['skipped', null, 'the user deleted their account']);
  });
});
