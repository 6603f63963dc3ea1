import type { ChannelModel } from 'amqplib';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Pool, Queryable } from '../db/pool.js';
import { registerPoolMetrics } from '../saturation.js';
import type { HealthRegistry } from '../health.js';
import { within } from '../time-limit.js';
import type { HandleOutcome } from './consumer.js';

export interface OutboxStats {
  /** Messages not yet confirmed by the broker. */
  backlog: number;
  /** Age in seconds of the oldest of them, 0 when there is none. */
  oldestAgeSeconds: number;
}

export async function outboxStats(db: Queryable): Promise<OutboxStats> {
  const { rows } = await db.query<{ backlog: number; oldest: number | null }>(
    'SELECT count(*)::int AS backlog, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest FROM outbox WHERE sent_at IS NULL',
  );
  return { backlog: rows[0]?.backlog ?? 0, oldestAgeSeconds: Math.max(0, rows[0]?.oldest ?? 0) };
}

/**
 * Messages ready in each of `queues`, asked of the broker on a channel of its own (closed after): a
 * queue that is missing fails only that channel, and nothing is read if there is no connection.
 */
export async function queueDepths(connection: () => ChannelModel | undefined, queues: readonly string[]): Promise<Record<string, number>> {
  const current = connection();
  if (!current) throw new Error('not connected to the broker');
  const channel = await current.createChannel();
  channel.on('error', () => undefined);
  try {
    const depths: Record<string, number> = {};
    for (const queue of queues) depths[queue] = (await channel.checkQueue(queue)).messageCount;
    return depths;
  } finally {
    await channel.close().catch(() => undefined);
  }
}

export interface MessagingProbes {
  /** Undefined for a service without an outbox (one that only consumes, into a store of its own). */
  outbox?: () => Promise<OutboxStats>;
  /** Undefined when the service consumes nothing (and so has no dead-letter queue). */
  deadLetterDepth?: () => Promise<number>;
  brokerConnected: () => boolean;
  /** Messages ready in each of the service's own work and retry queues (those it consumes). */
  queueDepths?: () => Promise<Record<string, number>>;
  /** The pool the messaging uses: the service's own, whose saturation the metrics show. */
  pool?: Pick<Pool, 'totalCount' | 'idleCount' | 'waitingCount'>;
}

/**
 * Adds non-critical `outbox`, `dead-letters` and `broker` checks: a backlog older than
 * `outboxMaxAgeSeconds`, any parked message or a lost broker connection degrades the service
 * (events wait in the outbox meanwhile; nothing is lost), never makes it unready.
 */
export function registerMessagingHealth(health: HealthRegistry, probes: MessagingProbes, options: { outboxMaxAgeSeconds?: number } = {}): void {
  const maxAge = options.outboxMaxAgeSeconds ?? 60;
  const outbox = probes.outbox;
  if (outbox) health.register('outbox', async () => {
    const stats = await outbox();
    const stale = stats.oldestAgeSeconds > maxAge;
    return {
      status: stale ? 'degraded' : 'healthy',
      ...(stale ? { message: `${stats.backlog} message(s) unsent, the oldest for ${Math.round(stats.oldestAgeSeconds)} s` } : {}),
      details: { ...stats },
    };
  }, { critical: false });
  if (probes.deadLetterDepth) {
    const depth = probes.deadLetterDepth;
    health.register('dead-letters', async () => {
      const parked = await depth();
      return {
        status: parked > 0 ? 'degraded' : 'healthy',
        ...(parked > 0 ? { message: `${parked} message(s) parked in the dead-letter queue` } : {}),
        details: { depth: parked },
      };
    }, { critical: false });
  }
  health.register('broker', async () => {
    if (!probes.brokerConnected()) return { status: 'degraded', message: 'not connected to the broker; reconnecting' };
    return undefined;
  }, { critical: false });
}

export interface MessagingMetrics {
  published: (count: number) => void;
  /** One delivery settled: its outcome, its message type (bounded by the contracts) and the seconds it took. */
  handled: (outcome: HandleOutcome, type: string, seconds: number) => void;
}

function metric<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/** The longest a scrape waits on the broker for a gauge: one that hangs must not hold the scrape. */
const SCRAPE_READ_MS = 2_000;

/** Handler durations: a few milliseconds for an inbox check, up to the seconds of a retried transaction. */
const HANDLER_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Registers the messaging metrics on `registry`: gauges `outbox_backlog`, `outbox_oldest_age_seconds`,
 * `dlq_depth` and `message_queue_depth{queue}` (read when scraped; a broker or database that does
 * not answer leaves the last value, never fails the scrape), `db_pool_connections{state}` for the
 * pool given, counters `messages_published_total` and `messages_handled_total{outcome,type}`, and
 * the histogram `message_handler_duration_seconds{type,outcome}`.
 */
export function registerMessagingMetrics(registry: Registry, probes: MessagingProbes): MessagingMetrics {
  const registers = [registry];
  // One scrape reads the outbox once for both gauges (prom-client starts every collect() in the same
  // tick), forgotten as soon as it settles so that the next scrape reads afresh. A failed read
  // (database down) leaves the last values rather than failing the whole scrape.
  let pending: Promise<OutboxStats> | undefined;
  const outbox = probes.outbox;
  if (outbox) {
    const stats = () => (pending ??= within(SCRAPE_READ_MS, outbox()).finally(() => (pending = undefined)));
    metric(registry, 'outbox_backlog', () => new Gauge({
      name: 'outbox_backlog', help: 'Outbox messages not yet confirmed by the broker', registers,
      async collect() { await stats().then((s) => this.set(s.backlog), () => undefined); },
    }));
    metric(registry, 'outbox_oldest_age_seconds', () => new Gauge({
      name: 'outbox_oldest_age_seconds', help: 'Age of the oldest unsent outbox message', registers,
      async collect() { await stats().then((s) => this.set(s.oldestAgeSeconds), () => undefined); },
    }));
  }
  if (probes.deadLetterDepth) {
    const depth = probes.deadLetterDepth;
    metric(registry, 'dlq_depth', () => new Gauge({
      name: 'dlq_depth', help: 'Messages parked in the dead-letter queue', registers,
      async collect() {
        try {
          this.set(await within(SCRAPE_READ_MS, depth()));
        } catch {
          // Broker unreachable: leave the last value rather than fail the whole scrape.
        }
      },
    }));
  }
  if (probes.queueDepths) {
    const depths = probes.queueDepths;
    metric(registry, 'message_queue_depth', () => new Gauge({
      name: 'message_queue_depth', help: 'Messages ready in the service\'s own work and retry queues', labelNames: ['queue'] as const, registers,
      async collect() {
        try {
          for (const [queue, ready] of Object.entries(await within(SCRAPE_READ_MS, depths()))) this.set({ queue }, ready);
        } catch {
          // Broker unreachable: the last values stay, the scrape answers.
        }
      },
    }));
  }
  if (probes.pool) registerPoolMetrics(registry, probes.pool);
  const published = metric(registry, 'messages_published_total', () => new Counter({
    name: 'messages_published_total', help: 'Messages relayed from the outbox and confirmed by the broker', registers,
  }));
  const handled = metric(registry, 'messages_handled_total', () => new Counter({
    name: 'messages_handled_total', help: 'Messages received, by outcome (handled, duplicate, retried, dead_lettered, invalid) and type',
    labelNames: ['outcome', 'type'] as const, registers,
  }));
  const duration = metric(registry, 'message_handler_duration_seconds', () => new Histogram({
    name: 'message_handler_duration_seconds', help: 'Time from a delivery to its acknowledgement, retry or parking, by message type and outcome',
    labelNames: ['type', 'outcome'] as const, buckets: HANDLER_BUCKETS, registers,
  }));
  return {
    published: (count) => published.inc(count),
    handled: (outcome, type, seconds) => {
      handled.inc({ outcome, type });
      duration.observe({ type, outcome }, seconds);
    },
  };
}
