import type { Logger, Pool, PoolClient } from '@bazaar/platform';
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

/**
 * Holds one connection in `LISTEN notifications_queued` and calls `onNotify` whenever a transaction
 * that recorded messages commits. If the connection is lost it listens again a few seconds later;
 * the dispatcher's polling covers the gap.
 */
export class QueuedListener {
  private client: PoolClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(private readonly pool: Pool, private readonly logger: Pick<Logger, 'warn'>, private readonly onNotify: () => void, private readonly retryMs = 5000) {}

  start(): void {
    this.stopped = false;
    void this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    await client.query('UNLISTEN notifications_queued').catch(() => undefined);
    client.release();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    let client: PoolClient | undefined;
    try {
      client = await this.pool.connect();
      const owned = client;
      owned.on('notification', () => this.onNotify());
      owned.on('error', () => {
        if (this.client !== owned) return;
        this.client = undefined;
        owned.release(true);
        this.retry();
      });
      await owned.query('LISTEN notifications_queued');
      this.client = owned;
      if (this.stopped) await this.stop();
    } catch (error) {
      client?.release(true);
      this.logger.warn({ err: error }, 'cannot LISTEN for queued notifications; polling until it can');
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.listen(), this.retryMs);
    this.timer.unref();
  }
}
