import { contracts } from '@bazaar/contracts';
import {
  BATCH_LOOKUP_MAX_IDS, createLookupClient, createJwtVerifier, createLogger, createMessaging, createOrphanJob, createOutbox, createPool, failStart, messagingSettings, migrateOnStart, payloadHandlers, poolSettings, runService, type Logger,
} from '@bazaar/platform';
import { MIGRATIONS_DIR, buildApp } from './app.js';
import { jwksUrlOf, loadCatalogConfig } from './config.js';
import { createEventHandlers } from './events.js';
import { createReadRouter } from './reads.js';
import { schemaBeforeTitleContract } from './products/product-title.js';
import { reviewAuthorCheck } from './orphans/review-orphans.js';

let logger: Logger | undefined;
try {
  const config = loadCatalogConfig();
  logger = createLogger('catalog', config.LOG_LEVEL);
  const schema = await migrateOnStart(config.CATALOG_DATABASE_URL, MIGRATIONS_DIR, logger);
  const pool = createPool(config.CATALOG_DATABASE_URL, { applicationName: 'catalog', ...poolSettings(config) });
  const replica = config.CATALOG_READ_DATABASE_URL
    ? createPool(config.CATALOG_READ_DATABASE_URL, { applicationName: 'catalog-reads', ...poolSettings(config), connectionTimeoutMs: 1_000 })
    : undefined;
  const reads = createReadRouter({ primary: pool, ...(replica ? { replica } : {}), maxLagMs: config.CATALOG_READ_MAX_LAG_MS, checkIntervalMs: config.CATALOG_READ_CHECK_INTERVAL_MS });
  // The outbox first: the handler of user.deleted confirms through it.
  const outbox = createOutbox('catalog', contracts, config.MESSAGING_NAMESPACE);
  const messaging = createMessaging({
    service: 'catalog', pool, logger, contracts, outbox, ...messagingSettings(config),
    handlers: { events: payloadHandlers(contracts.events, createEventHandlers(outbox.publish)) },
  });
  const verifier = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const identity = createLookupClient('identity', { baseUrl: config.IDENTITY_URL, logger });
  const orphans = createOrphanJob({
    service: 'catalog', checks: [reviewAuthorCheck(pool, identity)], logger, intervalMs: config.CATALOG_ORPHANS_INTERVAL_MS, batchSize: BATCH_LOOKUP_MAX_IDS,
  });
  const app = await buildApp({ pool, reads, logger, verifier, publish: messaging.outbox.publish, deadLetters: messaging.deadLetters, orphans, processMetrics: true });
  messaging.observe(app);
  orphans.observe(app.metrics);
  await runService({
    app,
    port: config.PORT,
    host: config.HOST,
    metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST },
    logger,
    schema: { pool, requirement: schemaBeforeTitleContract(schema) },
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => reads.stop(), () => pool.end(), async () => replica?.end(), () => messaging.stop(), () => identity.close(), () => orphans.stop()],
    onListening: async () => {
      reads.start();
      await messaging.start();
      orphans.start();
    },
  });
} catch (error) {
  failStart(logger, error);
}
