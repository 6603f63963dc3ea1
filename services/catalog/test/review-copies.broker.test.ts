// The review copies fed over the real broker: catalog's consumer wired as main.ts wires it (its
// events queue bound to the types `eventHandlers` lists) and stand-ins for identity and orders that
// publish as those services do, through an outbox and its relay, on exchanges of this file's own
// namespace. What a reader of the reviews sees follows the events, whatever order they arrive in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { contracts } from '@bazaar/contracts';
import {
  createLogger, createMessaging, createPool, deleteTopology, payloadHandlers, withTransaction, type Pool, type PoolClient,
} from '@bazaar/platform';
import { createTestDatabase, eventually, type TestDatabase } from '@bazaar/platform/testing';
import { eventHandlers } from '../src/events.js';
import { addCategory, addProduct, bearer, startCatalog, type Harness } from './harness.js';

const amqpUrl = process.env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const namespace = `test_reviews_${randomBytes(4).toString('hex')}`;
const logger = createLogger('catalog', 'silent');
/** The outbox and inbox tables, as every service's own messaging migration makes them. */
const messagingSql = readFileSync(new URL('../migrations/0002_messaging.sql', import.meta.url), 'utf8');

/** catalog's consumer as main.ts wires it (no relay: it publishes nothing here), or a stand-in's relay. */
const busOf = (service: string, pool: Pool, role: 'consumer' | 'relay') => createMessaging({
  service, pool, amqpUrl, logger, contracts, namespace,
  ...(role === 'consumer' ? { relay: false as const, handlers: { events: payloadHandlers(contracts.events, eventHandlers) } } : { relay: { pollIntervalMs: 50 } }),
});
type Bus = ReturnType<typeof busOf>;
type Publish = Bus['outbox']['publish'];

describe('review copies over the broker', async () => {
  let h: Harness;
  let catalog: Bus;
  // A stand-in for a service that publishes: a database of its own holding only the messaging tables,
  // an outbox written in a transaction, and the relay that publishes it.
  const publishers: { db: TestDatabase; pool: Pool; bus: Bus }[] = [];
  const standIn = async (service: 'identity' | 'orders') => {
    const db = await createTestDatabase(`catalog_broker_${service}`);
    const pool = createPool(db.url, { max: 2 });
    await pool.query(messagingSql);
    const bus = busOf(service, pool, 'relay');
    await bus.start();
    publishers.push({ db, pool, bus });
    // What `write` publishes is recorded in the stand-in's outbox, in one transaction, for its relay.
    return (write: (publish: Publish, client: PoolClient) => Promise<unknown>) => withTransaction(pool, (client) => write(bus.outbox.publish, client));
  };

  before(async () => {
    h = await startCatalog('review_broker');
    catalog = busOf('catalog', h.pool, 'consumer');
    await catalog.start();
  });
  after(async () => {
    await catalog?.stop();
    // The stand-ins' relays are still connected: their connection removes this file's queues and exchanges.
    const connection = publishers[0]?.bus.relay?.broker.current;
    if (connection) {
      const channel = await connection.createChannel();
      await deleteTopology(channel, catalog.names, { exchanges: true });
      await channel.close();
    }
    for (const { db, pool, bus } of publishers) {
      await bus.stop();
      await pool.end();
      await db.drop();
    }
    await h?.close();
  });

  test('a sign-up and an order sent by identity and orders reach the reviews, the confirmation ahead of its order', async () => {
    const identity = await standIn('identity');
    const orders = await standIn('orders');
    const { id: productId } = await addProduct(h, { categoryId: (await addCategory(h, 'lamps')).id });
    const userId = randomUUID();
    const order = { orderId: randomUUID(), orderNumber: 'BZ-260314-7KQ2M', userId };
    const written = await h.app.inject({ method: 'POST', url: `/products/${productId}/reviews`, headers: bearer(await h.identity.token({ userId })), payload: { rating: 4 } });
    assert.equal(written.statusCode, 201, written.body);

    const now = new Date().toISOString();
    await orders((publish, client) => publish(client, 'order.confirmed', { ...order, totalMinor: 4900, currency: 'EUR', confirmedAt: now }));
    await identity((publish, client) => publish(client, 'user.registered', { userId, email: 'ana@example.test', firstName: 'Ana', lastName: 'Pereira', registeredAt: now }));
    await orders((publish, client) => publish(client, 'order.placed', {
      ...order, totalMinor: 4900, currency: 'EUR', placedAt: now, items: [{ productId, sku: 'LAMP-001', quantity: 1, unitPriceMinor: 4900 }],
    }));

    const seen = await eventually(async () => {
      const [review] = (await h.app.inject({ method: 'GET', url: `/products/${productId}/reviews` })).json().items;
      return review?.reviewer.displayName === 'Ana P.' && review.verifiedPurchase === true ? review : undefined;
    }, { timeoutMs: 20_000, message: 'the review never showed the name and the verified purchase' });
    assert.equal(seen.id, written.json().id);
  });
});
