// Seed 000's exercise: each service's Redis user reaches only its own prefix, BullMQ's scripts
// included. Notifications' user is refused identity's keys, and identity's user notifications' queue.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { provisionRedisUser } from '../../../tools/src/provision.js';
import { checkedPrefix, NotificationQueue, QUEUE_NAME } from '../src/delivery/queue.js';
import { provisionTestRedis, redisUrl } from './support.js';

describe("notifications' Redis user", () => {
  const tag = randomBytes(4).toString('hex');
  let notifications: Awaited<ReturnType<typeof provisionTestRedis>>;
  let identity: Awaited<ReturnType<typeof provisionRedisUser>>;
  const closers: (() => Promise<unknown>)[] = [];

  before(async () => {
    notifications = await provisionTestRedis(tag);
    identity = await provisionRedisUser(redisUrl, { name: `identity-${tag}`, redisPrefix: `identity:acl-${tag}` }, randomBytes(16).toString('hex'), { userPrefix: 'test' });
  });
  after(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    const left = await notifications.admin.keys(`identity:acl-${tag}:*`);
    if (left.length) await notifications.admin.del(...left);
    await notifications.admin.call('ACL', 'DELUSER', identity.user);
    await notifications.close();
  });

  const bull = (url: string, prefix: string) => {
    const queue = new Queue(QUEUE_NAME, { connection: { url, maxRetriesPerRequest: 1 }, prefix });
    queue.on('error', () => undefined);
    closers.push(() => queue.close());
    return queue;
  };

  test('works its own queue under notifications:*', async () => {
    const queue = new NotificationQueue({ url: notifications.url, prefix: notifications.prefix });
    closers.push(() => queue.close());
    await queue.add([{ id: '0193a000-0000-7000-8000-000000000001', jobId: `acl-${tag}-email` }]);
    const counts = await queue.counts();
    assert.equal(counts.waiting, 1);
    const keys = await notifications.admin.keys(`${notifications.prefix}:*`);
    assert.ok(keys.length > 0 && keys.every((k) => k.startsWith(`${notifications.prefix}:${QUEUE_NAME}:`)), keys.join(', '));
  });

  test("is refused identity's keys, by a plain command and through BullMQ's scripts", async () => {
    const asNotifications = new Redis(notifications.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await asNotifications.connect();
    closers.push(async () => asNotifications.disconnect());
    await assert.rejects(asNotifications.set(`identity:acl-${tag}:session`, 'x'), /NOPERM/);
    await assert.rejects(asNotifications.get(`identity:acl-${tag}:session`), /NOPERM/);
    // BullMQ pointed at identity's prefix with notifications' user: its Lua scripts touch keys the user may not.
    await assert.rejects(bull(notifications.url, `identity:acl-${tag}`).add('send', { notificationId: 'x' }, { jobId: 'probe' }), /NOPERM|No permissions/i);
    assert.deepEqual(await notifications.admin.keys(`identity:acl-${tag}:*`), []);
  });

  test("identity's user is refused notifications' queue, through BullMQ too", async () => {
    await assert.rejects(bull(identity.url, notifications.prefix).add('send', { notificationId: 'x' }, { jobId: 'probe' }), /NOPERM|No permissions/i);
    await assert.rejects(bull(identity.url, notifications.prefix).getJobCounts('waiting'), /NOPERM|No permissions/i);
  });

  test("the service itself cannot be given a prefix outside notifications:", () => {
    assert.throws(() => checkedPrefix('identity'), /must live under "notifications:"/);
    assert.throws(() => checkedPrefix('notificationsx'), /must live under/);
    assert.equal(checkedPrefix('notifications:test-a'), 'notifications:test-a');
  });
});
