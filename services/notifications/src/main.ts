import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { contracts } from '@bazaar/contracts';
import {
  createIntervalJob, createJwtVerifier, createLogger, createMessaging, createOutbox, createPool, failStart, messagingSettings, migrateOnStart, poolSettings, runService, type Logger,
} from '@bazaar/platform';
import { buildApp } from './app.js';
import { SmtpEmail } from './channels/email.js';
import { PushSimulator, SmsSimulator } from './channels/simulators.js';
import { Dispatcher, queuedListener } from './delivery/dispatcher.js';
import { registerQueueMetrics } from './delivery/observability.js';
import { NotificationQueue } from './delivery/queue.js';
import { createSendWorker } from './delivery/worker.js';
import { jobSettingsFrom, jwksUrlOf, loadNotificationsConfig } from './config.js';
import { createErasureHandlers, createEventHandlers } from './events.js';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

let logger: Logger | undefined;
try {
  const config = loadNotificationsConfig();
  const log = createLogger('notifications', config.LOG_LEVEL);
  logger = log;
  const schema = await migrateOnStart(config.NOTIFICATIONS_DATABASE_URL, migrationsDir, logger);
  const pool = createPool(config.NOTIFICATIONS_DATABASE_URL, { applicationName: 'notifications', ...poolSettings(config) });
  // Its handlers write the history; the one thing it announces is its confirmation of a deleted
  // user's erasure (user.erased), through this outbox, which the messaging's relay sends.
  const outbox = createOutbox('notifications', contracts, config.MESSAGING_NAMESPACE);
  const messaging = createMessaging({
    service: 'notifications', pool, logger, contracts, outbox, ...messagingSettings(config),
    handlers: { events: { ...createEventHandlers(), ...createErasureHandlers(outbox.publish) } },
  });
  const redis = { url: config.NOTIFICATIONS_REDIS_URL, prefix: config.NOTIFICATIONS_REDIS_KEY_PREFIX };
  const queue = new NotificationQueue(redis, jobSettingsFrom(config));
  const dispatcher = new Dispatcher(pool, queue, log);
  const auth = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const email = new SmtpEmail({ smtpUrl: config.NOTIFICATIONS_SMTP_URL, from: config.NOTIFICATIONS_EMAIL_FROM, maxConnections: config.NOTIFICATIONS_CONCURRENCY });
  const metrics = new Registry();
  const counters = registerQueueMetrics(metrics, queue);
  const app = await buildApp({ pool, auth, logger, queue, dispatcher, smtp: email, metrics, deadLetters: messaging.deadLetters, processMetrics: true });
  const worker = createSendWorker(redis, {
    pool, logger: log, channels: { email, sms: new SmsSimulator(log), push: new PushSimulator(log) }, onSent: counters.sent, onFailed: counters.failed,
  }, { concurrency: config.NOTIFICATIONS_CONCURRENCY, lockDurationMs: config.NOTIFICATIONS_LOCK_DURATION_MS });
  const dispatch = createIntervalJob({ name: 'dispatch', intervalMs: config.NOTIFICATIONS_DISPATCH_INTERVAL_MS, logger: log, run: () => dispatcher.dispatch() });
  const requeue = createIntervalJob({ name: 'requeue', intervalMs: config.NOTIFICATIONS_REQUEUE_INTERVAL_MS, logger: log, run: () => dispatcher.requeue(config.NOTIFICATIONS_REQUEUE_AFTER_MS) });
  // A commit that recorded messages wakes the dispatcher at once; the interval covers a lost NOTIFY.
  const listener = queuedListener(pool, log, () => void dispatcher.dispatch().catch((error: unknown) => log.warn({ err: error }, 'dispatch failed; the next poll retries')));
  messaging.observe(app);
  await runService({
    app, port: config.PORT, host: config.HOST,
    schema: { pool, requirement: schema },
    metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST }, logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [
      () => pool.end(), () => queue.close(), () => email.close(), () => worker.close(),
      () => requeue.stop(), () => dispatch.stop(), () => listener.stop(), () => messaging.stop(),
    ],
    onListening: async () => {
      await messaging.start();
      listener.start();
      dispatch.start();
      requeue.start();
      void worker.run().catch((error: unknown) => log.error({ err: error }, 'the notification worker stopped'));
    },
  });
} catch (error) {
  failStart(logger, error);
}
