// The HTTP API: a user's own messages, newest first, page by page; the admins' queue view; /health
// and /metrics carrying the queue.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createJwtVerifier } from '@bazaar/platform';
import { eventually } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { NotificationQueue } from '../src/delivery/queue.js';
import { confirmed, newOrder, newUser } from './fixtures.js';
import { historyOf, startNotifications, type Harness } from './support.js';

describe('notifications: HTTP', () => {
  let h: Harness;
  const ana = newUser();
  const ben = newUser({ firstName: 'Ben' });
  const adminId = randomUUID();
  before(async () => {
    h = await startNotifications('notifications_http');
    for (const user of [ana, ben]) await h.deliver('user.registered', user);
    for (let i = 0; i < 3; i++) {
      const order = newOrder(ana.userId);
      await h.deliver('order.placed', order);
      await h.deliver('order.confirmed', confirmed(order));
    }
    await eventually(async () => (await historyOf(h.pool, ana.userId)).every((r) => r.status === 'delivered'), { timeoutMs: 15_000 });
  });
  after(async () => { await h?.close(); });

  test('GET /notifications: my messages only, newest first, in pages', async () => {
    const headers = await h.bearer(ana.userId);
    const first = await h.app.inject({ method: 'GET', url: '/notifications?limit=3', headers });
    assert.equal(first.statusCode, 200, first.body);
    const page1 = first.json();
    assert.equal(page1.items.length, 3);
    assert.ok(page1.next);
    const second = (await h.app.inject({ method: 'GET', url: `/notifications?limit=3&after=${page1.next}`, headers })).json();
    assert.equal(second.items.length, 1);
    assert.equal(second.next, undefined);
    const all = [...page1.items, ...second.items];
    assert.deepEqual(all.map((n: { kind: string }) => n.kind), ['receipt', 'receipt', 'receipt', 'welcome']);
    assert.ok(all.every((n: { recipient: string; status: string }) => n.recipient === ana.email && n.status === 'delivered'));
    const created = all.map((n: { createdAt: string }) => n.createdAt);
    assert.deepEqual([...created].sort().reverse(), created);
  });

  test("another user's cursor is refused as one naming nothing (400), and their messages never shown", async () => {
    const anaFirst = (await h.app.inject({ method: 'GET', url: '/notifications?limit=1', headers: await h.bearer(ana.userId) })).json();
    const asBen = await h.bearer(ben.userId);
    const mine = (await h.app.inject({ method: 'GET', url: '/notifications', headers: asBen })).json();
    assert.deepEqual(mine.items.map((n: { subject: string }) => n.subject), ['Welcome to Bazaar, Ben']);
    const crossed = await h.app.inject({ method: 'GET', url: `/notifications?after=${anaFirst.items[0].id}`, headers: asBen });
    assert.equal(crossed.statusCode, 400);
    assert.match(crossed.headers['content-type'] as string, /problem\+json/);
    assert.equal((await h.app.inject({ method: 'GET', url: '/notifications' })).statusCode, 401);
  });

  test('GET /notifications/queue (admins): the counts and the failed messages in the history', async () => {
    const queue = await h.app.inject({ method: 'GET', url: '/notifications/queue', headers: await h.bearer(adminId, ['customer', 'admin']) });
    assert.equal(queue.statusCode, 200, queue.body);
    assert.deepEqual(Object.keys(queue.json()).sort(), ['active', 'delayed', 'failed', 'failedInHistory', 'oldestWaitingAgeSeconds', 'waiting']);
    assert.equal(queue.json().failedInHistory, 0);
    assert.equal((await h.app.inject({ method: 'GET', url: '/notifications/queue', headers: await h.bearer(ana.userId) })).statusCode, 403);
  });

  test('/health carries the queue counts, /metrics the gauges and the sent counters by channel', async () => {
    const health = (await h.app.inject({ method: 'GET', url: '/health' })).json();
    assert.equal(health.checks.queue.status, 'healthy');
    assert.equal(health.checks.smtp.status, 'healthy', 'the SMTP server answers');
    assert.deepEqual(Object.keys(health.checks.queue.details).sort(), ['active', 'delayed', 'failed', 'oldestWaitingAgeSeconds', 'waiting']);
    const metrics = await h.app.metrics.metrics();
    for (const name of ['waiting', 'active', 'delayed', 'failed', 'oldest_waiting_age_seconds']) assert.match(metrics, new RegExp(`^notifications_queue_${name}\\{[^}]*\\} \\d`, 'm'));
    assert.match(metrics, /^notifications_sent_total\{[^}]*channel="email"[^}]*\} 5$/m);
  });

  test('Redis out of reach: the queue routes answer 503, a user still reads their messages, /health is degraded', async () => {
    // Port 1 answers nothing: BullMQ would wait for it for ever; the queue gives up after 300 ms.
    const queue = new NotificationQueue({ url: 'redis://127.0.0.1:1', prefix: 'notifications:unreachable' }, undefined, 300);
    const auth = createJwtVerifier({ jwksUrl: h.keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
    const app = await buildApp({ pool: h.pool, auth, logger: h.logger, queue, dispatcher: new Dispatcher(h.pool, queue, h.logger) });
    try {
      const admin = await h.bearer(adminId, ['customer', 'admin']);
      const counts = await app.inject({ method: 'GET', url: '/notifications/queue', headers: admin });
      assert.equal(counts.statusCode, 503, counts.body);
      assert.equal(counts.headers['retry-after'], '2');
      assert.equal((await app.inject({ method: 'GET', url: '/notifications', headers: await h.bearer(ana.userId) })).statusCode, 200);
      const health = await app.inject({ method: 'GET', url: '/health' });
      assert.equal(health.statusCode, 200);
      assert.deepEqual([health.json().status, health.json().checks.queue.status], ['degraded', 'unhealthy']);
    } finally {
      await app.close();
      await queue.close().catch(() => undefined);
    }
  });
});
