import { createServiceApp, registerDeadLetterRoutes, registerSignalsRoute, type DeadLetterQueue, type JwtVerifier, type Logger, type ServiceApp } from '@bazaar/platform';
import type { Registry } from 'prom-client';
import { registerAnalyticsRoutes, type AnalyticsRoutesDeps } from './http/analytics.routes.js';
import type { Warehouse } from './warehouse/warehouse.js';

export interface AppDeps extends Omit<AnalyticsRoutesDeps, 'auth'> {
  warehouse: Warehouse;
  /** Verifies identity's access tokens against its published keys. */
  auth: JwtVerifier;
  logger: Logger;
  metrics?: Registry;
  version?: string;
  /** analytics' own parked messages, listed and replayed by admins at /admin/dlq. */
  deadLetters?: DeadLetterQueue;
  processMetrics?: boolean;
}

/** analytics' HTTP app: reports, reconciliation, the warehouse's state; health (the warehouse answers), metrics and OpenAPI. */
export async function buildApp(deps: AppDeps): Promise<ServiceApp> {
  const app = await createServiceApp({
    name: 'analytics',
    version: deps.version ?? '0.1.0',
    description: 'The warehouse: reports across services and the reconciliation of their facts, for operators.',
    logger: deps.logger,
    processMetrics: deps.processMetrics ?? false,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  app.health.register('warehouse', async () => void (await deps.warehouse.all('SELECT 1')), { critical: true, timeoutMs: 3000 });
  registerAnalyticsRoutes(app, deps);
  if (deps.deadLetters) registerDeadLetterRoutes(app, deps.deadLetters, { preHandler: deps.auth.preHandler({ role: 'admin' }) });
  registerSignalsRoute(app, { preHandler: deps.auth.preHandler({ role: 'admin' }) });
  await app.ready();
  return app;
}
