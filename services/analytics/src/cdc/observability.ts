import { Counter, Gauge, type HealthRegistry, type Registry } from '@bazaar/platform';
import type { CdcHandle } from './reader.js';

/**
 * `cdc` on /health, non-critical: degraded while any source is not streaming, naming each with its
 * state and last error (reports still answer, from mirrors that stopped moving). Healthy with no
 * source (events only).
 */
export function registerCdcHealth(health: HealthRegistry, cdc: CdcHandle): void {
  health.register(
    'cdc',
    async () => {
      const sources = cdc.status();
      const down = sources.filter((s) => s.state !== 'streaming');
      const details = Object.fromEntries(sources.map((s) => [s.source, { state: s.state, lagSeconds: Math.round(s.lagSeconds), lastAppliedLsn: s.lastAppliedLsn, ...(s.lastError ? { lastError: s.lastError } : {}) }]));
      if (sources.length === 0) return { message: 'no CDC source: events only' };
      if (down.length === 0) return { details };
      return { status: 'degraded', message: down.map((s) => `${s.source} ${s.state}${s.lastError ? ` (${s.lastError})` : ''}`).join('; '), details };
    },
    { critical: false },
  );
}

/**
 * Read from the handle at each scrape:
 * - `cdc_lag_seconds{source}`: the age of the oldest change the mirror lacks, as far as known (see
 *   SourceReader.lagSeconds): now − the commit time of the oldest source transaction received and
 *   not yet applied; 0 when none waits and PostgreSQL has sent everything (an idle source is not
 *   behind); while copying or reconnecting, now − the last moment it was caught up.
 * - `cdc_changes_applied_total{source}`: rows inserted, updated or deleted (and tables truncated)
 *   applied to the mirror by this process; the full copy is not counted.
 * - `cdc_source_up{source}`: 1 while streaming, 0 while starting, copying or reconnecting.
 */
export function registerCdcMetrics(registry: Registry, cdc: CdcHandle): void {
  const registers = [registry];
  new Gauge({
    name: 'cdc_lag_seconds',
    help: 'Age of the oldest source change the CDC mirror lacks: now minus the commit time of the oldest transaction received and not applied, 0 when caught up, time since last caught up while copying or reconnecting',
    labelNames: ['source'],
    registers,
    collect() {
      for (const s of cdc.status()) this.set({ source: s.source }, s.lagSeconds);
    },
  });
  new Counter({
    name: 'cdc_changes_applied_total',
    help: 'Row changes (and truncated tables) of a source applied to its CDC mirror',
    labelNames: ['source'],
    registers,
    collect() {
      // The handle holds the count; the counter shows it, monotonic for the life of the process.
      this.reset();
      for (const s of cdc.status()) this.inc({ source: s.source }, s.changesApplied);
    },
  });
  new Gauge({
    name: 'cdc_source_up',
    help: '1 while the CDC stream of a source is streaming, 0 while it copies, reconnects or is stopped',
    labelNames: ['source'],
    registers,
    collect() {
      for (const s of cdc.status()) this.set({ source: s.source }, s.state === 'streaming' ? 1 : 0);
    },
  });
}
