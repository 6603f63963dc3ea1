// Helpers for payments' tests: a database of their own, a recorder of what would be published, and a
// stand-in for identity's key set so the HTTP tests can sign in.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTransaction, type Pool, type PoolClient } from '@bazaar/platform';
import { events, commands } from '@bazaar/contracts';
import { createServiceTestDatabase, publishedMessages, startTestIssuer, type ServiceTestDatabase } from '@bazaar/platform/testing';
import { publisher } from '../src/events.js';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

export type TestDb = ServiceTestDatabase;

/** shipping's own database for one test file, its publisher bound to a real outbox in it. */
export const setUpDatabase = (label: string): Promise<TestDb> =>
  createServiceTestDatabase({ service: 'shipping', label, migrationsDir, publisher, contracts: { events, commands } });

export interface Published {
  type: string;
  payload: Record<string, unknown>;
}

/** What was published (committed), oldest first, optionally only about one order. */
export async function published(pool: Pool, orderId?: string): Promise<Published[]> {
  return (await publishedMessages(pool, orderId ? { orderId } : {})).map(({ type, payload }) => ({ type, payload }));
}

/** Runs a consumer's handler the way the inbox will: on one transaction of its own. */
export const inTransaction = (pool: Pool, fn: (client: PoolClient) => Promise<unknown>) => withTransaction(pool, fn);

/** Identity's part in tests: tokens signed as identity signs them, and its key set over HTTP. */
export async function startKeyServer() {
  const issuer = await startTestIssuer();
  return {
    jwksUrl: issuer.jwksUrl,
    token: (userId: string, roles: string[] = ['customer']) => issuer.token({ userId, roles }),
    close: issuer.close,
  };
}
