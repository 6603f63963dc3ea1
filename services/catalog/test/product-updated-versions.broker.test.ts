// A consumer of product.updated built before version 2 existed is not broken when catalog starts
// writing version 2. Over the real broker: catalog as main.ts wires it (its app's publish is its
// outbox, relayed) and two consumers wired by the kit, each with a database of its own: a price list
// whose contracts know product.updated v1 only (as a service released before v2 would), and one that
// moved to v2. Each admin change reaches each of them once, in the shape it reads; nothing is parked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { contracts, ProductUpdatedV1 } from '@bazaar/contracts';
import {
  createJwtVerifier, createLogger, createMessaging, createPool, deleteTopology, type Envelope, type Pool, type ServiceApp,
} from '@bazaar/platform';
import { createTestDatabase, eventually, type TestDatabase } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { PRODUCT_UPDATED_VERSIONS } from '../src/products/product.js';
import { startCatalog, type Harness } from './harness.js';

const amqpUrl = process.env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const namespace = `test_versions_${randomBytes(4).toString('hex')}`;
const logger = createLogger('catalog', 'silent');
const messagingSql = readFileSync(new URL('../migrations/0002_messaging.sql', import.meta.url), 'utf8');

/** What a service released before product.updated v2 knows of the contracts. */
const contractsBeforeV2 = { events: { 'product.updated': { 1: ProductUpdatedV1 } }, commands: {} };

interface Received { product_id: string; version: number; envelope: Envelope<string, number, Record<string, unknown>> }

describe('product.updated v1 and v2 live side by side', () => {
  let h: Harness;
  let live: ServiceApp;
  const consumers: { db: TestDatabase; pool: Pool; bus: { start(): Promise<void>; stop(): Promise<void>; deadLetters: { list(): Promise<unknown[]> }; names: ReturnType<typeof createMessaging>['names'] } }[] = [];
  let catalog: ReturnType<typeof createMessaging>;

  /** A consumer with its own database: each product.updated it handles is recorded, as it came. */
  const consumer = async (service: string, which: 'v1 only' | 'moved to v2') => {
    const db = await createTestDatabase(`catalog_versions_${service.replace(/-/g, '_')}`);
    const pool = createPool(db.url, { max: 3 });
    await pool.query(messagingSql);
    await pool.query('CREATE TABLE received (product_id uuid NOT NULL, version int NOT NULL, envelope jsonb NOT NULL)');
    const record = async (envelope: Envelope<string, number, { productId: string }>, client: { query: (sql: string, values: unknown[]) => Promise<unknown> }) => {
      await client.query('INSERT INTO received (product_id, version, envelope) VALUES ($1, $2, $3)', [envelope.payload.productId, envelope.version, JSON.stringify(envelope)]);
    };
    const bus = which === 'v1 only'
      ? createMessaging({ service, pool, amqpUrl, logger, namespace, relay: false, contracts: contractsBeforeV2, handlers: { events: { 'product.updated': record } } })
      : createMessaging({ service, pool, amqpUrl, logger, namespace, relay: false, contracts, receives: { 'product.updated': 2 }, handlers: { events: { 'product.updated': record } } });
    await bus.start();
    consumers.push({ db, pool, bus });
    return {
      pool,
      bus,
      received: async (productId: string) => (await pool.query<Received>('SELECT product_id, version, envelope FROM received WHERE product_id = $1 ORDER BY (envelope->\'payload\'->>\'version\')::int', [productId])).rows,
    };
  };

  before(async () => {
    h = await startCatalog('versions_broker');
    catalog = createMessaging({ service: 'catalog', pool: h.pool, amqpUrl, logger, contracts, namespace, relay: { pollIntervalMs: 50 } });
    // catalog's app as main.ts builds it: what it publishes goes to its outbox and out through its relay.
    live = await buildApp({ pool: h.pool, logger, verifier: createJwtVerifier({ jwksUrl: h.identity.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' }), publish: catalog.outbox.publish });
  });
  after(async () => {
    const connection = catalog?.relay?.broker.current;
    if (connection) {
      const channel = await connection.createChannel();
      for (const { bus } of consumers) await deleteTopology(channel, bus.names);
      await deleteTopology(channel, catalog.names, { exchanges: true });
      await channel.close();
    }
    for (const { bus, pool, db } of consumers) {
      await bus.stop();
      await pool.end();
      await db.drop();
    }
    await catalog?.stop();
    await live?.close();
    await h?.close();
  });

  test('a consumer that knows only v1 keeps receiving each change as v1 after catalog writes v2 too; the one that moved gets v2 once', async () => {
    assert.deepEqual([...PRODUCT_UPDATED_VERSIONS], [1, 2], 'catalog writes both while a pact asks for v1');
    const priceList = await consumer('price-list', 'v1 only');
    const moved = await consumer('warehouse', 'moved to v2');
    await catalog.start();

    const category = await live.inject({ method: 'POST', url: '/categories', headers: h.admin, payload: { slug: 'maps', name: 'Maps', parentId: null } });
    const garden = await live.inject({ method: 'POST', url: '/categories', headers: h.admin, payload: { slug: 'garden', name: 'Garden', parentId: null } });
    const created = await live.inject({ method: 'POST', url: '/products', headers: h.admin, payload: { sku: 'ATLAS-001', name: 'World atlas', priceMinor: 2900, currency: 'EUR', categoryId: category.json().id } });
    assert.equal(created.statusCode, 201, created.body);
    const productId = (created.json() as { id: string }).id;
    const patch = (payload: Record<string, unknown>) => live.inject({ method: 'PATCH', url: `/products/${productId}`, headers: h.admin, payload });
    assert.equal((await patch({ priceMinor: 3400 })).statusCode, 200);
    assert.equal((await patch({ currency: 'GBP', priceMinor: 2500, categoryId: garden.json().id })).statusCode, 200);

    // Two changes: catalog wrote four messages, one per version each.
    const { rows } = await h.pool.query('SELECT version, routing_key FROM outbox WHERE type = \'product.updated\' ORDER BY created_at, version');
    assert.deepEqual(rows.map((r: { version: number; routing_key: string }) => `${r.routing_key}@${r.version}`), [
      'product.updated@1', 'product.updated.v2@2', 'product.updated@1', 'product.updated.v2@2',
    ]);

    const fromPriceList = await eventually(async () => ((await priceList.received(productId)).length >= 2 ? priceList.received(productId) : undefined), { message: 'the v1 consumer did not receive both changes', timeoutMs: 20_000 });
    const fromMoved = await eventually(async () => ((await moved.received(productId)).length >= 2 ? moved.received(productId) : undefined), { message: 'the v2 consumer did not receive both changes', timeoutMs: 20_000 });
    await eventually(async () => (await h.pool.query('SELECT 1 FROM outbox WHERE sent_at IS NULL')).rowCount === 0, { message: 'the relay did not publish everything' });

    // The v1 consumer reads the two price fields it always read, in the version it understands.
    assert.deepEqual(fromPriceList.map((r) => [r.version, r.envelope.payload.priceMinor, r.envelope.payload.currency, r.envelope.payload.version]), [[1, 3400, 'EUR', 2], [1, 2500, 'GBP', 3]]);
    assert.deepEqual(fromMoved.map((r) => [r.version, r.envelope.payload.price, r.envelope.payload.categoryId]), [
      [2, { amountMinor: 3400, currency: 'EUR' }, category.json().id],
      [2, { amountMinor: 2500, currency: 'GBP' }, garden.json().id],
    ]);
    // Nothing it could not read came its way: nothing parked, on either side.
    assert.deepEqual(await priceList.bus.deadLetters.list(), []);
    assert.deepEqual(await moved.bus.deadLetters.list(), []);
    // And each change once: a later look finds no second copy.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await priceList.received(productId)).length, 2);
    assert.equal((await moved.received(productId)).length, 2);
  });
});
