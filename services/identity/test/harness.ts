import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { contracts, type Messages } from '@bazaar/contracts';
import { createLogger, type Pool, type ServiceApp } from '@bazaar/platform';
import { createServiceTestDatabase, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { buildApp, type IdentityDeps } from '../src/app.js';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');
export const redisUrl = (): string => process.env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Passes the policy; tests use it unless they are about the policy. */
export const PASSWORD = 'Correct-Horse-7';

export interface Harness {
  app: ServiceApp;
  pool: Pool;
  db: ServiceTestDatabase<Messages>;
  /** The Redis key prefix of this file's app: every key it writes starts with it. */
  prefix: string;
  /** A connection with full rights, for looking at and cleaning up keys. */
  admin: Redis;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Pick<IdentityDeps, 'settings' | 'now' | 'trustedProxies'>> {
  /** Connect the app as this Redis client (e.g. one logged in as an ACL user) instead of the admin. */
  redis?: Redis;
  prefix?: string;
}

/**
 * identity as one test file sees it: its own fresh database with the migrations applied (the app
 * publishes to a real outbox in it), its own Redis key prefix, and the app built in-process.
 * `close()` drops the database and the keys.
 */
export async function startIdentity(label: string, options: HarnessOptions = {}): Promise<Harness> {
  const db = await createServiceTestDatabase({ service: 'identity', label: `identity_${label}`, migrationsDir, contracts, poolSize: 5 });
  const { pool } = db;
  const admin = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await admin.connect();
  const prefix = options.prefix ?? `identity:test-${randomBytes(4).toString('hex')}`;
  const app = await buildApp({
    pool,
    redis: options.redis ?? admin,
    logger: createLogger('identity', 'silent'),
    publish: db.publish,
    keyPrefix: prefix,
    // Test files register many users from one address; the discovery tests set their own limits.
    settings: { argon2MemoryKib: 1024, discovery: { maxPerIp: 100_000, ipWindowSeconds: 600, maxPerEmail: 1000, emailWindowSeconds: 3600 }, ...options.settings },
    // inject() calls come from 127.0.0.1, standing in for the gateway: tests name clients with X-Forwarded-For.
    trustedProxies: options.trustedProxies ?? ['127.0.0.1'],
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    app, pool, db, prefix, admin,
    async close() {
      await app.close();
      const keys = await keysUnder(admin, prefix);
      if (keys.length) await admin.del(...keys);
      admin.disconnect();
      await db.close();
    },
  };
}

export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

export const uniqueEmail = (tag = 'user') => `${tag}-${randomBytes(4).toString('hex')}@example.test`;

export interface Session {
  user: { id: string; email: string; name: string; firstName: string; lastName: string; roles: string[] };
  token: string;
  refreshToken: string;
  expiresIn: number;
}

/** Registers a user and returns the 201 body; fails the test on any other status. */
export async function signUp(app: ServiceApp, body: Record<string, unknown> = {}): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: { email: uniqueEmail(), password: PASSWORD, name: 'Ada Lovelace', ...body },
  });
  if (response.statusCode !== 201) throw new Error(`register answered ${response.statusCode}: ${response.body}`);
  return response.json() as Session;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
