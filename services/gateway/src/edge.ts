import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceApp } from '@bazaar/platform';
import type { GatewayAuth } from './auth.js';

type HelmetMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
type Helmet = (options: Record<string, unknown>) => HelmetMiddleware;
/** helmet itself, as @fastify/helmet (the gateway's dependency) resolves it. */
const helmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet') as Helmet;

/**
 * Security headers on every response, problems included: no MIME sniffing, no referrer, no framing,
 * and a Content-Security-Policy that allows nothing (the gateway serves JSON; the Swagger UI pages
 * under /docs set their own policy, see docs.ts). Strict-Transport-Security only when configured,
 * since the gateway listens on plain http unless TLS ends in front of it.
 *
 * helmet makes the headers; since none depends on the request, they are made once at start and set
 * on each response as they are (@fastify/helmet built helmet's middleware anew for every request,
 * parsing the policy each time: some 7 % of the gateway's CPU per proxied request).
 */
export function registerSecurityHeaders(app: ServiceApp, options: { hstsMaxAgeSeconds: number }): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    // On the raw response, as helmet sets them: a route's own header (Swagger UI's policy) replaces one.
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

/** The headers helmet sets with the gateway's options, in its order and spelling. */
export function securityHeaders(options: { hstsMaxAgeSeconds: number }): [string, string][] {
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The web app is another origin of the same site; its images and downloads come through here.
    crossOriginResourcePolicy: { policy: 'same-site' },
    hsts: options.hstsMaxAgeSeconds > 0 ? { maxAge: options.hstsMaxAgeSeconds, includeSubDomains: true } : false,
  });
  const set = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | string[]) => set.set(name, String(value)),
    removeHeader: (name: string) => set.delete(name),
  } as unknown as ServerResponse;
  let failure: unknown;
  middleware({ headers: {} } as IncomingMessage, recorder, (error) => { failure = error; });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return [...set];
}

/** What `/health` says to anyone: up, degraded or down, with the status code the full report has. */
const PUBLIC_STATUS: Record<string, string> = { healthy: 'up', degraded: 'degraded', unhealthy: 'down' };

/**
 * The kit's `/health` lists every upstream with its internal URL and circuit state. Through the
 * gateway that report goes only to admins; anyone else gets `{ status }`. `/health/live` and
 * `/health/ready` (the probes) are unchanged.
 */
export function restrictHealthDetails(app: ServiceApp, auth: GatewayAuth): void {
  // Callback style: every answer passes this hook, and all but the report leave it at once, without
  // the promise an async hook costs.
  app.addHook('onSend', (request, reply, payload, done) => {
    // Only the report (200 healthy or degraded, 503 unhealthy) is cut down: a refusal of the request
    // (a NUL in its query, say) is a problem document and goes out whole.
    if (request.routeOptions.url !== '/health' || typeof payload !== 'string' || (reply.statusCode !== 200 && reply.statusCode !== 503)) {
      done(null, payload);
      return;
    }
    auth.identify(request).then((user) => {
      if (user?.roles.includes('admin')) return done(null, payload);
      let status: unknown;
      try {
        status = (JSON.parse(payload) as { status?: unknown }).status;
      } catch {
        status = undefined;
      }
      done(null, JSON.stringify({ status: (typeof status === 'string' && PUBLIC_STATUS[status]) || 'down' }));
    }, (error: Error) => done(error));
  });
}
