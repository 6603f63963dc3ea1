import type { FastifyRequest } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import { Type, type Static } from 'typebox';
import { AppError } from './errors.js';
import type { ServiceApp } from './http/app.js';
import { createServiceClient, type ServiceClient } from './http/client.js';
import { createIntervalJob, type IntervalJob } from './job.js';
import type { Logger } from './logger.js';

/**
 * What a check does with the references it finds dangling: `report` them only (where repairing would
 * lose data, or needs a person), or `repair` them by the check's own rule (where that is safe).
 */
export type OrphanRule = 'report' | 'repair';

/** A reference one service holds to another's entity: its own key for the row, and the owner's id. */
export interface HeldReference {
  /** The holder's key of the row that holds the reference (a SKU, a review id): pages are read in its order. */
  key: string;
  /** The owner's id the row refers to. */
  ref: string;
}

/**
 * One kind of reference a service holds to entities another service owns, and how to tell whether
 * they still exist there: by asking the owner, never by reading its data.
 */
export interface OrphanCheck {
  /** e.g. `stock-item-product`: the metric's `kind` label and the report's name for it. */
  kind: string;
  /** The service that owns the referenced entities. */
  owner: string;
  rule: OrphanRule;
  /** One sentence: what it looks for and what its rule does, for the admin route and the logs. */
  description: string;
  /** A page of the references held, in key order after `after` (from the start without it). */
  references(after: string | undefined, limit: number): Promise<HeldReference[]>;
  /**
   * Which of `ids` the owner has, from one call to its API. Throws when the owner gives no usable
   * answer (down, circuit open, timed out, an answer that is not the lookup's): the run is then
   * "unknown" and nothing is reported or repaired, since an owner that cannot answer proves nothing.
   */
  existing(ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** With rule `repair`: repairs what was found; returns the keys it did repair (some may be left, e.g. in use). */
  repair?(orphans: readonly HeldReference[]): Promise<readonly string[]>;
}

export type OrphanOutcome = 'complete' | 'unknown' | 'failed';

export interface OrphanCheckResult {
  kind: string;
  owner: string;
  rule: OrphanRule;
  description: string;
  outcome: OrphanOutcome;
  /** Why the run is not complete. */
  reason?: string;
  checkedAt: string;
  /** References asked about. */
  checked: number;
  /** How many were found dangling (only when complete). */
  found: number;
  /** The first ones found (at most `REPORTED_ORPHANS`), each with whether it was repaired. */
  orphans: { key: string; ref: string; repaired: boolean }[];
}

/** How many of a check's findings the report lists; the count is always whole. */
export const REPORTED_ORPHANS = 100;

export interface OrphanJobOptions {
  service: string;
  checks: readonly OrphanCheck[];
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  intervalMs: number;
  /** References per page, and so ids per call to the owner (default 100). */
  batchSize?: number;
  now?: () => Date;
}

export interface OrphanJob extends IntervalJob<OrphanCheckResult[]> {
  /** The results of the last run of each check (empty before the first run). */
  report(): OrphanCheckResult[];
  /** Registers the job's metrics in the service's registry (`app.metrics`). */
  observe(registry: Registry): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A scheduled orphan cleanup (seed 003): each run pages through the references the service holds to
 * other services' entities, asks each owner in one call per page which of them it still has, and
 * reports (or, by the check's rule, repairs) the ones it does not. The owner's API is the only
 * source: an owner that cannot answer makes the run "unknown", never a finding.
 *
 * Metrics (once `observe`d): `orphans_found{kind}` (at the last complete run), `orphans_repaired_total{kind}`,
 * `orphan_check_runs_total{kind,outcome}` and `orphan_check_last_complete_timestamp_seconds{kind}`.
 */
export function createOrphanJob(options: OrphanJobOptions): OrphanJob {
  const batchSize = options.batchSize ?? 100;
  const now = options.now ?? (() => new Date());
  const last = new Map<string, OrphanCheckResult>();
  let metrics: ReturnType<typeof orphanMetrics> | undefined;

  async function scan(check: OrphanCheck): Promise<{ checked: number; orphans: HeldReference[] }> {
    const orphans: HeldReference[] = [];
    let checked = 0;
    let after: string | undefined;
    for (;;) {
      const page = await check.references(after, batchSize);
      if (page.length === 0) break;
      let present: ReadonlySet<string>;
      try {
        present = await check.existing([...new Set(page.map((r) => r.ref))]);
      } catch (error) {
        throw new OwnerUnanswered(check.owner, error);
      }
      orphans.push(...page.filter((r) => !present.has(r.ref)));
      checked += page.length;
      after = page[page.length - 1]!.key;
      if (page.length < batchSize) break;
    }
    return { checked, orphans };
  }

  async function runCheck(check: OrphanCheck): Promise<OrphanCheckResult> {
    const base = { kind: check.kind, owner: check.owner, rule: check.rule, description: check.description, checkedAt: now().toISOString() };
    try {
      const { checked, orphans } = await scan(check);
      const repaired = new Set(check.rule === 'repair' && check.repair && orphans.length > 0 ? await check.repair(orphans) : []);
      metrics?.found.set({ kind: check.kind }, orphans.length);
      if (repaired.size) metrics?.repaired.inc({ kind: check.kind }, repaired.size);
      metrics?.lastComplete.set({ kind: check.kind }, now().getTime() / 1000);
      if (orphans.length) {
        options.logger.warn({ kind: check.kind, owner: check.owner, found: orphans.length, repaired: repaired.size, orphans: orphans.slice(0, 20) },
          `${orphans.length} ${check.kind} references to what ${check.owner} no longer has (${check.rule === 'repair' ? `${repaired.size} repaired` : 'reported'})`);
      }
      const listed = orphans.slice(0, REPORTED_ORPHANS).map((o) => ({ key: o.key, ref: o.ref, repaired: repaired.has(o.key) }));
      return { ...base, outcome: 'complete', checked, found: orphans.length, orphans: listed };
    } catch (error) {
      const unknown = error instanceof OwnerUnanswered;
      if (unknown) options.logger.warn({ kind: check.kind, owner: check.owner, err: error.cause }, `${check.kind}: ${check.owner} did not answer; nothing is concluded this run`);
      else options.logger.error({ kind: check.kind, err: error }, `${check.kind}: the orphan check failed`);
      return { ...base, outcome: unknown ? 'unknown' : 'failed', reason: messageOf(error), checked: 0, found: 0, orphans: [] };
    }
  }

  async function runOnce(): Promise<OrphanCheckResult[]> {
    const results: OrphanCheckResult[] = [];
    // One check after the other: a run is background work, and each holds one connection at a time.
    for (const check of options.checks) {
      const result = await runCheck(check);
      metrics?.runs.inc({ kind: check.kind, outcome: result.outcome });
      last.set(check.kind, result);
      results.push(result);
    }
    return results;
  }

  const job = createIntervalJob({ name: `${options.service} orphan cleanup`, intervalMs: options.intervalMs, logger: options.logger, run: runOnce });
  return {
    ...job,
    report: () => options.checks.flatMap((c) => last.get(c.kind) ?? []),
    observe(registry) {
      metrics = orphanMetrics(registry);
      // Each kind exists from the start, so an alert compares with 0, not with nothing.
      for (const check of options.checks) {
        metrics.found.set({ kind: check.kind }, 0);
        for (const outcome of ['complete', 'unknown', 'failed'] as const) metrics.runs.inc({ kind: check.kind, outcome }, 0);
      }
    },
  };
}

/** The owner gave no usable answer: the run concludes nothing. */
class OwnerUnanswered extends Error {
  constructor(owner: string, cause: unknown) {
    super(`${owner} did not answer the lookup: ${messageOf(cause)}`, { cause });
    this.name = 'OwnerUnanswered';
  }
}

function orphanMetrics(registry: Registry) {
  const registers = [registry];
  return {
    found: new Gauge({ name: 'orphans_found', help: 'References to entities their owner no longer has, at the last complete orphan check', labelNames: ['kind'], registers }),
    repaired: new Counter({ name: 'orphans_repaired_total', help: 'Dangling references repaired by their check\'s rule', labelNames: ['kind'], registers }),
    runs: new Counter({ name: 'orphan_check_runs_total', help: 'Orphan check runs by outcome: complete, unknown (the owner did not answer), failed', labelNames: ['kind', 'outcome'], registers }),
    lastComplete: new Gauge({ name: 'orphan_check_last_complete_timestamp_seconds', help: 'When each orphan check last completed', labelNames: ['kind'], registers }),
  };
}

/**
 * The most ids a batch lookup takes in one call: what the owners' lookup routes accept (catalog's
 * `/products/lookup`, identity's `/internal/users/lookup`) and the page size of the checks that ask them.
 */
export const BATCH_LOOKUP_MAX_IDS = 100;

/** A service's client for an owner's batch lookup: the kit's timeout, jittered retries and circuit breaker. */
export function createLookupClient(owner: string, options: { baseUrl: string; timeoutMs?: number; logger?: Logger }): ServiceClient {
  return createServiceClient({
    name: owner, baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? 5000, retry: { maxAttempts: 3 },
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

/**
 * `existing` for a check whose owner answers a batch lookup: `GET <path>?ids=a,b,…` answering 200 with
 * `{ found: [ids…] }` (catalog's `/products/lookup`, identity's `/internal/users/lookup`). Anything
 * else (no answer, another status, another shape) throws, so the run is unknown.
 */
export function batchLookup(client: Pick<ServiceClient, 'request' | 'name'>, path: string): OrphanCheck['existing'] {
  return async (ids) => {
    if (ids.length === 0) return new Set();
    const response = await client.request<{ found?: unknown }>({ method: 'GET', path: `${path}?ids=${ids.map(encodeURIComponent).join(',')}` });
    const found = response.status === 200 ? response.body?.found : undefined;
    if (!Array.isArray(found) || !found.every((id) => typeof id === 'string')) {
      throw AppError.unavailable(`${client.name} answered the lookup with ${response.status}, not a list of ids`, { upstream: client.name });
    }
    return new Set(found as string[]);
  };
}

const Name = Type.String({ maxLength: 100 });
const OrphansReport = Type.Object({
  checks: Type.Array(Type.Object({
    kind: Name,
    owner: Name,
    rule: Type.Enum(['report', 'repair']),
    description: Type.String({ maxLength: 500 }),
    outcome: Type.Enum(['complete', 'unknown', 'failed'], { description: 'unknown: the owner did not answer, so nothing was concluded' }),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    checkedAt: Type.String({ format: 'date-time', maxLength: 40 }),
    checked: Type.Integer({ format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    found: Type.Integer({ format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    orphans: Type.Array(Type.Object({ key: Name, ref: Name, repaired: Type.Boolean() }), { maxItems: REPORTED_ORPHANS, description: `the first ${REPORTED_ORPHANS} found` }),
  }), { maxItems: 20, description: 'the last run of each check; empty before the first run' }),
});
export type OrphansReportBody = Static<typeof OrphansReport>;

export interface OrphansRouteOptions {
  /** Guards the route, e.g. a check for an operator's token. */
  preHandler?: (request: FastifyRequest) => Promise<void>;
  security?: Record<string, string[]>[];
}

/** `GET /admin/orphans`: the last run of each of the service's orphan checks (the gateway's `/admin/services/:service/orphans`). */
export function registerOrphansRoute(app: ServiceApp, job: Pick<OrphanJob, 'report'>, options: OrphansRouteOptions = {}): void {
  app.get('/admin/orphans', {
    ...(options.preHandler ? { preHandler: options.preHandler } : {}),
    schema: {
      operationId: 'getOrphans',
      tags: ['admin'],
      security: options.security ?? [{ bearer: ['admin'] }],
      summary: 'What the last orphan cleanup found: references to entities their owning service no longer has, and what was repaired',
      response: { 200: OrphansReport },
    },
  }, async () => ({ checks: job.report() }));
}
