// Analytics against the real services: a day of shopping (confirmed checkouts, declined cards, out
// of stock, a failed capture, a customer's cancellation with refund, couriers delivering, failing
// attempts and returning a parcel), after which every report must equal the figures computed in the
// test from each service's own database (tools/src/testing/analytics-expected.ts), and a clean
// reconciliation run finds nothing. Then analytics is stopped while more orders are placed, a
// product moves category at catalog and an operator edits a SKU's stock behind inventory's ledger:
// started again, it catches up (every event the services announced is in the warehouse, the reports
// equal the databases again), and its CDC slots survived (no new full copy, yet the changes made
// while it was down reached the mirrors). A rebuild leaves every report as it was. Last, two more
// operator's mistakes are planted in the owners' outboxes, and a reconciliation run finds exactly
// the three planted inconsistencies and nothing else.
import { randomBytes, randomUUID } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { eventually } from '@bazaar/platform/testing';
import { databaseUrlOf, startTestSystem, type TestSystem } from '../src/testing/system.js';
import type { JsonAnswer, JsonRequestOptions } from '../src/testing/http.js';
import { CARDS, Shop, type ShopCourier, type ShopProduct } from '../src/testing/shop.js';
import { EXPECTED, sortedRows, type Period } from '../src/testing/analytics-expected.js';

const run = randomBytes(4).toString('hex');
const RUN = run.toUpperCase();
const adminEmail = `ops-${run}@bazaar.test`;
const password = 'Warehouse-Day-2026';
const SETTLE_MS = 60_000;
/** Where shipping's geocoder simulator puts every address (its default), and the couriers work. */
const CITY = { latitude: 52.3676, longitude: 4.9041 };
const DATABASES = ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders'] as const;
const say = (line: string) => console.log(`[analytics] ${line}`);

let system: TestSystem;
let shop: Shop;
let admin: string;
const pools = new Map<string, pg.Pool>();
const db = (service: string) => pools.get(service)!;
const firstDay = new Date().toISOString().slice(0, 10);
/** From the day the test started to today: a run across midnight keeps both days. */
const period = (): Period => ({ from: firstDay, to: new Date().toISOString().slice(0, 10) });

const call = (method: string, path: string, options: JsonRequestOptions = {}): Promise<JsonAnswer> => shop.call('gateway', method, path, options);
const ok = (answer: JsonAnswer, status: number, what: string) => {
  assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
  return answer.body;
};

interface Customer { token: string; cards: Partial<Record<keyof typeof CARDS, string>> }
const customers: Customer[] = [];
const products: Record<string, ShopProduct> = {};
const categories: Record<string, string> = {};
let couriers: ShopCourier[] = [];

async function newCustomer(n: number, cards: (keyof typeof CARDS)[]): Promise<Customer> {
  const token = await shop.register(`shopper-${n}-${run}@bazaar.test`, password, `Shopper ${n}`);
  const customer: Customer = { token, cards: {} };
  for (const card of cards) customer.cards[card] = await shop.saveCard(token, CARDS[card]);
  return customer;
}

async function place(customer: Customer, card: keyof typeof CARDS, lines: [string, number][]): Promise<string> {
  const items = lines.map(([name, quantity]) => ({ productId: products[name]!.id, quantity }));
  return (await shop.placeOrder(customer.token, { items, paymentMethodId: customer.cards[card]! })).body.id as string;
}

/** Every saga settled and every outbox sent: nothing is under way in the services. */
async function servicesQuiet(): Promise<void> {
  await eventually(async () => {
    const sagas = (await db('orders').query<{ n: number }>("SELECT count(*)::int AS n FROM checkout_sagas WHERE step IS NOT NULL OR state NOT IN ('confirmed', 'cancelled', 'rejected')")).rows[0]!.n;
    let unsent = 0;
    for (const service of DATABASES) unsent += (await db(service).query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')).rows[0]!.n;
    return sagas === 0 && unsent === 0;
  }, { timeoutMs: SETTLE_MS, intervalMs: 250, message: 'the services never settled' });
}

/** The events the services announced (every one is still in its outbox: sent rows are kept a day). */
/**
 * Analytics receives one version of each event type: product.updated at version 2 (its RECEIVES),
 * every other type at version 1. Catalog writes product.updated once per live version, so the rows of
 * the other version are for other consumers.
 */
const RECEIVED_VERSION: Record<string, number> = { 'product.updated': 2 };

async function eventsAnnounced(): Promise<number> {
  let total = 0;
  for (const service of DATABASES) {
    total += (await db(service).query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE exchange LIKE '%bazaar.events' AND version = COALESCE(($1::jsonb)->>type, '1')::int",
      [JSON.stringify(RECEIVED_VERSION)],
    )).rows[0]!.n;
  }
  return total;
}

const analyticsStatus = async () => ok(await call('GET', '/analytics/status', { token: admin }), 200, 'status') as { events: number; cdc: { source: string; state: string; copies: number; changesApplied: number }[] };

/** Analytics holds every event the services announced, no more and no fewer. */
async function caughtUp(): Promise<void> {
  await eventually(async () => {
    const [held, announced] = [(await analyticsStatus()).events, await eventsAnnounced()];
    assert.equal(held, announced, 'events in the warehouse against events the services announced');
    return true;
  }, { timeoutMs: SETTLE_MS, intervalMs: 300, message: 'analytics never caught up' });
}

async function report(name: string, p = period()) {
  return ok(await call('GET', `/analytics/reports/${name}?from=${p.from}&to=${p.to}`, { token: admin }), 200, name).rows as Record<string, string | number | null>[];
}

/** Every report equals what the services' databases say (the CDC mirrors may lag a moment). */
async function reportsMatchDatabases(): Promise<Record<string, Record<string, string | number | null>[]>> {
  return eventually(async () => {
    const seen: Record<string, Record<string, string | number | null>[]> = {};
    for (const [name, expected] of Object.entries(EXPECTED)) {
      const p = period();
      const rows = await report(name, p);
      assert.deepEqual(sortedRows(rows), sortedRows(await expected(db, p)), `${name} against the services' databases`);
      seen[name] = rows;
    }
    return seen;
  }, { timeoutMs: SETTLE_MS, intervalMs: 500, message: 'the reports never matched the databases' });
}

const reconcile = async () => ok(await call('POST', '/analytics/reconciliation/runs', { token: admin }), 201, 'reconciliation') as {
  runId: string; checks: { check: string; status: string; findings: number }[]; findings: { check: string; entity: string; detail: string }[];
};

const orderStatus = async (id: string) => (await db('orders').query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [id])).rows[0]!.status;

before(async () => {
  const started = Date.now();
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'analytics', 'gateway'],
    parallel: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      shipping: { SHIPPING_DISPATCH_INTERVAL_MS: '200' },
      // Runs only when the test asks; a fact a second old is judged.
      analytics: { ANALYTICS_RECONCILE_GRACE_SECONDS: '1', ANALYTICS_RECONCILE_INTERVAL_MS: '86400000', ANALYTICS_RECONCILE_FIRST_RUN_MS: '86400000' },
    },
  });
  say(`system started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.notEqual(JSON.parse(system.env.analytics!.ANALYTICS_CDC_SOURCES ?? '[]').length, 0, 'CDC sources given (the server runs wal_level=logical)');
  for (const service of DATABASES) pools.set(service, new pg.Pool({ connectionString: databaseUrlOf(system, service), max: 2 }));
  shop = Shop.throughGateway(system);
  admin = await shop.register(adminEmail, password, 'Warehouse Ops');
  for (const [slug, name] of [['home', 'Home'], ['garden', 'Garden'], ['books', 'Books']]) categories[slug!] = await shop.createCategory(admin, `${slug}-${run}`, name!);
  const catalog: [string, string, number, number][] = [['LAMP', 'home', 4900, 50], ['RUG', 'home', 8000, 50], ['SPADE', 'garden', 1500, 50], ['ATLAS', 'books', 2500, 50], ['RARE', 'garden', 12_000, 2], ['DRIFT', 'books', 900, 5]];
  for (const [name, category, priceMinor, stock] of catalog) {
    products[name] = await shop.createProduct(admin, { categoryId: categories[category]!, sku: `${name}-${RUN}`, priceMinor, stock, name: `${name} ${run}` });
  }
  couriers = [
    await shop.newCourier(admin, { email: `ana-${run}@bazaar.test`, password, name: `Ana ${run}`, capacity: 10 }),
    await shop.newCourier(admin, { email: `ben-${run}@bazaar.test`, password, name: `Ben ${run}`, capacity: 10 }),
  ];
  customers.push(await newCustomer(0, ['approve']), await newCustomer(1, ['approve', 'decline']), await newCustomer(2, ['approve', 'insufficientFunds', 'decline']), await newCustomer(3, ['approve', 'captureDeclined']));
  await newCustomer(4, []); // registers and browses, never orders: the funnel's first step only
}, { timeout: 240_000 });

after(async () => {
  for (const pool of pools.values()) await pool.end();
  await system?.stop();
});

let cancelledAfterConfirmation: string;
let delivered: string;

test('a day of shopping: every report equals the figures from the services\' own databases, and reconciliation finds nothing', { timeout: 180_000 }, async () => {
  const [c0, c1, c2, c3] = customers as [Customer, Customer, Customer, Customer];
  const refunded = await place(c0, 'approve', [['RUG', 1]]);
  await Promise.all([
    place(c0, 'approve', [['LAMP', 2], ['ATLAS', 1]]),
    place(c1, 'approve', [['SPADE', 3]]),
    place(c1, 'decline', [['LAMP', 1]]),
    place(c2, 'approve', [['ATLAS', 2], ['SPADE', 1]]),
    place(c2, 'insufficientFunds', [['RUG', 2]]),
    place(c3, 'approve', [['RARE', 5]]), // more than was ever received: out of stock
    place(c3, 'captureDeclined', [['LAMP', 1]]),
    place(c0, 'approve', [['RARE', 1]]),
    place(c1, 'approve', [['ATLAS', 1], ['RUG', 1]]),
    place(c2, 'decline', [['LAMP', 3]]),
    place(c3, 'approve', [['SPADE', 2], ['ATLAS', 1]]),
  ]);
  await servicesQuiet();
  // The customer cancels before any courier has the parcel: shipment cancelled, stock released, money refunded.
  assert.equal(await orderStatus(refunded), 'confirmed');
  ok(await call('POST', `/orders/${refunded}/cancel`, { token: c0.token }), 202, 'cancel');
  await eventually(async () => (await orderStatus(refunded)) === 'cancelled', { timeoutMs: SETTLE_MS, message: 'the cancellation never completed' });
  cancelledAfterConfirmation = refunded;

  // Couriers come on shift; each parcel's fate by its place in tracking-number order: one delivered
  // after a failed attempt, one returned after three, the others delivered at once.
  for (const courier of couriers) await shop.startShift(courier, CITY);
  const confirmed = (await db('orders').query<{ id: string }>("SELECT id FROM orders WHERE status IN ('confirmed', 'shipped')")).rows.length;
  const parcels = await eventually(async () => {
    const held: { courier: ShopCourier; id: string; trackingNumber: string }[] = [];
    for (const courier of couriers) {
      const items = ok(await shop.call('gateway', 'GET', '/couriers/me/shipments', { token: courier.token }), 200, 'parcels').items as { id: string; trackingNumber: string; status: string }[];
      held.push(...items.filter((i) => i.status === 'dispatched').map((i) => ({ courier, id: i.id, trackingNumber: i.trackingNumber })));
    }
    return held.length === confirmed ? held.sort((a, b) => a.trackingNumber.localeCompare(b.trackingNumber)) : undefined;
  }, { timeoutMs: SETTLE_MS, intervalMs: 300, message: `the ${confirmed} parcels were never all dispatched` });
  assert.ok(new Set(parcels.map((p) => p.courier.id)).size >= 1);
  for (const [i, parcel] of parcels.entries()) {
    const path = `/couriers/me/shipments/${parcel.id}`;
    const as = { token: parcel.courier.token };
    ok(await call('POST', `${path}/pickup`, as), 200, 'pickup');
    const fails = i === 0 ? 1 : i === 1 ? 3 : 0;
    for (let attempt = 1; attempt <= fails; attempt++) ok(await call('POST', `${path}/failed-attempts`, { ...as, body: { attempt, reason: 'nobody home' } }), 200, 'failed attempt');
    if (fails < 3) ok(await call('POST', `${path}/delivered`, as), 200, 'delivered');
  }
  for (const courier of couriers) ok(await call('PUT', '/couriers/me/shift', { token: courier.token, body: { onShift: false } }), 200, 'off shift');
  // The returned parcel's order is cancelled and refunded by orders.
  await eventually(async () => (await db('orders').query<{ n: number }>("SELECT count(*)::int AS n FROM orders WHERE status = 'cancelled'")).rows[0]!.n === 4, { timeoutMs: SETTLE_MS, message: 'the returned order was never cancelled' });
  await servicesQuiet();
  delivered = (await db('shipping').query<{ order_id: string }>("SELECT order_id_ref AS order_id FROM shipments WHERE status = 'delivered' ORDER BY tracking_number LIMIT 1")).rows[0]!.order_id;

  // The day as the databases tell it, before comparing: every kind of outcome is there.
  const outcomes = (await db('orders').query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM orders GROUP BY status ORDER BY status')).rows;
  assert.deepEqual(outcomes, [{ status: 'cancelled', n: 4 }, { status: 'delivered', n: 5 }, { status: 'rejected', n: 3 }]);
  await caughtUp();
  const reports = await reportsMatchDatabases();
  say(`reports after the day: ${JSON.stringify(reports)}`);
  assert.deepEqual(reports['funnel']!.map((r) => r.customers).slice(0, 3), [8, 4, 4], 'admin, two couriers and five shoppers registered; four ordered, each had one confirmed');
  assert.ok(reports['delivery-times']!.some((r) => (r.failedAttempts as number) > 0));
  assert.equal(reports['payment-declines']!.reduce((n, r) => n + (r.declined as number), 0), 3);
  // Through the gateway a report comes as CSV too, with the same rows; a customer is refused it.
  const p = period();
  const json = ok(await call('GET', `/analytics/reports/funnel?from=${p.from}&to=${p.to}`, { token: admin }), 200, 'funnel') as { columns: string[]; rows: unknown[] };
  const csv = await call('GET', `/analytics/reports/funnel?from=${p.from}&to=${p.to}&format=csv`, { token: admin });
  assert.equal(csv.status, 200, JSON.stringify(csv.body));
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  const csvLines = (csv.body as { text: string }).text.trimEnd().split('\r\n');
  assert.deepEqual([csvLines[0], csvLines.length], [json.columns.join(','), json.rows.length + 1]);
  assert.equal((await call('GET', `/analytics/reports/funnel?from=${p.from}&to=${p.to}`, { token: c0.token })).status, 403, 'a customer asking for a report');

  const clean = await reconcile();
  assert.deepEqual(clean.findings, []);
  assert.deepEqual(clean.checks.map((c) => [c.check, c.status]), [
    ['confirmed-captured', 'ok'], ['capture-without-order', 'ok'], ['committed-on-dispatch', 'ok'],
    ['cancelled-money-returned', 'ok'], ['stock-equals-movements', 'ok'], ['saga-within-deadline', 'ok'],
  ]);
});

test('analytics stopped for a while catches up with nothing lost, and its CDC slots survive the restart', { timeout: 180_000 }, async () => {
  const before = (await analyticsStatus()).cdc;
  assert.deepEqual(before.map((s) => [s.source, s.state]), [['catalog', 'streaming'], ['inventory', 'streaming']]);
  await system.services.analytics!.stop();
  const [, c1, c2, c3] = customers as [Customer, Customer, Customer, Customer];
  await Promise.all([place(c1, 'approve', [['LAMP', 1]]), place(c2, 'approve', [['SPADE', 1], ['ATLAS', 2]]), place(c3, 'approve', [['ATLAS', 1]]), place(c1, 'decline', [['RUG', 1]])]);
  // Catalog moves a product to another category: product.updated (version 2, as analytics receives
  // it) carries the category, and so does catalog's table, by CDC.
  ok(await call('PATCH', `/products/${products.ATLAS!.id}`, { token: admin, body: { categoryId: categories.garden, name: `Garden atlas ${run}` } }), 200, 'move the atlas');
  // An operator's mistake while analytics is down: stock edited behind the ledger's back.
  await db('inventory').query('UPDATE stock_items SET on_hand = on_hand + 3 WHERE sku = $1', [products.DRIFT!.sku]);
  await servicesQuiet();

  const restarting = Date.now();
  await system.restart('analytics');
  say(`analytics restarted in ${((Date.now() - restarting) / 1000).toFixed(1)} s`);
  await caughtUp();
  const reports = await reportsMatchDatabases();
  // The orders placed while it was down are counted, and the atlas's lines (all of them) are garden's.
  assert.equal(reports['checkout-outcomes']!.reduce((n, r) => n + (r.orders as number), 0), 16);
  assert.ok(!reports['revenue-by-category']!.some((r) => r.categoryId === categories.books), JSON.stringify(reports['revenue-by-category']));
  // The slots were kept: streaming from where they were, no full copy, yet with the changes made meanwhile.
  const status = (await analyticsStatus()).cdc;
  assert.deepEqual(status.map((s) => [s.source, s.state, s.copies]), [['catalog', 'streaming', 0], ['inventory', 'streaming', 0]]);
  assert.ok(status.every((s) => s.changesApplied > 0), JSON.stringify(status));
});

test('a rebuild from the raw events leaves every report as it was', { timeout: 120_000 }, async () => {
  const live: Record<string, unknown> = {};
  for (const name of Object.keys(EXPECTED)) live[name] = await report(name);
  const rebuilt = ok(await call('POST', '/analytics/rebuild', { token: admin }), 200, 'rebuild') as { events: number };
  assert.equal(rebuilt.events, await eventsAnnounced());
  for (const name of Object.keys(EXPECTED)) assert.deepEqual(await report(name), live[name], name);
  await reportsMatchDatabases();
});

test('reconciliation finds each planted inconsistency, and nothing else', { timeout: 120_000 }, async () => {
  // (a) A capture without an order: payment.captured for an order nobody placed, in payments' outbox.
  const stranger = randomUUID();
  const captured = (await db('payments').query<{ exchange: string; envelope: Record<string, any> }>("SELECT exchange, envelope FROM outbox WHERE type = 'payment.captured' LIMIT 1")).rows[0]!; // eslint-disable-line @typescript-eslint/no-explicit-any -- an envelope, edited field by field
  const now = new Date().toISOString();
  const capture = { ...captured.envelope, id: randomUUID(), occurredAt: now, correlationId: randomUUID(), causationId: randomUUID(), payload: { ...captured.envelope.payload, orderId: stranger, operationId: randomUUID(), paymentId: randomUUID() } };
  await db('payments').query('INSERT INTO outbox (id, type, version, exchange, routing_key, envelope) VALUES ($1, $2, 1, $3, $2, $4)', [capture.id, 'payment.captured', captured.exchange, capture]);
  // (b) A confirmed, captured and delivered order announced cancelled, in orders' outbox, its money kept.
  const confirmedRow = (await db('orders').query<{ exchange: string; envelope: Record<string, any> }>("SELECT exchange, envelope FROM outbox WHERE type = 'order.confirmed' AND envelope->'payload'->>'orderId' = $1", [delivered])).rows[0]!; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  const { orderId, orderNumber, userId } = confirmedRow.envelope.payload as { orderId: string; orderNumber: string; userId: string };
  const cancel = { ...confirmedRow.envelope, id: randomUUID(), type: 'order.cancelled', occurredAt: now, payload: { orderId, orderNumber, userId, reason: 'cancelled by an operator', cancelledAt: now, refundedMinor: 0 } };
  await db('orders').query('INSERT INTO outbox (id, type, version, exchange, routing_key, envelope) VALUES ($1, $2, 1, $3, $2, $4)', [cancel.id, 'order.cancelled', confirmedRow.exchange, cancel]);
  // (c) was planted while analytics was down: DRIFT's on_hand edited without a movement.
  await servicesQuiet();
  await caughtUp();

  const expected = [['cancelled-money-returned', delivered], ['capture-without-order', stranger], ['stock-equals-movements', products.DRIFT!.sku]];
  const found = await eventually(async () => {
    const r = await reconcile();
    assert.deepEqual(r.findings.map((f) => [f.check, f.entity]).sort(), expected.sort(), JSON.stringify(r.findings));
    return r;
  }, { timeoutMs: 30_000, intervalMs: 1_000, message: 'reconciliation never found exactly the planted inconsistencies' });
  say(`findings: ${JSON.stringify(found.findings)}`);
  assert.ok(found.checks.every((c) => c.status !== 'skipped'), JSON.stringify(found.checks));
  // The run's counts are exported as reconciliation_findings{check} (what the alert reads).
  const metrics = await (await fetch(system.metricsUrl('analytics'))).text();
  for (const check of found.checks.map((c) => c.check)) {
    const planted = expected.filter(([c]) => c === check).length;
    assert.match(metrics, new RegExp(`^reconciliation_findings\\{[^}]*check="${check}"[^}]*\\} ${planted}$`, 'm'), check);
  }
  assert.equal((ok(await call('GET', '/analytics/reconciliation', { token: admin }), 200, 'latest run') as { runId: string }).runId, found.runId);
  // The planted cancellation was the only one of a confirmed order that kept its money.
  assert.notEqual(delivered, cancelledAfterConfirmation);
});
