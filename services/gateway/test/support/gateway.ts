import { createLogger, type ServiceApp } from '@bazaar/platform';
import { buildApp } from '../../src/app.js';
import { loadGatewayConfig } from '../../src/config.js';

/** A gateway built in-process from an environment, exactly as main.ts builds it from process.env. */
export async function startGateway(env: Record<string, string>): Promise<ServiceApp> {
  const config = loadGatewayConfig({ LOG_LEVEL: 'silent', GATEWAY_RATE_LIMIT_MAX: '100000', ...env });
  const app = await buildApp(config, { logger: createLogger('gateway', process.env.LOG_LEVEL ?? 'silent') });
  await app.ready();
  return app;
}
