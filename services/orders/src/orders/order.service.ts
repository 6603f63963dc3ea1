// Orders' use cases: place an order (price it from catalog, write it and start its saga in one
// transaction), read one or a page, cancel one.
import { AppError, uuidv7, withTransaction, type Pool, type PoolClient } from '@bazaar/platform';
import { applyToSaga, startCheckout, type SagaRunnerDeps } from '../checkout/saga.runner.js';
import { findSaga, listSteps, lockSaga, type TimelineEntry } from '../checkout/saga.store.js';
import type { Saga } from '../checkout/saga.types.js';
import type { OrdersPublish } from '../events.js';
import type { Catalog } from './catalog.client.js';
import {
  linesBySku, newOrderNumber, priceCart, repeatedProducts, requestHash, type CheckoutRequest, type PricedLine,
} from './order.js';
import {
  findItems, findOrder, findOrderByKey, findRecipient, insertItems, insertOrder, insertPaymentCopy, insertShippingCopy, isOrderNumberTaken, listOrders, type Order,
} from './order.store.js';
import { TIMELINE_MAX } from './order.schemas.js';
import { findPaymentCopy, findShippingCopy } from './status-copies.store.js';
import type { PaymentCopy, ShippingCopy } from './status-copies.js';

export interface OrdersDeps extends SagaRunnerDeps {
  pool: Pool;
  /** The saga's commands and events, and `order.placed`. */
  publish: OrdersPublish;
  catalog: Pick<Catalog, 'products'>;
}

export interface Viewer {
  userId: string;
  roles: string[];
}

export interface OrderDetail {
  order: Order;
  items: PricedLine[];
  payment: PaymentCopy;
  shipping: ShippingCopy & { address: CheckoutRequest['shippingAddress'] };
  saga: Saga;
  timeline: TimelineEntry[];
}

/** Draws of an order number before giving up (a clash is one in millions per day). */
const NUMBER_DRAWS = 5;

/**
 * Places an order once per (user, Idempotency-Key): the same key with the same request returns that
 * order again (`replayed`), with another request it is refused. Prices come from catalog now; the
 * order, its items, its status copies, its saga and the saga's first command are written in one
 * transaction, so there is never an order without its checkout or a checkout without its order.
 */
export async function placeOrder(deps: OrdersDeps, user: Viewer, idempotencyKey: string, request: CheckoutRequest): Promise<{ detail: OrderDetail; replayed: boolean }> {
  const hash = requestHash(request);
  const earlier = await findOrderByKey(deps.pool, user.userId, idempotencyKey);
  if (earlier) return { detail: await replay(deps, earlier, hash), replayed: true };

  const repeats = repeatedProducts(request.items);
  if (repeats.length) throw AppError.invalid('each product may appear on one line only', repeats);
  const pricing = priceCart(request.items, await deps.catalog.products(request.items.map((i) => i.productId)));
  if (!pricing.ok) throw new AppError('unprocessable', pricing.message, { errors: pricing.errors });

  const address = { ...request.shippingAddress, country: request.shippingAddress.country.toUpperCase() };
  for (let draw = 1; ; draw++) {
    const now = deps.now();
    const order = {
      id: uuidv7(), number: newOrderNumber(now), userId: user.userId, currency: pricing.currency,
      subtotalMinor: pricing.subtotalMinor, totalMinor: pricing.totalMinor, idempotencyKey, requestHash: hash,
    };
    try {
      const placed = await withTransaction(deps.pool, async (client) => {
        if (!(await insertOrder(client, order))) return undefined;
        await insertItems(client, order.id, pricing.lines);
        await insertPaymentCopy(client, order.id, { paymentMethodRef: request.paymentMethodId, amountMinor: order.totalMinor, currency: order.currency });
        await insertShippingCopy(client, order.id, address);
        await deps.publish(client, 'order.placed', {
          orderId: order.id, orderNumber: order.number, userId: user.userId, totalMinor: order.totalMinor, currency: order.currency,
          items: pricing.lines.map((l) => ({ productId: l.productId, sku: l.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })),
          placedAt: now.toISOString(),
        });
        const facts = {
          orderId: order.id, orderNumber: order.number, userId: user.userId, totalMinor: order.totalMinor, currency: order.currency,
          paymentMethodId: request.paymentMethodId, lines: linesBySku(pricing.lines), recipient: address,
        };
        await startCheckout(client, deps, facts, now, request.paymentMethodId);
        // Read back on the transaction that wrote it, as GET /orders/:id shows it: nothing else can have
        // changed it yet (its first command is sent once this commits), and no second snapshot is opened.
        return (await orderDetail(client, order.id))!;
      });
      if (placed) return { detail: placed, replayed: false };
      // The same key won a race with this request a moment ago: that order is the answer.
      return { detail: await replay(deps, (await findOrderByKey(deps.pool, user.userId, idempotencyKey))!, hash), replayed: true };
    } catch (error) {
      if (isOrderNumberTaken(error) && draw < NUMBER_DRAWS) continue;
      throw error;
    }
  }
}

async function replay(deps: OrdersDeps, order: Order, hash: string): Promise<OrderDetail> {
  if (order.requestHash !== hash) {
    throw new AppError('unprocessable', 'this Idempotency-Key was already used for a different order request; use a new key for a new order', {
      errors: [{ field: 'headers.idempotency-key', message: `was used for order ${order.number} with another request` }],
    });
  }
  return (await orderDetail(deps.pool, order.id))!;
}

/**
 * An order with everything shown about it, read from one snapshot: the order, its copies and its
 * timeline as they stood at one moment, so an event committed between two of the reads never shows a
 * timeline ahead of its copy. On a client, the caller's transaction is that snapshot.
 */
export async function orderDetail(db: Pool | PoolClient, orderId: string): Promise<OrderDetail | undefined> {
  if (!('release' in db)) return withTransaction(db, (client) => orderDetail(client, orderId), { isolation: 'repeatable read' });
  const order = await findOrder(db, orderId);
  if (!order) return undefined;
  const items = await findItems(db, orderId);
  const payment = await findPaymentCopy(db, orderId);
  const shipping = await findShippingCopy(db, orderId);
  const stored = await findSaga(db, orderId);
  const timeline = await listSteps(db, orderId, TIMELINE_MAX);
  const address = await findRecipient(db, orderId);
  return { order, items, payment: payment!, shipping: { ...shipping!, address: address! }, saga: stored!.saga, timeline };
}

const maySee = (order: Order, viewer: Viewer) => order.userId === viewer.userId || viewer.roles.includes('admin');

/** One order its owner (or an admin) may see; anyone else's is "not found", not "forbidden". */
export async function getOrder(deps: Pick<OrdersDeps, 'pool'>, viewer: Viewer, orderId: string): Promise<OrderDetail> {
  const detail = await orderDetail(deps.pool, orderId);
  if (!detail || !maySee(detail.order, viewer)) throw AppError.notFound(`order ${orderId}`);
  return detail;
}

export async function listMyOrders(deps: Pick<OrdersDeps, 'pool'>, viewer: Viewer, after: string | undefined, limit: number): Promise<{ orders: Order[]; more: boolean }> {
  const rows = await listOrders(deps.pool, viewer.userId, after, limit + 1);
  return { orders: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * The customer's cancellation: during checkout it stops the saga and undoes what was done; once
 * confirmed it cancels the shipment, releases the stock and refunds the payment, unless the courier
 * already has the order (409). Asking again while it is under way changes nothing.
 */
export async function cancelOrder(deps: OrdersDeps, viewer: Viewer, orderId: string): Promise<OrderDetail> {
  await withTransaction(deps.pool, async (client) => {
    const order = await findOrder(client, orderId);
    if (!order || order.userId !== viewer.userId) throw AppError.notFound(`order ${orderId}`);
    const stored = await lockSaga(client, orderId);
    if (!stored) throw AppError.notFound(`order ${orderId}`);
    const shipping = await findShippingCopy(client, orderId);
    const decision = await applyToSaga(client, deps, stored, { type: 'cancel', shippingStatus: shipping?.status ?? null });
    if (decision.refused !== undefined) throw AppError.conflict(`order ${order.number} cannot be cancelled: ${decision.refused}`, { orderStatus: order.status });
  });
  return (await orderDetail(deps.pool, orderId))!;
}
