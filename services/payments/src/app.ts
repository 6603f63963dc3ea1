import { createServiceApp, registerDatabaseHealth, registerDeadLetterRoutes, registerSignalsRoute, type DeadLetterQueue, type JwtVerifier, type Logger, type Pool, type ServiceApp } from '@bazaar/platform';
import { registerPaymentMethodRoutes } from './methods/payment-methods.routes.js';
import { registerPaymentRoutes } from './payments/payments.routes.js';
import type { CardProcessor } from './processor/card-processor.js';

export interface AppDeps {
  pool: Pool;
  /** Verifies identity's access tokens against its published keys. */
  auth: JwtVerifier;
  /** The card processor, whose vault tokenizes the cards users save. */
  processor: CardProcessor;
  /** How long the processor may take to answer (PAYMENTS_PROCESSOR_TIMEOUT_MS). */
  processorTimeoutMs: number;
  logger: Logger;
  now?: () => Date;
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
    description: 'Payments of orders and their operations (authorize, capture, void, refund) against a simulated card processor, and the saved cards (payment methods) they are made with.',
    logger: deps.logger,
    processMetrics: deps.processMetrics ?? false,
  });
  registerDatabaseHealth(app.health, deps.pool);
  // Registered before /payments/:id so the static path is documented first (the router prefers it anyway).
  registerPaymentMethodRoutes(app, {
    pool: deps.pool, auth: deps.auth, processor: deps.processor, processorTimeoutMs: deps.processorTimeoutMs,
    now: deps.now ?? (() => new Date()),
  });
  registerPaymentRoutes(app, { pool: deps.pool, auth: deps.auth });
  if (deps.deadLetters) registerDeadLetterRoutes(app, deps.deadLetters, { preHandler: deps.auth.preHandler({ role: 'admin' }), outbox: deps.pool });
  registerSignalsRoute(app, { preHandler: deps.auth.preHandler({ role: 'admin' }) });
  await app.ready();
  return app;
}
