/**
 * A message type with two live versions: the producer writes one message per version, each on its
 * own routing key, and each consumer's queue is bound to the one version it reads. A consumer built
 * when only version 1 existed keeps receiving version 1 and nothing it cannot read; one that moved
 * to version 2 receives each change once, and moving unbinds the version it left.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from 'typebox';
import { createMessaging, routingKeyOf, withTransaction, type Envelope, type Messaging, type MessageRegistry } from '../../src/index.js';
import { eventually } from '../../src/testing/index.js';
import { AMQP_URL, deleteNamespace, logger, newNamespace, serviceDatabase, sleep, type ServiceDb } from './harness.js';

const V1 = Type.Object({ sku: Type.String(), priceMinor: Type.Integer(), currency: Type.String() });
const V2 = Type.Object({ sku: Type.String(), price: Type.Object({ amountMinor: Type.Integer(), currency: Type.String() }) });
/** What the producer and a consumer that moved know: both versions. */
const both = { events: { 'item.repriced': { 1: V1, 2: V2 } }, commands: {} };
/** What a consumer built before version 2 existed knows. */
const v1Only = { events: { 'item.repriced': { 1: V1 } }, commands: {} };

type Any = Messaging<MessageRegistry, MessageRegistry>;

describe('a message type with two live versions', () => {
  const namespace = newNamespace();
  let producerDb: ServiceDb;
  let oldDb: ServiceDb;
  let newDb: ServiceDb;
  let producer: Messaging<typeof both.events, typeof both.commands>;
  let old: Any | undefined;
  let moving: Any | undefined;

  const consumer = (service: string, db: ServiceDb, contracts: typeof both | typeof v1Only, receives?: number): Any =>
    createMessaging({
      service, pool: db.pool, amqpUrl: AMQP_URL, logger, namespace, relay: false, contracts, retry: { maxAttempts: 2, delayMs: 200 },
      ...(receives ? { receives: { 'item.repriced': receives } } : {}),
      handlers: {
        events: {
          'item.repriced': async (envelope: Envelope, client: { query: (sql: string, values: unknown[]) => Promise<unknown> }, delivery: { attempt: number }) => {
            await client.query('INSERT INTO effects (message_id, type, attempt, envelope) VALUES ($1, $2, $3, $4)', [envelope.id, envelope.type, delivery.attempt, JSON.stringify(envelope)]);
          },
        },
      },
    } as Parameters<typeof createMessaging>[0]) as Any;

  const effects = async (db: ServiceDb, sku: string) =>
    (await db.pool.query<{ envelope: Envelope<string, number, Record<string, unknown>> }>("SELECT envelope FROM effects WHERE envelope->'payload'->>'sku' = $1 ORDER BY applied_at", [sku])).rows.map((r) => r.envelope);

  /** One change, written as the producer writes it while both versions are live: one message per version. */
  const reprice = (sku: string, amountMinor: number) =>
    withTransaction(producerDb.pool, async (client) => {
      await producer.outbox.publish(client, 'item.repriced', { sku, priceMinor: amountMinor, currency: 'EUR' }, { version: 1, key: sku });
      await producer.outbox.publish(client, 'item.repriced', { sku, price: { amountMinor, currency: 'EUR' } }, { version: 2, key: sku });
    });

  before(async () => {
    [producerDb, oldDb, newDb] = await Promise.all([serviceDatabase('msgv_producer'), serviceDatabase('msgv_old'), serviceDatabase('msgv_new')]);
    producer = createMessaging({ service: 'pricing', pool: producerDb.pool, amqpUrl: AMQP_URL, logger, namespace, contracts: both, relay: { pollIntervalMs: 200 } });
    old = consumer('shelf', oldDb, v1Only);
    moving = consumer('ledger', newDb, both); // not moved yet: bound at the oldest version
    await old.start();
    await moving.start();
    await producer.start();
  });

  after(async () => {
    await producer?.stop();
    await old?.stop();
    await moving?.stop();
    await deleteNamespace(namespace, ['shelf', 'ledger', 'pricing']);
    await Promise.all([producerDb?.close(), oldDb?.close(), newDb?.close()]);
  });

  test('version 1 keeps the routing key of the type; later versions have their own', async () => {
    assert.equal(routingKeyOf('item.repriced', 1), 'item.repriced');
    assert.equal(routingKeyOf('item.repriced', 2), 'item.repriced.v2');
    await reprice('ROUTE-1', 100);
    const { rows } = await producerDb.pool.query("SELECT version, routing_key FROM outbox WHERE envelope->'payload'->>'sku' = 'ROUTE-1' ORDER BY version");
    assert.deepEqual(rows, [{ version: 1, routing_key: 'item.repriced' }, { version: 2, routing_key: 'item.repriced.v2' }]);
  });

  test('a consumer that knows only version 1 receives version 1 of each change, once, and nothing it cannot read', async () => {
    await reprice('LAMP-1', 4900);
    await eventually(async () => (await effects(oldDb, 'LAMP-1')).length === 1, { message: 'the v1 consumer did not receive the change' });
    await eventually(async () => (await effects(newDb, 'LAMP-1')).length === 1, { message: 'the consumer not yet moved did not receive it' });
    await sleep(500); // room for a second copy to show up, if there were one
    const [received] = await effects(oldDb, 'LAMP-1');
    assert.deepEqual([received?.version, received?.payload], [1, { sku: 'LAMP-1', priceMinor: 4900, currency: 'EUR' }]);
    assert.equal((await effects(oldDb, 'LAMP-1')).length, 1);
    assert.deepEqual((await effects(newDb, 'LAMP-1')).map((e) => e.version), [1], 'a consumer bound at v1 is not sent v2 as well');
    assert.deepEqual(await old!.deadLetters.list(), [], 'nothing parked as unreadable');
  });

  test('a consumer that moves to version 2 receives each change once, in version 2; the other keeps version 1', async () => {
    await moving!.stop();
    moving = consumer('ledger', newDb, both, 2);
    await moving.start();
    await reprice('LAMP-2', 5900);
    await eventually(async () => (await effects(newDb, 'LAMP-2')).length > 0, { message: 'the moved consumer did not receive the change' });
    await eventually(async () => (await effects(oldDb, 'LAMP-2')).length > 0);
    await sleep(500);
    const received = await effects(newDb, 'LAMP-2');
    assert.deepEqual(received.map((e) => [e.version, e.payload]), [[2, { sku: 'LAMP-2', price: { amountMinor: 5900, currency: 'EUR' } }]], 'once, as v2: the v1 binding was removed');
    assert.deepEqual((await effects(oldDb, 'LAMP-2')).map((e) => e.version), [1]);
    assert.deepEqual([...await old!.deadLetters.list(), ...await moving.deadLetters.list()], []);
  });

  test('asking to receive a version the contracts do not list fails at start-up, naming it', () => {
    assert.throws(() => consumer('shelf', oldDb, v1Only, 2), /asks to receive item\.repriced v2, but the contracts list v1/);
  });
});
