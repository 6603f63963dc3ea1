/**
 * The first half of bench/analytics.bench.ts: events published at a steady rate to the real
 * RabbitMQ, into analytics' consumer, WarehouseInbox and Warehouse wired as its main.ts wires them
 * (in this process, on a DuckDB file of its own, in a namespace of its own); how long from each
 * event's commit at its source to the commit of the batch that folds it, after which every report
 * query sees it (DuckDB's MVCC: a reader sees the last committed state).
 */
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import amqp from 'amqplib';
import * as hdr from 'hdr-histogram-js';
import { contracts } from '@bazaar/contracts';
import { createLogger, createMessaging, deleteTopology, type Envelope } from '@bazaar/platform';
import { createEventHandlers } from '../services/analytics/src/ingest/handlers.js';
import { WarehouseInbox, type EventBatch } from '../services/analytics/src/ingest/inbox.js';
import { Warehouse } from '../services/analytics/src/warehouse/warehouse.js';
import { shoppingDay } from '../services/analytics/test/day.js';

export interface FreshnessOptions {
  label: string;
  /** ANALYTICS_BATCH_MAX: events a transaction at most; the consumer's prefetch is twice that, as main.ts sets it. */
  maxBatch: number;
  lingerMs: number;
  /** Events a second, and for how long: a warm-up first, whose events are not counted. */
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** How long after the last publish the warehouse is given to catch up before the run ends. */
  graceSeconds: number;
  /** Also poll fact_orders for an order every second until a query sees it (a check on the batch timing). */
  probe: boolean;
  amqpUrl: string;
}

export interface FreshnessResult {
  options: FreshnessOptions;
  /** Events published in the counted window, and the rate they went out at. */
  published: number;
  publishRate: number;
  /** Of those, committed in the warehouse before the run ended; their freshness in ms. */
  committed: number;
  p50: number; p90: number; p99: number; max: number;
  /** Events (warm-up ones too) committed per second from the window's start to the end of the run. */
  commitRate: number;
  /** Batches committed from the window's start, their mean size and mean transaction time (ms). */
  batches: number; meanBatch: number; meanTransactionMs: number;
  /** Every 5 s from the first publish: events published and committed so far, and the freshness of the oldest event in the last batch committed by then. */
  timeline: { second: number; published: number; committed: number; lagMs: number }[];
  /** Counted events a query had not seen when the run ended, and how old the oldest of them was then. */
  unseen: number; unseenOldestMs: number;
  /** The probes' publish → seen by a query on fact_orders, ms (each poll 5 ms apart). */
  probes: number[];
  rawEvents: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Enough valid envelopes for `count`: whole shopping days (about ten events an order), cut at `count`. */
function eventsFor(count: number, seed: number): Envelope[] {
  const events: Envelope[] = [];
  for (let day = 0; events.length < count; day++) events.push(...shoppingDay({ seed: seed + day, users: 500, orders: 2000 }).events);
  return events.slice(0, count);
}

export async function measureFreshness(options: FreshnessOptions, say: (line: string) => void): Promise<FreshnessResult> {
  const { rate, maxBatch } = options;
  const total = Math.round(rate * (options.warmupSeconds + options.seconds));
  const events = eventsFor(total, maxBatch * 7 + 1);
  const namespace = `bench${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-analytics-bench-'));
  const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
  const warehouse = await Warehouse.open(path.join(dir, 'warehouse.duckdb'));

  /** Per batch: when it committed (epoch ms), its transaction's ms, the events it folded. */
  const batches: { at: number; ms: number; ids: string[] }[] = [];
  /** The events recorded by the batch being folded: batches run one at a time, each calling onBatch after its commit. */
  let folding: string[] = [];
  const inbox = new WarehouseInbox(warehouse, {
    maxBatch, lingerMs: options.lingerMs, logger,
    onBatch: (outcome) => {
      // Called right after the batch's COMMIT returned (the inbox's own freshness clock).
      const at = Date.now();
      if (folding.length !== outcome.folded) throw new Error(`a batch folded ${outcome.folded} events but its handlers saw ${folding.length}`);
      batches.push({ at, ms: outcome.seconds * 1000, ids: folding });
      folding = [];
    },
  });
  // analytics' own handlers, each also noting which event its batch holds.
  const handlers = Object.fromEntries(Object.entries(createEventHandlers()).map(([type, handler]) => [type, ((envelope, batch, delivery) => {
    folding.push(envelope.id);
    return handler(envelope, batch, delivery);
  }) as typeof handler]));
  const messaging = createMessaging<typeof contracts.events, typeof contracts.commands, EventBatch>({
    service: 'analytics', inbox, logger, contracts, relay: false, amqpUrl: options.amqpUrl, namespace,
    retry: { delayMs: 10_000, maxAttempts: 5 }, prefetch: 2 * maxBatch,
    handlers: { events: handlers },
  });
  await messaging.start();
  const connection = await amqp.connect(options.amqpUrl);
  const channel = await connection.createConfirmChannel();
  const exchange = messaging.names.exchanges.events;
  await channel.assertExchange(exchange, 'topic', { durable: true });

  const probes: number[] = [];
  const probing: Promise<void>[] = [];
  const probe = (orderId: string, occurred: number) => probing.push((async () => {
    for (const until = Date.now() + 60_000; Date.now() < until; await sleep(5)) {
      const rows = await warehouse.all('SELECT 1 FROM fact_orders WHERE order_id = $1::UUID', [orderId]);
      if (rows.length) return void probes.push(Date.now() - occurred);
    }
  })());

  say(`${options.label}: ${total.toLocaleString('en-US')} events at ${rate}/s (${options.warmupSeconds} s warm-up, ${options.seconds} s counted), ANALYTICS_BATCH_MAX=${maxBatch}, linger ${options.lingerMs} ms`);
  const publishedAt = new Map<string, number>();
  const started = Date.now();
  const windowStart = started + options.warmupSeconds * 1000;
  let sent = 0;
  let lastProbe = 0;
  let lastReport = started;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - started) * rate) / 1000));
    while (sent < due) {
      // Stamped as it goes out: the moment its source would have committed it.
      const now = Date.now();
      const envelope = { ...events[sent]!, occurredAt: new Date(now).toISOString() };
      publishedAt.set(envelope.id, now);
      sent++;
      const ok = channel.publish(exchange, envelope.type, Buffer.from(JSON.stringify(envelope)), {
        persistent: true, contentType: 'application/json', messageId: envelope.id, type: envelope.type, appId: envelope.source,
      });
      if (options.probe && envelope.type === 'order.placed' && now >= windowStart && now - lastProbe >= 1000) {
        lastProbe = now;
        probe((envelope.payload as { orderId: string }).orderId, now);
      }
      if (!ok) await once(channel, 'drain');
    }
    if (Date.now() - lastReport >= 5000) {
      lastReport = Date.now();
      const committed = batches.reduce((n, b) => n + b.ids.length, 0);
      say(`  ${Math.round((lastReport - started) / 1000)} s: ${sent.toLocaleString('en-US')} published, ${committed.toLocaleString('en-US')} committed in ${batches.length.toLocaleString('en-US')} batches`);
    }
    await sleep(2);
  }
  await channel.waitForConfirms();
  const publishEnd = Date.now();
  const committedCount = () => batches.reduce((n, b) => n + b.ids.length, 0);
  while (committedCount() < total && Date.now() - publishEnd < options.graceSeconds * 1000) await sleep(20);
  const ended = Date.now();
  await Promise.all(probing);
  if (committedCount() < total) say(`  ${(total - committedCount()).toLocaleString('en-US')} events still waiting ${options.graceSeconds} s after the last publish: stopping`);

  const counted = [...publishedAt].filter(([, t]) => t >= windowStart);
  const committedAt = new Map(batches.flatMap((b) => b.ids.map((id) => [id, b.at] as const)));
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000, numberOfSignificantValueDigits: 3 });
  let committed = 0;
  for (const [id, t] of counted) {
    const at = committedAt.get(id);
    if (at === undefined) continue;
    committed++;
    // 0 when the commit and the publish fell in the same ms (the histogram's floor is 1).
    histogram.recordValue(Math.max(1, at - t));
  }
  const windowBatches = batches.filter((b) => b.at >= windowStart && b.ids.length > 0);
  const lastCommit = windowBatches.at(-1)?.at ?? ended;
  const timeline: FreshnessResult['timeline'] = [];
  for (let second = 5; second * 1000 <= ended - started + 4999; second += 5) {
    const until = started + second * 1000;
    const done = batches.filter((b) => b.at < until);
    const last = done.filter((b) => b.ids.length > 0).at(-1);
    timeline.push({
      second, published: [...publishedAt.values()].filter((t) => t < until).length, committed: done.reduce((n, b) => n + b.ids.length, 0),
      lagMs: last ? last.at - Math.min(...last.ids.map((id) => publishedAt.get(id)!)) : Number.NaN,
    });
  }
  const unseen = counted.filter(([id]) => !committedAt.has(id)).map(([, t]) => t);
  const [{ n: rawEvents }] = await warehouse.all<{ n: number }>('SELECT count(*) AS n FROM raw_events') as [{ n: number }];

  await messaging.stop();
  await inbox.drain();
  await deleteTopology(channel, messaging.names, { exchanges: true });
  await connection.close();
  await warehouse.close();
  rmSync(dir, { recursive: true, force: true });

  return {
    options,
    published: counted.length,
    publishRate: counted.length / ((publishEnd - windowStart) / 1000),
    committed,
    p50: histogram.getValueAtPercentile(50), p90: histogram.getValueAtPercentile(90), p99: histogram.getValueAtPercentile(99), max: histogram.maxValue,
    // To the last commit when it caught up, else to the end of the run.
    commitRate: windowBatches.reduce((n, b) => n + b.ids.length, 0) / (((unseen.length ? ended : lastCommit) - windowStart) / 1000),
    batches: windowBatches.length,
    meanBatch: windowBatches.reduce((n, b) => n + b.ids.length, 0) / (windowBatches.length || 1),
    meanTransactionMs: windowBatches.reduce((n, b) => n + b.ms, 0) / (windowBatches.length || 1),
    timeline,
    unseen: unseen.length,
    unseenOldestMs: unseen.length ? ended - unseen.reduce((a, b) => Math.min(a, b)) : 0,
    probes,
    rawEvents,
  };
}
