import type { FastifyRequest } from 'fastify';
import type { MetricObjectWithValues, MetricValueWithName, Registry } from 'prom-client';
import { Type, type Static } from 'typebox';
import type { ServiceApp } from './app.js';

export interface SignalsRouteOptions {
  /** Where to mount it (default `/admin/signals`). */
  path?: string;
  /** Guards the route, e.g. a check for an operator's token. */
  preHandler?: (request: FastifyRequest) => Promise<void>;
  /** What the guard asks for, as the API document says it (default: a bearer token with the admin role). */
  security?: Record<string, string[]>[];
}

const Count = Type.Integer({ format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
// Label values come from the kit's own code (status classes, outcomes, queue names), never from a
// client, so a few dozen entries of short names bound them.
const Name = Type.String({ maxLength: 255 });
const Seconds = Type.Number({ minimum: 0, maximum: 1e12 });

const Snapshot = Type.Object({
  at: Type.String({ format: 'date-time', maxLength: 40, description: "the service's clock when the counters were read" }),
  uptimeSeconds: Type.Number({ minimum: 0, maximum: 1e12, description: "the process' uptime: smaller than in an earlier snapshot when it restarted, and its counters with it" }),
  requests: Type.Object({
    count: Count,
    byStatusClass: Type.Array(Type.Object({ statusClass: Type.String({ maxLength: 8, description: '1xx … 5xx, or other' }), count: Count }), { maxItems: 6 }),
    latency: Type.Object({
      buckets: Type.Array(Type.Object({ le: Type.Number({ minimum: 0, maximum: 1e6, description: 'upper bound in seconds' }), count: Count }), {
        maxItems: 64, description: 'cumulative counts by upper bound, ascending; the +Inf bucket is `requests.count`',
      }),
      sumSeconds: Seconds,
    }),
  }, { description: 'the counters of http_request_duration_seconds summed over methods and routes, health probes and this route left out' }),
  pool: Type.Union([
    Type.Object({ total: Count, idle: Count, waiting: Count }, { description: 'db_pool_connections: open connections, idle ones, and queries waiting for one' }),
    Type.Null(),
  ], { description: 'null when the service has no database pool' }),
  messages: Type.Union([
    Type.Object({
      handled: Type.Array(Type.Object({ outcome: Name, count: Count }), { maxItems: 16, description: 'messages_handled_total by outcome, over message types' }),
      queues: Type.Array(Type.Object({ queue: Name, ready: Count }), { maxItems: 64, description: 'message_queue_depth: ready messages in its own queues' }),
    }),
    Type.Null(),
  ], { description: 'null when the service consumes no messages' }),
});
export type SignalsSnapshot = Static<typeof Snapshot>;

/** Routes whose requests are the system watching itself, not its traffic: they would set the rate of an idle service. */
const SIGNALS_PATH = '/admin/signals';
const SELF = (route: string) => route.startsWith('/health') || route === SIGNALS_PATH;

async function valuesOf(registry: Registry, name: string): Promise<MetricValueWithName<string>[] | undefined> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return undefined;
  // get() runs a gauge's collect(), which the kit writes to never throw (a dependency down leaves the last value).
  return ((await metric.get()) as MetricObjectWithValues<MetricValueWithName<string>>).values;
}

const add = (map: Map<string, number>, key: string, value: number) => map.set(key, (map.get(key) ?? 0) + value);
const whole = (n: number) => (Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), Number.MAX_SAFE_INTEGER) : 0);

/** Reads the golden signals' raw counters from a service's registry (exported for tests and other transports). */
export async function readSignals(registry: Registry, now: Date = new Date()): Promise<SignalsSnapshot> {
  const byClass = new Map<string, number>();
  const buckets = new Map<string, number>();
  let sum = 0;
  for (const { labels, value, metricName } of (await valuesOf(registry, 'http_request_duration_seconds')) ?? []) {
    if (SELF(String(labels.route ?? ''))) continue;
    if (metricName?.endsWith('_bucket')) add(buckets, String(labels.le), value);
    else if (metricName?.endsWith('_count')) add(byClass, String(labels.status_class), value);
    else if (metricName?.endsWith('_sum')) sum += value;
  }
  const pool = await valuesOf(registry, 'db_pool_connections');
  const state = (name: string) => whole(pool?.find((v) => v.labels.state === name)?.value ?? 0);
  const handled = await valuesOf(registry, 'messages_handled_total');
  const outcomes = new Map<string, number>();
  for (const { labels, value } of handled ?? []) add(outcomes, String(labels.outcome), value);
  const queues = (await valuesOf(registry, 'message_queue_depth')) ?? [];
  return {
    at: now.toISOString(),
    uptimeSeconds: process.uptime(),
    requests: {
      count: whole([...byClass.values()].reduce((a, b) => a + b, 0)),
      byStatusClass: [...byClass].sort(([a], [b]) => a.localeCompare(b)).map(([statusClass, count]) => ({ statusClass, count: whole(count) })),
      latency: {
        buckets: [...buckets].filter(([le]) => le !== '+Inf').map(([le, count]) => ({ le: Number(le), count: whole(count) })).sort((a, b) => a.le - b.le),
        sumSeconds: Math.max(0, sum),
      },
    },
    pool: pool ? { total: state('total'), idle: state('idle'), waiting: state('waiting') } : null,
    messages: handled || queues.length > 0
      ? {
          handled: [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([outcome, count]) => ({ outcome, count: whole(count) })),
          queues: queues.map((v) => ({ queue: String(v.labels.queue), ready: whole(v.value) })),
        }
      : null,
  };
}

/**
 * `GET /admin/signals`: a snapshot of the raw counters behind the golden signals, from the service's
 * own registry (the one its metrics port serves): requests by status class, the latency histogram's
 * cumulative buckets and sum, the database pool's connections, messages handled by outcome and the
 * depth of its queues, with the service's clock and uptime. It computes no rate: a rate needs a
 * window, so a reader takes two snapshots and divides their differences by the time between them.
 */
export function registerSignalsRoute(app: ServiceApp, options: SignalsRouteOptions = {}): void {
  app.get(options.path ?? SIGNALS_PATH, {
    ...(options.preHandler ? { preHandler: options.preHandler } : {}),
    schema: {
      operationId: 'getSignals',
      tags: ['admin'],
      security: options.security ?? [{ bearer: ['admin'] }],
      summary: "The golden signals' raw counters: requests, latency buckets, pool and messages (rates are the reader's, from two snapshots)",
      response: { 200: Snapshot },
    },
  }, async () => readSignals(app.metrics));
}
