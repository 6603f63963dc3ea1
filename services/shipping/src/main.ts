import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { contracts } from '@bazaar/contracts';
import {
  BATCH_LOOKUP_MAX_IDS, createLookupClient, createFlags, createIntervalJob, createJwtVerifier, createLogger, createMessaging, createOrphanJob, createOutbox, createPool, failStart, messagingSettings, migrateOnStart, poolSettings, runService, type Logger,
} from '@bazaar/platform';
import { buildApp } from './app.js';
import { Positions } from './couriers/positions.js';
import { dispatchWaiting } from './delivery/dispatcher.js';
import { strategyFromFlags } from './delivery/strategy.js';
import { SimulatedGeocoder, parsePoint } from './geocoding/simulated-geocoder.js';
import { courierUserCheck } from './orphans/courier-orphans.js';
import { shippingKeys } from './redis.js';
import { jwksUrlOf, loadShippingConfig, settingsFrom } from './config.js';
import { createCommandHandlers, createErasureHandlers, createEventHandlers } from './events.js';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

let logger: Logger | undefined;
try {
  const config = loadShippingConfig();
  const log = createLogger('shipping', config.LOG_LEVEL);
  logger = log;
  const schema = await migrateOnStart(config.SHIPPING_DATABASE_URL, migrationsDir, logger);
  const pool = createPool(config.SHIPPING_DATABASE_URL, { applicationName: 'shipping', ...poolSettings(config) });
  // No offline queue: while Redis is unreachable, location updates fail at once (503) instead of
  // piling up behind the reconnect.
  const redis = new Redis(config.SHIPPING_REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'shipping' });
  redis.on('error', (error) => logger?.warn({ err: error }, 'redis connection error'));
  await redis.connect();
  // Made before the messaging: a deleted courier's position is forgotten by the user.deleted handler.
  const positions = new Positions(redis, shippingKeys(config.SHIPPING_REDIS_KEY_PREFIX), config.SHIPPING_POSITION_MAX_AGE_SECONDS * 1000);
  // Shipping's outbox, made before the messaging because the command handlers it is given reply
  // through it; the messaging's relay sends what it holds.
  const outbox = createOutbox('shipping', contracts, config.MESSAGING_NAMESPACE);
  const { publish } = outbox;
  const messaging = createMessaging({
    service: 'shipping', pool, logger, contracts, outbox, ...messagingSettings(config),
    handlers: { commands: createCommandHandlers({ settings: settingsFrom(config), publish }), events: { ...createEventHandlers(), ...createErasureHandlers({ publish, positions }) } },
  });
  const auth = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  // Feature flags from flagd's file (FLAGS_FILE), re-read when it changes: the dispatch strategy.
  const flags = await createFlags({ service: 'shipping', file: config.FLAGS_FILE, logger: log });
  const identity = createLookupClient('identity', { baseUrl: config.IDENTITY_URL, logger: log });
  const orphans = createOrphanJob({
    service: 'shipping', checks: [courierUserCheck(pool, identity, { publish, positions })], logger: log, intervalMs: config.SHIPPING_ORPHANS_INTERVAL_MS, batchSize: BATCH_LOOKUP_MAX_IDS,
  });
  const app = await buildApp({
    pool, auth, logger, deadLetters: messaging.deadLetters, processMetrics: true, flags, orphans,
    couriers: { positions, publish, maxAttempts: config.SHIPPING_MAX_DELIVERY_ATTEMPTS },
  });
  const geocoder = new SimulatedGeocoder(parsePoint(config.SHIPPING_GEOCODER_CENTER), config.SHIPPING_GEOCODER_RADIUS_KM);
  const dispatcher = createIntervalJob({
    name: 'dispatch', intervalMs: config.SHIPPING_DISPATCH_INTERVAL_MS, logger: log,
    run: () => dispatchWaiting({ pool, positions, geocoder, publish, logger: log, radiusKm: config.SHIPPING_DISPATCH_RADIUS_KM, strategy: strategyFromFlags(flags) }),
  });
  messaging.observe(app);
  orphans.observe(app.metrics);
  await runService({
    app, port: config.PORT, host: config.HOST,
    schema: { pool, requirement: schema },
    metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST }, logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end(), () => redis.quit(), () => messaging.stop(), () => dispatcher.stop(), () => flags.close(), () => identity.close(), () => orphans.stop()],
    onListening: async () => {
      await messaging.start();
      dispatcher.start();
      orphans.start();
    },
  });
} catch (error) {
  failStart(logger, error);
}
