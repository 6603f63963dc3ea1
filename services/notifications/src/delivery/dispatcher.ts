import { PgListener, type Logger, type Pool } from '@bazaar/platform';
import { failedJobs, markEnqueued, requeueFailed, stale, unenqueued } from '../notifications/notification.store.js';
import type { NotificationQueue } from './queue.js';

const BATCH = 500;

/**
 * Moves the history's queued messages onto BullMQ. The history is written first, in the inbox's
 * transaction, so a message exists exactly when its event was handled; the job follows once that
 * transaction commits (woken by its NOTIFY, or by the next poll). `requeue` restores jobs Redis has
 * lost (it keeps nothing on disk) under the same job id, so nothing is sent twice.
 */
export class Dispatcher {
  private running: Promise<number> | undefined;
  private again = false;

  constructor(private readonly pool: Pool, private readonly queue: NotificationQueue, private readonly logger: Pick<Logger, 'info' | 'warn'>) {}

  /** Adds a job for every message that has none yet; runs once at a time, again if woken meanwhile. */
  dispatch(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async () => {
      let added = 0;
      do {
        this.again = false;
        for (;;) {
          const batch = await unenqueued(this.pool, BATCH);
          await this.queue.add(batch);
          await markEnqueued(this.pool, batch.map((m) => m.id));
          added += batch.length;
          if (batch.length < BATCH) break;
        }
      } while (this.again);
      return added;
    };
    this.running = run().finally(() => { this.running = undefined; });
    return this.running;
  }

  /**
   * Finds messages still to send that have not moved for `olderThanMs` and adds again those whose
   * job Redis no longer holds. Returns how many were restored.
   */
  async requeue(olderThanMs: number): Promise<number> {
    const candidates = await stale(this.pool, olderThanMs, BATCH);
    if (!candidates.length) return 0;
    const missing = await this.queue.missing(candidates.map((c) => c.jobId));
    const lost = candidates.filter((c) => missing.has(c.jobId));
    await this.queue.add(lost);
    await markEnqueued(this.pool, candidates.map((c) => c.id));
    if (lost.length) this.logger.warn({ restored: lost.length }, 'jobs lost from Redis were queued again from the history');
    return lost.length;
  }

  /**
   * An admin's retry of failed messages (some, or all): their finished jobs are dropped first, so
   * the same job id can be added again, then the history queues them and the dispatcher adds them.
   * Returns how many were failed and are queued again.
   */
  async retryFailed(ids: string[] | 'all'): Promise<number> {
    const failed = await failedJobs(this.pool, ids);
    for (const jobId of failed) await this.queue.removeFinished(jobId);
    const retried = await requeueFailed(this.pool, ids);
    if (retried.length) await this.dispatch();
    return retried.length;
  }
}

/** The channel the history's trigger notifies (0001_notifications.sql) when a transaction recorded messages. */
export const QUEUED_CHANNEL = 'notifications_queued';

/**
 * Calls `onNotify` whenever a transaction that recorded messages commits: the kit's listener on the
 * history's channel. If its connection is lost it listens again a few seconds later; the
 * dispatcher's polling covers the gap.
 */
export const queuedListener = (pool: Pool, logger: Pick<Logger, 'warn'>, onNotify: () => void): PgListener => new PgListener(pool, logger, QUEUED_CHANNEL, onNotify);
