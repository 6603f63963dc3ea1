import type { Params, Row, Warehouse } from '../warehouse/warehouse.js';

/** A report's period: whole UTC days, `from` to `to` inclusive. */
export interface Period {
  from: string;
  to: string;
}

export interface ReportDef {
  name: string;
  title: string;
  /** What each row means and how its figures are counted: shown in the API's documentation. */
  description: string;
  columns: readonly string[];
  query(warehouse: Warehouse, period: Period): Promise<Row[]>;
}

/** `[from, to + 1 day)` as timestamps, the bounds every report filters on. */
const bounds = (p: Period): Params => [`${p.from} 00:00:00+00`, `${p.to} 00:00:00+00`];
const IN_PERIOD = (column: string) => `${column} >= $1::TIMESTAMPTZ AND ${column} < $2::TIMESTAMPTZ + INTERVAL 1 DAY`;
const DAY = (column: string) => `strftime(${column} AT TIME ZONE 'UTC', '%Y-%m-%d')`;
const SECONDS = (from: string, to: string) => `epoch(${to}) - epoch(${from})`;

/**
 * Revenue: the lines of orders confirmed in the period and not cancelled since, by day of
 * confirmation and the product's category. The category comes from catalog's own tables when CDC
 * copies them (with its name), else from product.created.
 */
const revenueByCategory: ReportDef = {
  name: 'revenue-by-category',
  title: 'Revenue per day by category',
  description: 'Lines of orders confirmed in the period and not cancelled since, at the price the customer was shown, by UTC day of confirmation and category. categoryName is known when catalog\'s data product is read by CDC.',
  columns: ['day', 'categoryId', 'categoryName', 'currency', 'orders', 'units', 'revenueMinor'],
  async query(warehouse, period) {
    const cdc = (await warehouse.hasTable('cdc_catalog', 'products')) && (await warehouse.hasTable('cdc_catalog', 'categories'));
    const category = cdc ? 'COALESCE(cp.category_id, p.category_id)' : 'p.category_id';
    return warehouse.all(`
      SELECT ${DAY('o.confirmed_at')} AS day, ${category}::VARCHAR AS "categoryId", ${cdc ? 'any_value(cc.name)' : 'NULL'} AS "categoryName",
        o.currency, count(DISTINCT o.order_id) AS orders, sum(l.quantity) AS units, sum(l.quantity * l.unit_price_minor) AS "revenueMinor"
      FROM fact_orders o
      JOIN fact_order_lines l USING (order_id)
      LEFT JOIN dim_products p ON p.product_id = l.product_id
      ${cdc ? 'LEFT JOIN cdc_catalog.products cp ON cp.id = l.product_id LEFT JOIN cdc_catalog.categories cc ON cc.id = ' + category : ''}
      WHERE ${IN_PERIOD('o.confirmed_at')} AND o.cancelled_at IS NULL
      GROUP BY 1, 2, o.currency
      ORDER BY 1, "revenueMinor" DESC, 2`, bounds(period));
  },
};

/** Of the customers who registered in the period, how many went on to each step (ever since). */
const funnel: ReportDef = {
  name: 'funnel',
  title: 'Funnel: registered, ordered, confirmed, delivered',
  description: 'The customers who registered in the period, and how many of them have since placed an order, had one confirmed, and had one delivered. share is of those registered.',
  columns: ['step', 'customers', 'share'],
  query: (warehouse, period) => warehouse.all(`
    WITH cohort AS (SELECT user_id FROM fact_users WHERE ${IN_PERIOD('registered_at')}),
    reached AS (
      SELECT c.user_id,
        bool_or(o.placed_at IS NOT NULL) AS ordered, bool_or(o.confirmed_at IS NOT NULL) AS confirmed, bool_or(o.delivered_at IS NOT NULL) AS delivered
      FROM cohort c LEFT JOIN fact_orders o USING (user_id) GROUP BY c.user_id
    ),
    steps AS (
      SELECT 1 AS n, 'registered' AS step, count(*) AS customers FROM reached
      UNION ALL SELECT 2, 'ordered', count(*) FILTER (WHERE ordered) FROM reached
      UNION ALL SELECT 3, 'confirmed', count(*) FILTER (WHERE confirmed) FROM reached
      UNION ALL SELECT 4, 'delivered', count(*) FILTER (WHERE delivered) FROM reached
    )
    SELECT step, customers, round(customers / NULLIF(max(customers) OVER (), 0), 4) AS share FROM steps ORDER BY n`, bounds(period)),
};

/**
 * Each checkout placed in the period by how it ended, and how long its saga took: from order.placed
 * to order.confirmed, order.rejected, or order.cancelled when it was never confirmed.
 */
const checkoutOutcomes: ReportDef = {
  name: 'checkout-outcomes',
  title: 'Checkout outcomes and saga durations',
  description: 'Orders placed in the period by outcome (confirmed; rejected, with its reason; cancelled before confirmation; in progress), with the saga\'s duration from order.placed to its end: median, 95th percentile and longest, in seconds.',
  columns: ['outcome', 'reason', 'orders', 'p50Seconds', 'p95Seconds', 'maxSeconds'],
  query: (warehouse, period) => warehouse.all(`
    WITH ended AS (
      SELECT CASE WHEN confirmed_at IS NOT NULL THEN 'confirmed' WHEN rejected_at IS NOT NULL THEN 'rejected'
                  WHEN cancelled_at IS NOT NULL THEN 'cancelled' ELSE 'in_progress' END AS outcome,
        CASE WHEN confirmed_at IS NULL THEN COALESCE(rejected_reason, cancelled_reason) END AS reason,
        ${SECONDS('placed_at', 'COALESCE(confirmed_at, rejected_at, cancelled_at)')} AS seconds
      FROM fact_orders WHERE ${IN_PERIOD('placed_at')}
    )
    SELECT outcome, reason, count(*) AS orders,
      round(quantile_cont(seconds, 0.5), 3) AS "p50Seconds", round(quantile_cont(seconds, 0.95), 3) AS "p95Seconds", round(max(seconds), 3) AS "maxSeconds"
    FROM ended GROUP BY ALL ORDER BY orders DESC, outcome, reason NULLS FIRST`, bounds(period)),
};

/**
 * Authorisation attempts per day, and the declines among them by reason. payments keeps one payment
 * per order and answers a repeated authorize (a retried command) with that payment's outcome again,
 * so an attempt is an order's first authorisation outcome, however often it was announced.
 */
const paymentDeclines: ReportDef = {
  name: 'payment-declines',
  title: 'Payment decline rates',
  description: 'Per UTC day: authorisation attempts (orders whose payment was authorized or declined, by the first answer, however often it was announced), and for each decline reason how many and their share of the attempts. A day without declines has one row with reason null.',
  columns: ['day', 'attempts', 'reason', 'declined', 'rate'],
  query: (warehouse, period) => warehouse.all(`
    WITH attempts AS (
      SELECT order_id, ${DAY('min(occurred_at)')} AS day, arg_min(outcome, occurred_at) AS outcome, arg_min(reason, occurred_at) AS reason FROM fact_payments
      WHERE outcome IN ('authorized', 'declined') GROUP BY order_id HAVING ${IN_PERIOD('min(occurred_at)')}
    ),
    per_day AS (SELECT day, count(*) AS attempts FROM attempts GROUP BY day),
    declines AS (SELECT day, reason, count(*) AS declined FROM attempts WHERE outcome = 'declined' GROUP BY ALL)
    SELECT d.day, d.attempts, x.reason, COALESCE(x.declined, 0) AS declined, round(COALESCE(x.declined, 0) / d.attempts, 4) AS rate
    FROM per_day d LEFT JOIN declines x USING (day)
    ORDER BY d.day, declined DESC, x.reason`, bounds(period)),
};

/** For each courier, parcels delivered in the period and how long from dispatch to the door. */
const deliveryTimes: ReportDef = {
  name: 'delivery-times',
  title: 'Delivery times by courier',
  description: 'Per courier, parcels delivered in the period (by the courier who delivered them), minutes from dispatch to delivery (median, 90th percentile, mean), failed attempts and returns in the period.',
  columns: ['courierId', 'courierName', 'delivered', 'p50Minutes', 'p90Minutes', 'meanMinutes', 'failedAttempts', 'returned'],
  query: (warehouse, period) => warehouse.all(`
    WITH delivered AS (
      SELECT s.courier_id, any_value(s.courier_name) AS courier_name, s.order_id, min(s.occurred_at) AS delivered_at
      FROM fact_shipments s WHERE s.outcome = 'delivered' AND ${IN_PERIOD('s.occurred_at')} GROUP BY s.courier_id, s.order_id
    ),
    timed AS (
      SELECT d.courier_id, d.courier_name, (${SECONDS('o.dispatched_at', 'd.delivered_at')}) / 60.0 AS minutes
      FROM delivered d JOIN fact_orders o USING (order_id) WHERE o.dispatched_at IS NOT NULL
    ),
    trouble AS (
      SELECT courier_id, count(*) FILTER (WHERE outcome = 'attempt_failed') AS failed_attempts
      FROM fact_shipments WHERE ${IN_PERIOD('occurred_at')} AND courier_id IS NOT NULL GROUP BY courier_id
    ),
    returns AS (
      -- A return names no courier: it is the courier of the parcel's last failed attempt.
      SELECT arg_max(s.courier_id, s.occurred_at) AS courier_id, r.order_id
      FROM fact_shipments r JOIN fact_shipments s ON s.order_id = r.order_id AND s.outcome = 'attempt_failed'
      WHERE r.outcome = 'returned' AND ${IN_PERIOD('r.occurred_at')} GROUP BY r.order_id
    )
    SELECT t.courier_id::VARCHAR AS "courierId", any_value(t.courier_name) AS "courierName", count(*) AS delivered,
      round(quantile_cont(t.minutes, 0.5), 1) AS "p50Minutes", round(quantile_cont(t.minutes, 0.9), 1) AS "p90Minutes", round(avg(t.minutes), 1) AS "meanMinutes",
      COALESCE(any_value(x.failed_attempts), 0) AS "failedAttempts", (SELECT count(*) FROM returns r WHERE r.courier_id = t.courier_id) AS returned
    FROM timed t LEFT JOIN trouble x USING (courier_id)
    GROUP BY t.courier_id ORDER BY delivered DESC, "courierName"`, bounds(period)),
};

/**
 * Per SKU, units that left the warehouse in the period (reservations committed on dispatch) and came
 * back (returned parcels), against what is on hand now (the newest stock.changed).
 */
const stockTurnover: ReportDef = {
  name: 'stock-turnover',
  title: 'Stock turnover',
  description: 'Per SKU: units shipped in the period (reservations committed on dispatch), units returned, units on hand now, turnover (units shipped over units on hand now) and days of cover at the period\'s daily rate.',
  columns: ['sku', 'unitsShipped', 'unitsReturned', 'onHand', 'turnover', 'daysOfCover'],
  query: (warehouse, period) => warehouse.all(`
    WITH committed AS (
      SELECT r.sku, sum(r.quantity) AS units
      FROM fact_stock_movements c JOIN fact_stock_movements r ON r.reservation_id = c.reservation_id AND r.kind = 'reserved'
      WHERE c.kind = 'committed' AND ${IN_PERIOD('c.occurred_at')} GROUP BY r.sku
    ),
    returned AS (SELECT sku, sum(quantity) AS units FROM fact_stock_movements WHERE kind = 'returned' AND ${IN_PERIOD('occurred_at')} GROUP BY sku),
    skus AS (SELECT sku FROM committed UNION SELECT sku FROM returned UNION SELECT sku FROM fact_stock_levels)
    SELECT s.sku, COALESCE(c.units, 0) AS "unitsShipped", COALESCE(r.units, 0) AS "unitsReturned", l.on_hand AS "onHand",
      round(COALESCE(c.units, 0) / NULLIF(l.on_hand, 0), 3) AS turnover,
      round(l.on_hand / NULLIF(COALESCE(c.units, 0) / (date_diff('day', $1::TIMESTAMPTZ, $2::TIMESTAMPTZ) + 1), 0), 1) AS "daysOfCover"
    FROM skus s LEFT JOIN committed c USING (sku) LEFT JOIN returned r USING (sku) LEFT JOIN fact_stock_levels l USING (sku)
    ORDER BY "unitsShipped" DESC, s.sku`, bounds(period)),
};

/**
 * Messages parked per day, service and type, with the attempts they used: the history behind each
 * service's dead-letter queue (which forgets a message once it is replayed), from the kit's
 * message.dead-lettered announcements. Retries that ended in success are counted by each service's
 * messages_handled_total{outcome="retried"} metric, not here.
 */
const deadLetters: ReportDef = {
  name: 'dead-letters',
  title: 'DLQ and retry history',
  description: 'Per UTC day, service and message type: messages parked in the dead-letter queue (after their last attempt, or refused at once as invalid), the deliveries they used in all, and the most frequent reason.',
  columns: ['day', 'service', 'messageType', 'parked', 'invalid', 'attempts', 'topReason'],
  query: (warehouse, period) => warehouse.all(`
    SELECT ${DAY('parked_at')} AS day, service, message_type AS "messageType", count(*) AS parked,
      count(*) FILTER (WHERE outcome = 'invalid') AS invalid, sum(attempts) AS attempts, mode(reason) AS "topReason"
    FROM fact_dead_letters WHERE ${IN_PERIOD('parked_at')}
    GROUP BY ALL ORDER BY day, parked DESC, service, "messageType"`, bounds(period)),
};

export const REPORTS: readonly ReportDef[] = [revenueByCategory, funnel, checkoutOutcomes, paymentDeclines, deliveryTimes, stockTurnover, deadLetters];

export const reportNamed = (name: string): ReportDef | undefined => REPORTS.find((r) => r.name === name);
