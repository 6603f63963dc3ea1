import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import {
  AppError,
  createJwtVerifier,
  createServiceApp,
  type JwtVerifier,
  type Logger,
  type ServiceApp,
  type ServiceClient,
} from '@bazaar/platform';
import pkg from '../package.json' with { type: 'json' };
import type { GatewayConfig } from './config.js';
import { createGatewayAuth, type GatewayAuth } from './auth.js';
import { registerProxyRoutes } from './proxy.js';
import { createDocsAggregator, registerDocs } from './docs.js';
import { registerOverview, DEGRADED_HEADER, type OverviewPart } from './overview.js';
import { registerTracking } from './tracking.js';
import { underPrefix, upstreamParameter } from './routes.table.js';
import { createCanaryClients, createUpstreamClients, registerUpstreamProbes } from './upstreams.js';
import { createCanaries } from './canary.js';
import { createDualRun } from './dual-run.js';
import { registerCanaryRoutes } from './canary.routes.js';
import { registerSecurityHeaders, restrictHealthDetails } from './edge.js';

export interface GatewayDeps {
  logger: Logger;
  /** Upstream clients by name; made from the config when not given. */
  clients?: Map<string, ServiceClient>;
  /** Token verifier; made from the config's key set URL when not given. */
  verifier?: JwtVerifier;
  processMetrics?: boolean;
}

/**
 * The gateway: routes by the table, verifies callers' tokens locally, and wraps each upstream in a
 * timeout, retries and a circuit breaker. It holds no data; its only local state is caches (keys,
 * merged API document) and in-memory rate-limit counters, so any number of instances behave alike.
 */
export async function buildApp(config: GatewayConfig, deps: GatewayDeps): Promise<ServiceApp> {
  const clients = deps.clients ?? createUpstreamClients(config, deps.logger);
  const verifier = deps.verifier ?? (config.jwksUrl ? createJwtVerifier({
    jwksUrl: config.jwksUrl,
    cooldownMs: config.jwksCooldownMs,
    ...(config.revocationUrl ? { revocationUrl: config.revocationUrl } : {}),
    revocationRefreshMs: config.revocationRefreshMs,
  }) : undefined);
  const auth = createGatewayAuth(verifier);

  const app = await createServiceApp({
    name: 'gateway',
    version: pkg.version,
    description: 'The stateless edge of Bazaar. The API of the services behind it is at /docs.',
    logger: deps.logger,
    processMetrics: deps.processMetrics ?? false,
    fastify: { trustProxy: config.trustProxy },
    openapi: { rateLimited: (url) => !exemptFromRateLimit(url), headers: CORS_HEADERS },
  });
  registerUpstreamProbes(app.health, clients);
  const canaryClients = createCanaryClients(config, deps.logger);
  registerUpstreamProbes(app.health, canaryClients);
  const canaries = createCanaries(config.canary, { clients: canaryClients, logger: deps.logger, metrics: app.metrics });
  const dualRun = createDualRun(config.canary.dualRun, { samples: config.canary.samples, logger: deps.logger, metrics: app.metrics });
  app.addHook('onClose', async () => {
    await Promise.all([...clients.values(), ...canaryClients.values()].map((client) => client.close()));
  });

  registerSecurityHeaders(app, { hstsMaxAgeSeconds: config.hstsMaxAgeSeconds });
  restrictHealthDetails(app, auth);
  await app.register(cors, {
    origin: config.webOrigins,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['x-correlation-id', DEGRADED_HEADER, 'location', 'retry-after', 'www-authenticate', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset',
      // catalog's read-your-writes token (a write answers with it; a read sending it back is served as current)
      'x-catalog-lsn'],
    maxAge: 600,
  });
  await registerRateLimit(app, config, auth);

  await registerProxyRoutes(app, { routes: config.routes, clients, auth, canaries, dualRun });
  registerCanaryRoutes(app, { auth, canaries, dualRun });
  // API composition: the parts are read with the budget of the route that serves their path.
  const part = (upstream: string, path: string): OverviewPart | undefined => {
    const client = clients.get(upstream);
    const route = config.routes.find((r) => r.upstream === upstream && underPrefix(r.prefix, path));
    return client ? { client, timeoutMs: route?.timeoutMs ?? config.resilience.timeoutMs } : undefined;
  };
  const identity = part('identity', '/users/me');
  const orders = part('orders', '/orders');
  if (identity) registerOverview(app, { auth, identity, ...(orders ? { orders } : {}) });
  const shipping = part('shipping', '/shipments');
  if (orders || shipping) registerTracking(app, { auth, ...(orders ? { orders } : {}), ...(shipping ? { shipping } : {}) });
  await registerDocs(app, createDocsAggregator({
    sources: config.upstreams.map((u) => ({
      name: u.name,
      client: clients.get(u.name)!,
      prefixes: config.routes.filter((r) => r.upstream === u.name && !r.rewrite).map((r) => r.prefix),
    })),
    rewritten: config.routes.filter((r) => r.rewrite).map((r) => ({
      prefix: r.prefix,
      rewrite: r.rewrite!,
      upstreams: r.upstreams ?? [r.upstream],
      ...(upstreamParameter(r) ? { parameter: upstreamParameter(r)! } : {}),
      ...(r.auth === 'admin' ? { security: [{ bearer: ['admin'] }] } : {}),
    })),
    cacheMs: config.docsCacheMs,
    version: pkg.version,
    edge: { rateLimited: true, headers: CORS_HEADERS },
    own: { document: () => app.swagger() as unknown as Record<string, unknown>, prefixes: [...(identity ? ['/me'] : []), ...(orders || shipping ? ['/orders/:id/tracking'] : []), '/admin/canaries'] },
    logger: deps.logger,
  }));
  return app;
}

/** The probes: load balancers and orchestrators must never be refused. */
const exemptFromRateLimit = (url: string) => url.startsWith('/health');

/** @fastify/cors answers a request from an allowed origin (the web app's) with that origin. */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': {
    description: "the request's Origin, when it is one of the web app's (CORS); absent otherwise",
    schema: { type: 'string', format: 'uri', maxLength: 2048 },
  },
};

/**
 * Per-client limits, counted in each instance's memory (N instances allow up to N times the limit;
 * a shared store would make the gateway stateful). Keyed by user id when the request carries a valid
 * token, else by client address. Health and metrics are not limited.
 */
async function registerRateLimit(app: ServiceApp, config: GatewayConfig, auth: GatewayAuth): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    hook: 'onRequest',
    keyGenerator: async (request) => {
      const user = await auth.identify(request);
      return user ? `user:${user.userId}` : `ip:${request.ip}`;
    },
    allowList: (request) => exemptFromRateLimit(request.url),
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError('too_many_requests', `too many requests: at most ${context.max} per ${Math.round(config.rateLimit.windowMs / 1000)} s; retry in ${seconds} s`, {
        headers: { 'retry-after': String(seconds) },
      });
    },
  });
}
