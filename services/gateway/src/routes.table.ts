/**
 * The gateway's routing table: the only thing it knows about the system. Plain data; each service
 * that joins the system adds its lines here. A route whose upstream has no base URL configured
 * (`<UPSTREAM>_URL`, e.g. CATALOG_URL) is left out, so its paths answer 404. `GATEWAY_ROUTES` may
 * replace or add entries at deploy time (see config.ts).
 */

/** Who may call: anyone, any signed-in user, or a user holding the `admin` role. */
export type AuthMode = 'public' | 'user' | 'admin';

/** One mode for every method, or modes per method with `*` for the rest (HEAD follows GET). */
export type RouteAuth = AuthMode | ({ '*': AuthMode } & Partial<Record<string, AuthMode>>);

export interface RouteEntry {
  /**
   * Matched on path segments: `/users` matches `/users` and `/users/…`, not `/usersx`. A segment may be
   * a parameter (`/products/:id/reviews`), matching any one segment. Where two entries match a path,
   * the more specific one wins: at each segment a fixed name over a parameter over the rest of a
   * shorter prefix.
   */
  prefix: string;
  /**
   * The service it goes to; the upstream serves the same paths, so they are forwarded unchanged. Or
   * `:name`, a parameter of the prefix that names the service, which must be one of `upstreams`.
   */
  upstream: string;
  /** With a parameter as upstream: the services it may name. Any other value is a 404, sent nowhere. */
  upstreams?: string[];
  /**
   * What the prefix becomes at the upstream (`/admin/services/:service/dlq` → `/admin/dlq`); the rest
   * of the path and the query follow unchanged. Without it the path is forwarded as it came.
   */
  rewrite?: string;
  /**
   * Called past the upstream's client: once, not counted by its breaker. For reports whose 503 is the
   * answer (a service's full `/health` when it is unhealthy), which must neither be retried nor open
   * the circuit that the service's other routes go through.
   */
  direct?: boolean;
  auth: RouteAuth;
  /** Budget of one call to the upstream, retries included; the gateway default otherwise. */
  timeoutMs?: number;
}

const SERVICES = ['identity', 'catalog', 'inventory', 'orders', 'payments', 'shipping', 'notifications', 'analytics'];
/**
 * The services that consume messages, so have a dead-letter queue: every one (identity since it
 * collects the services' confirmations of an account's erasure).
 */
const CONSUMERS = SERVICES;
/** The services with an outbox in their database (analytics keeps no PostgreSQL database). */
const WITH_OUTBOX = ['identity', 'catalog', 'inventory', 'orders', 'payments', 'shipping', 'notifications'];

export const routeTable: RouteEntry[] = [
  // Registration, login, refresh and verify need no token; identity checks the ones that do itself.
  { prefix: '/auth', upstream: 'identity', auth: 'public' },
  { prefix: '/users', upstream: 'identity', auth: 'user' },
  { prefix: '/categories', upstream: 'catalog', auth: { GET: 'public', '*': 'admin' } },
  { prefix: '/products', upstream: 'catalog', auth: { GET: 'public', '*': 'admin' } },
  // Any signed-in user may review a product; the rest of /products is written by admins only.
  { prefix: '/products/:id/reviews', upstream: 'catalog', auth: { GET: 'public', POST: 'user', '*': 'admin' } },
  { prefix: '/inventory', upstream: 'inventory', auth: 'admin' },
  // POST /orders carries an Idempotency-Key, so the upstream client may retry it like a GET.
  { prefix: '/orders', upstream: 'orders', auth: 'user' },
  { prefix: '/payments', upstream: 'payments', auth: 'user' },
  { prefix: '/shipments', upstream: 'shipping', auth: 'user' },
  // Operators register couriers and find the nearest; a courier's own calls (shift, position, its
  // parcels) need a signed-in user here, and shipping checks the courier role.
  { prefix: '/couriers', upstream: 'shipping', auth: 'admin' },
  { prefix: '/couriers/me', upstream: 'shipping', auth: 'user' },
  // A user's own messages; the queue, failed messages and their retry are for operators.
  { prefix: '/notifications', upstream: 'notifications', auth: 'user' },
  { prefix: '/notifications/queue', upstream: 'notifications', auth: 'admin' },
  { prefix: '/notifications/failed', upstream: 'notifications', auth: 'admin' },
  { prefix: '/notifications/:id/retry', upstream: 'notifications', auth: 'admin' },
  // The warehouse's reports and reconciliation are for operators; a report over a large period
  // takes longer than a service call should.
  { prefix: '/analytics', upstream: 'analytics', auth: 'admin', timeoutMs: 30_000 },
  // The operations console: each service's parked messages, outbox, golden signals' counters and full health report, for
  // operators, under one path per service (the kit serves the same routes on every service).
  { prefix: '/admin/services/:service/dlq', upstream: ':service', upstreams: CONSUMERS, rewrite: '/admin/dlq', auth: 'admin' },
  { prefix: '/admin/services/:service/outbox', upstream: ':service', upstreams: WITH_OUTBOX, rewrite: '/admin/outbox', auth: 'admin' },
  { prefix: '/admin/services/:service/signals', upstream: ':service', upstreams: SERVICES, rewrite: '/admin/signals', auth: 'admin' },
  { prefix: '/admin/services/:service/health', upstream: ':service', upstreams: SERVICES, rewrite: '/health', direct: true, auth: 'admin' },
  { prefix: '/admin/services/:service/orphans', upstream: ':service', upstreams: ['catalog', 'inventory', 'shipping'], rewrite: '/admin/orphans', auth: 'admin' },
  { prefix: '/admin/sagas', upstream: 'orders', auth: 'admin' },
  // The trace receiver `npm start` runs (TRACES_URL): traces, and the isolation audit it keeps.
  { prefix: '/admin/traces', upstream: 'traces', rewrite: '/traces', auth: 'admin' },
  { prefix: '/admin/audit', upstream: 'traces', rewrite: '/audit', auth: 'admin' },
  // The flag store `npm start` runs (FLAGS_URL): the feature flags, listed and flipped.
  { prefix: '/admin/flags', upstream: 'flags', rewrite: '/flags', auth: 'admin' },
];

/** Whether a route's upstream is named by a parameter of its path. */
export const upstreamParameter = (route: Pick<RouteEntry, 'upstream'>): string | undefined =>
  route.upstream.startsWith(':') ? route.upstream.slice(1) : undefined;

/** Whether a path (without its query) lies under a prefix, a `:name` segment matching any one non-empty segment. */
export function underPrefix(prefix: string, path: string): boolean {
  const wanted = prefix.split('/');
  const segments = path.split('/');
  if (segments.length < wanted.length) return false;
  return wanted.every((segment, i) => (segment.startsWith(':') ? segments[i] !== '' : segment === segments[i]));
}

/** The auth mode of a route for one method. */
export function authFor(auth: RouteAuth, method: string): AuthMode {
  if (typeof auth === 'string') return auth;
  return auth[method] ?? (method === 'HEAD' ? auth.GET : undefined) ?? auth['*'];
}
