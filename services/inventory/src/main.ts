import { contracts } from '@bazaar/contracts';
import {
  BATCH_LOOKUP_MAX_IDS, createLookupClient, createJwtVerifier, createLogger, createMessaging, createOrphanJob, createOutbox, createPool, failStart, messagingSettings, migrateOnStart, payloadHandlers, poolSettings, runService, type Logger,
} from '@bazaar/platform';
import { MIGRATIONS_DIR, buildApp } from './app.js';
import { jwksUrlOf, loadInventoryConfig, settingsFrom } from './config.js';
import { createMessageHandlers } from './events.js';
import { stockItemProductCheck } from './orphans/stock-orphans.js';
import { createExpiryJob } from './stock/expiry.job.js';

let logger: Logger | undefined;
try {
  const config = loadInventoryConfig();
  logger = createLogger('inventory', config.LOG_LEVEL);
  const schema = await migrateOnStart(config.INVENTORY_DATABASE_URL, MIGRATIONS_DIR, logger);
  const pool = createPool(config.INVENTORY_DATABASE_URL, { applicationName: 'inventory', ...poolSettings(config) });
  const settings = settingsFrom(config);
  const now = () => new Date();
  const verifier = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  // Inventory's outbox: routes, handlers and the expiry job write to it in their own transactions,
  // and the messaging's relay sends what it holds. Made before the messaging because the command
  // handlers, which the messaging needs, answer through it.
  const outbox = createOutbox('inventory', contracts, config.MESSAGING_NAMESPACE);
  const { publish } = outbox;
  const { eventHandlers, commandHandlers } = createMessageHandlers({ settings, now, publish, logger });
  const messaging = createMessaging({
    service: 'inventory', pool, logger, contracts, outbox, ...messagingSettings(config),
    handlers: { events: payloadHandlers(contracts.events, eventHandlers), commands: payloadHandlers(contracts.commands, commandHandlers) },
  });
  const catalog = createLookupClient('catalog', { baseUrl: config.CATALOG_URL, logger });
  const orphans = createOrphanJob({
    service: 'inventory', checks: [stockItemProductCheck(pool, catalog)], logger, intervalMs: config.INVENTORY_ORPHANS_INTERVAL_MS, batchSize: BATCH_LOOKUP_MAX_IDS,
  });
  const app = await buildApp({ pool, logger, verifier, settings, now, publish, deadLetters: messaging.deadLetters, orphans, processMetrics: true });
  messaging.observe(app);
  orphans.observe(app.metrics);
  const expiry = createExpiryJob({
    pool,
    deps: { settings, now, publish },
    logger,
    intervalMs: config.INVENTORY_EXPIRY_INTERVAL_MS,
    batchSize: config.INVENTORY_EXPIRY_BATCH_SIZE,
  });
  await runService({
    app,
    port: config.PORT,
    host: config.HOST,
    metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST },
    logger,
    schema: { pool, requirement: schema },
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end(), () => messaging.stop(), () => expiry.stop(), () => catalog.close(), () => orphans.stop()],
    onListening: async () => {
      await messaging.start();
      expiry.start();
      orphans.start();
    },
  });
} catch (error) {
  failStart(logger, error);
}
