import type { Params, Warehouse } from '../warehouse/warehouse.js';

/**
 * The cross-service invariants, each a query over the warehouse answering the entities that break
 * it. Each service keeps its own invariants itself (constraints, its own tests); these are the ones
 * no single service can see, because their facts live in several.
 *
 * The events of one checkout come from several services, seconds apart and in no set order, so a
 * fact younger than the grace period is not judged yet: a capture whose order.placed is still on its
 * way is not "a capture without an order".
 */
export interface CheckContext {
  /** Facts that happened before this instant are judged (now − grace). */
  judgedBefore: Date;
  now: Date;
  sagaDeadlineSeconds: number;
}

export interface Finding {
  entity: string;
  detail: string;
}

export interface Check {
  id: string;
  title: string;
  /** The findings, or why the check could not run here. */
  run(warehouse: Warehouse, ctx: CheckContext): Promise<Finding[] | { skipped: string }>;
}

const judged = (ctx: CheckContext): Params => [ctx.judgedBefore.toISOString()];

const confirmedCaptured: Check = {
  id: 'confirmed-captured',
  title: 'Every confirmed order has exactly one capture, of its total',
  run: (warehouse, ctx) => warehouse.all<Finding>(`
    SELECT o.order_id::VARCHAR AS entity,
      CASE WHEN count(DISTINCT p.operation_id) = 0 THEN 'confirmed ' || o.order_number || ' has no captured payment'
           WHEN count(DISTINCT p.operation_id) > 1 THEN 'confirmed ' || o.order_number || ' was captured ' || count(DISTINCT p.operation_id) || ' times'
           ELSE 'confirmed ' || o.order_number || ' totals ' || o.total_minor || ' but ' || sum(p.amount_minor) || ' was captured' END AS detail
    FROM fact_orders o LEFT JOIN fact_payments p ON p.order_id = o.order_id AND p.outcome = 'captured'
    WHERE o.confirmed_at < $1::TIMESTAMPTZ
    GROUP BY o.order_id, o.order_number, o.total_minor
    HAVING count(DISTINCT p.operation_id) <> 1 OR sum(p.amount_minor) <> o.total_minor
    ORDER BY entity`, judged(ctx)),
};

const captureWithoutOrder: Check = {
  id: 'capture-without-order',
  title: 'Every capture belongs to an order that was placed',
  run: (warehouse, ctx) => warehouse.all<Finding>(`
    SELECT p.order_id::VARCHAR AS entity, 'payment ' || COALESCE(p.payment_id::VARCHAR, '?') || ' captured ' || p.amount_minor || ' ' || COALESCE(p.currency, '') || ' for an order never placed' AS detail
    FROM fact_payments p LEFT JOIN fact_orders o ON o.order_id = p.order_id
    WHERE p.outcome = 'captured' AND p.occurred_at < $1::TIMESTAMPTZ AND o.placed_at IS NULL
    ORDER BY entity`, judged(ctx)),
};

const committedOnDispatch: Check = {
  id: 'committed-on-dispatch',
  title: "Every dispatched order's stock is committed, exactly once",
  run: (warehouse, ctx) => warehouse.all<Finding>(`
    SELECT o.order_id::VARCHAR AS entity,
      o.order_number || ' was dispatched but its reservation was ' || CASE WHEN count(m.event_id) = 0 THEN 'never committed' ELSE 'committed ' || count(m.event_id) || ' times' END AS detail
    FROM fact_orders o LEFT JOIN fact_stock_movements m ON m.order_id = o.order_id AND m.kind = 'committed'
    WHERE o.dispatched_at < $1::TIMESTAMPTZ
    GROUP BY o.order_id, o.order_number HAVING count(m.event_id) <> 1
    ORDER BY entity`, judged(ctx)),
};

/**
 * An order that ended without being kept (cancelled, or rejected after its card was authorised) holds
 * no money: what was captured is refunded, and an authorisation never captured is voided.
 */
const cancelledMoneyReturned: Check = {
  id: 'cancelled-money-returned',
  title: "Every cancelled or rejected order's money is voided or refunded",
  run: (warehouse, ctx) => warehouse.all<Finding>(`
    WITH money AS (
      SELECT o.order_id, o.order_number, CASE WHEN o.cancelled_at IS NOT NULL THEN 'cancelled' ELSE 'rejected' END AS ending,
        COALESCE(sum(p.amount_minor) FILTER (WHERE p.outcome = 'captured'), 0) AS captured,
        COALESCE(sum(p.amount_minor) FILTER (WHERE p.outcome = 'refunded'), 0) AS refunded,
        count(*) FILTER (WHERE p.outcome = 'authorized') AS authorized,
        count(*) FILTER (WHERE p.outcome = 'voided') AS voided
      FROM fact_orders o LEFT JOIN fact_payments p ON p.order_id = o.order_id
      WHERE COALESCE(o.cancelled_at, o.rejected_at) < $1::TIMESTAMPTZ
      GROUP BY ALL
    )
    SELECT order_id::VARCHAR AS entity,
      CASE WHEN captured > refunded THEN ending || ' ' || order_number || ' still has ' || (captured - refunded) || ' captured'
           ELSE ending || ' ' || order_number || ' has an authorisation neither captured nor voided' END AS detail
    FROM money
    WHERE captured > refunded OR (authorized > 0 AND captured = 0 AND voided = 0)
    ORDER BY entity`, judged(ctx)),
};

/**
 * inventory's snapshot per SKU against its own ledger, both as its data product publishes them:
 * on_hand is the sum of received, adjusted and committed quantities; reserved of reserved, released
 * and committed ones (the ledger's signs, see inventory's 0001_stock.sql).
 */
const stockEqualsMovements: Check = {
  id: 'stock-equals-movements',
  title: "Every SKU's stock equals the sum of its movements",
  async run(warehouse) {
    if (!(await warehouse.hasTable('cdc_inventory', 'stock_items')) || !(await warehouse.hasTable('cdc_inventory', 'stock_movements'))) {
      return { skipped: "needs inventory's data product (stock_items and stock_movements by CDC), which is not read here" };
    }
    return warehouse.all<Finding>(`
      WITH ledger AS (
        SELECT sku,
          sum(quantity) FILTER (WHERE kind IN ('received', 'adjusted', 'committed')) AS on_hand,
          sum(quantity) FILTER (WHERE kind IN ('reserved', 'released', 'committed')) AS reserved
        FROM cdc_inventory.stock_movements GROUP BY sku
      )
      SELECT s.sku AS entity,
        s.sku || ': on hand ' || s.on_hand || ', reserved ' || s.reserved || '; its movements sum to ' || COALESCE(l.on_hand, 0) || ' on hand, ' || COALESCE(l.reserved, 0) || ' reserved' AS detail
      FROM cdc_inventory.stock_items s LEFT JOIN ledger l USING (sku)
      WHERE s.on_hand <> COALESCE(l.on_hand, 0) OR s.reserved <> COALESCE(l.reserved, 0)
      ORDER BY entity`);
  },
};

const sagaWithinDeadline: Check = {
  id: 'saga-within-deadline',
  title: 'Every checkout saga ended within its deadline',
  run: (warehouse, ctx) => warehouse.all<Finding>(`
    SELECT order_id::VARCHAR AS entity,
      CASE WHEN ended_at IS NULL THEN order_number || ' placed ' || round(epoch($2::TIMESTAMPTZ) - epoch(placed_at)) || ' s ago has not ended'
           ELSE order_number || ' took ' || round(epoch(ended_at) - epoch(placed_at), 1) || ' s' END || ' (deadline ' || $3 || ' s)' AS detail
    FROM (SELECT order_id, order_number, placed_at, COALESCE(confirmed_at, rejected_at, cancelled_at) AS ended_at FROM fact_orders WHERE placed_at IS NOT NULL)
    WHERE epoch(COALESCE(ended_at, $2::TIMESTAMPTZ)) - epoch(placed_at) > $3::DOUBLE AND placed_at < $1::TIMESTAMPTZ
    ORDER BY entity`, [ctx.judgedBefore.toISOString(), ctx.now.toISOString(), ctx.sagaDeadlineSeconds]),
};

export const CHECKS: readonly Check[] = [confirmedCaptured, captureWithoutOrder, committedOnDispatch, cancelledMoneyReturned, stockEqualsMovements, sagaWithinDeadline];
