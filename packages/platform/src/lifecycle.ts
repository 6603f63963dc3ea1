import type { Logger } from './logger.js';
import type { ServiceApp } from './http/app.js';
import { Type } from 'typebox';
import { loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import type { Pool } from './db/pool.js';
import { registerSchemaGate, schemaRequirement, waitForSchema, type SchemaRequirement } from './db/schema-gate.js';
import { shutdownTracing } from './observability/tracing.js';
import { startMetricsServer, type MetricsServer } from './http/metrics-server.js';

export interface RunServiceOptions {
  app: ServiceApp;
  port: number;
  host: string;
  logger: Logger;
  /** How long in-flight work may take to finish after SIGTERM before the process exits anyway. */
  shutdownTimeoutMs: number;
  /**
   * Called in reverse order after the HTTP server has stopped and in-flight requests have finished:
   * stop consumers and relays first (registered last), then close pools (registered first).
   */
  closers?: (() => Promise<unknown> | unknown)[];
  /** Started once the server listens (relays, consumers, jobs); their closers go in `closers`. */
  onListening?: () => Promise<void> | void;
  /**
   * Where `GET /metrics` is served: a listener of its own, for the monitoring network only (the
   * public port does not serve metrics). Started before the public port, stopped after it.
   */
  metrics?: { port: number; host: string };
  /**
   * The schema the code needs ({@link migrateOnStart}'s result) and the pool of its database: the
   * app gets a `schema` readiness probe, and `onListening` waits until the database has it, so no
   * consumer or job runs on a schema behind the code while the rollout's migration Job has not run.
   */
  schema?: { pool: Pick<Pool, 'query'>; requirement: SchemaRequirement };
}

/**
 * Listens, and on SIGTERM or SIGINT shuts down gracefully: readiness turns false, the server stops
 * accepting connections, in-flight requests finish, then background work and pools are closed.
 * A second signal, or the timeout, exits at once.
 */
export async function runService(options: RunServiceOptions): Promise<void> {
  const { app, logger } = options;
  let stopping = false;
  let metricsServer: MetricsServer | undefined;

  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight work');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: options.shutdownTimeoutMs }, 'shutdown timed out: exiting with work unfinished');
      process.exit(1);
    }, options.shutdownTimeoutMs);
    timer.unref();
    try {
      await app.close();
      await metricsServer?.close();
      for (const close of [...(options.closers ?? [])].reverse()) await close();
      // The spans of the last requests and messages, still buffered, go out before the process does.
      await shutdownTracing().catch((error: unknown) => logger.warn({ err: error }, 'could not send the last spans'));
      logger.info('stopped');
      clearTimeout(timer);
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  if (options.metrics) {
    metricsServer = await startMetricsServer({ registry: app.metrics, ...options.metrics, logger });
    logger.info({ port: metricsServer.port, host: options.metrics.host }, 'metrics served at /metrics');
  }
  if (options.schema) registerSchemaGate(app.health, options.schema.pool, options.schema.requirement, { logger });
  await app.listen({ port: options.port, host: options.host });
  logger.info({ port: options.port, host: options.host }, 'listening');
  if (options.schema && !(await waitForSchema(options.schema.pool, options.schema.requirement, { stopped: () => stopping, logger }))) return;
  await options.onListening?.();
}

/** Whether a service migrates its own database as it starts; read by {@link migrateOnStart}. */
export const MigrationConfig = {
  /**
   * `false` where the rollout migrates before the new pods (Kubernetes: the migration Job), so that
   * pods never race to change the schema and a migration's failure stops the rollout, not a pod.
   */
  MIGRATE_ON_START: Type.Boolean({ default: true, description: 'true or false' }),
};

/**
 * The start-up step every service with a database runs before serving: apply its own migrations
 * (unless `MIGRATE_ON_START=false`, when the rollout's migration Job does). A failing migration is
 * rolled back and ends the start with a message naming the file. Returns the schema the code needs,
 * for `runService`'s `schema`: the pod is not ready, and starts no background work, while its
 * database is behind it.
 */
export async function migrateOnStart(
  databaseUrl: string, migrationsDir: string, logger: Logger, env: NodeJS.ProcessEnv = process.env,
): Promise<SchemaRequirement> {
  const requirement = await schemaRequirement(migrationsDir);
  if (!loadConfig(Type.Object(MigrationConfig), env).MIGRATE_ON_START) {
    logger.info({ requires: requirement.requires }, 'not migrating (MIGRATE_ON_START=false): the rollout migrates; not ready until the database has the schema this code needs');
    return requirement;
  }
  const result = await migrate(databaseUrl, migrationsDir, (line) => logger.info(line));
  if (result.ahead.length) logger.warn({ ahead: result.ahead }, 'the database has migrations this code does not know (a newer release expanded the schema first); serving on it');
  logger.info({ applied: result.applied.length, alreadyApplied: result.alreadyApplied }, 'database schema up to date');
  return requirement;
}

/** Logs a start-up failure in one clear line and exits non-zero (for a service's main.ts). */
export function failStart(logger: Logger | undefined, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  if (logger) logger.fatal({ err: error }, `failed to start: ${message}`);
  else console.error(`failed to start: ${message}`);
  process.exit(1);
}
