import helmet from '@fastify/helmet';
import type { ServiceApp } from '@bazaar/platform';
import type { GatewayAuth } from './auth.js';

/**
 * Security headers on every response, problems included: no MIME sniffing, no referrer, no framing,
 * and a Content-Security-Policy that allows nothing (the gateway serves JSON; the Swagger UI pages
 * under /docs set their own policy, see docs.ts). Strict-Transport-Security only when configured,
 * since the gateway listens on plain http unless TLS ends in front of it.
 */
export async function registerSecurityHeaders(app: ServiceApp, options: { hstsMaxAgeSeconds: number }): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The web app is another origin of the same site; its images and downloads come through here.
    crossOriginResourcePolicy: { policy: 'same-site' },
    hsts: options.hstsMaxAgeSeconds > 0 ? { maxAge: options.hstsMaxAgeSeconds, includeSubDomains: true } : false,
  });
}

/** What `/health` says to anyone: up, degraded or down, with the status code the full report has. */
const PUBLIC_STATUS: Record<string, string> = { healthy: 'up', degraded: 'degraded', unhealthy: 'down' };

/**
 * The kit's `/health` lists every upstream with its internal URL and circuit state. Through the
 * gateway that report goes only to admins; anyone else gets `{ status }`. `/health/live` and
 * `/health/ready` (the probes) are unchanged.
 */
export function restrictHealthDetails(app: ServiceApp, auth: GatewayAuth): void {
  app.addHook('onSend', async (request, reply, payload) => {
    // Only the report (200 healthy or degraded, 503 unhealthy) is cut down: a refusal of the request
    // (a NUL in its query, say) is a problem document and goes out whole.
    if (request.routeOptions.url !== '/health' || typeof payload !== 'string' || ![200, 503].includes(reply.statusCode)) return payload;
    const user = await auth.identify(request);
    if (user?.roles.includes('admin')) return payload;
    let status: unknown;
    try {
      status = (JSON.parse(payload) as { status?: unknown }).status;
    } catch {
      status = undefined;
    }
    return JSON.stringify({ status: (typeof status === 'string' && PUBLIC_STATUS[status]) || 'down' });
  });
}
