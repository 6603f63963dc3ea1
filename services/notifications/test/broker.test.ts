// Over the real broker, wired as main.ts wires it: the consumer on notifications' events queue (bound
// to the types its handlers list), the history's commit waking the dispatcher through NOTIFY (no
// explicit dispatch here), the worker sending to the SMTP sink. A stand-in publishes identity's and
// orders' events as those services do, through an outbox and its relay, on exchanges of this file's
// own namespace.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { contracts } from '@bazaar/contracts';
import { createLogger, createMessaging, createPool, deleteTopology, withTransaction, type PgListener, type Pool, type PoolClient } from '@bazaar/platform';
import { createTestDatabase, eventually, type TestDatabase } from '@bazaar/platform/testing';
import { queuedListener } from '../src/delivery/dispatcher.js';
import { createEventHandlers } from '../src/events.js';
import { confirmed, newOrder, newUser } from './fixtures.js';
import { startNotifications, type Harness } from './support.js';

const amqpUrl = process.env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const namespace = `test_notifications_${randomBytes(4).toString('hex')}`;
const logger = createLogger('notifications', 'silent');
const messagingSql = readFileSync(new URL('../migrations/0002_messaging.sql', import.meta.url), 'utf8');

const busOf = (service: string, pool: Pool, role: 'consumer' | 'relay') => createMessaging({
  service, pool, amqpUrl, logger, contracts, namespace,
  ...(role === 'consumer' ? { relay: false as const, handlers: { events: createEventHandlers() } } : { relay: { pollIntervalMs: 50 } }),
});
type Bus = ReturnType<typeof busOf>;
type Publish = Bus['outbox']['publish'];

describe('notifications over the broker', () => {
  let h: Harness;
  let consumer: Bus;
  let listener: PgListener;
  let publisher: { db: TestDatabase; pool: Pool; bus: Bus };
  const send = (write: (publish: Publish, client: PoolClient) => Promise<unknown>) => withTransaction(publisher.pool, (client) => write(publisher.bus.outbox.publish, client));

  before(async () => {
    h = await startNotifications('notifications_broker');
    consumer = busOf('notifications', h.pool, 'consumer');
    await consumer.start();
    listener = queuedListener(h.pool, logger, () => void h.dispatcher.dispatch().catch(() => undefined));
    listener.start();
    const db = await createTestDatabase('notifications_broker_publisher');
    const pool = createPool(db.url, { max: 2 });
    await pool.query(messagingSql);
    const bus = busOf('orders', pool, 'relay');
    await bus.start();
    publisher = { db, pool, bus };
  });
  after(async () => {
    await listener?.stop();
    await consumer?.stop();
    const connection = publisher?.bus.relay?.broker.current;
    if (connection) {
      const channel = await connection.createChannel();
      await deleteTopology(channel, consumer.names, { exchanges: true });
      await channel.close();
    }
    await publisher?.bus.stop();
    await publisher?.pool.end();
    await publisher?.db.drop();
    await h?.close();
  });

  test('a registration and a checkout published on the broker reach the customer as exactly the expected emails', async () => {
    const user = newUser();
    const order = newOrder(user.userId);
    await send((publish, client) => publish(client, 'user.registered', user));
    // The consumer handles up to its prefetch at once, so events sent together may be handled in
    // any order; a receipt handled before the registration has nobody to address (and is recorded
    // skipped). A customer registers before ordering: the order's events follow the contact copy.
    await eventually(async () => (await h.pool.query(`SELECT 1 FROM contact_copies WHERE user_id_ref = $1`, [user.userId])).rowCount || undefined,
      { timeoutMs: 20_000, message: 'the registration handled' });
    await send((publish, client) => publish(client, 'order.placed', order));
    await send((publish, client) => publish(client, 'order.confirmed', confirmed(order)));
    const mail = await eventually(() => {
      const received = h.sink.to(user.email);
      return received.length >= 2 ? received : undefined;
    }, { timeoutMs: 20_000, message: 'the welcome and the receipt' });
    assert.deepEqual(mail.map((m) => m.subject).sort(), ['Welcome to Bazaar, Ana', `Your receipt for order ${order.orderNumber}`]);
    assert.match(mail.find((m) => m.subject.startsWith('Your receipt'))!.text, /Total: EUR 61\.47/);
    // Nothing more arrives: the inbox has each event once, the job ids are unique.
    // The sink has a mail a moment before the worker records it delivered.
    const statuses = async () => (await h.pool.query<{ status: string }>(`SELECT status FROM notifications WHERE user_id_ref = $1 ORDER BY status`, [user.userId])).rows.map((r) => r.status);
    assert.deepEqual(await eventually(async () => {
      const now = await statuses();
      return now.every((s) => s === 'delivered') ? now : undefined;
    }, { timeoutMs: 10_000, message: 'both messages recorded delivered' }), ['delivered', 'delivered']);
    assert.equal(new Set(h.sink.to(user.email).map((m) => m.messageId)).size, 2);
  });
});
