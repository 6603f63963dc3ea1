import { contracts } from '@bazaar/contracts';
import {
  createFlags, createJwtVerifier, createLogger, createMessaging, createOutbox, createPool, failStart, messagingSettings, migrateOnStart, poolSettings, runService, type Logger,
} from '@bazaar/platform';
import { MIGRATIONS_DIR, buildApp } from './app.js';
import { createCheckoutMetrics } from './checkout/checkout.metrics.js';
import { createDeadlineJob } from './checkout/deadline.job.js';
import { createReplyHandler, replyHandlers } from './checkout/saga.runner.js';
import { createScreeningJob } from './checkout/screening.job.js';
import { flaggedScreening } from './checkout/screening.js';
import { jwksUrlOf, loadOrdersConfig, sagaSettingsFrom } from './config.js';
import { SimulatedFraudScorer } from './fraud/simulated-scorer.js';
import { createCatalog } from './orders/catalog.client.js';
import { erasureHandlers } from './orders/erasure.handlers.js';
import { orderRecords } from './orders/order-records.store.js';

let logger: Logger | undefined;
try {
  const config = loadOrdersConfig();
  logger = createLogger('orders', config.LOG_LEVEL);
  const schema = await migrateOnStart(config.ORDERS_DATABASE_URL, MIGRATIONS_DIR, logger);
  const pool = createPool(config.ORDERS_DATABASE_URL, { applicationName: 'orders', ...poolSettings(config) });
  const settings = sagaSettingsFrom(config);
  const now = () => new Date();
  // Orders' outbox, made before the messaging because the reply handlers it is given send the saga's
  // next commands through it; the routes and the deadline job write to it too, the relay sends it.
  const outbox = createOutbox('orders', contracts, config.MESSAGING_NAMESPACE);
  // The checkout's outcomes are counted from the order's events as they are written (once committed).
  const checkoutMetrics = createCheckoutMetrics({ pool });
  const publish = checkoutMetrics.observe(outbox.publish);
  // Feature flags (FLAGS_FILE, re-read on change): `checkout-fraud-check` decides, per customer, whether
  // a new checkout is screened for fraud before its payment is authorized.
  const flags = await createFlags({ service: 'orders', file: config.FLAGS_FILE, logger });
  // A checkout that waits for its screening wakes the screening job once it commits (the job is made
  // below, after the app it shares the runner with); the job's interval is the net for the rest.
  let wakeScreener = (): void => {};
  const screening = { ...flaggedScreening(flags), queued: () => wakeScreener() };
  const runner = { settings, now, publish, orders: orderRecords, screening, logger };
  const messaging = createMessaging({
    service: 'orders', pool, logger, contracts, outbox, ...messagingSettings(config),
    handlers: { events: { ...replyHandlers(createReplyHandler(runner)), ...erasureHandlers(publish) } },
  });
  const verifier = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const catalog = createCatalog({ baseUrl: config.CATALOG_URL, timeoutMs: config.ORDERS_CATALOG_TIMEOUT_MS, logger });
  const app = await buildApp({
    pool, logger, verifier, catalog, settings, now, publish, screening, flags, deadLetters: messaging.deadLetters, processMetrics: true, checkoutMetrics,
  });
  messaging.observe(app);
  const deadlines = createDeadlineJob({
    pool, deps: runner, logger, intervalMs: config.ORDERS_DEADLINE_INTERVAL_MS, batchSize: config.ORDERS_DEADLINE_BATCH_SIZE,
  });
  // The fraud scorer is outside the system: its simulator answers here (src/fraud/simulated-scorer.ts).
  const screener = createScreeningJob({
    pool, deps: runner, logger, scorer: new SimulatedFraudScorer(), timeoutMs: config.ORDERS_FRAUD_TIMEOUT_MS,
    rejectScore: config.ORDERS_FRAUD_REJECT_SCORE, intervalMs: config.ORDERS_SCREENING_INTERVAL_MS, batchSize: config.ORDERS_SCREENING_BATCH_SIZE,
  });
  wakeScreener = () => screener.wake();
  await runService({
    app,
    schema: { pool, requirement: schema },
    port: config.PORT,
    host: config.HOST,
    metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST },
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end(), () => catalog.close(), () => flags.close(), () => messaging.stop(), () => deadlines.stop(), () => screener.stop()],
    onListening: async () => {
      await messaging.start();
      deadlines.start();
      screener.start();
    },
  });
} catch (error) {
  failStart(logger, error);
}
