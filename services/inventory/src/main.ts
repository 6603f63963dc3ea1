import {
  createJwtVerifier, createLogger, createPool, failStart, migrateOnStart, runService, type Logger,
} from '@bazaar/platform';
import { MIGRATIONS_DIR, buildApp } from './app.js';
import { jwksUrlOf, loadInventoryConfig, settingsFrom } from './config.js';
import { publish } from './events.js';
import { createExpiryJob } from './stock/expiry.job.js';

let logger: Logger | undefined;
try {
  const config = loadInventoryConfig();
  logger = createLogger('inventory', config.LOG_LEVEL);
  await migrateOnStart(config.INVENTORY_DATABASE_URL, MIGRATIONS_DIR, logger);
  const pool = createPool(config.INVENTORY_DATABASE_URL, { applicationName: 'inventory' });
  const settings = settingsFrom(config);
  const now = () => new Date();
  const verifier = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const app = await buildApp({ pool, logger, verifier, settings, now, processMetrics: true });
  const expiry = createExpiryJob({
    pool,
    deps: { settings, now, publish },
    logger,
    intervalMs: config.INVENTORY_EXPIRY_INTERVAL_MS,
    batchSize: config.INVENTORY_EXPIRY_BATCH_SIZE,
  });
  // The consumer of inventory.events and inventory.commands, once wired with the inbox, dispatches to
  // createMessageHandlers({ settings, now, logger }) from ./events.js and is started in onListening.
  await runService({
    app,
    port: config.PORT,
    host: config.HOST,
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end(), () => expiry.stop()],
    onListening: () => expiry.start(),
  });
} catch (error) {
  failStart(logger, error);
}
