import { fileURLToPath } from 'node:url';
import {
  createServiceApp, registerDatabaseHealth, registerDeadLetterRoutes, registerOrphansRoute, registerSignalsRoute,
  type DeadLetterQueue, type HealthRegistry, type JwtVerifier, type Logger, type OrphanJob, type Pool, type ServiceApp,
} from '@bazaar/platform';
import pkg from '../package.json' with { type: 'json' };
import type { InventoryPublish } from './events.js';
import { registerStockRoutes } from './stock/stock.routes.js';
import { defaultStockSettings, type StockSettings } from './stock/stock.js';

/** Inventory's own migrations, applied to its database alone. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export interface InventoryDeps {
  pool: Pool;
  logger: Logger;
  /** Verifies identity's access tokens; every inventory route is for admins. */
  verifier: Pick<JwtVerifier, 'preHandler'>;
  settings?: Partial<StockSettings>;
  now?: () => Date;
  /** Where changes are announced, in the transaction that made them: the service's outbox. */
  publish: InventoryPublish;
  health?: HealthRegistry;
  /** The service's parked messages, listed and replayed by admins at /admin/dlq. */
  deadLetters?: DeadLetterQueue;
  processMetrics?: boolean;
  /** The orphan cleanup, whose last findings admins read at /admin/orphans. */
  orphans?: Pick<OrphanJob, 'report'>;
}

/** The inventory HTTP app, ready to `listen` or to `inject` into in tests. */
export async function buildApp(deps: InventoryDeps): Promise<ServiceApp> {
  const app = await createServiceApp({
    name: 'inventory',
    version: pkg.version,
    description: pkg.description,
    logger: deps.logger,
    ...(deps.health ? { health: deps.health } : {}),
    processMetrics: deps.processMetrics ?? false,
  });
  registerDatabaseHealth(app.health, deps.pool);
  registerStockRoutes(app, {
    pool: deps.pool,
    verifier: deps.verifier,
    settings: { ...defaultStockSettings, ...deps.settings },
    now: deps.now ?? (() => new Date()),
    publish: deps.publish,
  });
  if (deps.deadLetters) registerDeadLetterRoutes(app, deps.deadLetters, { preHandler: deps.verifier.preHandler({ role: 'admin' }), outbox: deps.pool });
  registerSignalsRoute(app, { preHandler: deps.verifier.preHandler({ role: 'admin' }) });
  if (deps.orphans) registerOrphansRoute(app, deps.orphans, { preHandler: deps.verifier.preHandler({ role: 'admin' }) });
  await app.ready();
  return app;
}
