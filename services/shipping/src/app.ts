import {
  createServiceApp, registerDatabaseHealth, registerDeadLetterRoutes, registerFlagsHealth, registerOrphansRoute, registerSignalsRoute,
  type DeadLetterQueue, type Flags, type JwtVerifier, type Logger, type OrphanJob, type Pool, type ServiceApp,
} from '@bazaar/platform';
import { registerCourierRoutes } from './couriers/couriers.routes.js';
import type { Positions } from './couriers/positions.js';
import { registerDeliveryRoutes } from './delivery/delivery.routes.js';
import { registerTrackingRoutes } from './delivery/tracking.routes.js';
import type { DeliveryPublish } from './delivery/dispatcher.js';
import { registerShipmentRoutes } from './shipments/shipments.routes.js';

export interface AppDeps {
  pool: Pool;
  /** Verifies identity's access tokens against its published keys. */
  auth: JwtVerifier;
  logger: Logger;
  /**
   * Couriers: live positions in shipping's Redis keys, where delivery events go (the outbox), and the
   * failed attempts after which a parcel is returned. The courier routes are served only with them.
   */
  couriers?: { positions: Positions; publish: DeliveryPublish; maxAttempts: number };
  version?: string;
  /** The service's parked messages, listed and replayed by admins at /admin/dlq. */
  deadLetters?: DeadLetterQueue;
  processMetrics?: boolean;
  /** Feature flags (the dispatch strategy); their provider's state is shown by /health. */
  flags?: Flags;
  /** The orphan cleanup, whose last findings admins read at /admin/orphans. */
  orphans?: Pick<OrphanJob, 'report'>;
}

/** Shipping's HTTP app: its routes, health (with the database) and OpenAPI. */
export async function buildApp(deps: AppDeps): Promise<ServiceApp> {
  const app = await createServiceApp({
    name: 'shipping',
    version: deps.version ?? '0.1.0',
    description: 'Shipments of orders: recipient and address snapshot, carrier, tracking number and delivery attempts.',
    logger: deps.logger,
    processMetrics: deps.processMetrics ?? false,
  });
  registerDatabaseHealth(app.health, deps.pool);
  if (deps.flags) registerFlagsHealth(app.health, deps.flags);
  registerShipmentRoutes(app, { pool: deps.pool, auth: deps.auth });
  if (deps.couriers) {
    const { positions, publish, maxAttempts } = deps.couriers;
    // Not critical: without Redis, couriers cannot report positions, but shipments are still served.
    app.health.register('redis', () => positions.ping(), { critical: false });
    registerCourierRoutes(app, { pool: deps.pool, auth: deps.auth, positions, publish });
    registerDeliveryRoutes(app, { pool: deps.pool, auth: deps.auth, publish, maxAttempts });
    registerTrackingRoutes(app, { pool: deps.pool, auth: deps.auth, positions });
  }
  if (deps.deadLetters) registerDeadLetterRoutes(app, deps.deadLetters, { preHandler: deps.auth.preHandler({ role: 'admin' }), outbox: deps.pool });
  registerSignalsRoute(app, { preHandler: deps.auth.preHandler({ role: 'admin' }) });
  if (deps.orphans) registerOrphansRoute(app, deps.orphans, { preHandler: deps.auth.preHandler({ role: 'admin' }) });
  await app.ready();
  return app;
}
