// notifications' own database for one test file, and the rest of what it runs on: a Redis ACL user
// limited to a key prefix of the file's own (provisioned as the launcher does), an SMTP sink, the
// queue, dispatcher and worker wired as main.ts wires them, and its HTTP app with identity's keys.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { contracts, type Messages } from '@bazaar/contracts';
import { createEnvelope, createJwtVerifier, createLogger } from '@bazaar/platform';
import {
  createServiceTestDatabase, deliverMessage, startKeyServer, startSmtpSink, type ServiceTestDatabase,
} from '@bazaar/platform/testing';
import { provisionRedisUser } from '../../../tools/src/provision.js';
import { buildApp } from '../src/app.js';
import { SmtpEmail } from '../src/channels/email.js';
import { PushSimulator, SmsSimulator } from '../src/channels/simulators.js';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { registerQueueMetrics } from '../src/delivery/observability.js';
import { NotificationQueue, type JobSettings } from '../src/delivery/queue.js';
import { createSendWorker } from '../src/delivery/worker.js';
import { createErasureHandlers, createEventHandlers } from '../src/events.js';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');
export const redisUrl = process.env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type TestDb = ServiceTestDatabase<Messages>;

/** notifications' own database for one test file. */
export const setUpDatabase = (label: string): Promise<TestDb> =>
  createServiceTestDatabase({ service: 'notifications', label, migrationsDir, contracts });

/**
 * A Redis ACL user allowed only `notifications:test-<tag>:*`, as the launcher provisions the service's,
 * on the machine's Redis or on `serverUrl` (an admin URL of another server).
 */
export async function provisionTestRedis(tag: string, serverUrl = redisUrl) {
  const prefix = `notifications:test-${tag}`;
  const password = randomBytes(16).toString('hex');
  const provision = () => provisionRedisUser(serverUrl, { name: `notifications-${tag}`, redisPrefix: prefix }, password, { userPrefix: 'test' });
  const user = await provision();
  const admin = new Redis(serverUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined);
  await admin.connect();
  return {
    prefix, url: user.url, user: user.user, admin,
    /** The same user again, as a restarted server that lost its ACL needs it (the launcher provisions at every start). */
    reprovision: provision,
    /** Every key under the prefix: the queue's, as Redis losing them would. */
    async wipe() {
      const keys = await admin.keys(`${prefix}:*`);
      if (keys.length) await admin.del(...keys);
      return keys.length;
    },
    async close() {
      await this.wipe();
      await admin.call('ACL', 'DELUSER', user.user);
      admin.disconnect();
    },
  };
}

type EventType = keyof typeof contracts.events;

/** Fast retries for tests (the shape of seed 000's: three attempts, exponential backoff). */
export const TEST_JOB_SETTINGS: JobSettings = { attempts: 3, backoffMs: 50, removeOnComplete: 100, removeOnFail: 50 };

export type Harness = Awaited<ReturnType<typeof startNotifications>>;

/** notifications as main.ts wires it, on this file's database, Redis prefix and SMTP sink. */
/** How long a job's lock lasts in tests: short, so a stalled job (its worker gone) is taken up again soon. */
export const TEST_LOCK_MS = 2000;

export async function startNotifications(label: string, options: { jobs?: JobSettings; redisServerUrl?: string } = {}) {
  const tag = randomBytes(4).toString('hex');
  const db = await setUpDatabase(label);
  const redis = await provisionTestRedis(tag, options.redisServerUrl);
  const sink = await startSmtpSink({ httpPort: null });
  const keys = await startKeyServer();
  const logger = createLogger('notifications', 'silent');
  const connection = { url: redis.url, prefix: redis.prefix };
  const queue = new NotificationQueue(connection, options.jobs ?? TEST_JOB_SETTINGS);
  const dispatcher = new Dispatcher(db.pool, queue, logger);
  const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  const email = new SmtpEmail({ smtpUrl: sink.url, from: 'Bazaar <no-reply@bazaar.test>' });
  const metrics = new Registry();
  const counters = registerQueueMetrics(metrics, queue);
  const app = await buildApp({ pool: db.pool, auth, logger, queue, dispatcher, smtp: email, metrics });
  const worker = createSendWorker(connection, {
    pool: db.pool, logger, channels: { email, sms: new SmsSimulator(logger), push: new PushSimulator(logger) }, onSent: counters.sent, onFailed: counters.failed,
  }, { concurrency: 5, lockDurationMs: TEST_LOCK_MS });
  void worker.run();
  const handlers = { ...createEventHandlers(), ...createErasureHandlers(db.publish) };

  /** Delivers an event as the consumer does (contract check, inbox, handler in one transaction), then dispatches. */
  async function deliver<T extends EventType>(type: T, payload: unknown, envelope?: Record<string, unknown>) {
    const body = envelope ?? createEnvelope(type.startsWith('user.') ? 'identity' : type.startsWith('order.') ? 'orders' : 'shipping', type, 1, payload);
    const result = await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers }, body);
    await dispatcher.dispatch();
    return { ...result, body };
  }

  return {
    db, pool: db.pool, redis, sink, keys, queue, dispatcher, worker, email, logger, connection, app, deliver,
    bearer: async (userId: string, roles: string[] = ['customer']) => ({ authorization: `Bearer ${await keys.token(userId, roles)}` }),
    async close() {
      await worker.close();
      await queue.close();
      email.close();
      await app.close();
      await sink.close();
      await keys.close();
      await redis.close();
      await db.close();
    },
  };
}

/** The history of one user's messages, oldest first. */
export async function historyOf(pool: TestDb['pool'], userId: string) {
  const { rows } = await pool.query<{ id: string; channel: string; kind: string; status: string; attempts: number; recipient: string | null; last_error: string | null; provider_id: string | null; job_id: string; event_id: string }>(
    'SELECT * FROM notifications WHERE user_id_ref = $1 ORDER BY created_at, id', [userId]);
  return rows;
}
