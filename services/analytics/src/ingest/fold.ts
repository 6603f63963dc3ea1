import type { WarehouseTx } from '../warehouse/warehouse.js';
import { ERASURE_STATEMENT } from './erasure.js';

/**
 * The fold: from events (rows of `raw_events`' shape) to the fact tables, as set-based SQL over a
 * relation of events, `{src}`. The live path runs it over each batch of new events; a rebuild runs
 * the same statements over every raw event. Each statement is order-independent and re-runnable:
 * per-event facts are keyed by the event's id (insert once), and the accumulating `fact_orders`,
 * `fact_stock_levels` and `dim_products` take the first time seen, the newest version, or a value
 * that never changes. Hence: duplicates and out-of-order events change nothing, and a rebuild
 * equals the live tables.
 */
const TS = (field: string) => `COALESCE(TRY_CAST(payload->>'$.${field}' AS TIMESTAMPTZ), occurred_at)`;
const UUID_OF = (field: string) => `TRY_CAST(payload->>'$.${field}' AS UUID)`;

const ORDER_EVENTS = ['order.placed', 'order.confirmed', 'order.cancelled', 'order.rejected', 'shipment.dispatched', 'shipment.picked_up', 'shipment.delivered', 'shipment.returned'];
const list = (types: string[]) => types.map((t) => `'${t}'`).join(', ');

/** One statement of the fold and the event types it reads (a batch without them skips it). */
export interface FoldStatement {
  reads: (type: string) => boolean;
  sql: string;
}

const of = (...types: string[]) => (type: string) => types.includes(type);
const prefixed = (prefix: string) => (type: string) => type.startsWith(prefix);

export const FOLD_STATEMENTS: readonly FoldStatement[] = [
  // Orders: one row each, every column from the events that carry it.
  { reads: of(...ORDER_EVENTS), sql: `INSERT INTO fact_orders
   SELECT ${UUID_OF('orderId')} AS order_id,
     any_value(payload->>'$.orderNumber'),
     any_value(${UUID_OF('userId')}),
     any_value(payload->>'$.currency') FILTER (WHERE type LIKE 'order.%'),
     any_value(TRY_CAST(payload->>'$.totalMinor' AS BIGINT)),
     min(${TS('placedAt')}) FILTER (WHERE type = 'order.placed'),
     min(${TS('confirmedAt')}) FILTER (WHERE type = 'order.confirmed'),
     min(${TS('rejectedAt')}) FILTER (WHERE type = 'order.rejected'),
     any_value(payload->>'$.reason') FILTER (WHERE type = 'order.rejected'),
     min(${TS('cancelledAt')}) FILTER (WHERE type = 'order.cancelled'),
     any_value(payload->>'$.reason') FILTER (WHERE type = 'order.cancelled'),
     max(TRY_CAST(payload->>'$.refundedMinor' AS BIGINT)) FILTER (WHERE type = 'order.cancelled'),
     min(${TS('dispatchedAt')}) FILTER (WHERE type = 'shipment.dispatched'),
     min(${TS('pickedUpAt')}) FILTER (WHERE type = 'shipment.picked_up'),
     min(${TS('deliveredAt')}) FILTER (WHERE type = 'shipment.delivered'),
     min(${TS('returnedAt')}) FILTER (WHERE type = 'shipment.returned')
   FROM {src}
   WHERE type IN (${list(ORDER_EVENTS)}) AND ${UUID_OF('orderId')} IS NOT NULL
   GROUP BY 1
   ON CONFLICT (order_id) DO UPDATE SET
     order_number = COALESCE(fact_orders.order_number, EXCLUDED.order_number),
     user_id = COALESCE(fact_orders.user_id, EXCLUDED.user_id),
     currency = COALESCE(fact_orders.currency, EXCLUDED.currency),
     total_minor = COALESCE(fact_orders.total_minor, EXCLUDED.total_minor),
     placed_at = LEAST(fact_orders.placed_at, EXCLUDED.placed_at),
     confirmed_at = LEAST(fact_orders.confirmed_at, EXCLUDED.confirmed_at),
     rejected_at = LEAST(fact_orders.rejected_at, EXCLUDED.rejected_at),
     rejected_reason = COALESCE(fact_orders.rejected_reason, EXCLUDED.rejected_reason),
     cancelled_at = LEAST(fact_orders.cancelled_at, EXCLUDED.cancelled_at),
     cancelled_reason = COALESCE(fact_orders.cancelled_reason, EXCLUDED.cancelled_reason),
     refunded_minor = GREATEST(fact_orders.refunded_minor, EXCLUDED.refunded_minor),
     dispatched_at = LEAST(fact_orders.dispatched_at, EXCLUDED.dispatched_at),
     picked_up_at = LEAST(fact_orders.picked_up_at, EXCLUDED.picked_up_at),
     delivered_at = LEAST(fact_orders.delivered_at, EXCLUDED.delivered_at),
     returned_at = LEAST(fact_orders.returned_at, EXCLUDED.returned_at)` },

  // The lines of each order as placed.
  { reads: of('order.placed'), sql: `INSERT INTO fact_order_lines
   SELECT order_id, line_no, line.productId, line.sku, line.quantity, line.unitPriceMinor
   FROM (
     SELECT ${UUID_OF('orderId')} AS order_id,
       unnest(json_transform(payload->'$.items', '[{"productId":"UUID","sku":"VARCHAR","quantity":"INTEGER","unitPriceMinor":"BIGINT"}]')) AS line,
       generate_subscripts(json_transform(payload->'$.items', '["JSON"]'), 1) AS line_no
     FROM {src} WHERE type = 'order.placed'
   )
   ON CONFLICT DO NOTHING` },

  { reads: prefixed('payment.'), sql: `INSERT INTO fact_payments
   SELECT event_id, ${UUID_OF('orderId')}, ${UUID_OF('paymentId')}, ${UUID_OF('operationId')},
     replace(substr(type, length('payment.') + 1), '-', '_'),
     TRY_CAST(payload->>'$.amountMinor' AS BIGINT), payload->>'$.currency', payload->>'$.reason', payload->>'$.effect', occurred_at
   FROM {src} WHERE type LIKE 'payment.%'
   ON CONFLICT DO NOTHING` },

  { reads: prefixed('shipment.'), sql: `INSERT INTO fact_shipments
   SELECT event_id, ${UUID_OF('orderId')}, ${UUID_OF('shipmentId')},
     replace(substr(type, length('shipment.') + 1), '-', '_'),
     ${UUID_OF('courier.courierId')}, payload->>'$.courier.name', TRY_CAST(payload->>'$.attempt' AS INTEGER), payload->>'$.reason',
     COALESCE(TRY_CAST(payload->>'$.dispatchedAt' AS TIMESTAMPTZ), TRY_CAST(payload->>'$.pickedUpAt' AS TIMESTAMPTZ), TRY_CAST(payload->>'$.failedAt' AS TIMESTAMPTZ),
              TRY_CAST(payload->>'$.deliveredAt' AS TIMESTAMPTZ), TRY_CAST(payload->>'$.returnedAt' AS TIMESTAMPTZ), occurred_at)
   FROM {src} WHERE type LIKE 'shipment.%'
   ON CONFLICT DO NOTHING` },

  // Reservations line by line; releases and commits refer to their reservation (line 0).
  { reads: of('stock.reserved', 'stock.released', 'stock.committed', 'stock.reservation-rejected', 'shipment.returned'), sql: `INSERT INTO fact_stock_movements
   SELECT event_id, line_no, 'reserved', reservation_id, order_id, line.sku, line.quantity, occurred_at
   FROM (
     SELECT event_id, occurred_at, ${UUID_OF('reservationId')} AS reservation_id, ${UUID_OF('orderId')} AS order_id,
       unnest(json_transform(payload->'$.items', '[{"sku":"VARCHAR","quantity":"INTEGER"}]')) AS line,
       generate_subscripts(json_transform(payload->'$.items', '["JSON"]'), 1) AS line_no
     FROM {src} WHERE type = 'stock.reserved'
   )
   UNION ALL
   SELECT event_id, 0, CASE type WHEN 'stock.released' THEN 'released' WHEN 'stock.committed' THEN 'committed' ELSE 'rejected' END,
     ${UUID_OF('reservationId')}, ${UUID_OF('orderId')}, NULL, NULL, occurred_at
   FROM {src} WHERE type IN ('stock.released', 'stock.committed', 'stock.reservation-rejected')
   UNION ALL
   SELECT event_id, line_no, 'returned', NULL, order_id, line.sku, line.quantity, occurred_at
   FROM (
     SELECT event_id, ${TS('returnedAt')} AS occurred_at, ${UUID_OF('orderId')} AS order_id,
       unnest(json_transform(payload->'$.items', '[{"sku":"VARCHAR","quantity":"INTEGER"}]')) AS line,
       generate_subscripts(json_transform(payload->'$.items', '["JSON"]'), 1) AS line_no
     FROM {src} WHERE type = 'shipment.returned'
   )
   ON CONFLICT DO NOTHING` },

  // The newest stock level per SKU, by inventory's version.
  { reads: of('stock.changed'), sql: `INSERT INTO fact_stock_levels
   SELECT sku, arg_max(product_id, version), arg_max(on_hand, version), arg_max(reserved, version), arg_max(available, version), max(version), arg_max(occurred_at, version)
   FROM (
     SELECT payload->>'$.sku' AS sku, ${UUID_OF('productId')} AS product_id,
       TRY_CAST(payload->>'$.onHand' AS INTEGER) AS on_hand, TRY_CAST(payload->>'$.reserved' AS INTEGER) AS reserved,
       TRY_CAST(payload->>'$.available' AS INTEGER) AS available, TRY_CAST(payload->>'$.version' AS BIGINT) AS version, ${TS('occurredAt')} AS occurred_at
     FROM {src} WHERE type = 'stock.changed'
   )
   GROUP BY sku
   ON CONFLICT (sku) DO UPDATE SET
     product_id = CASE WHEN EXCLUDED.version > fact_stock_levels.version THEN EXCLUDED.product_id ELSE fact_stock_levels.product_id END,
     on_hand = CASE WHEN EXCLUDED.version > fact_stock_levels.version THEN EXCLUDED.on_hand ELSE fact_stock_levels.on_hand END,
     reserved = CASE WHEN EXCLUDED.version > fact_stock_levels.version THEN EXCLUDED.reserved ELSE fact_stock_levels.reserved END,
     available = CASE WHEN EXCLUDED.version > fact_stock_levels.version THEN EXCLUDED.available ELSE fact_stock_levels.available END,
     occurred_at = CASE WHEN EXCLUDED.version > fact_stock_levels.version THEN EXCLUDED.occurred_at ELSE fact_stock_levels.occurred_at END,
     version = GREATEST(fact_stock_levels.version, EXCLUDED.version)` },

  { reads: of('user.registered'), sql: `INSERT INTO fact_users
   SELECT ${UUID_OF('userId')}, min(${TS('registeredAt')}) FROM {src} WHERE type = 'user.registered' GROUP BY 1
   ON CONFLICT (user_id) DO UPDATE SET registered_at = LEAST(fact_users.registered_at, EXCLUDED.registered_at)` },

  // Products: created is version 1, an update carries its version, a discontinuation (version 0)
  // changes nothing but its stamp, whichever arrives first. product.updated comes in two shapes:
  // version 1 (`priceMinor`, `currency`; no category) in raw events received before analytics moved,
  // version 2 (`price: { amountMinor, currency }`, `categoryId`) since. The category is taken from
  // the newest event that carries one (product.created or a version 2 update) when it is newer than
  // the row; an update of version 1 leaves it as it was.
  { reads: of('product.created', 'product.updated', 'product.discontinued'), sql: `INSERT INTO dim_products
   SELECT product_id, arg_max(sku, version), arg_max(name, version) FILTER (WHERE version > 0), arg_max(category_id, version) FILTER (WHERE category_id IS NOT NULL),
     arg_max(price_minor, version) FILTER (WHERE version > 0), arg_max(currency, version) FILTER (WHERE version > 0), max(version), min(discontinued_at)
   FROM (
     SELECT ${UUID_OF('productId')} AS product_id, payload->>'$.sku' AS sku, payload->>'$.name' AS name, ${UUID_OF('categoryId')} AS category_id,
       TRY_CAST(COALESCE(payload->>'$.price.amountMinor', payload->>'$.priceMinor') AS BIGINT) AS price_minor,
       COALESCE(payload->>'$.price.currency', payload->>'$.currency') AS currency,
       CASE type WHEN 'product.created' THEN 1 WHEN 'product.discontinued' THEN 0 ELSE TRY_CAST(payload->>'$.version' AS BIGINT) END AS version,
       CASE WHEN type = 'product.discontinued' THEN ${TS('discontinuedAt')} END AS discontinued_at
     FROM {src} WHERE type IN ('product.created', 'product.updated', 'product.discontinued')
   )
   GROUP BY product_id
   ON CONFLICT (product_id) DO UPDATE SET
     sku = CASE WHEN EXCLUDED.version > dim_products.version THEN EXCLUDED.sku ELSE dim_products.sku END,
     name = CASE WHEN EXCLUDED.version > dim_products.version THEN EXCLUDED.name ELSE dim_products.name END,
     price_minor = CASE WHEN EXCLUDED.version > dim_products.version THEN EXCLUDED.price_minor ELSE dim_products.price_minor END,
     currency = CASE WHEN EXCLUDED.version > dim_products.version THEN EXCLUDED.currency ELSE dim_products.currency END,
     category_id = CASE WHEN EXCLUDED.version > dim_products.version AND EXCLUDED.category_id IS NOT NULL THEN EXCLUDED.category_id
                        ELSE COALESCE(dim_products.category_id, EXCLUDED.category_id) END,
     version = GREATEST(dim_products.version, EXCLUDED.version),
     discontinued_at = LEAST(dim_products.discontinued_at, EXCLUDED.discontinued_at)` },

  { reads: of('message.dead-lettered'), sql: `INSERT INTO fact_dead_letters
   SELECT event_id, payload->>'$.service', payload->>'$.queue', payload->>'$.messageId', payload->>'$.messageType', payload->>'$.reason',
     TRY_CAST(payload->>'$.attempts' AS INTEGER), payload->>'$.outcome', ${TS('parkedAt')}
   FROM {src} WHERE type = 'message.dead-lettered'
   ON CONFLICT DO NOTHING` },

  // Last: a deleted user's personal fields cut out of identity's raw events (erasure.ts).
  ERASURE_STATEMENT,
];

/** The fact tables the fold writes, emptied by a rebuild. */
export const FACT_TABLES = ['fact_orders', 'fact_order_lines', 'fact_payments', 'fact_shipments', 'fact_stock_movements', 'fact_stock_levels', 'fact_users', 'dim_products', 'fact_dead_letters'] as const;

/**
 * Folds the events of relation `source` (a table with raw_events' columns) into the fact tables.
 * Given the types `source` holds, statements that read none of them are skipped: planning one costs
 * a few milliseconds even when it matches nothing, which a small batch would pay eight times over.
 */
export async function fold(tx: WarehouseTx, source: string, types?: ReadonlySet<string>): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(source)) throw new Error(`not a relation name: ${source}`);
  for (const statement of FOLD_STATEMENTS) {
    if (types && ![...types].some(statement.reads)) continue;
    await tx.run(statement.sql.replaceAll('{src}', source));
  }
}
