import { trace } from '@opentelemetry/api';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { BazaarAttributes, withConsumerSpan, type Logger, type Pool } from '@bazaar/platform';
import { PermanentSendError, type ChannelAdapter } from '../channels/channel.js';
import type { Channel } from '../notifications/notification.js';
import { markAttemptFailed, markDelivered, startSending } from '../notifications/notification.store.js';
import { checkedPrefix, QUEUE_NAME, type BullConnection, type SendJob } from './queue.js';
import { acceptedTraceparent } from './tracing.js';

export interface SendDeps {
  pool: Pool;
  channels: Record<Channel, ChannelAdapter>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  onSent?: (channel: Channel) => void;
  onFailed?: (channel: Channel) => void;
}

export type SendOutcome = 'delivered' | 'nothing_to_send';

/**
 * One try at sending one message. The history is updated around the send: counted as a try before,
 * delivered after, and on failure either queued again (BullMQ retries with backoff) or, on the last
 * attempt or a permanent refusal, failed with the error, before BullMQ drops the job (removeOnFail).
 */
export async function sendOne(deps: SendDeps, job: Pick<Job<SendJob>, 'data' | 'attemptsMade' | 'opts'>): Promise<SendOutcome> {
  const message = await startSending(deps.pool, job.data.notificationId);
  // Delivered, failed or skipped already (a job restored after its message was sent, say).
  if (!message) return 'nothing_to_send';
  if (message.orderId) trace.getActiveSpan()?.setAttribute(BazaarAttributes.orderId, message.orderId);
  const adapter = deps.channels[message.channel];
  try {
    const providerId = await adapter.send(message);
    await markDelivered(deps.pool, message.id, providerId);
    deps.onSent?.(message.channel);
    return 'delivered';
  } catch (error) {
    const permanent = error instanceof PermanentSendError;
    const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const reason = (error as Error).message || String(error);
    await markAttemptFailed(deps.pool, message.id, reason, final);
    if (final) deps.onFailed?.(message.channel);
    deps.logger.warn({ err: error, notificationId: message.id, channel: message.channel, final }, final ? 'message failed' : 'send failed; BullMQ will retry');
    throw permanent ? new UnrecoverableError(reason) : error;
  }
}

/** The BullMQ worker that sends what the queue holds, `concurrency` messages at a time. */
export function createSendWorker(connection: BullConnection, deps: SendDeps, options: { concurrency: number; lockDurationMs?: number; autorun?: boolean }): Worker<SendJob, SendOutcome> {
  const lockDuration = options.lockDurationMs ?? 30_000;
  // Each try runs in a consumer span below the dispatcher's add (the traceparent the job carries), so
  // a retry or a job restored after Redis lost it is one more try in the same trace.
  const tryOnce = (job: Job<SendJob, SendOutcome>) => withConsumerSpan(acceptedTraceparent(job.data.traceparent), {
    system: 'bullmq', type: job.name, messageId: job.id ?? '', destination: QUEUE_NAME,
    attributes: { [BazaarAttributes.attempt]: job.attemptsMade + 1, 'bazaar.notification.id': job.data.notificationId },
  }, () => sendOne(deps, job));
  const worker = new Worker<SendJob, SendOutcome>(QUEUE_NAME, tryOnce, {
    // A blocking connection: BullMQ needs maxRetriesPerRequest null for its worker.
    connection: { url: connection.url, connectionName: 'notifications-worker', maxRetriesPerRequest: null },
    prefix: checkedPrefix(connection.prefix),
    concurrency: options.concurrency,
    lockDuration,
    stalledInterval: lockDuration,
    autorun: options.autorun ?? false,
  });
  worker.on('error', (error) => deps.logger.warn({ err: error }, 'notification worker: redis error'));
  // A job that fails without our processor finishing it (stalled too often: a worker killed while
  // sending it) has not been recorded; record it now so an admin can retry it.
  worker.on('failed', (job, error) => {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1) && !/stalled/i.test(error.message)) return;
    markAttemptFailed(deps.pool, job.data.notificationId, error.message, true)
      .catch((e: unknown) => deps.logger.error({ err: e, notificationId: job.data.notificationId }, 'cannot record a failed message'));
  });
  return worker;
}
