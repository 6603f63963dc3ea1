import { createServiceApp, registerDatabaseHealth, registerDeadLetterRoutes, type DeadLetterQueue, type JwtVerifier, type Logger, type Pool, type ServiceApp } from '@bazaar/platform';
import { registerPaymentRoutes } from './payments/payments.routes.js';

export interface AppDeps {
  pool: Pool;
  /** Verifies identity's access tokens against its published keys. */
  auth: JwtVerifier;
  logger: Logger;
  version?: string;
  /** The service's parked messages, listed and replayed by admins at /admin/dlq. */
  deadLetters?: DeadLetterQueue;
  processMetrics?: boolean;
}

/** Payments' HTTP app: its routes, health (with the database) and OpenAPI. */
export async function buildApp(deps: AppDeps): Promise<ServiceApp> {
  const app = await createServiceApp({
    name: 'payments',
    version: deps.version ?? '0.1.0',
    description: 'Payments of orders and their operations (authorize, capture, void, refund) against a simulated card processor.',
    logger: deps.logger,
    processMetrics: deps.processMetrics ?? false,
  });
  registerDatabaseHealth(app.health, deps.pool);
  registerPaymentRoutes(app, { pool: deps.pool, auth: deps.auth });
  if (deps.deadLetters) registerDeadLetterRoutes(app, deps.deadLetters, { preHandler: deps.auth.preHandler({ role: 'admin' }) });
  await app.ready();
  return app;
}
