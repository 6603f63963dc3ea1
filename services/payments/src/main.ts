import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contracts } from '@bazaar/contracts';
import {
  createJwtVerifier, createLogger, createMessaging, createOutbox, createPool, failStart, messagingSettings, migrateOnStart, poolSettings, runService, type Logger,
} from '@bazaar/platform';
import { buildApp } from './app.js';
import { jwksUrlOf, loadPaymentsConfig } from './config.js';
import { createCommandHandlers, createEventHandlers } from './events.js';
import { SimulatedCardProcessor } from './processor/simulated-processor.js';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

let logger: Logger | undefined;
try {
  const config = loadPaymentsConfig();
  logger = createLogger('payments', config.LOG_LEVEL);
  const schema = await migrateOnStart(config.PAYMENTS_DATABASE_URL, migrationsDir, logger);
  const pool = createPool(config.PAYMENTS_DATABASE_URL, { applicationName: 'payments', ...poolSettings(config) });
  // The card processor is outside the system: here it is the simulator (processor/simulated-processor.ts).
  // Its state stands in for the processor's own storage, in tables of its own (card_simulator_*) in
  // this database so that it survives a restart; it gets a pool of its own, as the outside system it
  // plays would not share our connections.
  const simulatorPool = createPool(config.PAYMENTS_DATABASE_URL, { applicationName: 'payments-card-simulator', ...poolSettings(config), max: Math.min(5, config.DATABASE_POOL_MAX) });
  const processor = new SimulatedCardProcessor({ pool: simulatorPool, slowMs: config.PAYMENTS_SIMULATOR_SLOW_MS });
  // Payments' outbox, made before the messaging because the command handlers it is given reply
  // through it; the messaging's relay sends what it holds.
  const outbox = createOutbox('payments', contracts, config.MESSAGING_NAMESPACE);
  const { publish } = outbox;
  const messaging = createMessaging({
    service: 'payments', pool, logger, contracts, outbox, ...messagingSettings(config),
    handlers: { commands: createCommandHandlers({ pool, processor, processorTimeoutMs: config.PAYMENTS_PROCESSOR_TIMEOUT_MS, publish }), events: createEventHandlers(publish) },
    // Each operation also commits a pending record on a second connection: stay below the pool size.
    prefetch: Math.max(1, Math.min(4, config.DATABASE_POOL_MAX - 2)),
  });
  const auth = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const app = await buildApp({
    pool, auth, processor, processorTimeoutMs: config.PAYMENTS_PROCESSOR_TIMEOUT_MS, logger, deadLetters: messaging.deadLetters, processMetrics: true,
  });
  messaging.observe(app);
  await runService({
    app, port: config.PORT, host: config.HOST,
    schema: { pool, requirement: schema },
    metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST }, logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end(), () => simulatorPool.end(), () => messaging.stop()],
    onListening: () => messaging.start(),
  });
} catch (error) {
  failStart(logger, error);
}
