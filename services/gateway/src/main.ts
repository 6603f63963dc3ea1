import { createLogger, failStart, runService, type Logger } from '@bazaar/platform';
import { buildApp } from './app.js';
import { loadGatewayConfig } from './config.js';

let logger: Logger | undefined;
try {
  const config = loadGatewayConfig();
  logger = createLogger('gateway', config.logLevel);
  const app = await buildApp(config, { logger, processMetrics: true });
  await runService({ app, port: config.port, host: config.host, metrics: config.metrics, logger, shutdownTimeoutMs: config.shutdownTimeoutMs });
  logger.info({ routes: config.routes.map((r) => `${r.prefix} → ${r.upstream}`) }, 'routing');
} catch (error) {
  failStart(logger, error);
}
