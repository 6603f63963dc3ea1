import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contracts } from '@bazaar/contracts';
import {
  createJwtVerifier, createLogger, createMessaging, createOutbox, createPool, failStart, messagingSettings, migrateOnStart, runService, type Logger,
} from '@bazaar/platform';
import { buildApp } from './app.js';
import { jwksUrlOf, loadShippingConfig, settingsFrom } from './config.js';
import { createCommandHandlers } from './events.js';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

let logger: Logger | undefined;
try {
  const config = loadShippingConfig();
  logger = createLogger('shipping', config.LOG_LEVEL);
  await migrateOnStart(config.SHIPPING_DATABASE_URL, migrationsDir, logger);
  const pool = createPool(config.SHIPPING_DATABASE_URL, { applicationName: 'shipping', max: config.DATABASE_POOL_MAX });
  // Shipping's outbox, made before the messaging because the command handlers it is given reply
  // through it; the messaging's relay sends what it holds.
  const outbox = createOutbox('shipping', contracts, config.MESSAGING_NAMESPACE);
  const { publish } = outbox;
  const messaging = createMessaging({
    service: 'shipping', pool, logger, contracts, outbox, ...messagingSettings(config),
    handlers: { commands: createCommandHandlers({ settings: settingsFrom(config), publish }) },
  });
  const auth = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const app = await buildApp({ pool, auth, logger, deadLetters: messaging.deadLetters, processMetrics: true });
  messaging.observe(app);
  await runService({
    app, port: config.PORT, host: config.HOST,
    metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST }, logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end(), () => messaging.stop()],
    onListening: () => messaging.start(),
  });
} catch (error) {
  failStart(logger, error);
}
