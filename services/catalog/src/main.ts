import { createJwtVerifier, createLogger, createPool, failStart, migrateOnStart, runService, type Logger } from '@bazaar/platform';
import { MIGRATIONS_DIR, buildApp } from './app.js';
import { jwksUrlOf, loadCatalogConfig } from './config.js';

let logger: Logger | undefined;
try {
  const config = loadCatalogConfig();
  logger = createLogger('catalog', config.LOG_LEVEL);
  await migrateOnStart(config.CATALOG_DATABASE_URL, MIGRATIONS_DIR, logger);
  const pool = createPool(config.CATALOG_DATABASE_URL, { applicationName: 'catalog' });
  const verifier = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const app = await buildApp({ pool, logger, verifier, processMetrics: true });
  await runService({
    app,
    port: config.PORT,
    host: config.HOST,
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end()],
  });
} catch (error) {
  failStart(logger, error);
}
