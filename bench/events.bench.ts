/**
 * What reliable events cost: the same messages through outbox → relay (publisher confirms) →
 * RabbitMQ → consumer with inbox, and through a bare amqplib loop (publish with confirms, consume,
 * ack) on the same broker, in one run. On the outbox side each message is its own database
 * transaction, as a business change would be, and the consumer commits its effect and inbox row in
 * the receiver's own database before acknowledging.
 *
 * Two runs per path, after BENCH_WARMUP unrecorded messages: a burst (BENCH_MESSAGES from
 * BENCH_WRITERS concurrent writers: throughput, and latency with a queue building up) and a trickle
 * (BENCH_TRICKLE messages, the next sent once the last was handled: the latency of the path itself).
 * The outbox path runs twice, with the pools' statements prepared (as services run) and unprepared.
 *
 *   npm run bench -- events        (BENCH_MESSAGES=5000, BENCH_WRITERS=16, BENCH_TRICKLE=500, BENCH_WARMUP=1000)
 *
 * Latency is commit (outbox) or publish (raw) to handled. Writes bench/results/events.md.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import amqp from 'amqplib';
import { Type } from 'typebox';
import { createLogger, createMessaging, createPool, deleteTopology, topologyNames, withTransaction, type Pool } from '@bazaar/platform';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing';
import { machineCpu, machineCpuSpent, percentile, recordFigures, writeResults } from './machine.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const TRICKLE = Number(process.env.BENCH_TRICKLE ?? 500);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const AMQP_URL = process.env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const namespace = `bench${randomBytes(3).toString('hex')}`;
const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
const say = (line: string) => console.log(`[bench] ${line}`);
// The kit's messaging schema as a service migrates to it: the tables, then the trigger's in-process wake-up.
const messagingSql = ['messaging.sql', 'messaging-wake.sql'].map((f) => readFileSync(new URL(`../packages/platform/sql/${f}`, import.meta.url), 'utf8')).join('\n');
const contracts = { events: { 'bench.ping': { 1: Type.Object({ seq: Type.Integer() }) } }, commands: {} };

/** One way of getting a message from a writer to a handler. */
interface Path {
  name: string;
  /**
   * Sends message `seq`; resolves once committed (outbox) or confirmed (raw) with its id and the
   * moment its latency counts from: the commit for the outbox, the publish call for the raw loop.
   */
  send(seq: number): Promise<{ id: string; at: number }>;
  /** When each message was handled (performance.now()), by id. */
  handled: Map<string, number>;
  /** Resolves when the message `id` has been handled. */
  whenHandled(id: string): Promise<void>;
  close(): Promise<void>;
}

function tracker() {
  const handled = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  return {
    handled,
    mark(id: string) {
      handled.set(id, performance.now());
      waiters.get(id)?.();
      waiters.delete(id);
    },
    whenHandled(id: string): Promise<void> {
      return handled.has(id) ? Promise.resolve() : new Promise((resolve) => waiters.set(id, resolve));
    },
  };
}

async function serviceDb(label: string, prepare: boolean): Promise<{ db: TestDatabase; pool: Pool }> {
  const db = await createTestDatabase(label);
  const pool = createPool(db.url, { max: 24, prepare });
  await pool.query(messagingSql);
  await pool.query('CREATE TABLE effects (message_id uuid NOT NULL, seq int NOT NULL)');
  return { db, pool };
}

/** The kit's path; `prepare: false` sends every statement unprepared, to show what preparing saves. */
async function outboxPath(prepare: boolean): Promise<Path> {
  const sender = await serviceDb('bench_events_sender', prepare);
  const receiver = await serviceDb('bench_events_receiver', prepare);
  const track = tracker();
  const consumer = createMessaging({
    service: 'bench-receiver', pool: receiver.pool, amqpUrl: AMQP_URL, logger, contracts, namespace, relay: false, prefetch: 20,
    handlers: {
      events: {
        'bench.ping': async (envelope, client) => {
          await client.query('INSERT INTO effects (message_id, seq) VALUES ($1, $2)', [envelope.id, envelope.payload.seq]);
          // Timed when the effect is written; the commit of it and the inbox row follows at once.
          track.mark(envelope.id);
        },
      },
    },
  });
  const producer = createMessaging({ service: 'bench-sender', pool: sender.pool, amqpUrl: AMQP_URL, logger, contracts, namespace });
  await consumer.start();
  await producer.start();
  return {
    name: `outbox → relay → RabbitMQ → inbox${prepare ? '' : ', statements unprepared'}`,
    handled: track.handled,
    whenHandled: track.whenHandled,
    async send(seq) {
      const envelope = await withTransaction(sender.pool, (client) => producer.outbox.enqueue(client, { type: 'bench.ping', payload: { seq } }));
      const committed = performance.now();
      // The handler may have run before the commit's acknowledgement got back to the writer.
      return { id: envelope.id, at: Math.min(committed, track.handled.get(envelope.id) ?? committed) };
    },
    async close() {
      await producer.stop();
      await consumer.stop();
      const { rows } = await receiver.pool.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT message_id)::int AS d FROM effects');
      if (rows[0]!.n !== rows[0]!.d) throw new Error(`an event took effect twice: ${rows[0]!.n} effects of ${rows[0]!.d} events`);
      for (const s of [sender, receiver]) {
        await s.pool.end();
        await s.db.drop();
      }
    },
  };
}

async function rawPath(): Promise<Path> {
  const queue = `${namespace}.raw`;
  const publisher = await amqp.connect(AMQP_URL);
  const subscriber = await amqp.connect(AMQP_URL);
  const channel = await publisher.createConfirmChannel();
  await channel.assertQueue(queue, { durable: true });
  const consuming = await subscriber.createChannel();
  await consuming.prefetch(20);
  const track = tracker();
  await consuming.consume(queue, (message) => {
    if (!message) return;
    track.mark(message.properties.messageId as string);
    consuming.ack(message);
  });
  let sequence = 0;
  return {
    name: 'raw amqplib: publish (confirms) → consume → ack',
    handled: track.handled,
    whenHandled: track.whenHandled,
    send(seq) {
      const id = String(sequence++);
      const body = Buffer.from(JSON.stringify({ id, type: 'bench.ping', version: 1, payload: { seq } }));
      // The broker hands a message to the consumer before it confirms it: count from the publish.
      const at = performance.now();
      return new Promise((resolve, reject) =>
        channel.publish('', queue, body, { persistent: true, messageId: id, contentType: 'application/json' }, (error: unknown) => (error ? reject(error as Error) : resolve({ id, at }))),
      );
    },
    async close() {
      await channel.deleteQueue(queue);
      await publisher.close();
      await subscriber.close();
    },
  };
}

interface Result { path: string; run: string; count: number; seconds: number; perSecond: number; p50: number; p99: number; max: number; cpuUsPerMessage: number; postgresUsPerMessage: number; brokerUsPerMessage: number }

/** Sends `count` messages from `writers` concurrent writers; with `oneAtATime`, each waits for the last to be handled. */
async function measure(path: Path, run: string, count: number, writers: number, oneAtATime: boolean): Promise<Result> {
  say(`${path.name}, ${run}: ${count} messages`);
  const sent = new Map<string, number>();
  let next = 0;
  const timer = setInterval(() => say(`  ${[...sent.keys()].filter((id) => path.handled.has(id)).length} / ${count} handled`), 1000);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const machineBefore = machineCpu();
  await Promise.all(Array.from({ length: writers }, async () => {
    while (next < count) {
      const seq = next++;
      const { id, at } = await path.send(seq);
      sent.set(id, at);
      if (oneAtATime) await path.whenHandled(id);
    }
  }));
  await Promise.all([...sent.keys()].map((id) => path.whenHandled(id)));
  const ended = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const machine = machineCpuSpent(machineBefore, machineCpu());
  clearInterval(timer);
  const latencies = [...sent].map(([id, at]) => path.handled.get(id)! - at);
  const seconds = (ended - started) / 1000;
  return { path: path.name, run, count, seconds, perSecond: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: percentile(latencies, 100), cpuUsPerMessage: (cpu.user + cpu.system) / count, postgresUsPerMessage: (machine.postgres * 1e6) / count, brokerUsPerMessage: (machine.broker * 1e6) / count };
}

async function cleanUp(): Promise<void> {
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createChannel();
  await deleteTopology(channel, topologyNames('bench-receiver', namespace), { exchanges: true });
  await channel.deleteQueue(`${namespace}.raw`);
  await connection.close();
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const burst = `burst, ${WRITERS} writers`;
const trickle = 'trickle, one at a time';

try {
  const results: Result[] = [];
  for (const make of [rawPath, () => outboxPath(true), () => outboxPath(false)]) {
    const path = await make();
    try {
      // Unrecorded: the first messages of a path pay for compiling its code and warming its caches.
      if (WARMUP > 0) await measure(path, 'warm-up', WARMUP, WRITERS, false);
      results.push(await measure(path, burst, MESSAGES, WRITERS, false));
      results.push(await measure(path, trickle, TRICKLE, 1, true));
    } finally {
      await path.close();
    }
  }
  const [rawBurst, rawTrickle, outBurst, outTrickle, unpreparedBurst, unpreparedTrickle] = results as [Result, Result, Result, Result, Result, Result];
  const table = results.map((r) => `| ${r.path} | ${r.run} | ${r.count} | ${fmt(r.seconds, 2)} | ${fmt(r.perSecond, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.max, 2)} | ${fmt(r.cpuUsPerMessage, 0)} | ${fmt(r.postgresUsPerMessage, 0)} | ${fmt(r.brokerUsPerMessage, 0)} |`);
  const body = `
All paths run on one machine against the same local RabbitMQ (and, for the outbox, PostgreSQL),
consumers with prefetch 20. The outbox path runs twice: as services run it, and with the pools'
statements sent unprepared (\`createPool(url, { prepare: false })\`). On the outbox side each event is written in its own transaction to the
sender's database (the kit's schema: messaging.sql and messaging-wake.sql), the relay (woken in
process when a writer's transaction commits, by NOTIFY otherwise; batches of up to 200) publishes it
with confirms and marks it sent, and the consumer writes the effect and the inbox row in one
transaction of the receiver's database before acknowledging (the deliveries in hand share that
transaction, see packages/platform/README.md). The raw loop publishes with confirms and acknowledges on
receipt, with no database. Latency runs from commit (outbox) or publish (raw) to handled, in ms.
The burst measures throughput (its latency includes the queue that builds up); the trickle sends the
next message only once the last was handled, so its latency is that of the path itself. Each path
first moves ${WARMUP} messages unrecorded (its code compiled, its caches warm). Even so, this
process's CPU per message moved with the order of the two outbox runs as much as with preparing (four
runs, two with the order reversed): compare those two by messages/s and PostgreSQL's CPU. CPU is this Node process's (writers, relay and consumer, or the
raw publisher and consumer) per message, then PostgreSQL's (all its server processes) and the
broker's over the same interval; in the trickle those two are mostly the servers' own background
work, spread over few messages. The machine may be shared: compare the ratios within one run.

| path | run | messages | seconds | messages/s | p50 ms | p99 ms | max ms | CPU µs/msg | PostgreSQL µs/msg | RabbitMQ µs/msg |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${table.join('\n')}

- throughput (burst): the outbox path moves ${fmt((outBurst.perSecond / rawBurst.perSecond) * 100, 0)} % of the raw rate (raw is ${fmt(rawBurst.perSecond / outBurst.perSecond, 1)}× faster)
- latency (trickle): p50 ${fmt(outTrickle.p50, 2)} ms against ${fmt(rawTrickle.p50, 2)} ms (${fmt(outTrickle.p50 / rawTrickle.p50, 1)}×), p99 ${fmt(outTrickle.p99, 2)} ms against ${fmt(rawTrickle.p99, 2)} ms (${fmt(outTrickle.p99 / rawTrickle.p99, 1)}×)
- prepared statements (the kit's pools prepare each statement text with parameters once per connection): burst ${fmt(outBurst.perSecond, 0)} msg/s against ${fmt(unpreparedBurst.perSecond, 0)} unprepared (${fmt(outBurst.perSecond / unpreparedBurst.perSecond, 2)}×), trickle p50 ${fmt(outTrickle.p50, 2)} against ${fmt(unpreparedTrickle.p50, 2)} ms

What the difference buys: an event exists if and only if its transaction committed, waits in the
outbox through a broker outage, and takes effect once however often it is delivered. The raw loop
loses the message if the process dies between commit and publish, and applies it twice when it is
redelivered.
`;
  recordFigures('events', [
    {
      id: 'events.burst-ratio', measure: `events, burst of ${MESSAGES} from ${WRITERS} writers: outbox path msg/s against raw amqplib`,
      value: Number((outBurst.perSecond / rawBurst.perSecond).toFixed(3)), unit: '×', goal: { op: '>=', value: 0.5 },
      detail: `outbox ${fmt(outBurst.perSecond, 0)}/s, raw ${fmt(rawBurst.perSecond, 0)}/s; CPU ${fmt(outBurst.cpuUsPerMessage, 0)} against ${fmt(rawBurst.cpuUsPerMessage, 0)} µs/msg`,
    },
    {
      id: 'events.trickle-p50-ms', measure: 'events, one at a time: commit to handled, p50', value: Number(outTrickle.p50.toFixed(2)), unit: 'ms',
      detail: `raw p50 ${fmt(rawTrickle.p50, 2)} ms; outbox p99 ${fmt(outTrickle.p99, 2)} ms`,
    },
  ]);
  for (const r of results) say(`${r.path}, ${r.run}: ${fmt(r.perSecond, 0)} msg/s, p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms, CPU ${fmt(r.cpuUsPerMessage, 0)} µs/msg`);
  say(`wrote ${writeResults('events', 'Reliable events: outbox and inbox against a raw amqplib loop', 'npm run bench -- events', body)}`);
} finally {
  await cleanUp().catch((error: unknown) => say(`clean-up failed: ${(error as Error).message}`));
}
process.exit(0);
