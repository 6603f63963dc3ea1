import { Registry } from 'prom-client';
import { contracts } from '@bazaar/contracts';
import { createIntervalJob, createJwtVerifier, createLogger, createMessaging, failStart, messagingSettings, runService, type Logger } from '@bazaar/platform';
import { buildApp } from './app.js';
import { startCdc } from './cdc/reader.js';
import { registerCdcHealth, registerCdcMetrics } from './cdc/observability.js';
import { cdcSourcesOf, jwksUrlOf, loadAnalyticsConfig, warehouseFileOf } from './config.js';
import { createErasureAnnouncer } from './ingest/erasure.announcer.js';
import { createEventHandlers, RECEIVES } from './ingest/handlers.js';
import { WarehouseInbox, type EventBatch } from './ingest/inbox.js';
import { rebuild } from './ingest/rebuild.js';
import { registerAnalyticsMetrics } from './observability.js';
import { Reconciler } from './reconciliation/reconciler.js';
import { scheduleReconciliation } from './reconciliation/schedule.js';
import { Warehouse } from './warehouse/warehouse.js';

let logger: Logger | undefined;
try {
  const config = loadAnalyticsConfig();
  const log = createLogger('analytics', config.LOG_LEVEL);
  logger = log;
  const warehouse = await Warehouse.open(warehouseFileOf(config), {
    ...(config.ANALYTICS_DUCKDB_THREADS ? { threads: config.ANALYTICS_DUCKDB_THREADS } : {}),
    ...(config.ANALYTICS_DUCKDB_MEMORY_LIMIT ? { memoryLimit: config.ANALYTICS_DUCKDB_MEMORY_LIMIT } : {}),
  });
  const metrics = new Registry();
  const observed = registerAnalyticsMetrics(metrics);
  const inbox = new WarehouseInbox(warehouse, { maxBatch: config.ANALYTICS_BATCH_MAX, lingerMs: config.ANALYTICS_BATCH_LINGER_MS, logger: log, onBatch: observed.onBatch });
  // No PostgreSQL: the inbox is raw_events in the warehouse, and nothing is announced (no outbox).
  const messaging = createMessaging<typeof contracts.events, typeof contracts.commands, EventBatch>({
    service: 'analytics', inbox, logger, contracts, relay: false, ...messagingSettings(config),
    // A batch's deliveries stay unacknowledged until it commits: twice its size in hand lets the next
    // batch fill while one is being folded.
    prefetch: 2 * config.ANALYTICS_BATCH_MAX,
    handlers: { events: createEventHandlers() },
    receives: RECEIVES,
  });
  // The data products of other services, by logical replication (none when the launcher gave none).
  const cdc = startCdc({ sources: cdcSourcesOf(config), warehouse, logger: log });
  registerCdcMetrics(metrics, cdc);
  const reconciler = new Reconciler(warehouse, {
    graceSeconds: config.ANALYTICS_RECONCILE_GRACE_SECONDS, sagaDeadlineSeconds: config.ANALYTICS_SAGA_DEADLINE_SECONDS, onRun: observed.onRun,
  });
  const auth = createJwtVerifier({ jwksUrl: jwksUrlOf(config.IDENTITY_URL), issuer: 'bazaar-identity', audience: 'bazaar' });
  const app = await buildApp({
    warehouse, auth, logger, reconciler, metrics, deadLetters: messaging.deadLetters, processMetrics: true,
    rebuild: () => rebuild(warehouse),
    status: () => ({ lastFoldedAt: observed.lastFoldedAt(), cdc: cdc.status() }),
  });
  registerCdcHealth(app.health, cdc);
  const reconcile = scheduleReconciliation(reconciler, { intervalMs: config.ANALYTICS_RECONCILE_INTERVAL_MS, firstRunAfterMs: config.ANALYTICS_RECONCILE_FIRST_RUN_MS, logger: log });
  // Confirmations of deleted users' erasure (user.erased): no outbox here, so owed ones are re-read from the warehouse.
  const settings = messagingSettings(config);
  const announcer = createErasureAnnouncer(warehouse, { amqpUrl: settings.amqpUrl, namespace: config.MESSAGING_NAMESPACE, logger: log });
  const erasures = createIntervalJob({ name: 'erasure-confirmations', intervalMs: config.ANALYTICS_ERASURE_INTERVAL_MS, logger: log, run: async () => { await announcer.announce(); } });
  messaging.observe(app);
  await runService({
    app, port: config.PORT, host: config.HOST,
    metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST }, logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    // The consumer stops first and lets its deliveries be answered, which needs the inbox to drain.
    closers: [() => erasures.stop(), () => announcer.close(), () => reconcile.stop(), () => cdc.stop(), () => messaging.stop(), () => inbox.drain(), () => warehouse.close()],
    onListening: async () => {
      await messaging.start();
      reconcile.start();
      erasures.start();
    },
  });
} catch (error) {
  failStart(logger, error);
}
