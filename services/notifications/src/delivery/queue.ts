import { Queue, type DefaultJobOptions, type JobsOptions } from 'bullmq';
import { within } from '@bazaar/platform';
import { JOB_NAME, startAddSpans, type Enqueued } from './tracing.js';

/** The BullMQ queue notifications sends from (its keys: `<prefix>:notifications:*`). */
export const QUEUE_NAME = 'notifications';
export const PRODUCTION_PREFIX = 'notifications';

/**
 * What a job carries: the history row's id (the row says what to send) and the traceparent of the
 * span that added it, so every try continues the trace of the event that caused the message.
 */
export interface SendJob { notificationId: string; traceparent?: string }

export interface JobSettings { attempts: number; backoffMs: number; removeOnComplete: number; removeOnFail: number }

/** Seed 000's defaults: three attempts, exponential backoff from one second, a short tail of finished jobs kept. */
export const DEFAULT_JOB_SETTINGS: JobSettings = { attempts: 3, backoffMs: 1000, removeOnComplete: 100, removeOnFail: 50 };

export const jobOptionsOf = (s: JobSettings): DefaultJobOptions => ({
  attempts: s.attempts,
  backoff: { type: 'exponential', delay: s.backoffMs },
  removeOnComplete: s.removeOnComplete,
  removeOnFail: s.removeOnFail,
});

/**
 * BullMQ's key prefix, checked so no key can escape the `notifications:` namespace its ACL user is
 * limited to (tests and test systems use `notifications:<name>`).
 */
export function checkedPrefix(prefix: string = PRODUCTION_PREFIX): string {
  if (prefix !== PRODUCTION_PREFIX && !prefix.startsWith(`${PRODUCTION_PREFIX}:`)) {
    throw new Error(`notifications' Redis keys must live under "${PRODUCTION_PREFIX}:" (got prefix ${JSON.stringify(prefix)})`);
  }
  return prefix;
}

export interface BullConnection { url: string; prefix: string }

export interface QueueCounts { waiting: number; active: number; delayed: number; failed: number; oldestWaitingAgeSeconds: number }

/**
 * BullMQ waits for Redis to be ready before each call, for as long as it takes; a caller (an API
 * request, the dispatcher, a health probe) is told after this long instead.
 */
export const REDIS_TIMEOUT_MS = 5000;

/** A call to Redis, or an error once `ms` pass without its answer. */
const answeredWithin = <T>(operation: Promise<T>, ms: number) => within(ms, operation, 'Redis did not answer');

/** The queue side: adding jobs under their derived ids, counting, and removing a failed job before a retry. */
export class NotificationQueue {
  readonly queue: Queue<SendJob>;

  constructor(connection: BullConnection, settings: JobSettings = DEFAULT_JOB_SETTINGS, private readonly timeoutMs = REDIS_TIMEOUT_MS) {
    this.queue = new Queue<SendJob>(QUEUE_NAME, {
      // No offline queue and one retry per command: an API call or a dispatch fails fast while Redis
      // is away (the history keeps what must be sent) instead of hanging behind a reconnect.
      connection: { url: connection.url, connectionName: 'notifications-queue', enableOfflineQueue: false, maxRetriesPerRequest: 1 },
      prefix: checkedPrefix(connection.prefix),
      defaultJobOptions: jobOptionsOf(settings),
    });
    // Errors surface on the calls that failed; the queue's own event would otherwise be unhandled.
    this.queue.on('error', () => undefined);
  }

  /**
   * Adds one job per message under its derived id. BullMQ ignores an add whose id it already holds
   * (waiting, delayed, active or kept), so adding again is how a lost job is restored, and never
   * makes a second one.
   */
  async add(messages: Enqueued[], options: JobsOptions = {}): Promise<void> {
    if (!messages.length) return;
    // One producer span per job, in the trace its row was recorded in; the job carries its context.
    const spans = startAddSpans(QUEUE_NAME, messages);
    try {
      await answeredWithin(this.queue.addBulk(messages.map((m, i) => {
        const traceparent = spans.traceparentOf(i);
        return { name: JOB_NAME, data: { notificationId: m.id, ...(traceparent ? { traceparent } : {}) }, opts: { ...options, jobId: m.jobId } };
      })), this.timeoutMs);
      spans.end();
    } catch (error) {
      spans.end(error);
      throw error;
    }
  }

  /** Which of these job ids Redis no longer holds. */
  async missing(jobIds: string[]): Promise<Set<string>> {
    const found = await answeredWithin(Promise.all(jobIds.map(async (id) => [id, await this.queue.getJob(id)] as const)), this.timeoutMs);
    return new Set(found.filter(([, job]) => !job).map(([id]) => id));
  }

  /** Drops a finished (failed) job so its id can be added again; an active one is left alone. */
  async removeFinished(jobId: string): Promise<void> {
    await answeredWithin((async () => {
      const job = await this.queue.getJob(jobId);
      if (!job) return;
      const state = await job.getState();
      if (state === 'failed' || state === 'completed') await job.remove();
    })(), this.timeoutMs);
  }

  async counts(): Promise<QueueCounts> {
    const [counts, oldest] = await answeredWithin(Promise.all([
      this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed'),
      this.queue.getJobs(['waiting'], 0, 0, true),
    ]), this.timeoutMs);
    const first = oldest[0];
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      oldestWaitingAgeSeconds: first ? Math.max(0, (Date.now() - first.timestamp) / 1000) : 0,
    };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
