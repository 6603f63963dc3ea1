// Saturation gauges the kit adds to a service's registry: how busy its event loop is and how full its
// database pool. Both are read when scraped, from the process alone: a scrape never waits on a
// dependency for them.
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';
import type { Pool } from './db/pool.js';

/**
 * `nodejs_eventloop_utilization`: the share of time (0..1) the event loop was busy since the
 * previous scrape (since start for the first). prom-client's default metrics give the loop's delay
 * (`nodejs_eventloop_lag_p99_seconds` …); utilisation says how close to full it runs before the delay
 * shows. Registered once per registry.
 */
export function registerEventLoopMetrics(registry: Registry): void {
  if (registry.getSingleMetric('nodejs_eventloop_utilization')) return;
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  new Gauge({
    name: 'nodejs_eventloop_utilization',
    help: 'Share of time the event loop was busy since the previous scrape (0..1)',
    registers: [registry],
    collect() {
      const now = performance.eventLoopUtilization();
      this.set(performance.eventLoopUtilization(now, last).utilization);
      last = now;
    },
  });
}

/**
 * `db_pool_connections{state}`: the pool's connections (`total`, `idle`, the rest in use) and the
 * queries `waiting` for one. A pool that keeps requests waiting is saturated before the database is.
 * Registered once per registry (the service's own pool).
 */
export function registerPoolMetrics(registry: Registry, pool: Pick<Pool, 'totalCount' | 'idleCount' | 'waitingCount'>): void {
  if (registry.getSingleMetric('db_pool_connections')) return;
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state: total open, idle, and queries waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
}
