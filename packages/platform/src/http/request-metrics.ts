import { Histogram, type Registry } from 'prom-client';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Methods that name themselves in the histogram; anything else is `OTHER`, so a client cannot add series. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route label of a request no route matched: its path may be anything a client sends. */
export const UNMATCHED_ROUTE = 'unmatched';

export const statusClassOf = (status: number): string => (status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other');

/**
 * Registers `http_request_duration_seconds{method,route,status_class}` and returns what observes one
 * answered request (it gives back the route label). The route is the TEMPLATE Fastify matched
 * (`/orders/:id`), never the path, and the status a class, so the series are bounded by the routes
 * the service declares: an id in a path, a scanner's random URLs or an odd status add none.
 * Rate and error ratio come from the histogram's `_count`.
 */
export function registerRequestMetrics(registry: Registry): (request: FastifyRequest, reply: FastifyReply) => string {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route template and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return (request, reply) => {
    // routeOptions.url is unset for Fastify's not-found handler and for refusals made before routing
    // (a malformed URL, a body Node's parser rejects).
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const method = METHODS.has(request.method) ? request.method : 'OTHER';
    duration.observe({ method, route, status_class: statusClassOf(reply.statusCode) }, reply.elapsedTime / 1000);
    return route;
  };
}
