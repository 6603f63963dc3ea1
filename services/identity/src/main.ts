import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { contracts } from '@bazaar/contracts';
import { createLogger, createMessaging, createPool, failStart, messagingSettings, migrateOnStart, payloadHandlers, poolSettings, runService, type Logger } from '@bazaar/platform';
import { buildApp } from './app.js';
import { identityEventHandlers } from './events.js';
import { loadIdentityConfig, settingsFrom, trustedProxiesFrom } from './config.js';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

let logger: Logger | undefined;
try {
  const config = loadIdentityConfig();
  logger = createLogger('identity', config.LOG_LEVEL);
  const schema = await migrateOnStart(config.IDENTITY_DATABASE_URL, migrationsDir, logger);
  const pool = createPool(config.IDENTITY_DATABASE_URL, { applicationName: 'identity', ...poolSettings(config) });
  // identity publishes its users' events and consumes one: each service's confirmation of an erasure.
  const messaging = createMessaging({
    service: 'identity', pool, logger, contracts, ...messagingSettings(config),
    handlers: { events: payloadHandlers(contracts.events, identityEventHandlers) },
  });
  // No offline queue: while Redis is unreachable, session checks fail at once (503) instead of
  // piling up behind the reconnect.
  const redis = new Redis(config.IDENTITY_REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'identity' });
  redis.on('error', (error) => logger?.warn({ err: error }, 'redis connection error'));
  await redis.connect();
  const app = await buildApp({
    pool,
    redis,
    logger,
    publish: messaging.outbox.publish,
    settings: settingsFrom(config),
    trustedProxies: trustedProxiesFrom(config),
    keyPrefix: config.IDENTITY_REDIS_KEY_PREFIX,
    deadLetters: messaging.deadLetters,
    processMetrics: true,
  });
  messaging.observe(app);
  await runService({
    app,
    port: config.PORT,
    host: config.HOST,
    metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST },
    logger,
    schema: { pool, requirement: schema },
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end(), () => redis.quit(), () => messaging.stop()],
    onListening: () => messaging.start(),
  });
} catch (error) {
  failStart(logger, error);
}
