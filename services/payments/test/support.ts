// Helpers for payments' tests: a database of their own, a recorder of what would be published, and a
// stand-in for identity's key set so the HTTP tests can sign in.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createOutbox, createPool, migrate, withTransaction, type Pool, type PoolClient } from '@bazaar/platform';
import { events, commands } from '@bazaar/contracts';
import { createTestDatabase, publishedMessages } from '@bazaar/platform/testing';
import { publisher } from '../src/events.js';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

export interface TestDb {
  pool: Pool;
  url: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file, with `publish` bound to a real outbox in it: every
 * payload is checked against its contract, and an event exists only if its transaction committed.
 */
export async function setUpDatabase(label: string): Promise<TestDb> {
  const db = await createTestDatabase(label);
  await migrate(db.url, migrationsDir);
  const pool = createPool(db.url, { max: 12 });
  publisher.bind(createOutbox('payments', { events, commands }));
  return {
    pool,
    url: db.url,
    async close() {
      publisher.bind(undefined);
      await pool.end();
      await db.drop();
    },
  };
}

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

/** Identity's part in tests: an ES256 key, its JWKS served over HTTP, and tokens signed with it. */
export async function startKeyServer() {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    token: (userId: string, roles: string[] = ['customer']) =>
      new SignJWT({ email: `${userId.slice(0, 8)}@example.com`, roles, sid: `session-${userId.slice(0, 8)}` })
        .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
        .setSubject(userId)
        .setIssuer('bazaar-identity')
        .setAudience('bazaar')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
