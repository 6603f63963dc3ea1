import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import type { ServiceApp } from '../http/app.js';
import type { Queryable } from '../db/pool.js';
import type { DeadLetterQueue } from './dead-letters.js';
import type { OutboxStats } from './observability.js';
import { registerOutboxRoute } from './outbox.routes.js';

// AMQP names are short strings (at most 255 bytes); errors are cut at 2,000 characters when parked.
const AmqpName = (description?: string) => Type.String({ maxLength: 255, ...(description ? { description } : {}) });
const Count = Type.Integer({ format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const DeadLetterSchema = Type.Object({
  id: Type.String({ maxLength: 255 }),
  type: Type.Optional(AmqpName()),
  version: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 2_147_483_647 })),
  error: Type.String({ maxLength: 2001, description: 'why it was parked' }),
  failedAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
  attempts: Type.Optional(Count),
  queue: Type.Optional(AmqpName('the work queue it is replayed to')),
  exchange: Type.Optional(AmqpName()),
  routingKey: Type.Optional(AmqpName()),
  envelope: Type.Optional(Type.Unknown()),
  body: Type.Optional(Type.String({ maxLength: 134_217_728, description: "the body, when it is not JSON (at most RabbitMQ's default largest message)" })),
});

export interface DeadLetterRoutesOptions {
  /** Where to mount them (default `/admin/dlq`). */
  prefix?: string;
  /** Guards both routes, e.g. a check for an operator's token. */
  preHandler?: (request: FastifyRequest) => Promise<void>;
  /** What the guard asks for, as the API document says it (default: a bearer token with the admin role). */
  security?: Record<string, string[]>[];
  /**
   * The service's outbox (its pool, or a function giving its figures): `GET /admin/outbox` is mounted
   * beside the dead-letter routes, with the same guard. A service without an outbox leaves it out.
   */
  outbox?: Queryable | (() => Promise<OutboxStats>);
}

/**
 * `GET /admin/dlq` lists the messages parked in the service's dead-letter queue with their errors;
 * `POST /admin/dlq/replay` with `{ "id": … }` or `{ "all": true }` sends them back to their work
 * queue (after the cause was fixed). A service that consumes nothing lists an empty queue with
 * `consumes: false`. With `outbox`, `GET /admin/outbox` too (see {@link registerOutboxRoute}).
 * Register on the service's app before `ready()`.
 */
export function registerDeadLetterRoutes(app: ServiceApp, deadLetters: DeadLetterQueue, options: DeadLetterRoutesOptions = {}): void {
  const base = options.prefix ?? '/admin/dlq';
  const guard = options.preHandler ? { preHandler: options.preHandler } : {};
  const security = options.security ?? [{ bearer: ['admin'] }];
  app.get(base, {
    ...guard,
    schema: {
      operationId: 'listDeadLetters',
      tags: ['admin'],
      security,
      summary: 'List the messages parked in the dead-letter queue',
      querystring: Type.Object({ limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 1000, default: 100 }) }),
      response: {
        200: Type.Object({
          queue: AmqpName(),
          depth: Count,
          messages: Type.Array(DeadLetterSchema, { maxItems: 1000 }),
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
      operationId: 'replayDeadLetters',
      tags: ['admin'],
      security,
      summary: 'Send parked messages back to their work queue',
      body: Type.Union([
        Type.Object({ id: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false }),
        Type.Object({ all: Type.Literal(true) }, { additionalProperties: false }),
      ]),
      response: { 200: Type.Object({ replayed: Count }) },
    },
    config: { problems: { 404: 'no parked message has this id' } },
  }, async (request) => {
    const body = request.body;
    if ('all' in body) return { replayed: await broker(() => deadLetters.replayAll()) };
    if (!(await broker(() => deadLetters.replay(body.id)))) throw AppError.notFound(`parked message ${body.id}`);
    return { replayed: 1 };
  });
  if (options.outbox) registerOutboxRoute(app, options.outbox, { ...guard, security });
}

async function broker<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw AppError.unavailable(`the dead-letter queue cannot be reached: ${(error as Error).message}`);
  }
}
