import { fileURLToPath } from 'node:url';
import {
  createServiceApp,
  registerDatabaseHealth,
  registerDeadLetterRoutes, registerOrphansRoute, registerSignalsRoute,
  type DeadLetterQueue,
  type HealthRegistry,
  type JwtVerifier,
  type Logger,
  type OrphanJob,
  type Pool,
  type ServiceApp,
} from '@bazaar/platform';
import pkg from '../package.json' with { type: 'json' };
import type { CatalogPublish } from './events.js';
import { registerCategoryRoutes } from './categories/category.routes.js';
import { registerProductLookupRoute } from './products/product-lookup.routes.js';
import { registerProductRoutes } from './products/product.routes.js';
import { registerReviewRoutes } from './reviews/review.routes.js';

/** Catalog's own migrations, applied to its database alone. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export interface CatalogDeps {
  pool: Pool;
  logger: Logger;
  /** Verifies identity's access tokens (admin writes, reviews). */
  verifier: JwtVerifier;
  /** Where product changes are announced, in the transaction that made them: the service's outbox. */
  publish: CatalogPublish;
  health?: HealthRegistry;
  /** The service's parked messages, listed and replayed by admins at /admin/dlq. */
  deadLetters?: DeadLetterQueue;
  processMetrics?: boolean;
  /** The orphan cleanup, whose last findings admins read at /admin/orphans. */
  orphans?: Pick<OrphanJob, 'report'>;
  /** Adds hooks before the app is made ready, since Fastify takes none after (tests: a catalog that breaks a contract). */
  beforeReady?: (app: ServiceApp) => void;
}

/** The catalog HTTP app, ready to `listen` or to `inject` into in tests. */
export async function buildApp(deps: CatalogDeps): Promise<ServiceApp> {
  const app = await createServiceApp({
    name: 'catalog',
    version: pkg.version,
    description: pkg.description,
    logger: deps.logger,
    ...(deps.health ? { health: deps.health } : {}),
    processMetrics: deps.processMetrics ?? false,
  });
  registerDatabaseHealth(app.health, deps.pool);
  registerCategoryRoutes(app, deps);
  registerProductLookupRoute(app, deps);
  registerProductRoutes(app, deps);
  registerReviewRoutes(app, deps);
  if (deps.deadLetters) registerDeadLetterRoutes(app, deps.deadLetters, { preHandler: deps.verifier.preHandler({ role: 'admin' }), outbox: deps.pool });
  registerSignalsRoute(app, { preHandler: deps.verifier.preHandler({ role: 'admin' }) });
  if (deps.orphans) registerOrphansRoute(app, deps.orphans, { preHandler: deps.verifier.preHandler({ role: 'admin' }) });
  deps.beforeReady?.(app);
  await app.ready();
  return app;
}
