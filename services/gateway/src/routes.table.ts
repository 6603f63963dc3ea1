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
  /** Matched on path segments: `/users` matches `/users` and `/users/…`, not `/usersx`. */
  prefix: string;
  /** The service it goes to; the upstream serves the same paths, so they are forwarded unchanged. */
  upstream: string;
  auth: RouteAuth;
  /** Budget of one call to the upstream, retries included; the gateway default otherwise. */
  timeoutMs?: number;
}

export const routeTable: RouteEntry[] = [
  // Registration, login, refresh and verify need no token; identity checks the ones that do itself.
  { prefix: '/auth', upstream: 'identity', auth: 'public' },
  { prefix: '/users', upstream: 'identity', auth: 'user' },
];

/** The auth mode of a route for one method. */
export function authFor(auth: RouteAuth, method: string): AuthMode {
  if (typeof auth === 'string') return auth;
  return auth[method] ?? (method === 'HEAD' ? auth.GET : undefined) ?? auth['*'];
}
