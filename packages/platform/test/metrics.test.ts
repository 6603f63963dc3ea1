/**
 * The kit's golden signals: requests by route template and status class (an id in a path, or a path
 * no route has, adds no series), message handlers by type and outcome, and saturation gauges that a
 * down database or broker never turns into a failed scrape.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Type } from 'typebox';
import { afterCommit, createLogger, createMessaging, createPool, createServiceApp, startMetricsServer, withTransaction, type Messaging, type ServiceApp } from '../src/index.js';
import { eventually } from '../src/testing/index.js';
import { AMQP_URL, deleteNamespace, logger, newNamespace, serviceDatabase, testContracts, type ServiceDb } from './messaging/harness.js';

type TestMessaging = Messaging<typeof testContracts.events, typeof testContracts.commands>;

/** The series of one metric in Prometheus' text format, as `labels → value` (the service label left out). */
function series(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const match of text.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'gm'))) {
    const labels = match[1]!.split(',').filter((l) => !l.startsWith('service=')).sort().join(',');
    found.set(labels, Number(match[2]));
  }
  return found;
}

const namespace = newNamespace();
let db: ServiceDb;
let app: ServiceApp;
let receiver: TestMessaging;

before(async () => {
  db = await serviceDatabase('metrics_kit');
  app = await createServiceApp({ name: 'sample', version: '1.0.0', logger: createLogger('sample', 'silent'), processMetrics: true });
  app.get('/things', async () => ({ items: [] }));
  app.get('/things/:id', { schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } }, async (_request, reply) => reply.code(404).send({ gone: true }));
  app.post('/things/:id/boom', async () => {
    throw new Error('a bug');
  });
  receiver = createMessaging({
    service: 'mailer', pool: db.pool, amqpUrl: AMQP_URL, logger, contracts: testContracts, namespace,
    metrics: app.metrics, health: app.health, relay: { pollIntervalMs: 50 }, retry: { maxAttempts: 1, delayMs: 100 },
    handlers: {
      events: {
        'test.happened': async (envelope) => {
          if (envelope.payload.behaviour === 'always-fail') throw new Error('refused');
        },
      },
    },
  });
  await app.ready();
  await receiver.start();
});

after(async () => {
  await app?.close();
  await receiver?.stop();
  await deleteNamespace(namespace, ['mailer']);
  await db?.close();
});

test('every route is one series by its template and status class; ids and unknown paths add none', async () => {
  for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: `/things/${randomUUID()}` });
  await app.inject({ method: 'GET', url: '/things' });
  await app.inject({ method: 'POST', url: `/things/${randomUUID()}/boom` });
  for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: `/nowhere/${randomUUID()}` });
  const counts = series(await app.metrics.metrics(), 'http_request_duration_seconds_count');
  assert.equal(counts.get('method="GET",route="/things/:id",status_class="4xx"'), 5);
  assert.equal(counts.get('method="GET",route="/things",status_class="2xx"'), 1);
  assert.equal(counts.get('method="POST",route="/things/:id/boom",status_class="5xx"'), 1);
  assert.equal(counts.get('method="GET",route="unmatched",status_class="4xx"'), 3);
  for (const labels of counts.keys()) {
    assert.doesNotMatch(labels, /[0-9a-f]{8}-[0-9a-f]{4}/, `no series carries an id: ${labels}`);
    assert.match(labels, /status_class="[1-5]xx"/);
  }
});

test('saturation: event loop utilisation and delay, the pool by state, the service\'s queues by name', async () => {
  const text = await app.metrics.metrics();
  const utilisation = Number(/^nodejs_eventloop_utilization\{[^}]*\} (\S+)$/m.exec(text)?.[1]);
  assert.ok(utilisation >= 0 && utilisation <= 1, `utilisation ${utilisation}`);
  assert.match(text, /^nodejs_eventloop_lag_p99_seconds\{[^}]*\} \S+$/m);
  const pool = series(text, 'db_pool_connections');
  assert.deepEqual([...pool.keys()].sort(), ['state="idle"', 'state="total"', 'state="waiting"']);
  const queues = series(text, 'message_queue_depth');
  assert.deepEqual([...queues.keys()].sort(), [`queue="${namespace}.mailer.events"`, `queue="${namespace}.mailer.events.retry"`]);
});

test('each handled message type appears in the handler histogram and the handled counter, by outcome', async () => {
  await withTransaction(db.pool, async (client) => {
    await receiver.outbox.enqueue(client, { type: 'test.happened', payload: { n: 1, behaviour: 'ok' } });
    await receiver.outbox.enqueue(client, { type: 'test.happened', payload: { n: 2, behaviour: 'always-fail' } });
  });
  await eventually(async () => series(await app.metrics.metrics(), 'message_handler_duration_seconds_count').size >= 2, { message: 'both messages settled' });
  const text = await app.metrics.metrics();
  const durations = series(text, 'message_handler_duration_seconds_count');
  assert.equal(durations.get('outcome="handled",type="test.happened"'), 1);
  assert.equal(durations.get('outcome="dead_lettered",type="test.happened"'), 1);
  const handled = series(text, 'messages_handled_total');
  assert.equal(handled.get('outcome="handled",type="test.happened"'), 1);
  assert.equal(handled.get('outcome="dead_lettered",type="test.happened"'), 1);
  await eventually(async () => series(await app.metrics.metrics(), 'dlq_depth').get('') === 1, { message: 'the parked message is counted' });
});

test('a scrape answers 200 while the database and the broker cannot be reached', async () => {
  const deadPort = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const down = createPool(`postgres://nobody@127.0.0.1:${deadPort}/nothing`, { connectionTimeoutMs: 500 });
  const lonely = await createServiceApp({ name: 'lonely', version: '1.0.0', logger: createLogger('lonely', 'silent') });
  const cut = createMessaging({
    service: 'lonely', pool: down, amqpUrl: `amqp://guest:guest@127.0.0.1:${deadPort}`, logger, contracts: testContracts, namespace,
    metrics: lonely.metrics, relay: false, handlers: { events: { 'test.happened': async () => undefined } },
  });
  const server = await startMetricsServer({ registry: lonely.metrics, port: 0, host: '127.0.0.1' });
  try {
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.match(text, /^db_pool_connections\{[^}]*state="waiting"[^}]*\} 0$/m);
    assert.match(text, /^# TYPE outbox_backlog gauge$/m);
  } finally {
    await server.close();
    await cut.stop();
    await lonely.close();
    await down.end();
  }
});

test('afterCommit runs what counts a change once its transaction commits, never when it rolls back', async () => {
  const counted: string[] = [];
  await withTransaction(db.pool, async (client) => {
    afterCommit(client, () => counted.push('committed'));
    assert.deepEqual(counted, [], 'nothing runs before the commit');
  });
  await assert.rejects(withTransaction(db.pool, async (client) => {
    afterCommit(client, () => counted.push('rolled back'));
    throw new Error('the decision fails');
  }));
  afterCommit(db.pool, () => counted.push('no transaction'));
  assert.deepEqual(counted, ['committed', 'no transaction']);
});
