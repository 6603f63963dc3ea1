import { createHash } from 'node:crypto';
import { AppError, Counter, Gauge, type Logger, type Registry, type ServiceClient } from '@bazaar/platform';
import type { CanaryConfig } from './canary.config.js';

/** The header a client sets to choose: `always` the canary (while one is configured), `never` the primary. */
export const CANARY_HEADER = 'x-bazaar-canary';

/**
 * `active`: it has a share. `off`: an operator set its share to zero (or it started so).
 * `rolled-back`: the gateway set its share to zero because its error ratio passed the threshold.
 */
export type CanaryState = 'active' | 'off' | 'rolled-back';

export interface Rollback {
  at: string;
  /** Why, for people: the ratio, the counts and the threshold. */
  reason: string;
  /** The share it had. */
  share: number;
  errors: number;
  total: number;
}

export interface CanaryReport {
  service: string;
  url: string;
  share: number;
  state: CanaryState;
  window: { ms: number; total: number; errors: number; errorRatio: number | null };
  threshold: number;
  minSample: number;
  lastRollback: Rollback | null;
  rollbacks: number;
}

/** Buckets of a sliding window: old outcomes fall out a bucket at a time, memory stays fixed. */
const BUCKETS = 10;

class OutcomeWindow {
  private readonly ok = new Array<number>(BUCKETS).fill(0);
  private readonly errors = new Array<number>(BUCKETS).fill(0);
  private current = 0;
  private currentStart = 0;

  constructor(private readonly windowMs: number, private readonly now: () => number) {
    this.currentStart = now();
  }

  private get bucketMs(): number {
    return this.windowMs / BUCKETS;
  }

  /** Moves to the bucket of now, clearing the ones passed. */
  private advance(): void {
    const now = this.now();
    const steps = Math.floor((now - this.currentStart) / this.bucketMs);
    if (steps <= 0) return;
    for (let i = 1; i <= Math.min(steps, BUCKETS); i++) {
      const index = (this.current + i) % BUCKETS;
      this.ok[index] = 0;
      this.errors[index] = 0;
    }
    this.current = (this.current + steps) % BUCKETS;
    this.currentStart += steps * this.bucketMs;
  }

  add(error: boolean): void {
    this.advance();
    if (error) this.errors[this.current]!++;
    else this.ok[this.current]!++;
  }

  counts(): { total: number; errors: number } {
    this.advance();
    const errors = this.errors.reduce((a, b) => a + b, 0);
    return { total: errors + this.ok.reduce((a, b) => a + b, 0), errors };
  }

  clear(): void {
    this.ok.fill(0);
    this.errors.fill(0);
  }
}

export interface Canary {
  readonly service: string;
  readonly client: ServiceClient;
  /** Whether this request goes to the canary: the client's header, else the caller's (sticky) bucket against the share. */
  chosen(header: string | string[] | undefined, subject: string | undefined): boolean;
  /** Counts one of the canary's outcomes; may roll it back. */
  record(outcome: 'ok' | 'error', detail?: string): void;
  setShare(share: number): CanaryReport;
  report(): CanaryReport;
}

export interface Canaries {
  get(service: string): Canary | undefined;
  list(): Canary[];
}

/**
 * The canaries of the configured services, each with its share, its sliding window of outcomes and its
 * rollback. Each gateway instance keeps its own (in memory, like the rate-limit counters): with N
 * instances each counts what it sent and rolls back by itself, and a share set through the admin route
 * changes only the instance that took the call.
 */
export function createCanaries(
  config: CanaryConfig,
  options: { clients: Map<string, ServiceClient>; logger: Logger; metrics: Registry; now?: () => number },
): Canaries {
  const now = options.now ?? Date.now;
  const registers = [options.metrics];
  const rollbacksTotal = new Counter({ name: 'gateway_canary_rollbacks_total', help: "Canaries whose share the gateway set to zero because their error ratio passed the threshold, by upstream", labelNames: ['upstream'], registers });
  const shareGauge = new Gauge({ name: 'gateway_canary_share', help: "The share of an upstream's requests sent to its canary (0 to 1)", labelNames: ['upstream'], registers });
  const outcomes = new Counter({ name: 'gateway_canary_requests_total', help: 'Requests answered by a canary, by upstream and outcome (error: 5xx or no answer)', labelNames: ['upstream', 'outcome'], registers });

  const canaries = new Map<string, Canary>();
  for (const upstream of config.canaries) {
    const client = options.clients.get(upstream.service);
    if (!client) continue;
    const window = new OutcomeWindow(config.windowMs, now);
    let share = upstream.share;
    let state: CanaryState = share > 0 ? 'active' : 'off';
    let lastRollback: Rollback | null = null;
    let rollbacks = 0;
    shareGauge.set({ upstream: upstream.service }, share);
    rollbacksTotal.inc({ upstream: upstream.service }, 0);
    for (const outcome of ['ok', 'error']) outcomes.inc({ upstream: upstream.service, outcome }, 0);

    const report = (): CanaryReport => {
      const counts = window.counts();
      return {
        service: upstream.service,
        url: upstream.url,
        share,
        state,
        window: { ms: config.windowMs, ...counts, errorRatio: counts.total ? counts.errors / counts.total : null },
        threshold: config.threshold,
        minSample: config.minSample,
        lastRollback,
        rollbacks,
      };
    };

    canaries.set(upstream.service, {
      service: upstream.service,
      client,
      chosen(header, subject) {
        const asked = Array.isArray(header) ? header[0] : header;
        if (asked !== undefined) {
          if (asked !== 'always' && asked !== 'never') {
            throw AppError.invalid(`the ${CANARY_HEADER} header must be "always" or "never"`);
          }
          return asked === 'always';
        }
        if (share <= 0) return false;
        if (share >= 1) return true;
        return (subject === undefined ? Math.random() : bucketOf(upstream.service, subject)) < share;
      },
      record(outcome, detail) {
        outcomes.inc({ upstream: upstream.service, outcome });
        window.add(outcome === 'error');
        if (outcome === 'ok' || share === 0) return;
        const { total, errors } = window.counts();
        if (total < config.minSample || errors / total <= config.threshold) return;
        const ratio = errors / total;
        lastRollback = {
          at: new Date(now()).toISOString(),
          reason: `error ratio ${ratio.toFixed(3)} (${errors} of ${total} in the last ${config.windowMs} ms) passed the threshold ${config.threshold}${detail ? `; last error: ${detail}` : ''}`,
          share,
          errors,
          total,
        };
        share = 0;
        state = 'rolled-back';
        rollbacks++;
        rollbacksTotal.inc({ upstream: upstream.service });
        shareGauge.set({ upstream: upstream.service }, 0);
        options.logger.warn({ upstream: upstream.service, canary: upstream.url, rollback: lastRollback }, `canary of ${upstream.service} rolled back: its share is now 0`);
      },
      setShare(value) {
        const before = share;
        share = value;
        state = value > 0 ? 'active' : 'off';
        // A fresh start: the outcomes that led to a rollback must not roll the new share back at once.
        if (value > 0 && before === 0) window.clear();
        shareGauge.set({ upstream: upstream.service }, value);
        options.logger.info({ upstream: upstream.service, share: value, before }, `canary of ${upstream.service}: share set to ${value}`);
        return report();
      },
      report,
    });
  }
  return {
    get: (service) => canaries.get(service),
    list: () => [...canaries.values()],
  };
}

/** Where a caller falls in [0, 1) for a service: the same every time, so a user sees one version. */
export function bucketOf(service: string, subject: string): number {
  return createHash('sha256').update(`${service}\n${subject}`).digest().readUInt32BE(0) / 2 ** 32;
}
