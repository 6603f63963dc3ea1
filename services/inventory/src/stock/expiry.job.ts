import { createIntervalJob, withTransaction, type IntervalJob, type Logger, type Pool } from '@bazaar/platform';
import type { StockDeps } from './stock.ledger.js';
import { expireOne } from './reservation.service.js';

export interface ExpiryJobOptions {
  pool: Pool;
  deps: StockDeps;
  logger: Pick<Logger, 'info' | 'error'>;
  intervalMs: number;
  /** The most reservations one run releases; the rest wait for the next run. */
  batchSize: number;
}

export interface ExpiryJob extends IntervalJob<number> {
  /** One pass: releases expired reservations, each in its own short transaction; returns how many. */
  runOnce(): Promise<number>;
}

/**
 * Releases reservations whose deadline passed (an order abandoned mid-checkout, a saga that never
 * came back). Any number of replicas may run it: each reservation is taken with SKIP LOCKED.
 */
export function createExpiryJob(options: ExpiryJobOptions): ExpiryJob {
  async function runOnce(): Promise<number> {
    let released = 0;
    while (released < options.batchSize) {
      const did = await withTransaction(options.pool, (client) => expireOne(client, options.deps));
      if (!did) break;
      released += 1;
    }
    if (released > 0) options.logger.info({ released }, 'released expired reservations');
    return released;
  }

  return createIntervalJob({ name: 'reservation expiry', intervalMs: options.intervalMs, logger: options.logger, run: runOnce });
}
