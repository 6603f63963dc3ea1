/**
 * What each of analytics' reports must say, computed from the services' own databases, as each
 * report's description defines it. What happened (statuses, lines, operations, movements, attempts)
 * is read from the business tables; the instants a report measures durations between are read from
 * the service's outbox, the record of exactly what it announced: the events carry timestamps taken
 * by the service's clock (milliseconds), while its rows carry PostgreSQL's now(), a few milliseconds
 * off, which would move a median by a rounding step. Outbox rows are kept a day after sending.
 *
 * Arithmetic follows DuckDB's: quantile_cont interpolates `lo + (hi - lo) * d`, round() is
 * `round(x * 10^n) / 10^n` (half away from zero), `/` divides as doubles, epoch() is seconds.
 */
import type pg from 'pg';

export interface Period { from: string; to: string }
type Row = Record<string, string | number | null>;
type Pools = (service: string) => pg.Pool;

const DAY_MS = 86_400_000;
const dayOf = (at: Date | string) => new Date(at).toISOString().slice(0, 10);
const within = (at: Date | string, p: Period) => {
  const ms = new Date(at).getTime();
  return ms >= Date.parse(`${p.from}T00:00:00Z`) && ms < Date.parse(`${p.to}T00:00:00Z`) + DAY_MS;
};
export const round = (x: number | null, digits: number): number | null => {
  if (x === null || !Number.isFinite(x)) return null;
  const m = 10 ** digits;
  return Math.sign(x) * Math.round(Math.abs(x) * m) / m;
};
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
const epoch = (iso: string) => Date.parse(iso) / 1000;
const count = <K>(map: Map<K, number>, key: K, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

/** A service's announcements of some types: `payload` by the entity `key` names, the first (earliest) of each. */
async function announced(db: pg.Pool, type: string, key = 'orderId'): Promise<Map<string, Record<string, any>>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- event payloads, read field by field
  const { rows } = await db.query<{ payload: Record<string, unknown> }>("SELECT envelope->'payload' AS payload FROM outbox WHERE type = $1 ORDER BY envelope->>'occurredAt', id", [type]);
  const first = new Map<string, Record<string, unknown>>();
  for (const { payload } of rows) if (!first.has(payload[key] as string)) first.set(payload[key] as string, payload);
  return first;
}

/** The orders and what each became, from orders' database. */
async function ordersOf(db: Pools) {
  const { rows } = await db('orders').query<{ id: string; user_id: string; status: string; currency: string; created_at: Date; reason: string | null; confirmed: boolean }>(`
    SELECT o.id, o.user_id_ref AS user_id, o.status, o.currency, o.created_at, s.reason,
      EXISTS (SELECT 1 FROM saga_steps st WHERE st.order_id = o.id AND st.step = 'confirm-order' AND st.status = 'succeeded') AS confirmed
    FROM orders o LEFT JOIN checkout_sagas s ON s.order_id = o.id`);
  return rows;
}

export async function expectedRevenue(db: Pools, p: Period): Promise<Row[]> {
  const confirmedAt = await announced(db('orders'), 'order.confirmed');
  // Confirmed and not cancelled since: its status follows the parcel (confirmed, shipped, delivered).
  const kept = (await ordersOf(db)).filter((o) => ['confirmed', 'shipped', 'delivered'].includes(o.status) && confirmedAt.has(o.id));
  const { rows: lines } = await db('orders').query<{ order_id: string; product_id: string; quantity: number; unit_price_minor: string }>('SELECT order_id, product_id_ref AS product_id, quantity, unit_price_minor FROM order_items');
  const { rows: products } = await db('catalog').query<{ id: string; category_id: string; name: string }>('SELECT p.id, p.category_id, c.name FROM products p JOIN categories c ON c.id = p.category_id');
  const category = new Map(products.map((r) => [r.id, r]));
  const groups = new Map<string, { day: string; categoryId: string; categoryName: string; currency: string; orders: Set<string>; units: number; revenueMinor: number }>();
  for (const order of kept) {
    const at = confirmedAt.get(order.id)!.confirmedAt as string;
    if (!within(at, p)) continue;
    for (const line of lines.filter((l) => l.order_id === order.id)) {
      const c = category.get(line.product_id)!;
      const key = `${dayOf(at)}|${c.category_id}|${order.currency}`;
      const g = groups.get(key) ?? { day: dayOf(at), categoryId: c.category_id, categoryName: c.name, currency: order.currency, orders: new Set<string>(), units: 0, revenueMinor: 0 };
      g.orders.add(order.id);
      g.units += line.quantity;
      g.revenueMinor += line.quantity * Number(line.unit_price_minor);
      groups.set(key, g);
    }
  }
  return [...groups.values()].map((g) => ({ ...g, orders: g.orders.size }));
}

export async function expectedFunnel(db: Pools, p: Period): Promise<Row[]> {
  const { rows: users } = await db('identity').query<{ id: string; created_at: Date }>('SELECT id, created_at FROM users');
  const cohort = new Set(users.filter((u) => within(u.created_at, p)).map((u) => u.id));
  const orders = (await ordersOf(db)).filter((o) => cohort.has(o.user_id));
  const { rows: delivered } = await db('shipping').query<{ order_id: string }>("SELECT order_id_ref AS order_id FROM shipments WHERE status = 'delivered'");
  const deliveredOrders = new Set(delivered.map((d) => d.order_id));
  const steps: [string, number][] = [
    ['registered', cohort.size],
    ['ordered', new Set(orders.map((o) => o.user_id)).size],
    ['confirmed', new Set(orders.filter((o) => o.confirmed).map((o) => o.user_id)).size],
    ['delivered', new Set(orders.filter((o) => deliveredOrders.has(o.id)).map((o) => o.user_id)).size],
  ];
  return steps.map(([step, customers]) => ({ step, customers, share: cohort.size ? round(customers / cohort.size, 4) : null }));
}

export async function expectedCheckoutOutcomes(db: Pools, p: Period): Promise<Row[]> {
  const orders = db('orders');
  const [placed, confirmed, rejected, cancelled] = await Promise.all([
    announced(orders, 'order.placed'), announced(orders, 'order.confirmed'), announced(orders, 'order.rejected'), announced(orders, 'order.cancelled'),
  ]);
  const groups = new Map<string, { outcome: string; reason: string | null; orders: number; seconds: number[] }>();
  for (const order of await ordersOf(db)) {
    if (!within(order.created_at, p)) continue;
    const outcome = order.confirmed ? 'confirmed' : order.status === 'rejected' ? 'rejected' : order.status === 'cancelled' ? 'cancelled' : 'in_progress';
    const reason = outcome === 'rejected' || outcome === 'cancelled' ? order.reason : null;
    const end = (confirmed.get(order.id)?.confirmedAt ?? rejected.get(order.id)?.rejectedAt ?? cancelled.get(order.id)?.cancelledAt) as string | undefined;
    const g = groups.get(`${outcome}|${reason}`) ?? { outcome, reason, orders: 0, seconds: [] };
    g.orders += 1;
    if (end) g.seconds.push(epoch(end) - epoch(placed.get(order.id)!.placedAt as string));
    groups.set(`${outcome}|${reason}`, g);
  }
  return [...groups.values()].map(({ outcome, reason, orders, seconds }) => ({
    outcome, reason, orders,
    p50Seconds: seconds.length ? round(quantile(seconds, 0.5), 3) : null,
    p95Seconds: seconds.length ? round(quantile(seconds, 0.95), 3) : null,
    maxSeconds: seconds.length ? round(Math.max(...seconds), 3) : null,
  }));
}

export async function expectedPaymentDeclines(db: Pools, p: Period): Promise<Row[]> {
  // Every authorisation that ended answers payment.authorized (succeeded) or payment.declined
  // (declined, or failed at the processor), with the operation's error as the reason.
  const { rows } = await db('payments').query<{ outcome: string; error: string | null; completed_at: Date }>(
    "SELECT outcome, error, completed_at FROM payment_operations WHERE kind = 'authorize' AND outcome <> 'pending'");
  const attempts = new Map<string, number>();
  const declines = new Map<string, Map<string | null, number>>();
  for (const op of rows.filter((r) => within(r.completed_at, p))) {
    const day = dayOf(op.completed_at);
    count(attempts, day);
    if (!declines.has(day)) declines.set(day, new Map());
    if (op.outcome !== 'succeeded') count(declines.get(day)!, op.error ?? 'processor_error');
  }
  return [...attempts].flatMap(([day, n]) => {
    const reasons = [...declines.get(day)!];
    if (reasons.length === 0) return [{ day, attempts: n, reason: null, declined: 0, rate: 0 }];
    return reasons.map(([reason, declined]) => ({ day, attempts: n, reason, declined, rate: round(declined / n, 4) }));
  });
}

export async function expectedDeliveryTimes(db: Pools, p: Period): Promise<Row[]> {
  const shipping = db('shipping');
  const [dispatched, delivered] = await Promise.all([announced(shipping, 'shipment.dispatched'), announced(shipping, 'shipment.delivered')]);
  const { rows: couriers } = await shipping.query<{ id: string; name: string }>('SELECT id, name FROM couriers');
  const { rows: failed } = await shipping.query<{ courier_id: string; attempted_at: Date }>("SELECT courier_id, attempted_at FROM delivery_attempts WHERE outcome = 'failed'");
  // A return names no courier: it is the courier of the parcel's last failed attempt.
  const { rows: returns } = await shipping.query<{ courier_id: string; updated_at: Date }>(`
    SELECT (SELECT a.courier_id FROM delivery_attempts a WHERE a.shipment_id = s.id AND a.outcome = 'failed' ORDER BY a.attempted_at DESC LIMIT 1) AS courier_id, s.updated_at
    FROM shipments s WHERE s.status = 'returned'`);
  const minutes = new Map<string, number[]>();
  for (const [orderId, payload] of delivered) {
    if (!within(payload.deliveredAt as string, p)) continue;
    const from = dispatched.get(orderId)!.dispatchedAt as string;
    minutes.set(payload.courier.courierId as string, [...(minutes.get(payload.courier.courierId as string) ?? []), (epoch(payload.deliveredAt as string) - epoch(from)) / 60.0]);
  }
  return [...minutes].map(([courierId, m]) => ({
    courierId, courierName: couriers.find((c) => c.id === courierId)!.name, delivered: m.length,
    p50Minutes: round(quantile(m, 0.5), 1), p90Minutes: round(quantile(m, 0.9), 1), meanMinutes: round(m.reduce((a, b) => a + b, 0) / m.length, 1),
    failedAttempts: failed.filter((f) => f.courier_id === courierId && within(f.attempted_at, p)).length,
    returned: returns.filter((r) => r.courier_id === courierId && within(r.updated_at, p)).length,
  }));
}

/**
 * On hand is what inventory last announced (stock.changed), which is its ledger's sum: the two
 * differ only where someone changed stock_items behind inventory's back, which announces nothing
 * (reconciliation's stock-equals-movements is there to find it).
 */
export async function expectedStockTurnover(db: Pools, p: Period): Promise<Row[]> {
  const { rows: items } = await db('inventory').query<{ sku: string; ledger: number }>(
    'SELECT s.sku, COALESCE(sum(m.on_hand_delta), 0)::int AS ledger FROM stock_items s LEFT JOIN stock_movements m USING (sku) GROUP BY s.sku');
  const { rows: committed } = await db('inventory').query<{ sku: string; quantity: number; created_at: Date }>("SELECT sku, -quantity AS quantity, created_at FROM stock_movements WHERE kind = 'committed'");
  const { rows: returned } = await db('shipping').query<{ sku: string; quantity: number; updated_at: Date }>(
    "SELECT i.sku, i.quantity, s.updated_at FROM shipments s JOIN shipment_items i ON i.shipment_id = s.id WHERE s.status = 'returned'");
  const days = (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / DAY_MS + 1;
  const shipped = new Map<string, number>();
  const back = new Map<string, number>();
  for (const c of committed) if (within(c.created_at, p)) count(shipped, c.sku, c.quantity);
  for (const r of returned) if (within(r.updated_at, p)) count(back, r.sku, r.quantity);
  return items.map(({ sku, ledger }) => {
    const units = shipped.get(sku) ?? 0;
    return {
      sku, unitsShipped: units, unitsReturned: back.get(sku) ?? 0, onHand: ledger,
      turnover: ledger === 0 ? null : round(units / ledger, 3), daysOfCover: units === 0 ? null : round(ledger / (units / days), 1),
    };
  });
}

export const EXPECTED: Record<string, (db: Pools, p: Period) => Promise<Row[]>> = {
  'revenue-by-category': expectedRevenue,
  'funnel': expectedFunnel,
  'checkout-outcomes': expectedCheckoutOutcomes,
  'payment-declines': expectedPaymentDeclines,
  'delivery-times': expectedDeliveryTimes,
  'stock-turnover': expectedStockTurnover,
};

/** Rows in a fixed order (reports order by figures, whose ties a test should not depend on). */
export const sortedRows = (rows: Row[]) => rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort().map((s) => JSON.parse(s) as Row);
