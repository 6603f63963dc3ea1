import { createIntervalJob, withTransaction, type IntervalJob, type Logger, type Pool } from '@bazaar/platform';
import { applyToSaga, type SagaRunnerDeps } from './saga.runner.js';
import { lockNextScreening } from './saga.store.js';
import { screen, type ScreeningOptions } from './screening.js';

export interface ScreeningJobOptions extends ScreeningOptions {
  pool: Pool;
  deps: SagaRunnerDeps;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  intervalMs: number;
  /** The most sagas one run screens; the rest wait for the next run. */
  batchSize: number;
}

export interface ScreeningJob extends IntervalJob<number> {
  /** One pass: each saga waiting on its screening in a transaction of its own; returns how many were screened. */
  runOnce(): Promise<number>;
}

/**
 * Screens the checkouts waiting in `screening`: takes one (locked, SKIP LOCKED, so replicas share the
 * work and the deadline job passes it by meanwhile), asks the scorer within its timeout and lets the
 * saga decide on the verdict, all in one transaction. A crash before it commits leaves the saga in
 * `screening`, found again by the next run (here or on another replica): the scorer is simply asked
 * again, which changes nothing at the scorer.
 */
export function createScreeningJob(options: ScreeningJobOptions): ScreeningJob {
  async function handleOne(): Promise<boolean> {
    return withTransaction(options.pool, async (client) => {
      const stored = await lockNextScreening(client);
      if (!stored) return false;
      const facts = await options.deps.orders.facts(client, stored.saga.orderId, stored.paymentMethodRef);
      const screening = await screen(facts, options);
      if (screening.verdict === 'unavailable') {
        options.logger.warn({ orderId: facts.orderId, cause: screening.cause, detail: screening.detail }, 'fraud scorer unavailable: the order goes on unscreened');
      }
      await applyToSaga(client, options.deps, stored, { type: 'screened', screening });
      return true;
    });
  }

  async function runOnce(): Promise<number> {
    let handled = 0;
    while (handled < options.batchSize && (await handleOne())) handled += 1;
    return handled;
  }

  return createIntervalJob({ name: 'fraud screening', intervalMs: options.intervalMs, logger: options.logger, run: runOnce });
}
