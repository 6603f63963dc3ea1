import { Counter, Gauge, type Registry } from 'prom-client';
import type { HealthRegistry } from '@bazaar/platform';
import { CHANNELS, type Channel } from '../notifications/notification.js';
import type { NotificationQueue, QueueCounts } from './queue.js';

export interface SendCounters {
  sent(channel: Channel): void;
  failed(channel: Channel): void;
}

/**
 * The queue on `/metrics`: gauges of BullMQ's waiting, active, delayed and failed jobs and the
 * oldest waiting job's age (read from Redis at each scrape), and counters of messages sent and
 * failed by channel.
 */
export function registerQueueMetrics(registry: Registry, queue: NotificationQueue): SendCounters {
  let last: Promise<QueueCounts> | undefined;
  // One read of Redis per scrape, shared by the five gauges (each collects on its own).
  const counts = () => {
    last ??= queue.counts().finally(() => setTimeout(() => { last = undefined; }, 100).unref());
    return last;
  };
  const gauge = (name: string, help: string, pick: (c: QueueCounts) => number) => new Gauge({
    name, help, registers: [registry],
    async collect() { await counts().then((c) => this.set(pick(c)), () => undefined); },
  });
  gauge('notifications_queue_waiting', 'Jobs waiting in the notifications queue', (c) => c.waiting);
  gauge('notifications_queue_active', 'Jobs being sent now', (c) => c.active);
  gauge('notifications_queue_delayed', 'Jobs waiting for their retry backoff', (c) => c.delayed);
  gauge('notifications_queue_failed', 'Failed jobs BullMQ still keeps (removeOnFail)', (c) => c.failed);
  gauge('notifications_queue_oldest_waiting_age_seconds', 'How long the oldest waiting job has waited', (c) => c.oldestWaitingAgeSeconds);
  const sent = new Counter({ name: 'notifications_sent_total', help: 'Messages delivered, by channel', labelNames: ['channel'], registers: [registry] });
  const failed = new Counter({ name: 'notifications_failed_total', help: 'Messages that failed for good (attempts used up or refused), by channel', labelNames: ['channel'], registers: [registry] });
  // Every channel's series exists from the start, so a rate over it is 0 rather than absent.
  for (const channel of CHANNELS) {
    sent.inc({ channel }, 0);
    failed.inc({ channel }, 0);
  }
  return { sent: (channel) => sent.inc({ channel }), failed: (channel) => failed.inc({ channel }) };
}

/** `/health` carries the queue's counts; Redis out of reach degrades the service (the history keeps what must be sent). */
export function registerQueueHealth(health: HealthRegistry, queue: NotificationQueue): void {
  health.register('queue', async () => ({ details: { ...(await queue.counts()) } }), { critical: false });
}
