// shipping's own database for one test file, and live positions under keys of its own. What was
// published, identity's keys and transactions come from the kit (`published`, `startKeyServer` in @bazaar/platform/testing, `withTransaction`).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contracts, type Messages } from '@bazaar/contracts';
import { createServiceTestDatabase, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { Redis } from 'ioredis';
import { Positions } from '../src/couriers/positions.js';
import { shippingKeys, type ShippingKeys } from '../src/redis.js';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

export type TestDb = ServiceTestDatabase<Messages>;

/** shipping's own database for one test file, with a `publish` that writes to a real outbox in it. */
export const setUpDatabase = (label: string): Promise<TestDb> =>
  createServiceTestDatabase({ service: 'shipping', label, migrationsDir, contracts });

/**
 * Live positions on the real Redis, under keys of this test's own (`shipping:test-<label>-…`), so
 * that files running side by side never meet; `close()` removes them and the connection.
 */
export async function setUpPositions(label: string, maxAgeMs = 120_000): Promise<{ positions: Positions; keys: ShippingKeys; redis: Redis; close: () => Promise<void> }> {
  const redis = new Redis(process.env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const keys = shippingKeys(`shipping:test-${label}-${randomBytes(4).toString('hex')}`);
  return {
    positions: new Positions(redis, keys, maxAgeMs),
    keys,
    redis,
    close: async () => {
      await redis.del(keys.positions(), keys.positionsSeen(), keys.onShift());
      redis.disconnect();
    },
  };
}
