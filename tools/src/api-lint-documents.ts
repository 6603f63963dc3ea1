/**
 * Every API document Bazaar serves, built in-process as each service's main.ts would serve it: each
 * service's `buildApp` with dependencies that are never used while documenting (pools that connect
 * on first query, a verifier and clients pointed at nothing, a dead-letter queue without a broker),
 * then the gateway in front of them for the merged document. Only identity needs a database to be
 * built (it loads its signing key), so it gets a scratch one with its migrations, dropped afterwards.
 *
 * The services' sources are imported by path, so this runs from the sources (tsx, `--conditions=source`),
 * as the tests do.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import {
  DeadLetterQueue, createJwtVerifier, createLogger, createPool, migrate, type JwtVerifier, type Logger, type Pool, type ServiceApp,
} from '@bazaar/platform';
import { createTestDatabase } from '@bazaar/platform/testing';
import { repoRoot } from './services.js';
import { SHIPPED_FLAGS, buildFlagAdminApp } from './flags-server.js';

export type OpenApiDocument = Record<string, unknown>;

/** The services behind the gateway, whose documents are linted one by one and merged. */
export const SERVICES = ['identity', 'catalog', 'inventory', 'orders', 'payments', 'shipping', 'notifications', 'analytics'] as const;
export type ServiceName = (typeof SERVICES)[number];

// Addresses nothing listens on: the apps are only asked for their documents.
const NOWHERE = 'http://127.0.0.1:9';
const NO_DATABASE = 'postgres://bazaar@127.0.0.1:9/none';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the services' modules are loaded by path, untyped
type AnyModule = Record<string, any>;
const load = (service: string, file: string): Promise<AnyModule> =>
  import(pathToFileURL(path.join(repoRoot, 'services', service, 'src', file)).href) as Promise<AnyModule>;

interface Built {
  app: ServiceApp;
  close: () => Promise<void>;
}

/** What every service's `buildApp` is given while documenting; `close` ends what was opened. */
interface Lazy {
  logger: Logger;
  pool: () => Pool;
  redis: () => Redis;
  verifier: JwtVerifier;
  deadLetters: DeadLetterQueue;
  publish: () => Promise<never>;
  closers: (() => Promise<unknown>)[];
}

/** Each service's dependencies, as its main.ts passes them (so every route it serves is registered). */
const dependencies: Record<ServiceName, (lazy: Lazy) => Promise<Record<string, unknown>>> = {
  identity: async ({ logger, redis, publish, deadLetters, closers }) => {
    const identity = await identityDatabase();
    closers.push(identity.close);
    return { pool: identity.pool, redis: redis(), logger, publish, deadLetters, settings: { argon2MemoryKib: 1024 } };
  },
  catalog: async ({ logger, pool, verifier, publish, deadLetters }) => ({ pool: pool(), logger, verifier, publish, deadLetters, orphans: { report: () => [] } }),
  inventory: async ({ logger, pool, verifier, publish, deadLetters }) => ({ pool: pool(), logger, verifier, publish, deadLetters, orphans: { report: () => [] } }),
  orders: async ({ logger, pool, verifier, publish, deadLetters, closers }) => {
    const { createCatalog } = await load('orders', 'orders/catalog.client.ts');
    const catalog = createCatalog({ baseUrl: NOWHERE, timeoutMs: 1000, logger });
    closers.push(async () => catalog.close());
    return { pool: pool(), logger, verifier, catalog, settings: { stepTimeoutMs: 30_000, reservationTtlSeconds: 900 }, publish, deadLetters };
  },
  payments: async ({ logger, pool, verifier, deadLetters }) => {
    const { SimulatedCardProcessor } = await load('payments', 'processor/simulated-processor.ts');
    const processor = new SimulatedCardProcessor({ pool: pool(), slowMs: 0 });
    return { pool: pool(), auth: verifier, processor, processorTimeoutMs: 2000, logger, deadLetters };
  },
  shipping: async ({ logger, pool, redis, verifier, publish, deadLetters }) => {
    const { Positions } = await load('shipping', 'couriers/positions.ts');
    const { shippingKeys } = await load('shipping', 'redis.ts');
    const couriers = { positions: new Positions(redis(), shippingKeys(), 60_000), publish, maxAttempts: 3 };
    return { pool: pool(), auth: verifier, logger, deadLetters, couriers, orphans: { report: () => [] } };
  },
  notifications: async ({ logger, pool, verifier, deadLetters, closers }) => {
    const { NotificationQueue } = await load('notifications', 'delivery/queue.ts');
    const { Dispatcher } = await load('notifications', 'delivery/dispatcher.ts');
    // Never reached: nothing is queued or counted while documenting.
    const queue = new NotificationQueue({ url: 'redis://127.0.0.1:9', prefix: 'notifications' });
    closers.push(() => queue.close());
    const db = pool();
    return { pool: db, auth: verifier, logger, queue, dispatcher: new Dispatcher(db, queue, logger), deadLetters };
  },
  analytics: async ({ logger, verifier, deadLetters, closers }) => {
    const { Warehouse } = await load('analytics', 'warehouse/warehouse.ts');
    const { Reconciler } = await load('analytics', 'reconciliation/reconciler.ts');
    // An empty warehouse in memory: nothing is queried while documenting.
    const warehouse = await Warehouse.open(':memory:');
    closers.push(() => warehouse.close());
    const reconciler = new Reconciler(warehouse, { graceSeconds: 300, sagaDeadlineSeconds: 300 });
    const nothing = () => Promise.reject(new Error('nothing is rebuilt while documenting'));
    return { warehouse, auth: verifier, logger, reconciler, deadLetters, rebuild: nothing, status: () => ({ lastFoldedAt: null, cdc: [] }) };
  },
};

const kept = <T>(list: T[], item: T): T => {
  list.push(item);
  return item;
};

async function buildService(name: ServiceName): Promise<Built> {
  const pools: Pool[] = [];
  const clients: Redis[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  const lazy: Lazy = {
    logger: createLogger(name, 'silent'),
    pool: () => kept(pools, createPool(NO_DATABASE, { applicationName: `${name}-api-lint`, max: 1 })),
    // Never connects: nothing is asked of Redis while documenting.
    redis: () => kept(clients, new Redis('redis://127.0.0.1:9', { lazyConnect: true, enableOfflineQueue: false })),
    verifier: createJwtVerifier({ jwksUrl: `${NOWHERE}/.well-known/jwks.json`, revocationUrl: false }),
    deadLetters: new DeadLetterQueue(`${name}.dlq`, () => undefined, `${name}.direct`),
    publish: () => Promise.reject(new Error('nothing is published while documenting')),
    closers,
  };
  const { buildApp } = await load(name, 'app.ts');
  const app = await buildApp(await dependencies[name](lazy)) as ServiceApp;
  return {
    app,
    async close() {
      await app.close();
      await Promise.all(pools.map((pool) => pool.end()));
      for (const client of clients) client.disconnect();
      for (const close of closers) await close();
    },
  };
}

/** A scratch database with identity's migrations, for its signing key. */
async function identityDatabase(): Promise<{ pool: Pool; close: () => Promise<void> }> {
  const database = await createTestDatabase('api_lint_identity');
  try {
    await migrate(database.url, path.join(repoRoot, 'services', 'identity', 'migrations'));
  } catch (error) {
    await database.drop();
    throw error;
  }
  const pool = createPool(database.url, { applicationName: 'identity-api-lint', max: 2 });
  return {
    pool,
    async close() {
      await pool.end();
      await database.drop();
    },
  };
}

async function documentOf(app: ServiceApp, url: string): Promise<OpenApiDocument> {
  const response = await app.inject({ method: 'GET', url });
  if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json<OpenApiDocument>();
}

/**
 * Each service's `/openapi.json`, the flag store's, the gateway's own, and the gateway's merged
 * `/docs/openapi.json` (which must list no upstream as unavailable), by name: `identity`, …, `flags`,
 * `gateway`, `merged`.
 */
export async function buildApiDocuments(): Promise<Map<string, OpenApiDocument>> {
  const documents = new Map<string, OpenApiDocument>();
  const built: Built[] = [];
  try {
    const env: Record<string, string> = {};
    for (const name of SERVICES) {
      const service = await buildService(name);
      built.push(service);
      documents.set(name, await documentOf(service.app, '/openapi.json'));
      // The gateway fetches the documents it merges over HTTP, as in production.
      const address = await service.app.listen({ port: 0, host: '127.0.0.1' });
      env[`${name.toUpperCase()}_URL`] = address;
    }
    // npm start's flag store (FLAGS_URL) over the shipped flags, read only: the gateway shows its routes under /admin/flags.
    const flags = await buildFlagAdminApp({ file: SHIPPED_FLAGS, logger: createLogger('flags', 'silent'), verifier: createJwtVerifier({ jwksUrl: `${NOWHERE}/.well-known/jwks.json`, revocationUrl: false }) });
    built.push({ app: flags, close: () => flags.close() });
    documents.set('flags', await documentOf(flags, '/openapi.json'));
    env.FLAGS_URL = await flags.listen({ port: 0, host: '127.0.0.1' });
    const { buildApp } = await load('gateway', 'app.ts');
    const { loadGatewayConfig } = await load('gateway', 'config.ts');
    const config = loadGatewayConfig({ ...env, LOG_LEVEL: 'silent', GATEWAY_REVOCATION_URL: `${NOWHERE}/revoked`, GATEWAY_JWKS_URL: `${NOWHERE}/jwks.json` });
    const gateway = await buildApp(config, { logger: createLogger('gateway', 'silent'), verifier: createJwtVerifier({ jwksUrl: `${NOWHERE}/jwks.json`, revocationUrl: false }) }) as ServiceApp;
    built.push({ app: gateway, close: () => gateway.close() });
    await gateway.ready();
    documents.set('gateway', await documentOf(gateway, '/openapi.json'));
    const merged = await documentOf(gateway, '/docs/openapi.json');
    const missing = merged['x-unavailable'] as string[] | undefined;
    if (missing?.length) throw new Error(`the merged document lacks ${missing.join(', ')}`);
    documents.set('merged', merged);
  } finally {
    for (const service of built.reverse()) await service.close();
  }
  return documents;
}
