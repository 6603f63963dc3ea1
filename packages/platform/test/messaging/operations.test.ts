/** What an operator sees and does: health, metrics, the dead-letter routes, clean-up. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { Registry } from 'prom-client';
import { createMessaging, createServiceApp, registerDeadLetterRoutes, startMetricsServer, withTransaction, type MetricsServer, type Messaging, type ServiceApp } from '../../src/index.js';
import { eventually } from '../../src/testing/index.js';
import { AMQP_URL, deleteNamespace, logger, newNamespace, serviceDatabase, testContracts, type ServiceDb } from './harness.js';

type TestMessaging = Messaging<typeof testContracts.events, typeof testContracts.commands>;

const namespace = newNamespace();
let senderDb: ServiceDb;
let receiverDb: ServiceDb;
let sender: TestMessaging;
let receiver: TestMessaging;
let app: ServiceApp;
let metricsServer: MetricsServer;
const senderMetrics = new Registry();
let fixed = false;

const effectsOf = async (id: string) => (await receiverDb.pool.query('SELECT 1 FROM effects WHERE message_id = $1', [id])).rowCount ?? 0;
const sendFailing = (n: number) =>
  withTransaction(senderDb.pool, (client) => sender.outbox.enqueue(client, { type: 'test.happened', payload: { n, behaviour: 'always-fail' } }));

before(async () => {
  [senderDb, receiverDb] = await Promise.all([serviceDatabase('msg_ops_sender'), serviceDatabase('msg_ops_receiver')]);
  app = await createServiceApp({ name: 'mailer', version: '1.0.0', logger });
  receiver = createMessaging({
    service: 'mailer',
    pool: receiverDb.pool,
    amqpUrl: AMQP_URL,
    logger,
    contracts: testContracts,
    namespace,
    health: app.health,
    metrics: app.metrics,
    outboxMaxAgeSeconds: 60,
    retry: { maxAttempts: 1, delayMs: 100 },
    relay: false, // so what it writes stays in its outbox: a backlog to observe
    handlers: {
      events: {
        'test.happened': async (envelope, client) => {
          if (envelope.payload.behaviour === 'always-fail' && !fixed) throw new Error('no mail server configured');
          await client.query('INSERT INTO effects (message_id, type, attempt, envelope) VALUES ($1, $2, 1, $3)', [envelope.id, envelope.type, JSON.stringify(envelope)]);
        },
      },
    },
  });
  registerDeadLetterRoutes(app, receiver.deadLetters);
  await app.ready();
  metricsServer = await startMetricsServer({ registry: app.metrics, port: 0, host: '127.0.0.1' });
  sender = createMessaging({
    service: 'identity',
    pool: senderDb.pool,
    amqpUrl: AMQP_URL,
    logger,
    contracts: testContracts,
    namespace,
    metrics: senderMetrics,
    relay: { pollIntervalMs: 100, cleanup: { sentRetentionMs: 60_000, inboxRetentionMs: 60_000 } },
  });
  await receiver.start();
  await sender.start();
});

after(async () => {
  await app?.close();
  await metricsServer?.close();
  await sender?.stop();
  await receiver?.stop();
  await deleteNamespace(namespace, ['mailer', 'identity']);
  await Promise.all([senderDb?.close(), receiverDb?.close()]);
});

test('/health and /metrics show the outbox backlog and the dead-letter depth', async () => {
  let health = (await app.inject({ method: 'GET', url: '/health' })).json();
  assert.equal(health.status, 'healthy');
  assert.deepEqual([health.checks.outbox.status, health.checks['dead-letters'].status, health.checks.broker.status], ['healthy', 'healthy', 'healthy']);

  const [oldest] = await withTransaction(receiverDb.pool, (client) =>
    receiver.outbox.enqueueMany(client, [1, 2, 3].map((n) => ({ type: 'test.happened' as const, payload: { n } }))),
  );
  // The oldest was written an hour ago (the clock moved, not the test): past the 60 s limit, whatever the test's pace.
  await receiverDb.pool.query("UPDATE outbox SET created_at = created_at - interval '1 hour' WHERE id = $1", [oldest!.id]);
  const parked = await sendFailing(10);
  await eventually(async () => (await receiver.deadLetters.depth()) === 1);

  const response = await app.inject({ method: 'GET', url: '/health' });
  assert.equal(response.statusCode, 200, 'degraded, still serving');
  health = response.json();
  assert.equal(health.status, 'degraded');
  assert.equal(health.checks.outbox.status, 'degraded');
  assert.equal(health.checks.outbox.details.backlog, 3);
  assert.equal(Math.floor(health.checks.outbox.details.oldestAgeSeconds / 3600), 1, 'the oldest unsent message is an hour old');
  assert.equal(health.checks['dead-letters'].status, 'degraded');
  assert.equal(health.checks['dead-letters'].details.depth, 1);
  assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200, 'not critical: still ready');

  const metrics = await (await fetch(`http://127.0.0.1:${metricsServer.port}/metrics`)).text();
  assert.match(metrics, /^outbox_backlog\{service="mailer"\} 3$/m);
  const age = Number(/^outbox_oldest_age_seconds\{service="mailer"\} (\S+)$/m.exec(metrics)?.[1]);
  assert.equal(Math.floor(age / 3600), 1, `outbox_oldest_age_seconds is the oldest message's age, an hour (got ${age})`);
  assert.match(metrics, /^dlq_depth\{service="mailer"\} 1$/m);
  assert.match(metrics, /^messages_handled_total\{outcome="dead_lettered",type="test.happened",service="mailer"\} 1$/m);
  // The sender counts a message once its relay has marked it sent, which may follow its delivery.
  await eventually(async () => (await senderMetrics.getSingleMetricAsString('messages_published_total')).includes('messages_published_total 1'));

  fixed = true;
  assert.equal(await receiver.deadLetters.replay(parked.id), true);
  await eventually(async () => (await effectsOf(parked.id)) === 1);
  fixed = false;
});

test('GET /admin/dlq lists parked messages with their errors; POST /admin/dlq/replay sends them back', async () => {
  const first = await sendFailing(20);
  const second = await sendFailing(21);
  await eventually(async () => (await receiver.deadLetters.depth()) === 2);

  const listed = await app.inject({ method: 'GET', url: '/admin/dlq' });
  assert.equal(listed.statusCode, 200);
  const body = listed.json();
  assert.equal(body.queue, receiver.names.deadLetterQueue);
  assert.equal(body.depth, 2);
  // Both are handled at once (prefetch), so either may be parked first.
  assert.deepEqual(body.messages.map((m: { id: string }) => m.id).sort(), [first.id, second.id].sort());
  const listedFirst = body.messages.find((m: { id: string }) => m.id === first.id);
  assert.match(listedFirst.error, /no mail server configured/);
  assert.equal(listedFirst.type, 'test.happened');
  assert.equal(listedFirst.queue, receiver.names.queues.events);
  assert.deepEqual(listedFirst.envelope, first);
  assert.equal((await receiver.deadLetters.depth()), 2, 'listing removes nothing');

  const unknown = await app.inject({ method: 'POST', url: '/admin/dlq/replay', payload: { id: randomUUID() } });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().code, 'not_found');
  assert.equal((await app.inject({ method: 'POST', url: '/admin/dlq/replay', payload: {} })).statusCode, 400);

  fixed = true;
  const one = await app.inject({ method: 'POST', url: '/admin/dlq/replay', payload: { id: second.id } });
  assert.deepEqual(one.json(), { replayed: 1 });
  await eventually(async () => (await effectsOf(second.id)) === 1);
  assert.equal(await effectsOf(first.id), 0, 'only the one asked for');

  const all = await app.inject({ method: 'POST', url: '/admin/dlq/replay', payload: { all: true } });
  assert.deepEqual(all.json(), { replayed: 1 });
  await eventually(async () => (await effectsOf(first.id)) === 1);
  assert.equal((await app.inject({ method: 'GET', url: '/admin/dlq' })).json().depth, 0);
  fixed = false;
});

test('a parked message is announced as message.dead-lettered on the events exchange, so its history outlives the DLQ', async () => {
  const connection = await amqp.connect(AMQP_URL);
  try {
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, receiver.names.exchanges.events, 'message.dead-lettered');
    const parked = await sendFailing(30);
    const announced: { source: string; payload: Record<string, unknown> }[] = [];
    await eventually(async () => {
      const message = await channel.get(queue, { noAck: true });
      if (message) announced.push(JSON.parse(message.content.toString()) as (typeof announced)[number]);
      return announced.some((a) => a.payload.messageId === parked.id);
    });
    const mine = announced.find((a) => a.payload.messageId === parked.id)!;
    assert.equal(mine.source, 'mailer');
    assert.deepEqual({ ...mine.payload, parkedAt: undefined }, {
      service: 'mailer', queue: receiver.names.queues.events, messageId: parked.id, messageType: 'test.happened',
      reason: 'no mail server configured', attempts: 1, outcome: 'dead_lettered', parkedAt: undefined,
    });
  } finally {
    await connection.close();
  }
});

test('sent outbox rows and old inbox rows are deleted after their retention; unsent rows stay', async () => {
  const pool = senderDb.pool;
  await pool.query('DELETE FROM outbox');
  await withTransaction(pool, (client) => sender.outbox.enqueueMany(client, [1, 2, 3].map((n) => ({ type: 'test.happened' as const, payload: { n } }))));
  await eventually(async () => (await pool.query('SELECT 1 FROM outbox WHERE sent_at IS NULL')).rowCount === 0);
  // Two were sent long ago, one just now; one old message is still unsent (the broker was away).
  await pool.query("UPDATE outbox SET sent_at = now() - interval '2 minutes' WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 2)");
  const stuck = randomUUID();
  await pool.query("INSERT INTO outbox (id, type, version, exchange, routing_key, envelope, created_at, next_attempt_at) VALUES ($1, 'test.happened', 1, 'nowhere', 'test.happened', '{}', now() - interval '1 day', now() + interval '1 day')", [stuck]);
  const oldMessage = randomUUID();
  await pool.query("INSERT INTO inbox (message_id, handler, processed_at) VALUES ($1, 'test.happened', now() - interval '2 minutes'), ($2, 'test.happened', now())", [oldMessage, randomUUID()]);

  assert.deepEqual(await sender.relay!.cleanup(), { outbox: 2, inbox: 1 });
  const left = await pool.query<{ id: string; sent: boolean }>('SELECT id, sent_at IS NOT NULL AS sent FROM outbox ORDER BY sent');
  assert.equal(left.rowCount, 2);
  assert.deepEqual(left.rows[0], { id: stuck, sent: false });
  assert.equal((await pool.query('SELECT 1 FROM inbox WHERE message_id = $1', [oldMessage])).rowCount, 0);
  assert.equal((await pool.query('SELECT 1 FROM inbox')).rowCount, 1);
});
