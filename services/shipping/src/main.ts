import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createJwtVerifier, createLogger, createPool, failStart, migrateOnStart, runService, type Logger,
} from '@bazaar/platform';
import { buildApp } from './app.js';
import { jwksUrlOf, loadShippingConfig, settingsFrom } from './config.js';
import { createMessageHandlers } from './events.js';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

let logger: Logger | undefined;
try {
  const config = loadShippingConfig();
  logger = createLogger('shipping', config.LOG_LEVEL);
  await migrateOnStart(config.SHIPPING_DATABASE_URL, migrationsDir, logger);
  const pool = createPool(config.SHIPPING_DATABASE_URL, { applicationName: 'shipping' });
  const auth = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const app = await buildApp({ pool, auth, logger, processMetrics: true });
  // The saga's commands are handed to the messaging consumer once it is wired; its closer then goes
  // after the pool's.
  const { commandHandlers } = createMessageHandlers({ settings: settingsFrom(config) });
  logger.info({ commands: Object.keys(commandHandlers) }, 'command handlers ready');
  await runService({
    app, port: config.PORT, host: config.HOST, logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end()],
  });
} catch (error) {
  failStart(logger, error);
}
