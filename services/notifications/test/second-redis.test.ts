// notifications on a Redis server of its own (NOTIFICATIONS_REDIS_URL pointing at a second instance,
// the README's answer to seed 000's question), and that server restarted: it keeps nothing on disk, so
// the queue and the ACL user are gone; the user is provisioned again (as the launcher does at every
// start) and the history puts the lost job back, under the same id, sent once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { Redis } from 'ioredis';
import { eventually } from '@bazaar/platform/testing';
import { newUser } from './fixtures.js';
import { historyOf, redisUrl, startNotifications, type Harness } from './support.js';

const freePort = () => new Promise<number>((resolve, reject) => {
  const server = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const { port } = server.address() as net.AddressInfo;
    server.close(() => resolve(port));
  });
});

/** The machine's redis-server on `port`, nothing on disk; resolves once it answers PING. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await eventually(async () => {
    const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } finally {
      probe.disconnect();
    }
  }, { timeoutMs: 10_000, message: `redis-server on port ${port}` });
  return child;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

describe('notifications on a second Redis server', () => {
  let port: number;
  let server: ChildProcess | undefined;
  let h: Harness;
  before(async () => {
    port = await freePort();
    server = await startRedis(port);
    h = await startNotifications('notifications_second_redis', { redisServerUrl: `redis://127.0.0.1:${port}` });
  });
  after(async () => {
    await h?.close().catch(() => undefined);
    await stop(server);
  });

  const statusOf = (userId: string, status: string) => eventually(async () => {
    const [row] = await historyOf(h.pool, userId);
    return row?.status === status ? row : undefined;
  }, { timeoutMs: 20_000, message: `the message ${status}` });

  test('its queue lives on that server alone', async () => {
    const user = newUser();
    await h.deliver('user.registered', user);
    await statusOf(user.userId, 'delivered');
    assert.equal(h.sink.to(user.email).length, 1);
    assert.ok((await h.redis.admin.keys(`${h.redis.prefix}:*`)).length > 0, 'keys on the second server');
    const shared = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await shared.connect();
    try {
      assert.deepEqual(await shared.keys(`${h.redis.prefix}:*`), [], 'none on the shared one');
    } finally {
      shared.disconnect();
    }
  });

  test('that server restarted with a job waiting: the job is queued again from the history and sent once', async () => {
    await h.worker.pause();
    const user = newUser();
    await h.deliver('user.registered', user);
    const [row] = await historyOf(h.pool, user.userId);
    assert.ok(await h.queue.queue.getJob(row!.job_id), 'the job waits in Redis');
    await stop(server);
    server = await startRedis(port);
    await h.redis.reprovision();
    await eventually(async () => (await h.dispatcher.requeue(0)) === 1, { timeoutMs: 20_000, message: 'the lost job restored' });
    assert.equal((await h.queue.queue.getJob(row!.job_id))?.data.notificationId, row!.id);
    await h.worker.resume();
    await statusOf(user.userId, 'delivered');
    assert.equal(h.sink.to(user.email).length, 1);
  });
});
