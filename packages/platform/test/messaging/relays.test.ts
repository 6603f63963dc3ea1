/** Several replicas of one service, each running its relay over the one outbox of their database. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createMessaging, createPool, withTransaction, type Messaging } from '../../src/index.js';
import { eventually } from '../../src/testing/index.js';
import { AMQP_URL, deleteNamespace, logger, newNamespace, serviceDatabase, sleep, testContracts, type ServiceDb } from './harness.js';

type TestMessaging = Messaging<typeof testContracts.events, typeof testContracts.commands>;

const namespace = newNamespace();
let senderDb: ServiceDb;
let receiverDb: ServiceDb;
let receiver: TestMessaging;

before(async () => {
  [senderDb, receiverDb] = await Promise.all([serviceDatabase('msg_relays_sender'), serviceDatabase('msg_relays_receiver')]);
  receiver = createMessaging({
    service: 'mailer',
    pool: receiverDb.pool,
    amqpUrl: AMQP_URL,
    logger,
    contracts: testContracts,
    namespace,
    prefetch: 50,
    relay: false,
    handlers: {
      events: {
        'test.happened': async (envelope, client) => {
          await client.query('INSERT INTO effects (message_id, type, attempt, envelope) VALUES ($1, $2, 1, $3)', [envelope.id, envelope.type, JSON.stringify(envelope)]);
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

test('two relays over one outbox share the work and never publish an event twice', async (t) => {
  const total = 3000;
  const published = [new Map<string, number>(), new Map<string, number>()];
  const replicas = published.map((counts, replica) => {
    // Each replica has its own pool, as separate processes would.
    const pool = createPool(senderDb.db.url, { max: 4, applicationName: `identity-${replica}` });
    const messaging: TestMessaging = createMessaging({
      service: 'identity',
      pool,
      amqpUrl: AMQP_URL,
      logger,
      contracts: testContracts,
      namespace: `${namespace}`,
      relay: {
        batchSize: 50,
        pollIntervalMs: 100,
        // Slow each batch a little, so the two relays are surely at work at the same time.
        afterConfirm: () => sleep(5),
        onPublished: (ids) => ids.forEach((id) => counts.set(id, (counts.get(id) ?? 0) + 1)),
      },
    });
    return { pool, messaging };
  });
  await Promise.all(replicas.map((r) => r.messaging.start()));
  t.after(async () => {
    for (const r of replicas) {
      await r.messaging.stop();
      await r.pool.end();
    }
  });

  const ids: string[] = [];
  for (let batch = 0; batch < total / 500; batch++) {
    const messages = Array.from({ length: 500 }, (_, i) => ({ type: 'test.happened' as const, payload: { n: batch * 500 + i } }));
    const envelopes = await withTransaction(senderDb.pool, (client) => replicas[batch % 2]!.messaging.outbox.enqueueMany(client, messages));
    ids.push(...envelopes.map((e) => e.id));
  }

  await eventually(async () => (await senderDb.pool.query('SELECT 1 FROM outbox WHERE sent_at IS NULL LIMIT 1')).rowCount === 0, { timeoutMs: 30_000, message: 'the outbox did not drain' });
  const twice = ids.filter((id) => (published[0]!.get(id) ?? 0) + (published[1]!.get(id) ?? 0) !== 1);
  assert.deepEqual(twice, [], 'every event published exactly once across both relays');
  t.diagnostic(`relay A published ${published[0]!.size}, relay B ${published[1]!.size}`);
  assert.ok(published[0]!.size > 0 && published[1]!.size > 0, 'both relays took part');

  await eventually(async () => (await receiverDb.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM effects')).rows[0]!.n === total, { timeoutMs: 30_000 });
  const { rows } = await receiverDb.pool.query<{ total: number; distinct: number }>('SELECT count(*)::int AS total, count(DISTINCT message_id)::int AS distinct FROM effects');
  assert.deepEqual(rows[0], { total, distinct: total });
});
