import { createIntervalJob, type IntervalJob, type Logger } from '@bazaar/platform';
import type { Reconciler, ReconciliationRun } from './reconciler.js';

/**
 * Reconciliation on a schedule: the first run `firstRunAfterMs` after start (so a console opened soon
 * after has an answer), then a run every `intervalMs` after the last one ended (never two at once),
 * its findings named in a warning that points at the API. A run that fails is logged and the next
 * interval tries again; `stop()` waits for a run under way.
 */
export function scheduleReconciliation(
  reconciler: Pick<Reconciler, 'run'>,
  options: { intervalMs: number; firstRunAfterMs?: number; logger: Pick<Logger, 'warn' | 'error'> },
): IntervalJob<ReconciliationRun> {
  return createIntervalJob({
    name: 'reconciliation', intervalMs: options.intervalMs, logger: options.logger,
    ...(options.firstRunAfterMs === undefined ? {} : { firstRunAfterMs: options.firstRunAfterMs }),
    run: async () => {
      const run = await reconciler.run('schedule');
      const found = run.checks.filter((c) => c.findings > 0);
      if (found.length) options.logger.warn({ checks: found.map((c) => `${c.check}: ${c.findings}`) }, 'reconciliation found inconsistencies: see GET /analytics/reconciliation');
      return run;
    },
  });
}
