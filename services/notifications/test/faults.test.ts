// When things fail: the SMTP server refusing for a while or for good, Redis losing the queue, a
// worker gone. Afterwards each message is in the sink exactly once, or recorded failed and retryable.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '@bazaar/platform/testing';
import { createSendWorker } from '../src/delivery/worker.js';
import { messageIdOf } from '../src/notifications/notification.js';
import { newUser } from './fixtures.js';
import { historyOf, startNotifications, TEST_LOCK_MS, type Harness } from './support.js';

describe('notifications: faults', () => {
  let h: Harness;
  before(async () => { h = await startNotifications('notifications_faults'); });
  after(async () => { await h?.close(); });

  const statusOf = (userId: string, status: string) => eventually(async () => {
    const [row] = await historyOf(h.pool, userId);
    return row?.status === status ? row : undefined;
  }, { timeoutMs: 15_000, message: `the message ${status}` });

  test('the SMTP server refusing for a while: retried with backoff, then delivered once', async () => {
    const user = newUser();
    h.sink.refuse({ count: 2 });
    const refusedBefore = h.sink.refused;
    await h.deliver('user.registered', user);
    const row = await statusOf(user.userId, 'delivered');
    assert.equal(h.sink.refused - refusedBefore, 2);
    assert.equal(row.attempts, 3, 'two refused tries and the one that went through');
    assert.equal(h.sink.to(user.email).length, 1);
  });

  test('attempts used up: recorded failed with the last error, listed for admins, and sent once retried through the API', async () => {
    const user = newUser();
    h.sink.refuse();
    try {
      await h.deliver('user.registered', user);
      const failed = await statusOf(user.userId, 'failed');
      assert.equal(failed.attempts, 3);
      assert.match(failed.last_error ?? '', /451|temporarily unavailable/i);
    } finally {
      h.sink.accept();
    }
    assert.equal(h.sink.to(user.email).length, 0);
    const admin = await h.bearer('00000000-0000-4000-8000-0000000000ad', ['customer', 'admin']);
    const [row] = await historyOf(h.pool, user.userId);
    const listed = await h.app.inject({ method: 'GET', url: '/notifications/failed?limit=100', headers: admin });
    assert.equal(listed.statusCode, 200, listed.body);
    const item = listed.json().items.find((i: { id: string }) => i.id === row!.id);
    assert.ok(item, 'the failed message is listed');
    assert.match(item.lastError, /451|temporarily unavailable/i);

    const customer = await h.bearer(user.userId);
    assert.equal((await h.app.inject({ method: 'POST', url: `/notifications/${row!.id}/retry`, headers: customer })).statusCode, 403);
    const retried = await h.app.inject({ method: 'POST', url: `/notifications/${row!.id}/retry`, headers: admin });
    assert.equal(retried.statusCode, 202, retried.body);
    assert.deepEqual(retried.json(), { retried: 1 });
    const sent = await statusOf(user.userId, 'delivered');
    assert.equal(sent.id, row!.id);
    assert.equal(h.sink.to(user.email).length, 1);
    const again = await h.app.inject({ method: 'POST', url: `/notifications/${row!.id}/retry`, headers: admin });
    assert.equal(again.statusCode, 409, 'a delivered message is not retried');
  });

  test('retry all: every failed message is queued again and sent once', async () => {
    const users = [newUser(), newUser()];
    h.sink.refuse();
    try {
      for (const user of users) await h.deliver('user.registered', user);
      for (const user of users) await statusOf(user.userId, 'failed');
    } finally {
      h.sink.accept();
    }
    const admin = await h.bearer('00000000-0000-4000-8000-0000000000ad', ['customer', 'admin']);
    const retried = await h.app.inject({ method: 'POST', url: '/notifications/failed/retry', headers: admin });
    assert.equal(retried.statusCode, 202, retried.body);
    assert.ok(retried.json().retried >= 2);
    for (const user of users) await statusOf(user.userId, 'delivered');
    for (const user of users) assert.equal(h.sink.to(user.email).length, 1);
  });

  test('a job lost with Redis is queued again from the history under the same id, and sent once', async () => {
    await h.worker.pause();
    const user = newUser();
    try {
      await h.deliver('user.registered', user);
      const [row] = await historyOf(h.pool, user.userId);
      assert.ok(await h.queue.queue.getJob(row!.job_id), 'the job is in Redis');
      assert.ok(await h.redis.wipe() > 0, 'the queue keys were deleted');
      assert.equal(await h.queue.queue.getJob(row!.job_id), undefined);
      assert.equal(await h.dispatcher.requeue(0), 1);
      const restored = await h.queue.queue.getJob(row!.job_id);
      assert.equal(restored?.data.notificationId, row!.id);
      assert.equal(await h.dispatcher.requeue(0), 0, 'a job Redis holds is not added twice');
    } finally {
      await h.worker.resume();
    }
    await statusOf(user.userId, 'delivered');
    assert.equal(h.sink.to(user.email).length, 1);
  });

  test('a worker gone mid-send (mail accepted, history not updated): another takes the stalled job up and sends it again with the same Message-ID', async () => {
    await h.worker.pause();
    const user = newUser();
    let handed: () => void = () => undefined;
    const sent = new Promise<void>((resolve) => { handed = resolve; });
    // The doomed worker's email goes out, then the worker never comes back from it: as if killed
    // between the server's 250 and the history's update.
    const doomed = createSendWorker(h.connection, {
      pool: h.pool, logger: h.logger,
      channels: {
        email: { channel: 'email', send: async (message) => { await h.email.send(message); handed(); return new Promise<string>(() => undefined); } },
        sms: { channel: 'sms', send: () => Promise.reject(new Error('unused')) },
        push: { channel: 'push', send: () => Promise.reject(new Error('unused')) },
      },
    }, { concurrency: 1, lockDurationMs: TEST_LOCK_MS });
    void doomed.run();
    try {
      await h.deliver('user.registered', user);
      await sent;
    } finally {
      // Stops without waiting for its job, and no longer renews the job's lock.
      await doomed.close(true);
      await h.worker.resume();
    }
    const row = await statusOf(user.userId, 'delivered');
    assert.equal(row.attempts, 2);
    const mail = h.sink.to(user.email);
    assert.equal(mail.length, 2, 'sent twice over SMTP');
    assert.deepEqual(new Set(mail.map((m) => m.messageId)), new Set([messageIdOf(row.id)]), 'as one message, by its Message-ID');
  });
});
