import { AppError, type JwtVerifier, type ServiceApp } from '@bazaar/platform';
import type { Order } from './order.store.js';
import { CheckoutBody, CheckoutHeaders, IdParams, ListQuery, OrderPageSchema, OrderSchema } from './order.schemas.js';
import { cancelOrder, getOrder, listMyOrders, placeOrder, type OrderDetail, type OrdersDeps } from './order.service.js';

export interface OrderRoutesDeps extends OrdersDeps {
  verifier: Pick<JwtVerifier, 'preHandler' | 'requireUser'>;
}

const security = [{ bearer: [] }];
const tags = ['orders'];

/** The customer's orders: check out, follow, list, cancel. */
export function registerOrderRoutes(app: ServiceApp, deps: OrderRoutesDeps): void {
  const preHandler = deps.verifier.preHandler();

  app.post('/orders', {
    schema: {
      operationId: 'createOrder', tags, security, summary: 'Check out: place an order and start its checkout',
      description: 'Answers 202 at once with the order (status pending) and its Location; follow GET /orders/:id. '
        + 'Idempotency-Key is required: the same key returns the same order, the same key with another request is refused (422).',
      headers: CheckoutHeaders, body: CheckoutBody, response: { 202: OrderSchema },
    },
    config: {
      problems: {
        422: 'a product catalog does not know or has discontinued, products in two currencies, or an Idempotency-Key already used for another request',
        428: 'no Idempotency-Key header',
      },
    },
    preHandler,
  }, async (request, reply) => {
    const user = await deps.verifier.requireUser(request);
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) {
      throw new AppError('precondition_required', 'an Idempotency-Key header is required to place an order, so that a retried request cannot order twice', {
        errors: [{ field: 'headers.idempotency-key', message: 'is required' }],
      });
    }
    const { detail, replayed } = await placeOrder(deps, user, key, request.body);
    if (replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(202).header('location', `/orders/${detail.order.id}`).send(toOrderView(detail));
  });

  app.get('/orders/:id', {
    schema: {
      operationId: 'getOrder', tags, security, summary: 'One of my orders, with its checkout timeline',
      description: "Someone else's order is a 404, as one that does not exist (admins may read any).", params: IdParams, response: { 200: OrderSchema },
    },
    preHandler,
  }, async (request) => toOrderView(await getOrder(deps, await deps.verifier.requireUser(request), request.params.id)));

  app.get('/orders', {
    schema: {
      operationId: 'listOrders', tags, security, summary: 'My orders, newest first (keyset pagination)',
      description: 'nextCursor gives the next page. Beyond the parameters\' schemas, the only refusal is a cursor that is not a nextCursor of this listing (400 naming cursor).',
      querystring: ListQuery, response: { 200: OrderPageSchema },
    },
    preHandler,
  }, async (request) => {
    const user = await deps.verifier.requireUser(request);
    const after = request.query.cursor === undefined ? undefined : decodeCursor(request.query.cursor);
    const { orders, more } = await listMyOrders(deps, user, after, request.query.limit);
    const last = orders[orders.length - 1];
    return { items: orders.map(toSummary), nextCursor: more && last ? encodeCursor(last.id) : null };
  });

  app.post('/orders/:id/cancel', {
    schema: {
      operationId: 'cancelOrder', tags, security, summary: 'Cancel my order (until it is dispatched)',
      description: 'During checkout it stops the saga and undoes what was done; once confirmed it cancels the shipment, releases the stock and refunds the payment. '
        + 'Answers 202 with the order (status cancelling, then cancelled); 409 once the order is dispatched or if it was rejected.',
      params: IdParams, response: { 202: OrderSchema },
    },
    config: { problems: { 409: 'the order has been dispatched, or was rejected: there is nothing to cancel' } },
    preHandler,
  }, async (request, reply) => {
    const detail = await cancelOrder(deps, await deps.verifier.requireUser(request), request.params.id);
    return reply.code(202).send(toOrderView(detail));
  });
}

// The cursor is opaque to clients: base64url of the last order's id (ids are time-ordered uuid v7).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const encodeCursor = (id: string) => Buffer.from(JSON.stringify(['orders', id])).toString('base64url');

function decodeCursor(raw: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === 'orders' && typeof parsed[1] === 'string' && UUID.test(parsed[1])) return parsed[1];
  } catch {
    // falls through to the 400 below
  }
  throw AppError.invalid('querystring.cursor is not a cursor returned by this API', [{ field: 'querystring.cursor', message: 'is not a cursor returned by this API' }]);
}

const toSummary = (o: Order) => ({
  id: o.id, number: o.number, status: o.status, statusReason: o.statusReason, currency: o.currency, totalMinor: o.totalMinor,
  itemCount: o.itemCount, createdAt: o.createdAt, updatedAt: o.updatedAt,
});

export function toOrderView(d: OrderDetail) {
  const { order, payment, shipping, saga } = d;
  return {
    ...toSummary(order),
    subtotalMinor: order.subtotalMinor,
    items: d.items.map((i) => ({ productId: i.productId, sku: i.sku, name: i.name, unitPriceMinor: i.unitPriceMinor, quantity: i.quantity, lineTotalMinor: i.lineTotalMinor })),
    shippingAddress: {
      name: shipping.address.name, line1: shipping.address.line1, line2: shipping.address.line2 ?? null, city: shipping.address.city,
      state: shipping.address.state ?? null, postalCode: shipping.address.postalCode, country: shipping.address.country,
    },
    payment: {
      status: payment.status, paymentId: payment.paymentId, amountMinor: payment.amountMinor, currency: payment.currency,
      capturedMinor: payment.capturedMinor, refundedMinor: payment.refundedMinor,
      card: payment.cardLast4 ? { brand: payment.cardBrand, last4: payment.cardLast4 } : null, reason: payment.reason,
      transactionId: payment.transactionId, paidAt: payment.paidAt,
    },
    shipping: {
      status: shipping.status, shipmentId: shipping.shipmentId, trackingNumber: shipping.trackingNumber, carrier: shipping.carrier, reason: shipping.reason,
      courier: shipping.courierName ? { name: shipping.courierName } : null, failedAttempts: shipping.failedAttempts, deliveredAt: shipping.deliveredAt,
    },
    checkout: { state: saga.state, step: saga.step, deadlineAt: saga.deadlineAt, attempt: saga.attempt },
    // The fraud screening's detail (the score and the scorer's reasons) is for operators (the saga's
    // admin view): shown to a customer it would teach how to pass the screening.
    timeline: d.timeline.map((t) => (t.step === 'screen-fraud' ? { ...t, detail: null } : t)),
  };
}
