// @fastify/swagger adds `app.swagger()` and the `tags`, `hide` … route schema fields to fastify's types.
// Services compiled against this package's declarations (dist/) see that only if app.d.ts keeps the reference.
/// <reference types="@fastify/swagger" preserve="true" />
import { randomUUID } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { databaseQueriesSent } from '../db/pool.js';
import type { Logger } from '../logger.js';
import { HealthRegistry } from '../health.js';
import { acceptCorrelationId, acceptTraceparent, runWithContext } from '../context.js';
import { fastifyTracingPlugin } from '../observability/tracing.js';
import { registerErrorHandling } from './problem.js';
import { clientErrorHandler, createValidatorCompiler, frameworkErrors, registerNulGuard } from './edge.js';
import { registerHealthRoutes } from './health.routes.js';
import { registerOpenApi, type OpenApiOptions } from './openapi.js';
import { registerEventLoopMetrics } from '../saturation.js';
import { registerRequestMetrics } from './request-metrics.js';

export type ServiceApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface ServiceAppOptions {
  /** The service's name, as in logs, health and OpenAPI. */
  name: string;
  version: string;
  logger: Logger;
  description?: string;
  /** Probes for `/health`; one is made if not given. */
  health?: HealthRegistry;
  /** Metrics registry, served apart from the API by `runService`'s metrics port; one is made if not given. */
  metrics?: Registry;
  /** Collect Node process metrics (off in tests, where many apps share a process). */
  processMetrics?: boolean;
  /** Passed through to Fastify (body limit, trust proxy, …). */
  fastify?: Pick<FastifyServerOptions, 'bodyLimit' | 'trustProxy' | 'connectionTimeout' | 'keepAliveTimeout'>;
  /** What the API document says beyond the routes: an app-wide rate limit, headers sent with every answer. */
  openapi?: Pick<OpenApiOptions, 'rateLimited' | 'headers'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    health: HealthRegistry;
    metrics: Registry;
    /** False once shutdown has begun: readiness then fails so load balancers stop sending work. */
    accepting: boolean;
  }
  interface FastifyRequest {
    traceparent?: string;
  }
}

/**
 * Builds a Fastify app with everything a Bazaar service shares: TypeBox schemas, generated OpenAPI at
 * `/openapi.json`, correlation ids (taken from `x-correlation-id` or generated, echoed, and available
 * to outgoing calls through the request context), problem+json errors, `/health` (seed 000's shape),
 * `/health/live` and `/health/ready`, and a metrics registry (`app.metrics`) that `runService` serves
 * on a port of its own, never the public one. Register routes on the result, then call `ready()`.
 */
export async function createServiceApp(options: ServiceAppOptions): Promise<ServiceApp> {
  const app = Fastify({
    loggerInstance: options.logger,
    requestIdHeader: false,
    // Requests are logged once, on response, by the onResponse hook below (with status and time).
    logController: new LogController({ requestIdLogLabel: 'correlationId', disableRequestLogging: true }),
    genReqId: (req) => acceptCorrelationId(req.headers['x-correlation-id']) ?? randomUUID(),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Refusals from Fastify's router and from Node's HTTP parser, as problem+json echoing nothing.
    frameworkErrors,
    clientErrorHandler,
    ...options.fastify,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as ServiceApp;
  // Bodies strictly, query strings, parameters and headers converted as their schemas say (edge.ts).
  app.setValidatorCompiler(createValidatorCompiler());

  app.decorate('health', options.health ?? new HealthRegistry(options.name, options.version));
  app.decorate('metrics', options.metrics ?? new Registry());
  app.decorate('accepting', true);
  app.metrics.setDefaultLabels({ service: options.name });
  if (options.processMetrics) {
    collectDefaultMetrics({ register: app.metrics });
    registerEventLoopMetrics(app.metrics);
  }
  const observeRequest = registerRequestMetrics(app.metrics);
  new Gauge({
    name: 'db_client_queries',
    help: 'Statements sent by this process\'s database pools since it started',
    registers: [app.metrics],
    collect() {
      this.set(databaseQueriesSent());
    },
  });

  // A span per request, from the caller's traceparent (tracing on only; registered before the hook
  // below so that the request's context, logs and outbox messages are inside the span).
  const tracing = fastifyTracingPlugin();
  if (tracing) await app.register(tracing);

  // Every request runs inside its context, so logs, outgoing calls and outbox messages carry its ids.
  app.addHook('onRequest', (request, reply, done) => {
    const traceparent = acceptTraceparent(request.headers.traceparent);
    if (traceparent) request.traceparent = traceparent;
    reply.header('x-correlation-id', request.id);
    runWithContext({ correlationId: request.id, ...(traceparent ? { traceparent } : {}) }, done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = observeRequest(request, reply);
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    if (!route.startsWith('/health')) {
      request.log[level]({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    }
    done();
  });

  registerErrorHandling(app);
  registerNulGuard(app);

  await registerOpenApi(app, { title: options.name, version: options.version, description: options.description ?? '', ...options.openapi });
  registerHealthRoutes(app);
  app.addHook('preClose', async () => {
    app.accepting = false;
  });
  // A response finished during shutdown closes its connection; otherwise a keep-alive client would
  // hold the server open until its idle timeout.
  // Callback style: every answer passes here, and an async hook costs a promise each.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!app.accepting) reply.header('connection', 'close');
    done(null, payload);
  });
  return app;
}
