/**
 * What notifications' guarantees cost: from `order.confirmed` committed to the receipt accepted by
 * an SMTP server, against a raw BullMQ add → process loop on the same Redis (notifications' own ACL
 * user, under its key prefix), in one run.
 *
 * The order events come from a scratch database with the kit's outbox, published as `orders` into
 * the test system's namespace: the real relay → RabbitMQ → notifications inbox → history → dispatcher
 * → BullMQ → worker → SMTP path, with notifications and identity as their own processes (identity's
 * user.registered gives notifications its contact copies). Each order is one transaction writing
 * order.placed and order.confirmed, as orders' checkout does.
 *
 * The raw loops add their jobs at the moments the orders were committed (the same arrival pattern)
 * to a Worker of notifications' concurrency that does nothing, or sends the same email through
 * nodemailer to the same sink, and again from BENCH_WRITERS adders as fast as they go (their ceiling).
 * Two runs each: a burst (BENCH_ORDERS from BENCH_WRITERS concurrent writers: throughput, latency with
 * a queue building) and a trickle (BENCH_TRICKLE, the next once the last arrived: the path itself).
 *
 *   npm run bench -- notifications   (BENCH_ORDERS=300, BENCH_WRITERS=8, BENCH_TRICKLE=200, BENCH_USERS=20)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Queue, Worker } from 'bullmq';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { contracts } from '@bazaar/contracts';
import { createLogger, createMessaging, createPool, withTransaction } from '@bazaar/platform';
import { createTestDatabase, startSmtpSink, type SmtpSink } from '@bazaar/platform/testing';
import { databaseUrlOf, startTestSystem } from '../tools/src/testing/system.js';
import { percentile, writeResults } from './machine.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const TRICKLE = Number(process.env.BENCH_TRICKLE ?? 200);
const USERS = Number(process.env.BENCH_USERS ?? 20);
const PASSWORD = 'Bench-Notify-2026';
const SETTLE_MS = 90_000;
const run = randomBytes(3).toString('hex').toUpperCase();
const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
const say = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const messagingSql = readFileSync(new URL('../packages/platform/sql/messaging.sql', import.meta.url), 'utf8');

interface Customer { id: string; email: string; firstName: string }

/**
 * Arrivals at the sink by subject: the sink's own `receivedAt` (stamped as it accepts the message,
 * ms resolution), found by a scan of what it holds every few ms.
 */
function arrivals(sink: SmtpSink) {
  const at = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  let scanned = 0;
  const timer = setInterval(() => {
    for (; scanned < sink.messages.length; scanned++) {
      const message = sink.messages[scanned]!;
      if (at.has(message.subject)) continue;
      at.set(message.subject, Date.parse(message.receivedAt));
      waiters.get(message.subject)?.();
      waiters.delete(message.subject);
    }
  }, 2);
  return {
    at,
    when: (subject: string): Promise<void> => (at.has(subject) ? Promise.resolve() : new Promise((resolve) => waiters.set(subject, resolve))),
    stop: () => clearInterval(timer),
  };
}

/** One way from an order to its outcome: `send` resolves with the moment the latency counts from. */
interface Path {
  name: string;
  send(seq: number): Promise<{ key: string; at: number }>;
  /** When each key was handled (its email accepted, or the job processed), on the clock `send` uses. */
  handled: Map<string, number>;
  whenHandled(key: string): Promise<void>;
}

interface Result { path: string; run: string; count: number; seconds: number; perSecond: number; p50: number; p99: number; max: number; sent: Map<string, number> }

const subjectOf = (orderNumber: string) => `Your receipt for order ${orderNumber}`;

/**
 * Sends `count` orders. With `schedule` (ms offsets from the start, one per order), each is sent at
 * its moment without waiting for the one before; otherwise from `writers` concurrent writers, each
 * waiting for its send (and with `oneAtATime` for the outcome) before the next.
 */
async function measure(path: Path, runName: string, count: number, options: { writers?: number; oneAtATime?: boolean; schedule?: number[] }): Promise<Result> {
  say(`${path.name}, ${runName}: ${count} orders`);
  const sent = new Map<string, number>();
  const done = () => [...sent.keys()].filter((key) => path.handled.has(key)).length;
  const timer = setInterval(() => say(`  ${done()} / ${count} arrived`), 1000);
  let next = 0;
  if (options.schedule) {
    const schedule = options.schedule;
    const start = performance.now();
    const sending: Promise<void>[] = [];
    while (next < count) {
      const due = start + schedule[next]!;
      if (performance.now() < due) await sleep(Math.max(1, due - performance.now()));
      while (next < count && performance.now() >= start + schedule[next]!) {
        sending.push(path.send(next++).then(({ key, at }) => void sent.set(key, at)));
      }
    }
    await Promise.all(sending);
  } else {
    await Promise.all(Array.from({ length: options.writers ?? 1 }, async () => {
      while (next < count) {
        const { key, at } = await path.send(next++);
        sent.set(key, at);
        if (options.oneAtATime) await path.whenHandled(key);
      }
    }));
  }
  await Promise.all([...sent.keys()].map((key) => path.whenHandled(key)));
  clearInterval(timer);
  const latencies = [...sent].map(([key, at]) => path.handled.get(key)! - at);
  const first = Math.min(...sent.values());
  const last = Math.max(...[...sent.keys()].map((key) => path.handled.get(key)!));
  const seconds = (last - first) / 1000;
  return { path: path.name, run: runName, count, seconds, perSecond: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: percentile(latencies, 100), sent };
}

async function call(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json() as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`POST ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function settle(what: string, probe: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + SETTLE_MS;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`still waiting after ${SETTLE_MS / 1000} s: ${what}`);
    await sleep(200);
  }
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

say('starting the SMTP sink, identity and notifications (their own processes)…');
const loadBefore = os.loadavg()[0]!;
const sink = await startSmtpSink({ httpPort: null });
const system = await startTestSystem({
  services: ['identity', 'notifications'],
  env: {
    identity: { IDENTITY_ARGON2_MEMORY_KIB: '1024', DATABASE_POOL_MAX: '10' },
    // Notifications' own defaults otherwise (concurrency, dispatch, job options), as deployed.
    notifications: { NOTIFICATIONS_SMTP_URL: sink.url, DATABASE_POOL_MAX: '10' },
  },
});
const mail = arrivals(sink);
const history = new pg.Pool({ connectionString: databaseUrlOf(system, 'notifications'), max: 2 });
const orders = await createTestDatabase('bench_notifications_orders');
const ordersPool = createPool(orders.url, { max: WRITERS + 2 });
const closers: (() => Promise<unknown>)[] = [];
try {
  const notificationsEnv = system.env.notifications!;
  const concurrency = Number(notificationsEnv.NOTIFICATIONS_CONCURRENCY ?? 5);
  const redisUrl = notificationsEnv.NOTIFICATIONS_REDIS_URL!;
  const benchPrefix = `${notificationsEnv.NOTIFICATIONS_REDIS_KEY_PREFIX ?? 'notifications'}:bench`;
  const pending = async () => (await history.query<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE status IN ('queued', 'sending')")).rows[0]!.n;

  say(`registering ${USERS} customers through identity…`);
  const customers: Customer[] = [];
  for (let batch = 0; batch < USERS; batch += 5) {
    customers.push(...await Promise.all(Array.from({ length: Math.min(5, USERS - batch) }, async (_, i) => {
      const n = batch + i;
      const email = `bench-${run.toLowerCase()}-${n}@bazaar.test`;
      const body = await call(`${system.url('identity')}/auth/register`, { email, password: PASSWORD, name: `Customer ${n} Bench` });
      return { id: (body.user as { id: string }).id, email, firstName: 'Customer' };
    })));
  }
  await settle('the customers\' welcome mail', async () => {
    const { rows } = await history.query<{ n: number }>("SELECT count(DISTINCT user_id_ref)::int AS n FROM notifications WHERE kind = 'welcome' AND status = 'delivered'");
    return rows[0]!.n === USERS && await pending() === 0;
  });
  say(`quiet: ${sink.messages.length} sign-up mails arrived, nothing left to send`);

  // orders' side: the kit's outbox and relay over a database of its own, in the system's namespace.
  await ordersPool.query(messagingSql);
  // When the broker confirmed each event, for the breakdown below (the relay's hook right after the
  // confirm; onPublished comes only after its rows are marked sent, when notifications may be at it).
  const published = new Map<string, number>();
  const producer = createMessaging({
    service: 'orders', pool: ordersPool, amqpUrl: system.amqpUrl, logger, contracts, namespace: system.namespace,
    relay: { afterConfirm: (ids) => { const now = Date.now(); for (const id of ids) published.set(id, now); } },
  });
  await producer.start();
  closers.push(() => producer.stop());
  /** By receipt subject: the order and its order.confirmed event. */
  const orderIds = new Map<string, { orderId: string; eventId: string }>();
  const service = (label: string): Path => ({
    name: 'notifications (outbox → relay → RabbitMQ → inbox → history → BullMQ → SMTP)',
    handled: mail.at,
    whenHandled: mail.when,
    async send(seq) {
      const customer = customers[seq % customers.length]!;
      const orderId = randomUUID();
      const orderNumber = `BZ-${run}-${label}${String(seq).padStart(5, '0')}`;
      const quantity = 1 + (seq % 3);
      const ref = { orderId, orderNumber, userId: customer.id, totalMinor: quantity * 1999, currency: 'EUR' };
      const now = new Date().toISOString();
      const confirmed = await withTransaction(ordersPool, async (client) => {
        await producer.outbox.enqueue(client, { type: 'order.placed', key: orderId, payload: { ...ref, items: [{ productId: randomUUID(), sku: 'BENCH-LAMP', quantity, unitPriceMinor: 1999 }], placedAt: now } });
        return producer.outbox.enqueue(client, { type: 'order.confirmed', key: orderId, payload: { ...ref, confirmedAt: now } });
      });
      const committed = Date.now();
      const key = subjectOf(orderNumber);
      orderIds.set(key, { orderId, eventId: confirmed.id });
      return { key, at: Math.min(committed, mail.at.get(key) ?? committed) };
    },
  });

  // The raw loops: notifications' Redis user, a prefix under its own, its default job options.
  const jobOptions = { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 100, removeOnFail: 50 };
  const transport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: concurrency });
  closers.push(async () => transport.close());
  /** A raw loop: `mailed`, the worker sends the receipt to the sink (arrival by receivedAt); else it does nothing. */
  const bull = (name: string, label: string, mailed: boolean): Path => {
    const queueName = `bench-${label}`;
    const queue = new Queue<{ orderNumber: string; to: string }>(queueName, { connection: { url: redisUrl }, prefix: benchPrefix, defaultJobOptions: jobOptions });
    const processed = new Map<string, number>();
    const waiters = new Map<string, () => void>();
    const worker = new Worker<{ orderNumber: string; to: string }>(queueName, async (job) => {
      const key = subjectOf(job.data.orderNumber);
      if (mailed) {
        await transport.sendMail({
          from: 'Bazaar <no-reply@bazaar.test>', to: job.data.to, subject: key,
          text: `Hello,\n\nthank you: order ${job.data.orderNumber} is confirmed and paid.\n\n  1 × BENCH-LAMP at €19.99 = €19.99\n\nTotal: €19.99\n`,
        });
        return;
      }
      processed.set(key, performance.now());
      waiters.get(key)?.();
      waiters.delete(key);
    }, { connection: { url: redisUrl, maxRetriesPerRequest: null }, prefix: benchPrefix, concurrency });
    closers.push(() => worker.close(), () => queue.obliterate({ force: true }).then(() => queue.close()));
    // Numbered across its runs: each job's key is new to the arrivals already seen.
    let sequence = 0;
    return {
      name,
      handled: mailed ? mail.at : processed,
      whenHandled: mailed ? mail.when : (key) => (processed.has(key) ? Promise.resolve() : new Promise((resolve) => waiters.set(key, resolve))),
      async send(seq) {
        const orderNumber = `BZ-${run}-${label}${String(sequence++).padStart(5, '0')}`;
        // The mail rows meet the sink's wall clock; the no-op row has only this process's, finer one.
        const at = mailed ? Date.now() : performance.now();
        await queue.add('send', { orderNumber, to: customers[Math.abs(seq) % customers.length]!.email });
        return { key: subjectOf(orderNumber), at };
      },
    };
  };
  const rawMail = bull('raw BullMQ → nodemailer → SMTP', 'M', true);
  const rawNoop = bull('raw BullMQ, no-op (add → processed)', 'N', false);
  // One job each first: connections open and scripts loaded before anything is timed.
  await rawMail.send(-1).then(({ key }) => rawMail.whenHandled(key));
  await rawNoop.send(-1).then(({ key }) => rawNoop.whenHandled(key));

  const results: Result[] = [];
  const quiet = async () => settle('notifications still sending', async () => await pending() === 0);
  const burst = `burst, ${WRITERS} writers`;
  const trickle = 'trickle, one at a time';

  const serviceBurst = await measure(service('B'), burst, ORDERS, { writers: WRITERS });
  results.push(serviceBurst);
  await quiet();
  // The raw loops get their jobs at the moments the orders were committed, in the order they were.
  const commits = [...serviceBurst.sent.values()].sort((a, b) => a - b);
  const schedule = commits.map((t) => t - commits[0]!);
  const commitRate = ORDERS / (schedule.at(-1)! / 1000);
  const paced = `burst, at the orders' commit times`;
  results.push(await measure(rawMail, paced, ORDERS, { schedule }));
  results.push(await measure(rawNoop, paced, ORDERS, { schedule }));
  const free = `burst, ${WRITERS} adders, as fast as they go`;
  results.push(await measure(rawMail, free, ORDERS, { writers: WRITERS }));
  results.push(await measure(rawNoop, free, ORDERS, { writers: WRITERS }));
  const serviceTrickle = await measure(service('T'), trickle, TRICKLE, { writers: 1, oneAtATime: true });
  results.push(serviceTrickle);
  await quiet();
  results.push(await measure(rawMail, trickle, TRICKLE, { writers: 1, oneAtATime: true }));
  results.push(await measure(rawNoop, trickle, TRICKLE, { writers: 1, oneAtATime: true }));
  const loadAfter = os.loadavg()[0]!;

  // Where the service's time goes, from its history's timestamps (one clock: the same machine).
  const stages = async (result: Result) => {
    const refs = [...result.sent].map(([key, at]) => ({ ...orderIds.get(key)!, at }));
    const { rows } = await history.query<{ order_id: string; recorded: number; enqueued: number; sent: number }>(
      `SELECT order_id_ref AS order_id, extract(epoch FROM created_at) * 1000 AS recorded, extract(epoch FROM enqueued_at) * 1000 AS enqueued, extract(epoch FROM sent_at) * 1000 AS sent
         FROM notifications WHERE kind = 'receipt' AND order_id_ref = ANY($1::uuid[])`, [refs.map((r) => r.orderId)]);
    const byOrder = new Map(refs.map((r) => [r.orderId, r]));
    const times = rows.map((r) => {
      const ref = byOrder.get(r.order_id)!;
      return { committed: ref.at, published: published.get(ref.eventId)!, recorded: Number(r.recorded), enqueued: Number(r.enqueued), sent: Number(r.sent) };
    });
    const pick = (f: (t: typeof times[number]) => number) => `${fmt(percentile(times.map(f), 50))} / ${fmt(percentile(times.map(f), 99))}`;
    return {
      count: times.length,
      relay: pick((t) => t.published - t.committed),
      inbox: pick((t) => t.recorded - t.published),
      dispatch: pick((t) => t.enqueued - t.recorded),
      send: pick((t) => t.sent - t.enqueued),
    };
  };
  const [burstStages, trickleStages] = [await stages(serviceBurst), await stages(serviceTrickle)];
  const receipts = sink.messages.filter((m) => m.subject.startsWith(`Your receipt for order BZ-${run}-B`) || m.subject.startsWith(`Your receipt for order BZ-${run}-T`));
  const duplicates = receipts.length - new Set(receipts.map((m) => m.messageId)).size;

  const [, rawMailPaced, rawNoopPaced, rawMailFree, rawNoopFree, , rawMailTrickle, rawNoopTrickle] = results as [Result, Result, Result, Result, Result, Result, Result, Result];
  const table = results.map((r) => `| ${r.path} | ${r.run} | ${r.count} | ${fmt(r.seconds, 2)} | ${fmt(r.perSecond, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} |`);
  const body = `
Everything on one machine (${os.cpus().length} cores): identity and notifications as their own
processes (compiled, notifications with its defaults: worker concurrency ${concurrency}, BullMQ attempts 3
with exponential backoff from 1 s), PostgreSQL, RabbitMQ, Redis, the SMTP sink (the kit's, in the
benchmark's process) and the load. ${USERS} customers registered through identity first, so
notifications holds their contact copies; the run starts once their sign-up mail has arrived and
nothing is left to send. Load average (1 min) before / after: ${fmt(loadBefore, 2)} / ${fmt(loadAfter, 2)}.

- **notifications**: each order is one transaction in a scratch database with the kit's outbox
  (order.placed and order.confirmed, as orders' checkout writes them), published by the kit's relay
  as \`orders\`; latency from that commit to the sink accepting the receipt.
- **raw BullMQ** on the same Redis as notifications' own ACL user (keys under \`${benchPrefix.replace(/:[^:]+:bench$/, ':…:bench')}\`),
  the same job options, a Worker of the same concurrency: \`Queue.add\` at the moments the orders were
  committed (the same arrival pattern), processed by nothing or by the same email through nodemailer
  (a pool of ${concurrency} connections, as notifications' transport) to the same sink; latency from the add call.
  Both are also run with ${WRITERS} adders as fast as they go: the raw loops' own ceilings here.
  The raw loops' worker shares the benchmark's process (and its event loop) with the sink and the
  writers; notifications' worker has a process of its own.

The machine was not otherwise idle (the load averages above, on ${os.cpus().length} cores): single runs move
by tens of percent, the tails most, while the order of the rows holds from run to run.

Latency in ms (the mail rows by the sink's receivedAt, to the ms); events/s = orders / (last
arrival − first commit or add).

| path | run | orders | seconds | events/s | p50 ms | p99 ms | max ms |
|---|---|---:|---:|---:|---:|---:|---:|
${table.join('\n')}

- throughput (burst): notifications delivers **${fmt(serviceBurst.perSecond, 0)} receipts/s** from orders committed at ${fmt(commitRate, 0)}/s;
  with the same arrivals BullMQ + nodemailer keeps up at ${fmt(rawMailPaced.perSecond, 0)}/s and the no-op loop at ${fmt(rawNoopPaced.perSecond, 0)}/s;
  added as fast as they go, ${fmt(rawMailFree.perSecond, 0)}/s and ${fmt(rawNoopFree.perSecond, 0)}/s
- latency (trickle): p50 **${fmt(serviceTrickle.p50)} ms** against ${fmt(rawMailTrickle.p50)} ms (BullMQ + SMTP) and ${fmt(rawNoopTrickle.p50)} ms (BullMQ alone);
  p99 ${fmt(serviceTrickle.p99)} against ${fmt(rawMailTrickle.p99)} and ${fmt(rawNoopTrickle.p99)} ms
- every receipt arrived once: ${receipts.length} receipts for ${serviceBurst.count + serviceTrickle.count} orders, ${duplicates} with a repeated Message-ID

Where the service's time goes (p50 / p99 ms, from its history's timestamps):

| run | commit → confirmed by the broker (relay) | → recorded (RabbitMQ, inbox) | → job added (commit, NOTIFY, dispatcher) | → accepted (BullMQ, history updates, SMTP) |
|---|---:|---:|---:|---:|
| burst (${burstStages.count}) | ${burstStages.relay} | ${burstStages.inbox} | ${burstStages.dispatch} | ${burstStages.send} |
| trickle (${trickleStages.count}) | ${trickleStages.relay} | ${trickleStages.inbox} | ${trickleStages.dispatch} | ${trickleStages.send} |

(confirmed: the relay's hook right after the broker's confirm, which RabbitMQ may send after it has
already handed the message to notifications: hence about 0, even just below, for the next column
in the trickle; recorded: the start of the inbox transaction that wrote the history row; accepted:
the history's sent_at, just after the SMTP server's 250.)

What the service adds to a BullMQ add and an SMTP send, per order: two events through the kit's
relay (outbox rows, publish with confirms; orders' cost in production, this process's here) and
RabbitMQ, each handled in an inbox transaction of notifications' (order.placed writes the order
copy; order.confirmed reads the order and contact copies and writes the history row); the job is
added only after that commits, by the dispatcher woken by NOTIFY (a read of the history, \`addBulk\`,
an update of enqueued_at, per batch); the worker then updates the row to sending before the send and
to delivered after it. In the burst most of the wait is in RabbitMQ for the inbox (the kit's
prefetch of 10 deliveries and a pool of 10 connections, two events per order, on the same two cores
as everything else), then in BullMQ for one of the worker's ${concurrency} slots, each holding two history
updates around its SMTP send. What it buys: a receipt exists if and only if the order was confirmed,
once however often the event is delivered, and is sent again from the history when Redis loses its
job; the raw loop has none of that (a crash between commit and \`Queue.add\` loses the mail, a
redelivery sends it twice).
`;
  for (const r of results) say(`${r.path}, ${r.run}: ${fmt(r.perSecond, 0)}/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms`);
  say(`wrote ${writeResults('notifications', 'Notifications: order.confirmed to an accepted email, against raw BullMQ', 'npm run bench -- notifications', body)}`);
} finally {
  mail.stop();
  for (const close of closers.reverse()) await close().catch((error: unknown) => say(`clean-up: ${(error as Error).message}`));
  await ordersPool.end();
  await orders.drop();
  await history.end();
  await system.stop();
  await sink.close();
}
process.exit(0);
