import { Type, type Static, type TObject, type TSchema } from 'typebox';
import Value from 'typebox/value';
import { CommonConfig, ConfigError, PortConfig, MetricsConfig, ServiceUrlConfig, baseUrlsOf, loadConfig } from '@bazaar/platform';
import { routeTable, underPrefix, upstreamParameter, type RouteAuth, type RouteEntry } from './routes.table.js';
import { CanarySettings, canaryConfig, canarySettingsFor, type CanaryConfig } from './canary.config.js';

/** A route of the table whose upstream is configured, with everything resolved. */
export interface GatewayRoute {
  prefix: string;
  /** An upstream's name, or `:name` for the prefix's parameter that names it (one of `upstreams`). */
  upstream: string;
  /** With a parameter as upstream: those of the services it may name that are configured. */
  upstreams?: string[];
  /** What the prefix becomes at the upstream. */
  rewrite?: string;
  /** Called past the upstream's client (no retry, no breaker). */
  direct?: boolean;
  auth: RouteAuth;
  timeoutMs: number;
}

export interface GatewayConfig {
  host: string;
  port: number;
  /** Where `/metrics` is served: a port of its own, for the monitoring network only. */
  metrics: { port: number; host: string };
  logLevel: string;
  shutdownTimeoutMs: number;
  routes: GatewayRoute[];
  /** Each configured upstream once, with its base URL. */
  upstreams: { name: string; url: string }[];
  /** Where identity's public keys are; absent only when no route needs a user. */
  jwksUrl?: string;
  jwksCooldownMs: number;
  /** How old identity's list of ended sessions may be before a request waits for a new one. */
  /** Where identity lists ended sessions (default: beside jwksUrl). */
  revocationUrl?: string;
  revocationRefreshMs: number;
  webOrigins: string[];
  rateLimit: { max: number; windowMs: number };
  resilience: { timeoutMs: number; retryMaxAttempts: number; breakerThreshold: number; breakerHalfOpenMs: number };
  docsCacheMs: number;
  trustProxy: boolean | string[];
  /** Strict-Transport-Security max-age in seconds; 0 sends no such header. */
  hstsMaxAgeSeconds: number;
  /** Second versions of services beside the first (`<UPSTREAM>_CANARY_URL`), and the reads compared (canary.config.ts). */
  canary: CanaryConfig;
}

const AuthModeSchema = Type.Union([Type.Literal('public'), Type.Literal('user'), Type.Literal('admin')]);
const UpstreamName = Type.String({ pattern: '^[a-z][a-z0-9-]*$' });
const RoutesSchema = Type.Array(Type.Object({
  prefix: Type.String({ pattern: '^/[A-Za-z0-9._~-]+(/([A-Za-z0-9._~-]+|:[A-Za-z][A-Za-z0-9_]*))*$' }),
  upstream: Type.String({ pattern: '^([a-z][a-z0-9-]*|:[A-Za-z][A-Za-z0-9_]*)$' }),
  upstreams: Type.Optional(Type.Array(UpstreamName, { minItems: 1 })),
  rewrite: Type.Optional(Type.String({ pattern: '^/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$' })),
  direct: Type.Optional(Type.Boolean()),
  auth: Type.Union([AuthModeSchema, Type.Intersect([Type.Object({ '*': AuthModeSchema }), Type.Record(Type.String(), AuthModeSchema)])]),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 120_000 })),
}, { additionalProperties: false }));

const urlVariable = (upstream: string) => `${upstream.toUpperCase().replace(/-/g, '_')}_URL`;
const UrlConfig = () => Type.Optional(Type.String({ pattern: '^https?://', description: 'an http:// URL' }));

const GatewaySettings = {
  ...CommonConfig,
  PORT: PortConfig(8080),
  ...MetricsConfig(8130),
  WEB_ORIGIN: Type.String({ default: 'http://localhost:3000', description: 'a comma-separated list of origins' }),
  GATEWAY_ROUTES: Type.Optional(Type.String({ description: 'a JSON array of routes' })),
  GATEWAY_UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 10, maximum: 120_000, default: 5000 }),
  GATEWAY_RETRY_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 10, default: 3 }),
  GATEWAY_BREAKER_THRESHOLD: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  GATEWAY_BREAKER_HALF_OPEN_MS: Type.Integer({ minimum: 10, maximum: 600_000, default: 10_000 }),
  GATEWAY_RATE_LIMIT_MAX: Type.Integer({ minimum: 1, maximum: 10_000_000, default: 600 }),
  GATEWAY_RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 100, maximum: 86_400_000, default: 60_000 }),
  GATEWAY_JWKS_URL: UrlConfig(),
  GATEWAY_JWKS_COOLDOWN_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 30_000 }),
  // Where identity lists ended sessions; by default beside the key set (…/.well-known/revoked-sessions).
  GATEWAY_REVOCATION_URL: UrlConfig(),
  // A logged-out token is refused at most this long (plus one fetch) after the logout.
  GATEWAY_REVOCATION_REFRESH_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 2000 }),
  GATEWAY_DOCS_CACHE_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 30_000 }),
  // Which peers may set X-Forwarded-For (a load balancer in front). "false": the socket's address is the client.
  GATEWAY_TRUST_PROXY: Type.String({ default: 'false', description: 'false, true, or a comma-separated list of addresses or CIDRs' }),
  // Strict-Transport-Security max-age in seconds (e.g. 31536000), set only where clients reach the gateway over TLS.
  // 0, the default, sends no such header: locally the gateway listens on plain http.
  GATEWAY_HSTS: Type.Integer({ minimum: 0, maximum: 63_072_000, default: 0, description: 'max-age in seconds; 0 for none' }),
  ...CanarySettings,
};

/**
 * The gateway's configuration, from the environment alone (this is the only file that reads it).
 * Upstream base URLs come from `<UPSTREAM>_URL` for every upstream the routing table names.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const table = mergeRoutes(routeTable, parseRoutes(env.GATEWAY_ROUTES));
  checkRoutes(table);
  const upstreamNames = [...new Set(table.flatMap((r) => (upstreamParameter(r) ? r.upstreams ?? [] : [r.upstream])))];
  const urlSettings: Record<string, TSchema> = Object.fromEntries(upstreamNames.map((name) => [urlVariable(name), Type.Optional(ServiceUrlConfig(`${name}'s base URL`))]));
  // One schema for everything, so a single error names every variable that is wrong.
  const raw = loadConfig(Type.Object({ ...GatewaySettings, ...urlSettings, ...canarySettingsFor(upstreamNames) }), env) as unknown as Static<TObject<typeof GatewaySettings>> & Record<string, unknown>;

  const upstreams = upstreamNames
    .filter((name) => typeof raw[urlVariable(name)] === 'string')
    .map((name) => ({ name, url: baseUrlsOf(raw[urlVariable(name)] as string).join(',') }));
  const configured = (name: string) => upstreams.some((u) => u.name === name);
  // A route whose upstream is a parameter may name only the configured ones; with none, it is left out.
  const routes: GatewayRoute[] = table
    .map((r) => (upstreamParameter(r) ? { ...r, upstreams: (r.upstreams ?? []).filter(configured) } : r))
    .filter((r) => (upstreamParameter(r) ? r.upstreams!.length > 0 : configured(r.upstream)))
    .map((r) => ({ ...r, timeoutMs: r.timeoutMs ?? raw.GATEWAY_UPSTREAM_TIMEOUT_MS }));

  const identity = upstreams.find((u) => u.name === 'identity');
  // With several identity replicas listed, its keys are read from the first (they all serve the same keys).
  const jwksUrl = raw.GATEWAY_JWKS_URL ?? (identity ? `${baseUrlsOf(identity.url)[0]}/.well-known/jwks.json` : undefined);
  const needsUsers = routes.some((r) => typeof r.auth !== 'string' || r.auth !== 'public');
  if (needsUsers && !jwksUrl) {
    throw new ConfigError([{ variable: 'GATEWAY_JWKS_URL', message: 'is required (or IDENTITY_URL) because some routes need a signed-in user' }]);
  }

  return {
    host: raw.HOST,
    port: raw.PORT,
    metrics: { port: raw.METRICS_PORT, host: raw.METRICS_HOST },
    logLevel: raw.LOG_LEVEL,
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT_MS,
    routes,
    upstreams,
    ...(jwksUrl ? { jwksUrl } : {}),
    jwksCooldownMs: raw.GATEWAY_JWKS_COOLDOWN_MS,
    ...(raw.GATEWAY_REVOCATION_URL ? { revocationUrl: raw.GATEWAY_REVOCATION_URL } : {}),
    revocationRefreshMs: raw.GATEWAY_REVOCATION_REFRESH_MS,
    webOrigins: raw.WEB_ORIGIN.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean),
    rateLimit: { max: raw.GATEWAY_RATE_LIMIT_MAX, windowMs: raw.GATEWAY_RATE_LIMIT_WINDOW_MS },
    resilience: {
      timeoutMs: raw.GATEWAY_UPSTREAM_TIMEOUT_MS,
      retryMaxAttempts: raw.GATEWAY_RETRY_MAX_ATTEMPTS,
      breakerThreshold: raw.GATEWAY_BREAKER_THRESHOLD,
      breakerHalfOpenMs: raw.GATEWAY_BREAKER_HALF_OPEN_MS,
    },
    docsCacheMs: raw.GATEWAY_DOCS_CACHE_MS,
    trustProxy: parseTrustProxy(raw.GATEWAY_TRUST_PROXY),
    hstsMaxAgeSeconds: raw.GATEWAY_HSTS,
    canary: canaryConfig(raw, upstreams, (path) => routes
      .filter((r) => !upstreamParameter(r) && underPrefix(r.prefix, path))
      .sort((a, b) => b.prefix.length - a.prefix.length)[0]?.upstream),
  };
}

function parseRoutes(json: string | undefined): RouteEntry[] {
  if (!json?.trim()) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ConfigError([{ variable: 'GATEWAY_ROUTES', message: `is not valid JSON (${(error as Error).message})` }]);
  }
  if (!Value.Check(RoutesSchema, value)) {
    const first = [...Value.Errors(RoutesSchema, value)][0];
    throw new ConfigError([{ variable: 'GATEWAY_ROUTES', message: `must be a list of { prefix, upstream, upstreams?, rewrite?, direct?, auth, timeoutMs? }: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}` }]);
  }
  return value as RouteEntry[];
}

/**
 * A parameter as upstream names a parameter of its prefix and comes with the services it may name;
 * a route with a fixed upstream lists none (it would suggest a choice that is not made). A rewrite
 * has no `.` or `..` segment: the path it makes must be the one it says.
 */
function checkRoutes(table: RouteEntry[]): void {
  const problems = table.flatMap((r) => {
    if (r.rewrite?.split('/').some((segment) => segment === '.' || segment === '..')) return [`${r.prefix}: its rewrite may not contain "." or ".." segments`];
    const parameter = upstreamParameter(r);
    if (!parameter) return r.upstreams ? [`${r.prefix}: upstreams is for a route whose upstream is a parameter`] : [];
    if (!r.prefix.split('/').includes(`:${parameter}`)) return [`${r.prefix}: its upstream :${parameter} is not a parameter of the prefix`];
    return r.upstreams?.length ? [] : [`${r.prefix}: upstreams must list the services :${parameter} may name`];
  });
  if (problems.length) throw new ConfigError(problems.map((message) => ({ variable: 'GATEWAY_ROUTES', message })));
}

/** Entries of `GATEWAY_ROUTES` replace the table's entry with the same prefix, or are added. */
function mergeRoutes(table: RouteEntry[], overrides: RouteEntry[]): RouteEntry[] {
  const byPrefix = new Map(table.map((r) => [r.prefix, r]));
  for (const route of overrides) byPrefix.set(route.prefix, route);
  return [...byPrefix.values()];
}

function parseTrustProxy(value: string): boolean | string[] {
  const v = value.trim();
  if (v === 'false' || v === '') return false;
  if (v === 'true') return true;
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}
