/** The broker goes away while events flow: nothing is lost and nothing takes effect twice. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import amqp from 'amqplib';
import { Registry } from 'prom-client';
import { HealthRegistry, createMessaging, withTransaction, type Messaging } from '../../src/index.js';
import { eventually } from '../../src/testing/index.js';
import {
  AMQP_URL, brokerProxy, closeBrokerConnections, deleteNamespace, logger, metricValue, newNamespace, serviceDatabase, testContracts, type ServiceDb,
} from './harness.js';

type TestMessaging = Messaging<typeof testContracts.events, typeof testContracts.commands>;

const namespace = newNamespace();
let senderDb: ServiceDb;
let receiverDb: ServiceDb;
let receiver: TestMessaging;
const metrics = new Registry();

const countEffects = async () =>
  (await receiverDb.pool.query<{ total: number; distinct: number }>('SELECT count(*)::int AS total, count(DISTINCT message_id)::int AS distinct FROM effects')).rows[0]!;

before(async () => {
  [senderDb, receiverDb] = await Promise.all([serviceDatabase('msg_chaos_sender'), serviceDatabase('msg_chaos_receiver')]);
  receiver = createMessaging({
    service: 'mailer',
    pool: receiverDb.pool,
    amqpUrl: AMQP_URL,
    logger,
    contracts: testContracts,
    namespace,
    metrics,
    prefetch: 50,
    retry: { maxAttempts: 3, delayMs: 200 },
    backoff: { initialMs: 100, maxMs: 1000 },
    relay: false,
    handlers: {
      events: {
        'test.happened': async (envelope, client, delivery) => {
          await client.query('INSERT INTO effects (message_id, type, attempt, envelope) VALUES ($1, $2, $3, $4)', [envelope.id, envelope.type, delivery.attempt, JSON.stringify(envelope)]);
        },
      },
    },
  });
  await receiver.start();
});

after(async () => {
  await receiver?.stop();
  await deleteNamespace(namespace, ['mailer', 'identity']);
  await Promise.all([senderDb?.close(), receiverDb?.close()]);
});

const sender = (amqpUrl: string, health?: HealthRegistry): TestMessaging =>
  createMessaging({
    service: 'identity',
    pool: senderDb.pool,
    amqpUrl,
    logger,
    contracts: testContracts,
    namespace,
    backoff: { initialMs: 100, maxMs: 1000 },
    relay: { pollIntervalMs: 200, batchSize: 250 },
    ...(health ? { health, outboxMaxAgeSeconds: 0.5 } : {}),
  });

test('connections closed by the broker in the middle of 10,000 events: each handled exactly once, none lost', async (t) => {
  await receiverDb.pool.query('TRUNCATE effects');
  const relay = sender(AMQP_URL);
  await relay.start();
  t.after(() => relay.stop());

  const total = 10_000;
  const ids: string[] = [];
  const writing = (async () => {
    for (let batch = 0; batch < total / 500; batch++) {
      const messages = Array.from({ length: 500 }, (_, i) => ({ type: 'test.happened' as const, payload: { n: batch * 500 + i } }));
      const envelopes = await withTransaction(senderDb.pool, (client) => relay.outbox.enqueueMany(client, messages));
      ids.push(...envelopes.map((e) => e.id));
      await new Promise((resolve) => setTimeout(resolve, 150)); // a stream over seconds, not one burst
    }
  })();

  const cuts: string[] = [];
  for (const threshold of [1_000, 5_000]) {
    await eventually(async () => (await countEffects()).total >= threshold, { timeoutMs: 30_000, intervalMs: 20 });
    const how = await closeBrokerConnections(namespace, () => {
      relay.relay?.broker.reset('test');
      receiver.consumer?.broker.reset('test');
    });
    const { rows } = await senderDb.pool.query<{ sent: number }>('SELECT count(sent_at)::int AS sent FROM outbox');
    cuts.push(`${how} with ${ids.length} written, ${rows[0]!.sent} relayed, ${(await countEffects()).total} handled`);
  }
  t.diagnostic(`connections closed by ${cuts.join('; then by ')}`);
  await writing;

  await eventually(async () => (await countEffects()).distinct === total, { timeoutMs: 45_000, intervalMs: 200, message: 'not every event was handled' });
  await eventually(async () => (await senderDb.pool.query('SELECT 1 FROM outbox WHERE sent_at IS NULL LIMIT 1')).rowCount === 0, { message: 'the outbox did not drain' });
  const counts = await countEffects();
  assert.equal(counts.total, total, 'no event took effect twice');
  const handled = await receiverDb.pool.query<{ ok: boolean }>('SELECT bool_and(message_id = ANY($1::uuid[])) AS ok FROM effects', [ids]);
  assert.equal(handled.rows[0]!.ok, true, 'only the events written were handled');
  // The last cut can still be taking effect at the broker (rabbitmqctl returns before the close
  // reaches the client): the dead-letter queue is read once the consumer is back.
  const parked = await eventually(async () => ({ depth: await receiver.deadLetters.depth() }), {
    timeoutMs: 20_000, message: 'the consumer did not reconnect to read its dead-letter queue',
  });
  assert.equal(parked.depth, 0);
  t.diagnostic(`duplicates absorbed by the inbox: ${await metricValue(metrics, 'messages_handled_total', { outcome: 'duplicate' })}`);
});

test('while the broker is unreachable events wait in the outbox, and flow when it is back', async (t) => {
  const proxy = await brokerProxy();
  const health = new HealthRegistry('identity', 'test');
  const relay = sender(proxy.url, health);
  await relay.start();
  t.after(async () => {
    await relay.stop();
    await proxy.close();
  });

  proxy.down();
  await eventually(() => !relay.relay?.connected, { message: 'the relay did not notice the broker went away' });
  const written = await withTransaction(senderDb.pool, (client) =>
    relay.outbox.enqueueMany(client, Array.from({ length: 100 }, (_, n) => ({ type: 'test.happened' as const, payload: { n } }))),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const waiting = await senderDb.pool.query('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL AND id = ANY($1::uuid[])', [written.map((e) => e.id)]);
  assert.equal(waiting.rows[0].n, 100, 'all wait in the outbox');
  const status = await health.check();
  assert.equal(status.status, 'degraded');
  assert.equal(status.checks.outbox!.status, 'degraded');
  assert.equal(status.checks.broker!.status, 'degraded');

  proxy.up();
  await eventually(async () => {
    const { rows } = await receiverDb.pool.query<{ n: number }>('SELECT count(DISTINCT message_id)::int AS n FROM effects WHERE message_id = ANY($1::uuid[])', [written.map((e) => e.id)]);
    return rows[0]!.n === 100;
  }, { timeoutMs: 20_000, message: 'the waiting events were not delivered after the broker came back' });
  // Handled can come just before the relay commits "sent": the backlog clears right after.
  await eventually(async () => (await health.check()).status === 'healthy', { message: 'health did not recover' });
});

test('a consumer whose queue is deleted under it declares it again and goes on', async (t) => {
  const relay = sender(AMQP_URL);
  await relay.start();
  t.after(() => relay.stop());
  const connection = await amqp.connect(AMQP_URL);
  t.after(() => connection.close());
  const channel = await connection.createChannel();
  await channel.deleteQueue(receiver.names.queues.events); // the broker cancels the consumer
  await eventually(async () => {
    const probe = await connection.createChannel();
    probe.on('error', () => undefined);
    try {
      return (await probe.checkQueue(receiver.names.queues.events)).consumerCount === 1;
    } catch {
      return false;
    } finally {
      await probe.close().catch(() => undefined);
    }
  }, { message: 'the queue was not declared again' });
  const sent = await withTransaction(senderDb.pool, (client) => relay.outbox.enqueue(client, { type: 'test.happened', payload: { n: 1 } }));
  await eventually(async () => (await receiverDb.pool.query('SELECT 1 FROM effects WHERE message_id = $1', [sent.id])).rowCount === 1, { message: 'not delivered through the re-declared queue and binding' });
});
