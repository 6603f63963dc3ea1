import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createJwtVerifier, createLogger, createPool, failStart, migrateOnStart, runService, type Logger,
} from '@bazaar/platform';
import { buildApp } from './app.js';
import { jwksUrlOf, loadPaymentsConfig } from './config.js';
import { createMessageHandlers } from './events.js';
import { SimulatedCardProcessor } from './processor/simulated-processor.js';

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

let logger: Logger | undefined;
try {
  const config = loadPaymentsConfig();
  logger = createLogger('payments', config.LOG_LEVEL);
  await migrateOnStart(config.PAYMENTS_DATABASE_URL, migrationsDir, logger);
  const pool = createPool(config.PAYMENTS_DATABASE_URL, { applicationName: 'payments' });
  const auth = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const app = await buildApp({ pool, auth, logger, processMetrics: true });
  // The card processor is simulated (see processor/simulated-processor.ts). The saga's commands are
  // handed to the messaging consumer once it is wired; its closer then goes after the pool's.
  const processor = new SimulatedCardProcessor({ slowMs: config.PAYMENTS_SIMULATOR_SLOW_MS });
  const { commandHandlers } = createMessageHandlers({ pool, processor, processorTimeoutMs: config.PAYMENTS_PROCESSOR_TIMEOUT_MS });
  logger.info({ commands: Object.keys(commandHandlers) }, 'command handlers ready (card processor: simulator)');
  await runService({
    app, port: config.PORT, host: config.HOST, logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    closers: [() => pool.end()],
  });
} catch (error) {
  failStart(logger, error);
}
