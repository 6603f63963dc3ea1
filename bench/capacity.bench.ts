/**
 * The inputs of the capacity model (deploy/CAPACITY.md) that are not the services' own: how much CPU
 * PostgreSQL spends per commit of a saga step, and RabbitMQ per persistent message published with
 * confirms, consumed and acknowledged, on this machine. With the checkout benchmark's CPU per
 * checkout per service and commits and messages per checkout (bench/results/checkout.figures.json),
 * they give the cores each part needs at a given rate of orders; the model's arithmetic is printed
 * and written to bench/results/capacity.md.
 *
 *   npm run bench -- capacity     (BENCH_SECONDS=10, BENCH_CLIENTS=16)
 *
 * PostgreSQL: BENCH_CLIENTS connections, each committing one transaction after the other for
 * BENCH_SECONDS, each transaction what a saga step's commit holds: an inbox row, an update of a
 * domain row, an outbox row with a 600-byte envelope. CPU is the sum of those connections' server
 * processes (from /proc), so other databases' work on the same server is not counted; the server's
 * background processes (WAL writer, checkpointer) are reported beside it, they include others' work.
 *
 * RabbitMQ: BENCH_CLIENTS publishers with confirms (each waits for its confirm, as the relay does for
 * a batch), one consumer with prefetch 100 acknowledging each message, 600-byte persistent messages on
 * a durable queue. CPU is the broker's Erlang VM (beam.smp) from /proc: everything the broker did in
 * that time, so run it on a quiet machine.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import amqp from 'amqplib';
import { createPool, type Pool } from '@bazaar/platform';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing';
import type { FiguresFile } from '../tools/src/bench-summary.js';
import { cpuSecondsOf, pidsNamed, recordFigures, writeResults, type Figure } from './machine.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const AMQP_URL = process.env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const say = (line: string) => console.log(`[bench] ${line}`);
const envelope = JSON.stringify({ id: randomUUID(), type: 'payment.authorized', version: 1, source: 'payments', padding: 'x'.repeat(420) });


interface Rate { operations: number; seconds: number; cpuSeconds: number; otherCpuSeconds: number }

async function measurePostgres(db: TestDatabase): Promise<Rate> {
  const pool: Pool = createPool(db.url, { max: CLIENTS });
  try {
    await pool.query(`CREATE TABLE inbox (message_id uuid, handler text, processed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (message_id, handler));
      CREATE TABLE outbox (id uuid PRIMARY KEY, type text NOT NULL, envelope jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz);
      CREATE TABLE payments (id int PRIMARY KEY, status text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO payments SELECT g, 'pending' FROM generate_series(1, ${CLIENTS * 1000}) g;`);
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => pool.connect()));
    const backends = await Promise.all(clients.map(async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid));
    const others = pidsNamed('postgres').filter((pid) => !backends.includes(pid));
    const step = async (client: (typeof clients)[number], row: number) => {
      await client.query('BEGIN');
      await client.query('INSERT INTO inbox (message_id, handler) VALUES ($1, $2)', [randomUUID(), 'payments.authorize']);
      await client.query(`UPDATE payments SET status = 'authorized', updated_at = now() WHERE id = $1`, [row]);
      await client.query('INSERT INTO outbox (id, type, envelope) VALUES ($1, $2, $3)', [randomUUID(), 'payment.authorized', envelope]);
      await client.query('COMMIT');
    };
    // Warm up (plans cached, pages in memory), then measure.
    await Promise.all(clients.map(async (c, i) => {
      for (let n = 0; n < 50; n++) await step(c, i * 1000 + n + 1);
    }));
    const cpuBefore = cpuSecondsOf(backends);
    const otherBefore = cpuSecondsOf(others);
    const started = performance.now();
    const until = started + SECONDS * 1000;
    let operations = 0;
    await Promise.all(clients.map(async (c, i) => {
      for (let n = 0; performance.now() < until; n++) {
        await step(c, i * 1000 + (n % 1000) + 1);
        operations++;
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    const rate = { operations, seconds, cpuSeconds: cpuSecondsOf(backends) - cpuBefore, otherCpuSeconds: cpuSecondsOf(others) - otherBefore };
    for (const c of clients) c.release();
    return rate;
  } finally {
    await pool.end();
  }
}

async function measureBroker(): Promise<Rate> {
  const beam = pidsNamed('beam.smp');
  if (beam.length === 0) throw new Error('no beam.smp process found: is RabbitMQ running on this machine? (the broker must be local for its CPU to be read)');
  const queue = `bench.capacity.${randomBytes(3).toString('hex')}`;
  const connection = await amqp.connect(AMQP_URL);
  try {
    const setup = await connection.createChannel();
    await setup.assertQueue(queue, { durable: true, autoDelete: false });
    const consumer = await connection.createChannel();
    await consumer.prefetch(100);
    let consumed = 0;
    await consumer.consume(queue, (message) => {
      if (!message) return;
      consumer.ack(message);
      consumed++;
    });
    const publishers = await Promise.all(Array.from({ length: CLIENTS }, () => connection.createConfirmChannel()));
    const body = Buffer.from(envelope);
    const publishFor = async (channel: (typeof publishers)[number], ms: number) => {
      const until = performance.now() + ms;
      let published = 0;
      while (performance.now() < until) {
        await new Promise<void>((resolve, reject) => channel.publish('', queue, body, { persistent: true, contentType: 'application/json' }, (error: unknown) => (error ? reject(error as Error) : resolve())));
        published++;
      }
      return published;
    };
    await Promise.all(publishers.map((p) => publishFor(p, 1000)));
    const consumedBefore = consumed;
    const cpuBefore = cpuSecondsOf(beam);
    const started = performance.now();
    const published = (await Promise.all(publishers.map((p) => publishFor(p, SECONDS * 1000)))).reduce((a, b) => a + b, 0);
    // Counted: the messages published in the window (each is also consumed; wait for the consumer to drain).
    const drainUntil = performance.now() + 30_000;
    while (consumed - consumedBefore < published && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - started) / 1000;
    const rate = { operations: published, seconds, cpuSeconds: cpuSecondsOf(beam) - cpuBefore, otherCpuSeconds: 0 };
    await setup.deleteQueue(queue);
    return rate;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** The checkout benchmark's figures, when it has recorded them. */
function checkoutFigures(): Map<string, Figure> {
  const file = new URL('./results/checkout.figures.json', import.meta.url);
  if (!existsSync(file)) return new Map();
  const content = JSON.parse(readFileSync(file, 'utf8')) as FiguresFile;
  return new Map(content.figures.map((f) => [f.id, f]));
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

say(`PostgreSQL: ${CLIENTS} connections committing saga-step transactions for ${SECONDS} s…`);
const db = await createTestDatabase('bench_capacity');
let pg: Rate;
try {
  pg = await measurePostgres(db);
} finally {
  await db.drop();
}
const pgCpuMs = (pg.cpuSeconds * 1000) / pg.operations;
say(`  ${fmt(pg.operations)} commits in ${fmt(pg.seconds, 1)} s: ${fmt(pg.operations / pg.seconds)}/s, ${fmt(pgCpuMs, 3)} CPU ms per commit in its server process (background processes: ${fmt(pg.otherCpuSeconds, 2)} CPU s)`);
say(`RabbitMQ: ${CLIENTS} publishers with confirms, one consumer, for ${SECONDS} s…`);
const mq = await measureBroker();
const mqCpuMs = (mq.cpuSeconds * 1000) / mq.operations;
say(`  ${fmt(mq.operations)} messages in ${fmt(mq.seconds, 1)} s: ${fmt(mq.operations / mq.seconds)}/s, ${fmt(mqCpuMs, 3)} CPU ms per message in the broker`);

const checkout = checkoutFigures();
const perService = [...checkout.values()].filter((f) => f.id.startsWith('checkout.cpu-ms.') && f.id !== 'checkout.cpu-ms.all');
const commits = checkout.get('checkout.commits')?.value;
const messages = checkout.get('checkout.messages')?.value;

const figures: Figure[] = [
  { id: 'capacity.postgres-commits-per-core-s', measure: 'PostgreSQL, saga-step commits per CPU second of its server processes', value: 1000 / pgCpuMs, unit: '/s', detail: `${fmt(pg.operations / pg.seconds)} commits/s over ${CLIENTS} connections; ${fmt(pgCpuMs, 3)} CPU ms each` },
  { id: 'capacity.broker-messages-per-core-s', measure: 'RabbitMQ, persistent messages (confirmed, consumed, acknowledged) per CPU second of the broker', value: 1000 / mqCpuMs, unit: '/s', detail: `${fmt(mq.operations / mq.seconds)} messages/s; ${fmt(mqCpuMs, 3)} CPU ms each` },
];

const rows: string[] = [];
const perServiceRows: string[] = [];
if (perService.length > 0 && commits !== undefined && messages !== undefined) {
  const serviceMs = perService.reduce((total, f) => total + f.value, 0);
  const cores = (rate: number, ms: number) => (rate * ms) / 1000;
  for (const rate of [1_000, 10_000]) {
    rows.push(`| ${fmt(rate)} | ${fmt(cores(rate, serviceMs), 0)} | ${fmt(cores(rate, commits * pgCpuMs), 0)} | ${fmt(rate * commits)} | ${fmt(cores(rate, messages * mqCpuMs), 0)} | ${fmt(rate * messages)} |`);
  }
  // Per service: its processes' cores, its database's cores and its work queue's share of one broker core
  // (a queue is one Erlang process on its leader node: it cannot use more than about one core).
  for (const rate of [1_000, 10_000]) {
    perServiceRows.push(...perService.map((f) => {
      const name = f.id.slice('checkout.cpu-ms.'.length);
      const serviceCommits = checkout.get(`checkout.commits.${name}`)?.value ?? 0;
      const deliveries = checkout.get(`checkout.deliveries.${name}`)?.value ?? 0;
      const queueCore = cores(rate, deliveries * mqCpuMs);
      return `| ${fmt(rate)} | ${name} | ${fmt(cores(rate, f.value), 1)} | ${fmt(rate * serviceCommits)} | ${fmt(cores(rate, serviceCommits * pgCpuMs), 1)} | ${fmt(rate * deliveries)} | ${fmt(queueCore, 2)}${queueCore > 1 ? ' (more than one core: split the queue)' : ''} |`;
    }));
  }
  figures.push({ id: 'capacity.service-cpu-ms-per-checkout', measure: 'services, CPU ms per checkout (all services together)', value: serviceMs, unit: 'ms', detail: perService.map((f) => `${f.id.slice('checkout.cpu-ms.'.length)} ${fmt(f.value, 1)}`).join(', ') });
}
recordFigures('capacity', figures);

const body = `
Measured on one machine, with everything on it: the figures are CPU per operation, which is what scales with
cores; the rates are what this machine reached with the benchmark's own client on the same cores.

| part | operations | seconds | per second | CPU ms per operation | per CPU second |
|---|---:|---:|---:|---:|---:|
| PostgreSQL: a saga step's commit (inbox row, domain update, outbox row), ${CLIENTS} connections | ${fmt(pg.operations)} | ${fmt(pg.seconds, 1)} | ${fmt(pg.operations / pg.seconds)} | ${fmt(pgCpuMs, 3)} | ${fmt(1000 / pgCpuMs)} |
| RabbitMQ: a persistent message published with confirms, consumed, acknowledged | ${fmt(mq.operations)} | ${fmt(mq.seconds, 1)} | ${fmt(mq.operations / mq.seconds)} | ${fmt(mqCpuMs, 3)} | ${fmt(1000 / mqCpuMs)} |

PostgreSQL's CPU is that of the ${CLIENTS} server processes of the benchmark's own connections; the server's
background processes (WAL writer, checkpointer, and others' work on the same server) used ${fmt(pg.otherCpuSeconds, 2)} CPU s
beside them. The broker's is the whole Erlang VM's, whatever else it carried at the time.
${rows.length > 0 ? `
With the checkout benchmark's figures (${fmt(commits!, 1)} commits and ${fmt(messages!, 1)} broker messages per checkout, and
${perService.map((f) => `${f.id.slice('checkout.cpu-ms.'.length)} ${fmt(f.value, 1)} ms`).join(', ')} of CPU per checkout),
the cores needed at a steady rate of orders, before any headroom (deploy/CAPACITY.md adds it and explains the rest):

| orders/s | service cores | PostgreSQL cores (all databases) | commits/s | broker cores | messages/s |
|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Per service (its database's commits and its work queue's deliveries per checkout from the checkout benchmark):

| orders/s | service | service cores | its database's commits/s | its database's cores | deliveries/s to its queue | its queue's share of one broker core |
|---:|---|---:|---:|---:|---:|---:|
${perServiceRows.join('\n')}
` : `
The checkout benchmark has not recorded its per-checkout figures yet (run \`npm run bench -- checkout\`), so the model's
arithmetic is not computed here.
`}
Machine: ${os.cpus().length} cores. Re-measure with \`npm run bench -- checkout\`, then \`npm run bench -- capacity\` (which reads the checkout figures).
`;
say(`wrote ${writeResults('capacity', 'Capacity inputs: PostgreSQL and RabbitMQ CPU per operation', 'npm run bench -- capacity', body)}`);
