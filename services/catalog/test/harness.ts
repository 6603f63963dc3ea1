import assert from 'node:assert/strict';
import { contracts, type Messages } from '@bazaar/contracts';
import { createJwtVerifier, createLogger, payloadHandlers, type Pool, type ServiceApp } from '@bazaar/platform';
import { createServiceTestDatabase, deliverMessage, startTestIssuer, type ServiceTestDatabase, type TestIssuer } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR, buildApp } from '../src/app.js';
import { eventHandlers, type CatalogPublish } from '../src/events.js';

/** identity's part in catalog's tests: tokens signed as identity signs them, and its key set. */
export type Identity = TestIssuer;
export const startIdentityKeys = startTestIssuer;

export interface Harness {
  app: ServiceApp;
  pool: Pool;
  db: ServiceTestDatabase<Messages>;
  /** What catalog's code publishes through: a real outbox in this file's database, as the app's. */
  publish: CatalogPublish;
  identity: Identity;
  /** Bearer headers of an admin and of a customer. */
  admin: { authorization: string };
  customer: { authorization: string };
  close(): Promise<void>;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * catalog as one test file sees it: its own fresh database with the migrations applied, a key server
 * standing in for identity, and the app built in-process. `close()` drops the database.
 */
export async function startCatalog(label: string): Promise<Harness> {
  const db = await createServiceTestDatabase({ service: 'catalog', label: `catalog_${label}`, migrationsDir: MIGRATIONS_DIR, contracts, poolSize: 5 });
  const { pool, publish } = db;
  const identity = await startIdentityKeys();
  const verifier = createJwtVerifier({ jwksUrl: identity.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  const app = await buildApp({ pool, logger: createLogger('catalog', 'silent'), verifier, publish });
  return {
    app, pool, db, publish, identity,
    admin: bearer(await identity.token({ roles: ['customer', 'admin'] })),
    customer: bearer(await identity.token({ roles: ['customer'] })),
    async close() {
      await app.close();
      await identity.close();
      await db.close();
    },
  };
}

/**
 * One delivery off catalog's events queue, as its consumer takes it (the contract check, then the
 * handler main.ts registers for the type and the inbox row, in one transaction); a first delivery,
 * not a redelivery.
 */
export async function receive(h: Pick<Harness, 'pool'>, body: unknown): Promise<void> {
  const handlers = payloadHandlers(contracts.events, eventHandlers);
  const { envelope, duplicate } = await deliverMessage({ pool: h.pool, contracts, kind: 'events', handlers }, body);
  assert.equal(duplicate, false, `message ${envelope.id} was taken for a redelivery`);
}

export interface CreatedCategory { id: string; slug: string; name: string; parentId: string | null }

export async function addCategory(h: Harness, slug: string, parentId: string | null = null): Promise<CreatedCategory> {
  const response = await h.app.inject({ method: 'POST', url: '/categories', headers: h.admin, payload: { slug, name: slug.replace(/-/g, ' '), parentId } });
  if (response.statusCode !== 201) throw new Error(`category ${slug}: ${response.statusCode} ${response.body}`);
  return response.json();
}

let skuCounter = 0;
export const nextSku = (prefix = 'TST') => `${prefix}-${String(++skuCounter).padStart(5, '0')}`;

export async function addProduct(h: Harness, fields: Record<string, unknown> & { categoryId: string }): Promise<{ id: string; sku: string } & Record<string, unknown>> {
  const payload = { sku: nextSku(), name: 'Plain thing', priceMinor: 1000, currency: 'EUR', ...fields };
  const response = await h.app.inject({ method: 'POST', url: '/products', headers: h.admin, payload });
  if (response.statusCode !== 201) throw new Error(`product: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** The fields named by a 400 problem. */
export const fieldsOf = (body: { errors?: { field: string }[] }): string[] => (body.errors ?? []).map((e) => e.field);
