import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { events, commands } from '@bazaar/contracts';
import { createJwtVerifier, createLogger, createOutbox, createPool, migrate, type Pool, type ServiceApp } from '@bazaar/platform';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR, buildApp } from '../src/app.js';
import { publisher } from '../src/events.js';

/** Signs access tokens the way identity does, and serves the public key as identity's JWKS does. */
export interface Identity {
  jwksUrl: string;
  token(options?: { roles?: string[]; userId?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startIdentityKeys(): Promise<Identity> {
  const kid = `test-${randomUUID()}`;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    token: ({ roles = ['customer'], userId = randomUUID() } = {}) =>
      new SignJWT({ email: `${userId.slice(0, 8)}@example.test`, roles, sid: randomUUID() })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer('bazaar-identity')
        .setAudience('bazaar')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface Harness {
  app: ServiceApp;
  pool: Pool;
  db: TestDatabase;
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
  const db = await createTestDatabase(`catalog_${label}`);
  await migrate(db.url, MIGRATIONS_DIR);
  publisher.bind(createOutbox('catalog', { events, commands }));
  const pool = createPool(db.url, { max: 5 });
  const identity = await startIdentityKeys();
  const verifier = createJwtVerifier({ jwksUrl: identity.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  const app = await buildApp({ pool, logger: createLogger('catalog', 'silent'), verifier });
  return {
    app, pool, db, identity,
    admin: bearer(await identity.token({ roles: ['customer', 'admin'] })),
    customer: bearer(await identity.token({ roles: ['customer'] })),
    async close() {
      await app.close();
      await identity.close();
      await pool.end();
      await db.drop();
    },
  };
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
