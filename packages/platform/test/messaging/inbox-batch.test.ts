/**
 * The PostgreSQL inbox applies the deliveries in hand in shared transactions: what a batch must keep
 * of the one-message-per-transaction guarantees (a failing message alone is retried, a message twice
 * in one batch has one effect, a crash between commit and acknowledgement is absorbed on
 * redelivery), and the outbox's in-process wake-up that spares writers the trigger's NOTIFY.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { afterCommit, createEnvelope, createMessaging, postgresInbox, withTransaction, type DeliveryInfo, type Envelope, type Inbox, type MessageHandler } from '../../src/index.js';
import { eventually } from '../../src/testing/index.js';
import { AMQP_URL, deleteNamespace, logger, newNamespace, serviceDatabase, testContracts, type ServiceDb } from './harness.js';

let db: ServiceDb;
const namespace = newNamespace();
const delivery: DeliveryInfo = { kind: 'events', attempt: 1, redelivered: false };
const ping = (n: number) => createEnvelope('tester', 'test.happened', 1, { n }) as Envelope;

before(async () => {
  db = await serviceDatabase('msg_inbox_batch');
});

after(async () => {
  await deleteNamespace(namespace, ['batcher', 'writer']);
  await db?.close();
});

const record: MessageHandler = async (envelope, client) => {
  await client.query('INSERT INTO effects (message_id, type, attempt, envelope) VALUES ($1, $2, 1, $3)', [envelope.id, envelope.type, JSON.stringify(envelope)]);
};
const effectsOf = async (ids: string[]) =>
  (await db.pool.query<{ id: string }>('SELECT message_id::text AS id FROM effects WHERE message_id = ANY($1::uuid[]) ORDER BY message_id', [ids])).rows.map((r) => r.id);
const inboxOf = async (ids: string[]) =>
  (await db.pool.query<{ id: string }>('SELECT message_id::text AS id FROM inbox WHERE message_id = ANY($1::uuid[]) ORDER BY message_id', [ids])).rows.map((r) => r.id);

test('deliveries handed over together are applied in one transaction', async () => {
  const inbox = postgresInbox(db.pool);
  const envelopes = Array.from({ length: 6 }, (_, i) => ping(i));
  const transactions = new Set<string>();
  const handler: MessageHandler = async (envelope, client) => {
    transactions.add((await client.query<{ tx: string }>('SELECT txid_current()::text AS tx')).rows[0]!.tx);
    await record(envelope, client, delivery);
  };
  const duplicates = await Promise.all(envelopes.map((e) => inbox.apply(e, handler, delivery)));
  assert.deepEqual(duplicates, envelopes.map(() => false));
  assert.equal(transactions.size, 1, 'the six handlers ran in one transaction');
  const ids = envelopes.map((e) => e.id).sort();
  assert.deepEqual(await effectsOf(ids), ids);
  assert.deepEqual(await inboxOf(ids), ids);
});

test('two batches that lock the same rows in opposite orders: one gives up at its lock timeout, not at a deadlock, and every message takes effect', async () => {
  await db.pool.query('CREATE TABLE IF NOT EXISTS lockables (id int PRIMARY KEY, touched int NOT NULL DEFAULT 0)');
  await db.pool.query('INSERT INTO lockables (id) VALUES (1), (2) ON CONFLICT DO NOTHING');
  // Two messages a batch, two batches at once: the first takes row 1 then 2, the second 2 then 1.
  // Each batch's first message waits, holding its row, until both hold one.
  const inbox = postgresInbox(db.pool, { maxBatch: 2, concurrency: 2, lockTimeoutMs: 100 });
  const plan = [{ n: 400, row: 1 }, { n: 401, row: 2 }, { n: 402, row: 2 }, { n: 403, row: 1 }];
  const envelopes = plan.map((p) => ping(p.n));
  let holding = 0;
  let bothHold!: () => void;
  const barrier = new Promise<void>((resolve) => (bothHold = resolve));
  const codes: string[] = [];
  const handler: MessageHandler = async (envelope, client) => {
    const step = plan.find((p) => p.n === (envelope.payload as { n: number }).n)!;
    try {
      await client.query('UPDATE lockables SET touched = touched + 1 WHERE id = $1', [step.row]);
    } catch (error) {
      codes.push(String((error as { code?: unknown }).code));
      throw error;
    }
    if (step.n === 400 || step.n === 402) {
      if (++holding === 2) bothHold();
      await barrier;
    }
    await record(envelope, client, delivery);
  };
  assert.deepEqual(await Promise.all(envelopes.map((e) => inbox.apply(e, handler, delivery))), envelopes.map(() => false));
  assert.ok(codes.includes('55P03'), `a lock wait timed out: ${codes.join(', ')}`);
  assert.ok(!codes.includes('40P01'), 'no deadlock was left for PostgreSQL to find');
  const ids = envelopes.map((e) => e.id).sort();
  assert.deepEqual(await effectsOf(ids), ids, 'each message took effect once');
  const { rows } = await db.pool.query<{ total: number }>('SELECT sum(touched)::int AS total FROM lockables');
  assert.equal(rows[0]!.total, 4, 'nothing of the rolled-back batch stayed');
});

test('one failing message in a batch: the others commit, the failing one fails alone with its own error and leaves nothing', async () => {
  const inbox = postgresInbox(db.pool);
  const envelopes = Array.from({ length: 5 }, (_, i) => ping(100 + i));
  const bad = envelopes[2]!;
  const transactions = new Map<string, Set<string>>();
  const handler: MessageHandler = async (envelope, client) => {
    await record(envelope, client, delivery);
    const tx = (await client.query<{ tx: string }>('SELECT txid_current()::text AS tx')).rows[0]!.tx;
    transactions.set(envelope.id, (transactions.get(envelope.id) ?? new Set()).add(tx));
    if (envelope.id === bad.id) throw new Error('the handler refuses message 102');
  };
  const outcomes = await Promise.allSettled(envelopes.map((e) => inbox.apply(e, handler, delivery)));
  outcomes.forEach((outcome, i) => {
    if (envelopes[i] === bad) assert.ok(outcome.status === 'rejected' && /refuses message 102/.test(String(outcome.reason)), `the failing message rejects with its own error: ${JSON.stringify(outcome)}`);
    else assert.deepEqual(outcome, { status: 'fulfilled', value: false });
  });
  const good = envelopes.filter((e) => e !== bad).map((e) => e.id).sort();
  assert.deepEqual(await effectsOf(envelopes.map((e) => e.id)), good, 'exactly the good messages took effect, each once');
  assert.deepEqual(await inboxOf(envelopes.map((e) => e.id)), good, 'the failing message has no inbox row, so its retry applies it');
  // It was retried in a transaction of its own, apart from the batch it came in.
  const [batchTx, aloneTx] = [...transactions.get(bad.id)!];
  assert.ok(batchTx && aloneTx && batchTx !== aloneTx);
  for (const e of envelopes.filter((x) => x !== bad)) assert.ok(!transactions.get(e.id)!.has(aloneTx), 'the failing message was retried alone');

  // Its redelivery, with the fault gone, takes effect once.
  assert.equal(await inbox.apply(bad, record, { ...delivery, attempt: 2 }), false);
  assert.deepEqual(await effectsOf([bad.id]), [bad.id]);
});

test('a message delivered twice within one batch takes effect once; a later redelivery is a duplicate', async () => {
  const inbox = postgresInbox(db.pool);
  const twice = ping(200);
  const other = ping(201);
  const duplicates = await Promise.all([twice, other, twice].map((e) => inbox.apply(e, record, delivery)));
  assert.deepEqual(duplicates, [false, false, true]);
  assert.deepEqual(await effectsOf([twice.id]), [twice.id]);
  assert.equal(await inbox.apply(twice, record, { ...delivery, redelivered: true }), true);
  assert.deepEqual(await effectsOf([twice.id]), [twice.id]);
});

test('a crash between the commit and the acknowledgement: the redelivery finds the inbox row and has no second effect', async () => {
  const base = postgresInbox(db.pool);
  const applied: { id: string; duplicate: boolean }[] = [];
  const inbox: Inbox = {
    apply: async (envelope, handler, info) => {
      const duplicate = await base.apply(envelope, handler, info);
      applied.push({ id: envelope.id, duplicate });
      return duplicate;
    },
  };
  let crashed = false;
  const receiver = createMessaging({
    service: 'batcher', inbox, pool: db.pool, amqpUrl: AMQP_URL, logger, contracts: testContracts, namespace, relay: false, prefetch: 10,
    backoff: { initialMs: 50, maxMs: 200 },
    handlers: {
      events: {
        'test.happened': async (envelope, client) => {
          await client.query('INSERT INTO effects (message_id, type, attempt, envelope) VALUES ($1, $2, 1, $3)', [envelope.id, envelope.type, JSON.stringify(envelope)]);
          // The effect and its inbox row are committed; the connection dies before the ack is sent.
          if (envelope.payload.n === 301 && !crashed) {
            afterCommit(client, () => {
              crashed = true;
              receiver.consumer!.broker.reset('test: crash between commit and ack');
            });
          }
        },
      },
    },
  });
  const sender = createMessaging({ service: 'writer', pool: db.pool, amqpUrl: AMQP_URL, logger, contracts: testContracts, namespace });
  await receiver.start();
  await sender.start();
  try {
    const sent = await withTransaction(db.pool, (client) =>
      sender.outbox.enqueueMany(client, [300, 301, 302].map((n) => ({ type: 'test.happened' as const, payload: { n } }))),
    );
    const ids = sent.map((e) => e.id).sort();
    await eventually(async () => (await effectsOf(ids)).length === 3 && crashed && applied.some((a) => a.duplicate), { timeoutMs: 20_000, message: 'the three messages take effect and the unacknowledged one comes back' });
    assert.deepEqual(await effectsOf(ids), ids, 'each message took effect exactly once');
    const crashedId = sent[1]!.id;
    assert.deepEqual(applied.filter((a) => a.id === crashedId).map((a) => a.duplicate).slice(0, 2), [false, true], 'redelivered after the crash, it was absorbed as a duplicate');
  } finally {
    await sender.stop();
    await receiver.stop();
  }
});

test('a writer in a transaction of this process wakes its relay without NOTIFY; any other writer still notifies', async () => {
  const sender = createMessaging({ service: 'writer', pool: db.pool, amqpUrl: AMQP_URL, logger, contracts: testContracts, namespace, relay: { pollIntervalMs: 60_000 } });
  const listener = await db.pool.connect();
  const notified: string[] = [];
  listener.on('notification', (n) => notified.push(n.channel));
  await listener.query('LISTEN outbox');
  await sender.start();
  try {
    await eventually(() => sender.relay!.connected);
    // Through withTransaction, with the relay here: published at once (the poll is a minute away), no NOTIFY.
    const [quiet] = await withTransaction(db.pool, (client) => sender.outbox.enqueueMany(client, [{ type: 'test.happened', payload: { n: 400 } }]));
    await eventually(async () => (await db.pool.query('SELECT 1 FROM outbox WHERE id = $1 AND sent_at IS NOT NULL', [quiet!.id])).rowCount === 1, { message: 'the in-process relay was woken after the commit' });
    // A round trip on the listening connection delivers any notification that was sent.
    await listener.query('SELECT 1');
    assert.deepEqual(notified, []);
    // Outside withTransaction (the pool itself) the trigger notifies as before.
    await sender.outbox.enqueue(db.pool, { type: 'test.happened', payload: { n: 401 } });
    await eventually(async () => (await listener.query('SELECT 1'), notified.length > 0), { message: 'a writer outside withTransaction notifies' });
    // A rolled-back transaction wakes nothing and leaves nothing.
    await assert.rejects(withTransaction(db.pool, async (client) => {
      await sender.outbox.enqueue(client, { type: 'test.happened', payload: { n: 402 } });
      throw new Error('rolled back');
    }), /rolled back/);
    assert.equal((await db.pool.query("SELECT 1 FROM outbox WHERE envelope->'payload'->>'n' = '402'")).rowCount, 0);
  } finally {
    await listener.query('UNLISTEN outbox');
    listener.release();
    await sender.stop();
  }
});
