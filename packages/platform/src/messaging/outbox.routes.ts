import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import type { Queryable } from '../db/pool.js';
import type { ServiceApp } from '../http/app.js';
import { outboxStats, type OutboxStats } from './observability.js';

export interface OutboxRouteOptions {
  /** Where to mount it (default `/admin/outbox`). */
  path?: string;
  /** Guards the route, e.g. a check for an operator's token. */
  preHandler?: (request: FastifyRequest) => Promise<void>;
  /** What the guard asks for, as the API document says it (default: a bearer token with the admin role). */
  security?: Record<string, string[]>[];
}

const OutboxStatsSchema = Type.Object({
  backlog: Type.Integer({ format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'messages written but not yet confirmed by the broker' }),
  oldestAgeSeconds: Type.Number({ minimum: 0, maximum: 1e12, description: 'age of the oldest of them; 0 when there is none' }),
});

/**
 * `GET /admin/outbox`: the service's outbox backlog and the age of its oldest unsent message, read
 * from its own database when asked (the figures `/health` and the `outbox_*` gauges show). `db` is
 * the service's pool or a function giving the figures (a service whose outbox is elsewhere).
 */
export function registerOutboxRoute(app: ServiceApp, db: Queryable | (() => Promise<OutboxStats>), options: OutboxRouteOptions = {}): void {
  const read = typeof db === 'function' ? db : () => outboxStats(db);
  app.get(options.path ?? '/admin/outbox', {
    ...(options.preHandler ? { preHandler: options.preHandler } : {}),
    schema: {
      operationId: 'getOutboxBacklog',
      tags: ['admin'],
      security: options.security ?? [{ bearer: ['admin'] }],
      summary: 'The outbox backlog: messages not yet relayed to the broker, and how old the oldest is',
      response: { 200: OutboxStatsSchema },
    },
  }, async () => {
    try {
      return await read();
    } catch (error) {
      throw AppError.unavailable(`the outbox cannot be read: ${(error as Error).message}`);
    }
  });
}
