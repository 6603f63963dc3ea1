import { createIntervalJob, withTransaction, type IntervalJob, type Logger, type Pool } from '@bazaar/platform';
import { applyToSaga, type SagaRunnerDeps } from './saga.runner.js';
import { lockNextOverdue } from './saga.store.js';

export interface DeadlineJobOptions {
  pool: Pool;
  deps: SagaRunnerDeps;
  logger: Pick<Logger, 'info' | 'error'>;
  intervalMs: number;
  /** The most sagas one run handles; the rest wait for the next run. */
  batchSize: number;
}

export interface DeadlineJob extends IntervalJob<number> {
  /** One pass: each overdue saga in a short transaction of its own; returns how many were handled. */
  runOnce(): Promise<number>;
}

/**
 * Finds sagas whose step missed its deadline (a reply lost to a crash, a service down for long) and
 * lets the saga decide: a forward step is given up and compensated, a compensation is sent again.
 * Any number of replicas may run it: each saga is taken with SKIP LOCKED, and a reply being handled
 * for the same saga holds its lock, so the two never decide at once.
 */
export function createDeadlineJob(options: DeadlineJobOptions): DeadlineJob {
  async function handleOne(): Promise<boolean> {
    return withTransaction(options.pool, async (client) => {
      const stored = await lockNextOverdue(client, options.deps.now());
      if (!stored) return false;
      await applyToSaga(client, options.deps, stored, { type: 'deadline' });
      return true;
    });
  }

  async function runOnce(): Promise<number> {
    let handled = 0;
    while (handled < options.batchSize && (await handleOne())) handled += 1;
    if (handled > 0) options.logger.info({ handled }, 'checkout steps past their deadline handled');
    return handled;
  }

  return createIntervalJob({ name: 'checkout deadlines', intervalMs: options.intervalMs, logger: options.logger, run: runOnce });
}
