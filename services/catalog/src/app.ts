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
import { LSN_HEADER, createReadRouter, type ReadRouter } from './reads.js';

/** Catalog's own migrations, applied to its database alone. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export interface CatalogDeps {
  pool: Pool;
  /**
   * Where the reads that tolerate staleness go (a read replica, see reads.ts); without it, all to
   * `pool`. Its checks are started and stopped by whoever made it.
   */
  reads?: ReadRouter;
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
  const reads = deps.reads ?? createReadRouter({ primary: deps.pool });
  reads.registerHealth(app.health);
  reads.observe(app.metrics);
  if (reads.replicated) {
    // Read-your-writes: every successful write answers with the primary's WAL position after its
    // commit, which a read sends back to be served by a replica only once it has replayed that far.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 300) {
        const lsn = await reads.writePosition().catch(() => undefined);
        if (lsn) reply.header(LSN_HEADER, lsn);
      }
      return payload;
    });
  }
  registerCategoryRoutes(app, deps);
  registerProductLookupRoute(app, deps);
  registerProductRoutes(app, { ...deps, reads });
  registerReviewRoutes(app, deps);
  if (deps.deadLetters) registerDeadLetterRoutes(app, deps.deadLetters, { preHandler: deps.verifier.preHandler({ role: 'admin' }), outbox: deps.pool });
  registerSignalsRoute(app, { preHandler: deps.verifier.preHandler({ role: 'admin' }) });
  if (deps.orphans) registerOrphansRoute(app, deps.orphans, { preHandler: deps.verifier.preHandler({ role: 'admin' }) });
  deps.beforeReady?.(app);
  await app.ready();
  return app;
}
