// payments' own database for one test file. What was published, identity's keys and transactions
// come from the kit (`published`, `startKeyServer` in @bazaar/platform/testing, `withTransaction`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contracts, type Messages } from '@bazaar/contracts';
import { createServiceTestDatabase, type ServiceTestDatabase } from '@bazaar/platform/testing';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

export type TestDb = ServiceTestDatabase<Messages>;

/** payments' own database for one test file, with a `publish` that writes to a real outbox in it. */
export const setUpDatabase = (label: string): Promise<TestDb> =>
  createServiceTestDatabase({ service: 'payments', label, migrationsDir, contracts });
