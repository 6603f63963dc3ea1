import { Type } from 'typebox';
import type { ServiceApp } from './app.js';

// The probes are for load balancers and operators, who call without a token (OpenAPI's empty requirement).
const anonymous = [{}];

const Check = Type.Object({
  status: Type.Union([Type.Literal('healthy'), Type.Literal('degraded'), Type.Literal('unhealthy')]),
  latency: Type.Number({ description: 'milliseconds the probe took' }),
  message: Type.Optional(Type.String({ maxLength: 2000 })),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const HealthStatusSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('healthy'), Type.Literal('degraded'), Type.Literal('unhealthy')]),
    service: Type.String({ maxLength: 100 }),
    version: Type.String({ maxLength: 50 }),
    uptime: Type.Number({ description: 'seconds since start' }),
    timestamp: Type.String({ format: 'date-time', maxLength: 40 }),
    checks: Type.Record(Type.String(), Check),
  },
  { $id: 'HealthStatus' },
);

/**
 * `/health`: every dependency with its latency (200 when healthy or degraded, 503 when unhealthy).
 * `/health/live`: the process answers (Kubernetes liveness; never checks dependencies, so a database
 * outage does not get the pod restarted in a loop). `/health/ready`: accepting work and every
 * critical dependency answers (Kubernetes readiness); only those are probed, so a readiness check never
 * calls the services this one calls (a gateway with eight upstreams, probed every few seconds on every
 * pod, would otherwise call them all, and a slow one would hold readiness up to its probe's timeout).
 */
export function registerHealthRoutes(app: ServiceApp): void {
  app.get('/health', { schema: { operationId: 'getHealth', tags: ['health'], security: anonymous, response: { 200: HealthStatusSchema, 503: HealthStatusSchema } } }, async (_request, reply) => {
    const status = await app.health.check();
    return reply.code(status.status === 'unhealthy' ? 503 : 200).send(status);
  });
  app.get('/health/live', { schema: { operationId: 'getLiveness', tags: ['health'], security: anonymous, response: { 200: Type.Object({ status: Type.Literal('alive') }) } } }, async () => ({ status: 'alive' as const }));
  app.get('/health/ready', {
    schema: {
      operationId: 'getReadiness', tags: ['health'], security: anonymous,
      response: {
        200: Type.Object({ status: Type.Literal('ready') }),
        503: Type.Object({
          status: Type.Union([Type.Literal('not-ready'), Type.Literal('shutting-down')]),
          reasons: Type.Optional(Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 20, description: 'each failing critical check and why, e.g. a database behind the code\'s migrations' })),
        }),
      },
    },
  }, async (_request, reply) => {
    if (!app.accepting) return reply.code(503).send({ status: 'shutting-down' });
    const status = await app.health.check({ criticalOnly: true });
    if (status.status !== 'unhealthy') return reply.code(200).send({ status: 'ready' });
    // Why, so that a rollout stuck on readiness says it without a trip to /health or the logs.
    const reasons = Object.entries(status.checks)
      .filter(([, check]) => check.status === 'unhealthy')
      .map(([name, check]) => `${name}: ${check.message ?? 'unhealthy'}`.slice(0, 2000))
      .slice(0, 20);
    return reply.code(503).send({ status: 'not-ready', reasons });
  });
}
