import { Type } from 'typebox';
import { AppError, type JwtVerifier, type Pool, type ServiceApp } from '@bazaar/platform';
import { TIMELINE_MAX } from '../orders/order.schemas.js';
import { findSagaDetail, listSagas } from './saga-admin.store.js';
import { listSteps } from './saga.store.js';

export interface SagaAdminDeps {
  pool: Pool;
  verifier: Pick<JwtVerifier, 'preHandler'>;
  now: () => Date;
}

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
// Handlers return Date objects; the response serialiser writes them as ISO 8601 strings.
const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time', maxLength: 30 });
const Int32 = (minimum: number, maximum = 2_147_483_647) => Type.Integer({ format: 'int32', minimum, maximum });
// base64url of the last saga's place in the listing.
const CURSOR_PATTERN = '^[A-Za-z0-9_-]+$';

const SagaSchema = {
  orderId: Uuid,
  number: Type.String({ pattern: '^BZ-[0-9]{6}-[2-9A-HJKMNP-TV-Z]{5}$', maxLength: 15, description: "the order's number, BZ-YYMMDD-XXXXX" }),
  state: Type.Enum(['screening', 'authorizing', 'reserving', 'shipping', 'capturing', 'confirmed', 'compensating', 'cancelled', 'rejected']),
  step: Nullable(Type.Enum(
    ['screen-fraud', 'authorize-payment', 'reserve-stock', 'create-shipment', 'capture-payment', 'cancel-shipment', 'release-stock', 'void-payment', 'refund-payment'],
    { description: 'the step awaiting its reply; null once the saga has ended' },
  )),
  attempt: Int32(1),
  deadlineAt: Nullable(Timestamp),
  startedAt: Timestamp,
  finishedAt: Nullable(Timestamp),
  reason: Nullable(Type.String({ maxLength: 200, description: 'why the order is being or was cancelled or rejected' })),
  stuck: Type.Boolean({ description: "open and past its step's deadline, or its compensation sent again unanswered (as checkout_sagas_stuck counts)" }),
};

const SagaPageSchema = Type.Object({
  items: Type.Array(Type.Object(SagaSchema), { maxItems: 100 }),
  nextCursor: Nullable(Type.String({ maxLength: 200, pattern: CURSOR_PATTERN })),
});

const SagaDetailSchema = Type.Object({
  ...SagaSchema,
  fraudCheck: Type.Boolean({ description: 'whether this checkout is screened for fraud before its authorization (the checkout-fraud-check flag, asked once when it started)' }),
  payment: Type.String({ pattern: '^[a-z_]+$', maxLength: 20, description: 'what the saga knows of the payment: none, authorizing, authorized, declined, capturing, captured, voided, refunded, void_failed, refund_failed' }),
  reservation: Type.String({ pattern: '^[a-z_]+$', maxLength: 20, description: 'what it knows of the reservation: none, reserving, reserved, rejected, released, committed' }),
  shipment: Type.String({ pattern: '^[a-z_]+$', maxLength: 20, description: 'what it knows of the shipment: none, creating, created, failed, cancelled, dispatched, returned' }),
  steps: Type.Array(Type.Object({
    seq: Int32(1),
    step: Type.String({ pattern: '^[a-z-]+$', maxLength: 40 }),
    kind: Type.Enum(['action', 'compensation', 'delivery']),
    status: Type.Enum(['started', 'succeeded', 'failed', 'timed_out', 'retried', 'late']),
    detail: Nullable(Type.String({ maxLength: 500 })),
    at: Timestamp,
  }), { maxItems: TIMELINE_MAX, description: `the step log by seq: the latest ${TIMELINE_MAX} entries` }),
});

const SagaQuery = Type.Object({
  state: Type.Enum(['open', 'stuck', 'all'], { default: 'open', description: 'open: waiting on a step; stuck: open and overdue; all: every saga' }),
  limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20, description: 'page size, 1 to 100' }),
  after: Type.Optional(Type.String({
    minLength: 1, maxLength: 200, pattern: CURSOR_PATTERN, description: 'the nextCursor of the previous page; any other value is a 400 naming after',
  })),
}, { additionalProperties: false });

const security = [{ bearer: ['admin'] }];
const tags = ['admin'];

/** For operators: the checkout sagas in flight and stuck, and one saga with its step log. */
export function registerSagaAdminRoutes(app: ServiceApp, deps: SagaAdminDeps): void {
  const preHandler = deps.verifier.preHandler({ role: 'admin' });

  app.get('/admin/sagas', {
    schema: {
      operationId: 'listSagas', tags, security, summary: 'Checkout sagas, newest first: open, stuck or all (keyset pagination)',
      description: 'nextCursor gives the next page. Beyond the parameters\' schemas, the only refusal is an after that is not a nextCursor of this listing (400 naming after).',
      querystring: SagaQuery, response: { 200: SagaPageSchema },
    },
    preHandler,
  }, async (request) => {
    const { state, limit, after } = request.query;
    const { sagas, more } = await listSagas(deps.pool, state, deps.now(), limit, after === undefined ? undefined : decodeCursor(after));
    const last = sagas[sagas.length - 1];
    return { items: sagas, nextCursor: more && last ? encodeCursor(last.orderId) : null };
  });

  app.get('/admin/sagas/:orderId', {
    schema: {
      operationId: 'getSaga', tags, security, summary: 'One checkout saga with its step log',
      params: Type.Object({ orderId: Uuid }), response: { 200: SagaDetailSchema },
    },
    config: { problems: { 404: 'no order has this id' } },
    preHandler,
  }, async (request) => {
    const { orderId } = request.params;
    const saga = await findSagaDetail(deps.pool, orderId, deps.now());
    if (!saga) throw AppError.notFound(`the checkout saga of order ${orderId}`);
    return { ...saga, steps: await listSteps(deps.pool, orderId, TIMELINE_MAX) };
  });
}

// The cursor is opaque to clients: base64url of the last saga's order id (uuid v7, time-ordered).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const encodeCursor = (orderId: string) => Buffer.from(JSON.stringify(['sagas', orderId])).toString('base64url');

function decodeCursor(raw: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === 'sagas' && typeof parsed[1] === 'string' && UUID.test(parsed[1])) return parsed[1];
  } catch {
    // falls through to the 400 below
  }
  throw AppError.invalid('querystring.after is not a cursor returned by this API', [{ field: 'querystring.after', message: 'is not a cursor returned by this API' }]);
}
