import { createServiceApp, registerDatabaseHealth, registerDeadLetterRoutes, registerSignalsRoute, type DeadLetterQueue, type JwtVerifier, type Logger, type Pool, type ServiceApp } from '@bazaar/platform';
import type { Dispatcher } from './delivery/dispatcher.js';
import type { Registry } from 'prom-client';
import { registerQueueHealth } from './delivery/observability.js';
import type { NotificationQueue } from './delivery/queue.js';
import { registerNotificationRoutes } from './notifications/notifications.routes.js';

export interface AppDeps {
  pool: Pool;
  /** Verifies identity's access tokens against its published keys. */
  auth: JwtVerifier;
  logger: Logger;
  /** The BullMQ queue (counts, retries) and the dispatcher that moves the history's messages onto it. */
  queue: NotificationQueue;
  dispatcher: Dispatcher;
  /** The SMTP server email goes through, probed by /health (not critical: messages wait in the queue). */
  smtp?: { verify(): Promise<void> };
  /**
   * The metrics registry `/metrics` serves, when the caller has registered on it already (main.ts: the
   * queue's gauges and the send counters the worker counts on, `registerQueueMetrics`).
   */
  metrics?: Registry;
  version?: string;
  /** The service's parked messages, listed and replayed by admins at /admin/dlq. */
  deadLetters?: DeadLetterQueue;
  processMetrics?: boolean;
}

/** notifications' HTTP app: its routes, health (database and queue), metrics and OpenAPI. */
export async function buildApp(deps: AppDeps): Promise<ServiceApp> {
  const app = await createServiceApp({
    name: 'notifications',
    version: deps.version ?? '0.1.0',
    description: 'Messages to customers (email, SMS and push) about their account and orders, and the queue that sends them.',
    logger: deps.logger,
    processMetrics: deps.processMetrics ?? false,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  registerDatabaseHealth(app.health, deps.pool);
  registerQueueHealth(app.health, deps.queue);
  const smtp = deps.smtp;
  if (smtp) app.health.register('smtp', () => smtp.verify(), { critical: false, timeoutMs: 3000 });
  registerNotificationRoutes(app, { pool: deps.pool, auth: deps.auth, queue: deps.queue, dispatcher: deps.dispatcher });
  if (deps.deadLetters) registerDeadLetterRoutes(app, deps.deadLetters, { preHandler: deps.auth.preHandler({ role: 'admin' }), outbox: deps.pool });
  registerSignalsRoute(app, { preHandler: deps.auth.preHandler({ role: 'admin' }) });
  await app.ready();
  return app;
}
