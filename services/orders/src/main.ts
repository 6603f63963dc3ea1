import { events, commands } from '@bazaar/contracts';
import {
  createJwtVerifier, createLogger, createMessaging, createPool, failStart, messagingSettings, migrateOnStart, runService, type Logger,
} from '@bazaar/platform';
import { MIGRATIONS_DIR, buildApp } from './app.js';
import { createDeadlineJob } from './checkout/deadline.job.js';
import { createReplyHandler, replyHandlers } from './checkout/saga.runner.js';
import { REPLY_TYPES } from './checkout/saga.types.js';
import { jwksUrlOf, loadOrdersConfig, sagaSettingsFrom } from './config.js';
import { publish, publisher } from './events.js';
import { createCatalog } from './orders/catalog.client.js';

let logger: Logger | undefined;
try {
  const config = loadOrdersConfig();
  logger = createLogger('orders', config.LOG_LEVEL);
  await migrateOnStart(config.ORDERS_DATABASE_URL, MIGRATIONS_DIR, logger);
  const pool = createPool(config.ORDERS_DATABASE_URL, { applicationName: 'orders', max: config.DATABASE_POOL_MAX });
  const settings = sagaSettingsFrom(config);
  const now = () => new Date();
  const runner = { settings, now, publish, logger };
  const messaging = createMessaging({
    service: 'orders', pool, logger, contracts: { events, commands }, ...messagingSettings(config),
    handlers: { events: replyHandlers(createReplyHandler(runner), REPLY_TYPES) },
  });
  publisher.bind(messaging.outbox);
  const verifier = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const catalog = createCatalog({ baseUrl: config.CATALOG_URL, timeoutMs: config.ORDERS_CATALOG_TIMEOUT_MS, logger });
  const app = await buildApp({ pool, logger, verifier, catalog, settings, now, deadLetters: messaging.deadLetters, processMetrics: true });
  messaging.observe(app);
  const deadlines = createDeadlineJob({
    pool, deps: runner, logger, intervalMs: config.ORDERS_DEADLINE_INTERVAL_MS, batchSize: config.ORDERS_DEADLINE_BATCH_SIZE,
  });
  await runService({
    app,
    port: config.PORT,
    host: config.HOST,
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end(), () => catalog.close(), () => messaging.stop(), () => deadlines.stop()],
    onListening: async () => {
      await messaging.start();
      deadlines.start();
    },
  });
} catch (error) {
  failStart(logger, error);
}
