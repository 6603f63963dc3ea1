import { Type } from 'typebox';
import type { ServiceApp } from './app.js';

const Check = Type.Object({
  status: Type.Union([Type.Literal('healthy'), Type.Literal('degraded'), Type.Literal('unhealthy')]),
  latency: Type.Number({ description: 'milliseconds the probe took' }),
  message: Type.Optional(Type.String()),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const HealthStatusSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('healthy'), Type.Literal('degraded'), Type.Literal('unhealthy')]),
    service: Type.String(),
    version: Type.String(),
    uptime: Type.Number({ description: 'seconds since start' }),
    timestamp: Type.String({ format: 'date-time' }),
    checks: Type.Record(Type.String(), Check),
  },
  { $id: 'HealthStatus' },
);

/**
 * `/health`: every dependency with its latency (200 when healthy or degraded, 503 when unhealthy).
 * `/health/live`: the process answers (Kubernetes liveness; never checks dependencies, so a database
 * outage does not get the pod restarted in a loop). `/health/ready`: accepting work and every
 * critical dependency answers (Kubernetes readiness).
 */
export function registerHealthRoutes(app: ServiceApp): void {
  app.get('/health', { schema: { tags: ['health'], response: { 200: HealthStatusSchema, 503: HealthStatusSchema } } }, async (_request, reply) => {
    const status = await app.health.check();
    return reply.code(status.status === 'unhealthy' ? 503 : 200).send(status);
  });
  app.get('/health/live', { schema: { tags: ['health'] } }, async () => ({ status: 'alive' }));
  app.get('/health/ready', { schema: { tags: ['health'] } }, async (_request, reply) => {
    if (!app.accepting) return reply.code(503).send({ status: 'shutting-down' });
    const status = await app.health.check();
    return reply.code(status.status === 'unhealthy' ? 503 : 200).send({ status: status.status === 'unhealthy' ? 'not-ready' : 'ready' });
  });
}
