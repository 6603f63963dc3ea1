// A deleted user at analytics, on the real DuckDB and RabbitMQ: identity's events about them cut to
// the id and times however the events arrive (before or after the deletion, in a rebuild too), the
// funnel still counting the registration; the confirmation owed until analytics' own user.erased
// comes back, and the announcer publishing it on the events exchange.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import amqp from 'amqplib';
import { createLogger, topologyNames, type DeliveryInfo, type Envelope } from '@bazaar/platform';
import { createErasureAnnouncer } from '../src/ingest/erasure.announcer.js';
import { pendingErasures } from '../src/ingest/erasure.js';
import { createEventHandlers } from '../src/ingest/handlers.js';
import { WarehouseInbox } from '../src/ingest/inbox.js';
import { rebuild } from '../src/ingest/rebuild.js';
import { Warehouse } from '../src/warehouse/warehouse.js';
import { envelope } from './day.js';

const handlers = createEventHandlers();
const delivery: DeliveryInfo = { kind: 'events', attempt: 1, redelivered: false };
const at = new Date('2026-06-01T10:00:00.000Z');

const registered = (userId: string) => envelope('user.registered', 'identity', at, { userId, email: `${userId}@example.test`, firstName: 'Ana', lastName: 'Pereira', registeredAt: at.toISOString(), phone: '+31612345678' });
const updated = (userId: string) => envelope('user.updated', 'identity', at, { userId, email: `new-${userId}@example.test`, firstName: 'Ana', lastName: 'Smith', updatedAt: at.toISOString() });
const deleted = (userId: string) => envelope('user.deleted', 'identity', at, { userId, deletedAt: at.toISOString(), deletedBy: 'user' });
const erased = (userId: string, service: string) => envelope('user.erased', service, at, { userId, service, erasedAt: at.toISOString() });

async function deliver(warehouse: Warehouse, events: Envelope[]): Promise<void> {
  const inbox = new WarehouseInbox(warehouse, { maxBatch: 10, lingerMs: 1 });
  for (const e of events) await inbox.apply(e, handlers[e.type]!, delivery);
}
const rawOf = async (warehouse: Warehouse, userId: string) =>
  (await warehouse.all<{ type: string; payload: string }>(`SELECT type, payload::VARCHAR AS payload FROM raw_events WHERE (payload->>'$.userId') = $1 ORDER BY type`, [userId]));

test("identity's events about a deleted user keep the id and times only, whether they came before or after the deletion", async (t) => {
  const warehouse = await Warehouse.open(':memory:');
  t.after(() => warehouse.close());
  const [leaving, staying] = [randomUUID(), randomUUID()];
  await deliver(warehouse, [registered(leaving), registered(staying), deleted(leaving)]);
  await deliver(warehouse, [updated(leaving)]);

  for (const row of await rawOf(warehouse, leaving)) {
    assert.doesNotMatch(row.payload, /example\.test|Ana|Pereira|Smith|\+316/, `${row.type}: ${row.payload}`);
  }
  const reg = (await rawOf(warehouse, leaving)).find((r) => r.type === 'user.registered');
  assert.deepEqual(JSON.parse(reg!.payload), { userId: leaving, registeredAt: at.toISOString(), updatedAt: null, requestedAt: null, version: null, erased: true });
  assert.match((await rawOf(warehouse, staying))[0]!.payload, /Pereira/, 'another user keeps theirs');
  const users = await warehouse.all<{ n: bigint }>('SELECT count(*) AS n FROM fact_users WHERE user_id IN ($1::UUID, $2::UUID)', [leaving, staying]);
  assert.equal(Number(users[0]!.n), 2, 'the funnel still counts both registrations');

  await rebuild(warehouse);
  assert.equal(Number((await warehouse.all<{ n: bigint }>('SELECT count(*) AS n FROM fact_users'))[0]!.n), 2);
  for (const row of await rawOf(warehouse, leaving)) assert.doesNotMatch(row.payload, /example\.test/);
});

test("a confirmation is owed until analytics' own user.erased is back; the announcer publishes it on the events exchange", async (t) => {
  const warehouse = await Warehouse.open(':memory:');
  const namespace = `erasure-${randomUUID().slice(0, 8)}`;
  const amqpUrl = process.env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createChannel();
  const exchange = topologyNames('analytics', namespace).exchanges.events;
  await channel.assertExchange(exchange, 'topic', { durable: false, autoDelete: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, exchange, 'user.erased');
  const announcer = createErasureAnnouncer(warehouse, { amqpUrl, namespace, logger: createLogger('analytics', 'silent') });
  t.after(async () => {
    await announcer.close();
    await channel.deleteExchange(exchange).catch(() => undefined);
    await connection.close();
    await warehouse.close();
  });

  const userId = randomUUID();
  await deliver(warehouse, [registered(userId), deleted(userId), erased(userId, 'catalog')]);
  assert.deepEqual(await pendingErasures(warehouse), [userId], "catalog's confirmation is not analytics'");
  assert.equal(await announcer.announce(), 1);
  const message = await channel.get(queue, { noAck: true });
  assert.ok(message, 'the confirmation reached the exchange');
  const sent = JSON.parse(message.content.toString()) as Envelope;
  assert.deepEqual([sent.type, sent.source, (sent.payload as { userId: string; service: string }).userId, (sent.payload as { service: string }).service], ['user.erased', 'analytics', userId, 'analytics']);

  // It comes back on analytics' own queue: nothing is owed any more.
  await deliver(warehouse, [sent]);
  assert.deepEqual(await pendingErasures(warehouse), []);
  assert.equal(await announcer.announce(), 0);
});
