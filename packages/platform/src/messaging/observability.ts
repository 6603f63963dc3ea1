import { Counter, Gauge, type Registry } from 'prom-client';
import type { Queryable } from '../db/pool.js';
import type { HealthRegistry } from '../health.js';
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

export interface MessagingProbes {
  outbox: () => Promise<OutboxStats>;
  /** Undefined when the service consumes nothing (and so has no dead-letter queue). */
  deadLetterDepth?: () => Promise<number>;
  brokerConnected: () => boolean;
}

/**
 * Adds non-critical `outbox`, `dead-letters` and `broker` checks: a backlog older than
 * `outboxMaxAgeSeconds`, any parked message or a lost broker connection degrades the service
 * (events wait in the outbox meanwhile; nothing is lost), never makes it unready.
 */
export function registerMessagingHealth(health: HealthRegistry, probes: MessagingProbes, options: { outboxMaxAgeSeconds?: number } = {}): void {
  const maxAge = options.outboxMaxAgeSeconds ?? 60;
  health.register('outbox', async () => {
    const stats = await probes.outbox();
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
  handled: (outcome: HandleOutcome) => void;
}

function metric<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/**
 * Registers the messaging metrics on `registry`: gauges `outbox_backlog`, `outbox_oldest_age_seconds`
 * and `dlq_depth` (read when scraped), counters `messages_published_total` and
 * `messages_handled_total{outcome}`.
 */
export function registerMessagingMetrics(registry: Registry, probes: MessagingProbes): MessagingMetrics {
  const registers = [registry];
  // One scrape reads the outbox once for both gauges. A failed read (database down) leaves the last
  // values rather than failing the whole scrape.
  let pending: Promise<OutboxStats> | undefined;
  const stats = () => (pending ??= probes.outbox().finally(() => setTimeout(() => (pending = undefined), 0)));
  metric(registry, 'outbox_backlog', () => new Gauge({
    name: 'outbox_backlog', help: 'Outbox messages not yet confirmed by the broker', registers,
    async collect() { await stats().then((s) => this.set(s.backlog), () => undefined); },
  }));
  metric(registry, 'outbox_oldest_age_seconds', () => new Gauge({
    name: 'outbox_oldest_age_seconds', help: 'Age of the oldest unsent outbox message', registers,
    async collect() { await stats().then((s) => this.set(s.oldestAgeSeconds), () => undefined); },
  }));
  if (probes.deadLetterDepth) {
    const depth = probes.deadLetterDepth;
    metric(registry, 'dlq_depth', () => new Gauge({
      name: 'dlq_depth', help: 'Messages parked in the dead-letter queue', registers,
      async collect() {
        try {
          this.set(await depth());
        } catch {
          // Broker unreachable: leave the last value rather than fail the whole scrape.
        }
      },
    }));
  }
  const published = metric(registry, 'messages_published_total', () => new Counter({
    name: 'messages_published_total', help: 'Messages relayed from the outbox and confirmed by the broker', registers,
  }));
  const handled = metric(registry, 'messages_handled_total', () => new Counter({
    name: 'messages_handled_total', help: 'Messages received, by outcome (handled, duplicate, retried, dead_lettered, invalid)', labelNames: ['outcome'] as const, registers,
  }));
  return {
    published: (count) => published.inc(count),
    handled: (outcome) => handled.inc({ outcome }),
  };
}
