export * from './config.js';
export * from './errors.js';
export * from './logger.js';
export * from './context.js';
export * from './health.js';
export * from './lifecycle.js';
export * from './job.js';
export * from './time-limit.js';
export * from './money.js';
export * from './orphans.js';
export * from './http/app.js';
export { BEARER_SCHEME, ProblemSchema, RATE_LIMIT_HEADERS, documentHeaders, documentProblems, documentRateLimit, operationsOf, type OpenApiOptions, type ProblemDocument, type RouteNote } from './http/openapi.js';
export { HealthStatusSchema } from './http/health.routes.js';
export * from './http/client.js';
export * from './http/metrics-server.js';
export { statusClassOf, UNMATCHED_ROUTE } from './http/request-metrics.js';
export { readSignals, registerSignalsRoute, type SignalsRouteOptions, type SignalsSnapshot } from './http/signals.routes.js';
export * from './saturation.js';
// The metric types a service adds its own signals with, from the same prom-client as the kit's
// registry (so a service depends on the kit alone for them).
export { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';
export * from './auth/jwt.js';
export * from './db/pool.js';
export * from './db/migrate.js';
export * from './db/schema-gate.js';
export { runMigrateCli, type CliOutput } from './db/migrate-cli.js';
export * from './db/url.js';
export * from './messaging/index.js';
// The SDK itself (observability/setup.ts) is loaded only by `--import @bazaar/platform/register`.
export { activeTraceparent, traceFields, shutdownTracing, withConsumerSpan, recordError, BazaarAttributes, type MessageSpanOptions } from './observability/tracing.js';
export { checkFlagDefinitions, createFlags, FlagsConfig, registerFlagsHealth, type FlagContext, type Flags, type FlagsOptions } from './flags/index.js';
