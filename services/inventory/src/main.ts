import { events, commands } from '@bazaar/contracts';
import {
  createJwtVerifier, createLogger, createMessaging, createPool, failStart, messagingSettings, migrateOnStart, payloadHandlers, runService, type Logger,
} from '@bazaar/platform';
import { MIGRATIONS_DIR, buildApp } from './app.js';
import { jwksUrlOf, loadInventoryConfig, settingsFrom } from './config.js';
import { createMessageHandlers, publish, publisher } from './events.js';
import { createExpiryJob } from './stock/expiry.job.js';

let logger: Logger | undefined;
try {
  const config = loadInventoryConfig();
  logger = createLogger('inventory', config.LOG_LEVEL);
  await migrateOnStart(config.INVENTORY_DATABASE_URL, MIGRATIONS_DIR, logger);
  const pool = createPool(config.INVENTORY_DATABASE_URL, { applicationName: 'inventory', max: config.DATABASE_POOL_MAX });
  const settings = settingsFrom(config);
  const now = () => new Date();
  const verifier = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const { eventHandlers, commandHandlers } = createMessageHandlers({ settings, now, logger });
  const messaging = createMessaging({
    service: 'inventory', pool, logger, contracts: { events, commands }, ...messagingSettings(config),
    handlers: { events: payloadHandlers(eventHandlers), commands: payloadHandlers(commandHandlers) },
  });
  publisher.bind(messaging.outbox);
  const app = await buildApp({ pool, logger, verifier, settings, now, deadLetters: messaging.deadLetters, processMetrics: true });
  messaging.observe(app);
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
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end(), () => messaging.stop(), () => expiry.stop()],
    onListening: async () => {
      await messaging.start();
      expiry.start();
    },
  });
} catch (error) {
  failStart(logger, error);
}
