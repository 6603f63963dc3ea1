import { fileURLToPath } from 'node:url';
import {
  createServiceApp, registerDatabaseHealth, registerDeadLetterRoutes, registerFlagsHealth, registerSignalsRoute, type DeadLetterQueue, type Flags,
  type HealthRegistry, type JwtVerifier, type Logger, type Pool, type ServiceApp,
} from '@bazaar/platform';
import pkg from '../package.json' with { type: 'json' };
import type { CheckoutMetrics } from './checkout/checkout.metrics.js';
import { registerSagaAdminRoutes } from './checkout/saga-admin.routes.js';
import type { ScreeningPolicy } from './checkout/saga.runner.js';
import type { SagaSettings } from './checkout/saga.types.js';
import type { OrdersPublish } from './events.js';
import type { Catalog } from './orders/catalog.client.js';
import { orderRecords } from './orders/order-records.store.js';
import { registerOrderRoutes } from './orders/order.routes.js';

/** Orders' own migrations, applied to its database alone. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export interface OrdersAppDeps {
  pool: Pool;
  logger: Logger;
  /** Verifies identity's access tokens: every order route is for a signed-in user. */
  verifier: Pick<JwtVerifier, 'preHandler' | 'requireUser'>;
  catalog: Pick<Catalog, 'products' | 'state'>;
  settings: SagaSettings;
  /** Whether a new checkout is screened for fraud (the `checkout-fraud-check` flag); none: never. */
  screening?: ScreeningPolicy;
  /** The feature flags the screening is decided by; their provider's state is shown by `/health`. */
  flags?: Flags;
  now?: () => Date;
  /** Where the orders placed, their saga's commands and the order's events go: the outbox's `publish`, or a test database's. */
  publish: OrdersPublish;
  health?: HealthRegistry;
  /** The service's parked messages, listed and replayed by admins at /admin/dlq. */
  deadLetters?: DeadLetterQueue;
  processMetrics?: boolean;
  /** The checkout's domain signals, added to the app's registry (main.ts makes them before `publish`, which they observe). */
  checkoutMetrics?: CheckoutMetrics;
}

/** The orders HTTP app, ready to `listen` or to `inject` into in tests. */
export async function buildApp(deps: OrdersAppDeps): Promise<ServiceApp> {
  const app = await createServiceApp({
    name: 'orders',
    version: pkg.version,
    description: pkg.description,
    logger: deps.logger,
    ...(deps.health ? { health: deps.health } : {}),
    processMetrics: deps.processMetrics ?? false,
  });
  registerDatabaseHealth(app.health, deps.pool);
  deps.checkoutMetrics?.register(app.metrics);
  // Catalog down only stops new checkouts; orders still serves and runs its sagas, so it degrades.
  app.health.register('catalog', async () => {
    const circuit = deps.catalog.state();
    return circuit === 'closed'
      ? { details: { circuit } }
      : { status: 'degraded', message: `the circuit to catalog is ${circuit}: checkouts are refused until it answers`, details: { circuit } };
  }, { critical: false });
  if (deps.flags) registerFlagsHealth(app.health, deps.flags);
  registerOrderRoutes(app, {
    pool: deps.pool,
    verifier: deps.verifier,
    catalog: deps.catalog,
    settings: deps.settings,
    now: deps.now ?? (() => new Date()),
    publish: deps.publish,
    orders: orderRecords,
    ...(deps.screening ? { screening: deps.screening } : {}),
    logger: deps.logger,
  });
  registerSagaAdminRoutes(app, { pool: deps.pool, verifier: deps.verifier, now: deps.now ?? (() => new Date()) });
  if (deps.deadLetters) registerDeadLetterRoutes(app, deps.deadLetters, { preHandler: deps.verifier.preHandler({ role: 'admin' }), outbox: deps.pool });
  registerSignalsRoute(app, { preHandler: deps.verifier.preHandler({ role: 'admin' }) });
  await app.ready();
  return app;
}
