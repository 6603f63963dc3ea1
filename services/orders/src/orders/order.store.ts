// SQL of orders, their items and the status copies. Every function takes the pool or the client of
// the caller's transaction.
import type { Queryable } from '@bazaar/platform';
import type { OrderStatus, Recipient } from '../checkout/saga.types.js';
import type { PricedLine, ShippingAddress } from './order.js';

export interface Order {
  id: string;
  number: string;
  userId: string;
  status: OrderStatus;
  statusReason: string | null;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  idempotencyKey: string;
  requestHash: string;
  itemCount: number;
  createdAt: Date;
  updatedAt: Date;
}

interface OrderRow {
  id: string; order_number: string; user_id_ref: string; status: OrderStatus; status_reason: string | null; currency: string;
  subtotal_minor: number; total_minor: number; idempotency_key: string; request_hash: string; item_count: number;
  created_at: Date; updated_at: Date;
}

const ORDER_COLUMNS = `o.id, o.order_number, o.user_id_ref, o.status, o.status_reason, o.currency, o.subtotal_minor, o.total_minor,
  o.idempotency_key, o.request_hash, o.created_at, o.updated_at,
  (SELECT coalesce(sum(quantity), 0) FROM order_items i WHERE i.order_id = o.id)::int AS item_count`;

const toOrder = (r: OrderRow): Order => ({
  id: r.id, number: r.order_number, userId: r.user_id_ref, status: r.status, statusReason: r.status_reason, currency: r.currency,
  subtotalMinor: r.subtotal_minor, totalMinor: r.total_minor, idempotencyKey: r.idempotency_key, requestHash: r.request_hash,
  itemCount: r.item_count, createdAt: r.created_at, updatedAt: r.updated_at,
});

export interface NewOrder {
  id: string;
  number: string;
  userId: string;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  idempotencyKey: string;
  requestHash: string;
}

/** False when the user already placed an order with this idempotency key (that order stands). */
export async function insertOrder(db: Queryable, order: NewOrder): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO orders (id, order_number, user_id_ref, status, currency, subtotal_minor, total_minor, idempotency_key, request_hash)
     VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8)
     ON CONFLICT ON CONSTRAINT orders_idempotency DO NOTHING`,
    [order.id, order.number, order.userId, order.currency, order.subtotalMinor, order.totalMinor, order.idempotencyKey, order.requestHash],
  );
  return rowCount === 1;
}

/** Whether an error is the order number's uniqueness (a clash of random numbers: draw again). */
export const isOrderNumberTaken = (error: unknown): boolean =>
  (error as { code?: string; constraint?: string }).code === '23505' && (error as { constraint?: string }).constraint === 'orders_order_number_key';

export async function findOrder(db: Queryable, id: string): Promise<Order | undefined> {
  const { rows } = await db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = $1`, [id]);
  return rows[0] && toOrder(rows[0]);
}

export async function findOrderByKey(db: Queryable, userId: string, idempotencyKey: string): Promise<Order | undefined> {
  const { rows } = await db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.user_id_ref = $1 AND o.idempotency_key = $2`, [userId, idempotencyKey]);
  return rows[0] && toOrder(rows[0]);
}

/** A user's orders, newest first, after the order `after` (keyset on the time-ordered id). */
export async function listOrders(db: Queryable, userId: string, after: string | undefined, limit: number): Promise<Order[]> {
  const { rows } = await db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders o
      WHERE o.user_id_ref = $1 AND ($2::uuid IS NULL OR o.id < $2::uuid)
      ORDER BY o.id DESC LIMIT $3`,
    [userId, after ?? null, limit],
  );
  return rows.map(toOrder);
}

export async function setOrderStatus(db: Queryable, id: string, status: OrderStatus, reason: string | null): Promise<void> {
  await db.query(
    `UPDATE orders SET status = $2, status_reason = $3, updated_at = now()
      WHERE id = $1 AND (status IS DISTINCT FROM $2 OR status_reason IS DISTINCT FROM $3)`,
    [id, status, reason],
  );
}

/**
 * The order's lines: a snapshot of each product's SKU, name and price as catalog answered at checkout.
 * It does not follow the product (orders consumes no product.updated on purpose): it is what the
 * customer agreed to pay for, and what the payment and the receipt say (test/line-snapshot.test.ts).
 */
export async function insertItems(db: Queryable, orderId: string, lines: readonly PricedLine[]): Promise<void> {
  await db.query(
    `INSERT INTO order_items (order_id, line_no, product_id_ref, sku, product_name, unit_price_minor, quantity, line_total_minor)
     SELECT $1, * FROM unnest($2::int[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::int[], $8::bigint[])`,
    [
      orderId, lines.map((l) => l.lineNo), lines.map((l) => l.productId), lines.map((l) => l.sku), lines.map((l) => l.name),
      lines.map((l) => l.unitPriceMinor), lines.map((l) => l.quantity), lines.map((l) => l.lineTotalMinor),
    ],
  );
}

export async function findItems(db: Queryable, orderId: string): Promise<PricedLine[]> {
  const { rows } = await db.query<{ line_no: number; product_id_ref: string; sku: string; product_name: string; unit_price_minor: number; quantity: number; line_total_minor: number }>(
    'SELECT line_no, product_id_ref, sku, product_name, unit_price_minor, quantity, line_total_minor FROM order_items WHERE order_id = $1 ORDER BY line_no',
    [orderId],
  );
  return rows.map((r) => ({
    lineNo: r.line_no, productId: r.product_id_ref, sku: r.sku, name: r.product_name,
    unitPriceMinor: r.unit_price_minor, quantity: r.quantity, lineTotalMinor: r.line_total_minor,
  }));
}

export async function insertPaymentCopy(db: Queryable, orderId: string, copy: { paymentMethodRef: string; amountMinor: number; currency: string }): Promise<void> {
  await db.query(
    `INSERT INTO order_payment (order_id, payment_method_ref, status, amount_minor, currency) VALUES ($1, $2, 'pending', $3, $4)`,
    [orderId, copy.paymentMethodRef, copy.amountMinor, copy.currency],
  );
}

export async function insertShippingCopy(db: Queryable, orderId: string, address: ShippingAddress): Promise<void> {
  await db.query(
    `INSERT INTO order_shipping (order_id, recipient_name, address_line1, address_line2, city, state, postal_code, country, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending')`,
    [orderId, address.name, address.line1, address.line2 ?? null, address.city, address.state ?? null, address.postalCode, address.country],
  );
}

/**
 * What the saga needs of an order for every reply it handles (its number, customer, total, lines by
 * SKU in line order and recipient) in ONE statement: the same rows findOrder, findItems and
 * findRecipient read, one round trip instead of three. Undefined when the order or its recipient is missing.
 */
export async function findSagaFacts(db: Queryable, orderId: string): Promise<{
  number: string; userId: string; totalMinor: number; currency: string; items: { sku: string; quantity: number }[]; recipient: Recipient;
} | undefined> {
  const { rows } = await db.query<{
    order_number: string; user_id_ref: string; total_minor: number; currency: string; items: { sku: string; quantity: number }[];
    recipient_name: string; address_line1: string; address_line2: string | null; city: string; state: string | null; postal_code: string; country: string;
  }>(
    `SELECT o.order_number, o.user_id_ref, o.total_minor, o.currency,
            coalesce((SELECT json_agg(json_build_object('sku', i.sku, 'quantity', i.quantity) ORDER BY i.line_no) FROM order_items i WHERE i.order_id = o.id), '[]') AS items,
            s.recipient_name, s.address_line1, s.address_line2, s.city, s.state, s.postal_code, s.country
       FROM orders o JOIN order_shipping s ON s.order_id = o.id
      WHERE o.id = $1`,
    [orderId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    number: r.order_number, userId: r.user_id_ref, totalMinor: r.total_minor, currency: r.currency, items: r.items,
    recipient: {
      name: r.recipient_name, line1: r.address_line1, city: r.city, postalCode: r.postal_code, country: r.country,
      ...(r.address_line2 !== null ? { line2: r.address_line2 } : {}),
      ...(r.state !== null ? { state: r.state } : {}),
    },
  };
}

/** The recipient as it was given at checkout. */
export async function findRecipient(db: Queryable, orderId: string): Promise<Recipient | undefined> {
  const { rows } = await db.query<{ recipient_name: string; address_line1: string; address_line2: string | null; city: string; state: string | null; postal_code: string; country: string }>(
    'SELECT recipient_name, address_line1, address_line2, city, state, postal_code, country FROM order_shipping WHERE order_id = $1',
    [orderId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    name: r.recipient_name, line1: r.address_line1, city: r.city, postalCode: r.postal_code, country: r.country,
    ...(r.address_line2 !== null ? { line2: r.address_line2 } : {}),
    ...(r.state !== null ? { state: r.state } : {}),
  };
}
