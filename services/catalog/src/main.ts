import { contracts } from '@bazaar/contracts';
import {
  createJwtVerifier, createLogger, createMessaging, createOutbox, createPool, failStart, messagingSettings, migrateOnStart, payloadHandlers, runService, type Logger,
} from '@bazaar/platform';
import { MIGRATIONS_DIR, buildApp } from './app.js';
import { jwksUrlOf, loadCatalogConfig } from './config.js';
import { createEventHandlers } from './events.js';

let logger: Logger | undefined;
try {
  const config = loadCatalogConfig();
  logger = createLogger('catalog', config.LOG_LEVEL);
  const schema = await migrateOnStart(config.CATALOG_DATABASE_URL, MIGRATIONS_DIR, logger);
  const pool = createPool(config.CATALOG_DATABASE_URL, { applicationName: 'catalog', max: config.DATABASE_POOL_MAX });
  // The outbox first: the handler of user.deleted confirms through it.
  const outbox = createOutbox('catalog', contracts, config.MESSAGING_NAMESPACE);
  const messaging = createMessaging({
    service: 'catalog', pool, logger, contracts, outbox, ...messagingSettings(config),
    handlers: { events: payloadHandlers(contracts.events, createEventHandlers(outbox.publish)) },
  });
  const verifier = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const app = await buildApp({ pool, logger, verifier, publish: messaging.outbox.publish, deadLetters: messaging.deadLetters, processMetrics: true });
  messaging.observe(app);
  await runService({
    app,
    port: config.PORT,
    host: config.HOST,
    metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST },
    logger,
    schema: { pool, requirement: schema },
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end(), () => messaging.stop()],
    onListening: () => messaging.start(),
  });
} catch (error) {
  failStart(logger, error);
}
