import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import type { ServiceApp } from '../http/app.js';
import type { DeadLetterQueue } from './dead-letters.js';

const DeadLetterSchema = Type.Object({
  id: Type.String(),
  type: Type.Optional(Type.String()),
  version: Type.Optional(Type.Integer()),
  error: Type.String({ description: 'why it was parked' }),
  failedAt: Type.Optional(Type.String({ format: 'date-time' })),
  attempts: Type.Optional(Type.Integer()),
  queue: Type.Optional(Type.String({ description: 'the work queue it is replayed to' })),
  exchange: Type.Optional(Type.String()),
  routingKey: Type.Optional(Type.String()),
  envelope: Type.Optional(Type.Unknown()),
  body: Type.Optional(Type.String({ description: 'the body, when it is not JSON' })),
});

export interface DeadLetterRoutesOptions {
  /** Where to mount them (default `/admin/dlq`). */
  prefix?: string;
  /** Guards both routes, e.g. a check for an operator's token. */
  preHandler?: (request: FastifyRequest) => Promise<void>;
}

/**
 * `GET /admin/dlq` lists the messages parked in the service's dead-letter queue with their errors;
 * `POST /admin/dlq/replay` with `{ "id": … }` or `{ "all": true }` sends them back to their work
 * queue (after the cause was fixed). A service that consumes nothing lists an empty queue with
 * `consumes: false`. Register on the service's app before `ready()`.
 */
export function registerDeadLetterRoutes(app: ServiceApp, deadLetters: DeadLetterQueue, options: DeadLetterRoutesOptions = {}): void {
  const base = options.prefix ?? '/admin/dlq';
  const guard = options.preHandler ? { preHandler: options.preHandler } : {};
  app.get(base, {
    ...guard,
    schema: {
      tags: ['admin'],
      summary: 'List the messages parked in the dead-letter queue',
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }),
      response: {
        200: Type.Object({
          queue: Type.String(),
          depth: Type.Integer(),
          messages: Type.Array(DeadLetterSchema),
          consumes: Type.Boolean({ description: 'false when the service consumes no messages: it has no dead-letter queue, so nothing is ever parked' }),
        }),
      },
    },
  }, async (request) => {
    const [depth, messages] = await broker(() => Promise.all([deadLetters.depth(), deadLetters.list(request.query.limit)]));
    return { queue: deadLetters.queue, depth, messages, consumes: deadLetters.consumes };
  });
  app.post(`${base}/replay`, {
    ...guard,
    schema: {
      tags: ['admin'],
      summary: 'Send parked messages back to their work queue',
      body: Type.Union([
        Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        Type.Object({ all: Type.Literal(true) }, { additionalProperties: false }),
      ]),
      response: { 200: Type.Object({ replayed: Type.Integer() }) },
    },
  }, async (request) => {
    const body = request.body;
    if ('all' in body) return { replayed: await broker(() => deadLetters.replayAll()) };
    if (!(await broker(() => deadLetters.replay(body.id)))) throw AppError.notFound(`parked message ${body.id}`);
    return { replayed: 1 };
  });
}

async function broker<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw AppError.unavailable(`the dead-letter queue cannot be reached: ${(error as Error).message}`);
  }
}
