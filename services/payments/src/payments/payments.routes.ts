import { AppError, type JwtVerifier, type Pool, type ServiceApp } from '@bazaar/platform';
import { maySee, type Operation, type Payment } from './payment.js';
import {
  ListPaymentsQuery, PaymentDetailSchema, PaymentIdParams, PaymentPageSchema,
} from './payment.schemas.js';
import { findPaymentById, listOperations, listPayments } from './payment.store.js';

export interface PaymentRoutesDeps {
  pool: Pool;
  auth: JwtVerifier;
}

const security = [{ bearer: [] }];

/** The same answer whether the id exists for someone else or nowhere: a cursor is no existence oracle. */
const unknownCursor = (what: string) =>
  AppError.invalid(`querystring.after names no ${what} of this listing`, [{ field: 'querystring.after', message: `names no ${what} of this listing` }]);

/** A signed-in user's own payments; an admin may also look up any order's payment. */
export function registerPaymentRoutes(app: ServiceApp, deps: PaymentRoutesDeps): void {
  const preHandler = deps.auth.preHandler();

  app.get('/payments', {
    schema: {
      operationId: 'listPayments', tags: ['payments'], summary: 'My payments, newest first (admins: any order with orderId)', security,
      querystring: ListPaymentsQuery, response: { 200: PaymentPageSchema },
    },
    preHandler,
  }, async (request) => {
    const user = await deps.auth.requireUser(request);
    const { orderId, after, limit } = request.query;
    const anyone = orderId !== undefined && user.roles.includes('admin');
    const rows = await listPayments(deps.pool, { ...(anyone ? {} : { userId: user.userId }), orderId, after, limit: limit + 1 });
    if (!rows) throw unknownCursor('payment');
    const items = rows.slice(0, limit).map(toPaymentView);
    return rows.length > limit ? { items, next: items[items.length - 1]!.id } : { items };
  });

  app.get('/payments/:id', {
    schema: {
      operationId: 'getPayment', tags: ['payments'], summary: 'One of my payments with its operations', security,
      params: PaymentIdParams, response: { 200: PaymentDetailSchema },
    },
    preHandler,
  }, async (request) => {
    const user = await deps.auth.requireUser(request);
    const payment = await findPaymentById(deps.pool, request.params.id);
    // Someone else's payment is "not found", not "forbidden": its existence is not the caller's business.
    if (!payment || !maySee(payment, user)) throw AppError.notFound('the payment');
    const operations = await listOperations(deps.pool, payment.id);
    return { payment: toPaymentView(payment), operations: operations.map(toOperationView) };
  });
}

export const toPaymentView = (p: Payment) => ({
  id: p.id,
  orderId: p.orderId,
  amountMinor: p.amountMinor,
  currency: p.currency,
  status: p.status,
  capturedMinor: p.capturedMinor,
  refundedMinor: p.refundedMinor,
  card: p.cardLast4 ? { brand: p.cardBrand ?? 'unknown', last4: p.cardLast4 } : null,
  paymentMethodId: p.paymentMethodId,
  declineReason: p.declineReason,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

const toOperationView = (op: Operation) => ({
  id: op.id,
  kind: op.kind,
  amountMinor: op.amountMinor,
  outcome: op.outcome,
  reason: op.error,
  createdAt: op.createdAt.toISOString(),
});
