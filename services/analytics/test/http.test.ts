// analytics' HTTP API over a warehouse holding a generated day of shopping: who may call, each
// report's figures against the day's own arithmetic, CSV, reconciliation on a clean day and with
// planted inconsistencies, and hostile requests.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createJwtVerifier, createLogger, type DeliveryInfo, type Envelope, type ServiceApp } from '@bazaar/platform';
import { assertHostileSafe, startKeyServer } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { createEventHandlers } from '../src/ingest/handlers.js';
import { WarehouseInbox } from '../src/ingest/inbox.js';
import { rebuild } from '../src/ingest/rebuild.js';
import { Reconciler, type ReconciliationRun } from '../src/reconciliation/reconciler.js';
import { Warehouse } from '../src/warehouse/warehouse.js';
import { envelope, shoppingDay, type Day } from './day.js';

const DAY = '2026-11-20';
const handlers = createEventHandlers();
const delivery: DeliveryInfo = { kind: 'events', attempt: 1, redelivered: false };
let warehouse: Warehouse;
let app: ServiceApp;
let keys: Awaited<ReturnType<typeof startKeyServer>>;
let inbox: WarehouseInbox;
let day: Day;
let admin: Record<string, string>;

const fold = (events: Envelope[]) => Promise.all(events.map((e) => inbox.apply(e, handlers[e.type]!, delivery)));

before(async () => {
  keys = await startKeyServer();
  warehouse = await Warehouse.open(':memory:');
  inbox = new WarehouseInbox(warehouse, { maxBatch: 500, lingerMs: 1 });
  day = shoppingDay({ seed: 42, orders: 120, users: 30, day: DAY });
  await fold(day.events);
  // Judged as of the end of the generated day, with no grace: every fact is old enough.
  const reconciler = new Reconciler(warehouse, { graceSeconds: 0, sagaDeadlineSeconds: 300, now: () => new Date(`${DAY}T23:59:59Z`) });
  app = await buildApp({
    warehouse, reconciler, logger: createLogger('analytics', 'silent'),
    auth: createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' }),
    rebuild: () => rebuild(warehouse),
    status: () => ({ lastFoldedAt: null, cdc: [] }),
  });
  admin = { authorization: `Bearer ${await keys.token(randomUUID(), ['customer', 'admin'])}` };
});
after(async () => {
  await app?.close();
  await warehouse?.close();
  await keys?.close();
});

const get = async (url: string, headers = admin) => app.inject({ method: 'GET', url, headers });
const report = async (name: string) => {
  const res = await get(`/analytics/reports/${name}?from=${DAY}&to=${DAY}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{ rows: Record<string, number | string | null>[] }>().rows;
};

test('reports are for admins: 401 without a token, 403 for a customer', async () => {
  assert.equal((await get('/analytics/reports', {})).statusCode, 401);
  const customer = { authorization: `Bearer ${await keys.token(randomUUID(), ['customer'])}` };
  const res = await get('/analytics/reports/funnel', customer);
  assert.equal(res.statusCode, 403);
  assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
});

test('revenue per day by category equals the lines of the orders kept, at the price shown', async () => {
  const expected = new Map<string, number>();
  for (const order of day.orders.filter((o) => o.outcome === 'delivered')) {
    for (const line of order.lines) {
      const category = day.products.find((p) => p.productId === line.productId)!.categoryId;
      expected.set(category, (expected.get(category) ?? 0) + line.quantity * line.unitPriceMinor);
    }
  }
  const rows = await report('revenue-by-category');
  assert.deepEqual(new Map(rows.map((r) => [r.categoryId as string, r.revenueMinor as number])), expected);
  assert.ok(rows.every((r) => r.day === DAY && r.currency === 'EUR'));
});

test('the funnel counts the customers who reached each step', async () => {
  const ordered = new Set(day.orders.map((o) => o.userId));
  const confirmed = new Set(day.orders.filter((o) => o.outcome === 'delivered' || o.outcome === 'cancelled').map((o) => o.userId));
  const delivered = new Set(day.orders.filter((o) => o.outcome === 'delivered').map((o) => o.userId));
  const rows = await report('funnel');
  assert.deepEqual(rows.map((r) => [r.step, r.customers]), [['registered', 30], ['ordered', ordered.size], ['confirmed', confirmed.size], ['delivered', delivered.size]]);
});

test('checkout outcomes count each ending with its saga durations', async () => {
  const rows = await report('checkout-outcomes');
  const count = (outcome: string, reason: string | null) => rows.find((r) => r.outcome === outcome && r.reason === reason)?.orders ?? 0;
  const of = (outcome: string) => day.orders.filter((o) => o.outcome === outcome).length;
  assert.equal(count('confirmed', null), of('delivered') + of('cancelled'));
  assert.equal(count('rejected', 'payment_declined'), of('declined'));
  assert.equal(count('rejected', 'out_of_stock'), of('out_of_stock'));
  // The generator confirms a second after placing, and rejects a declined card after 0.8 s.
  assert.equal(rows.find((r) => r.outcome === 'confirmed')?.maxSeconds, 1);
  assert.equal(rows.find((r) => r.reason === 'payment_declined')?.p50Seconds, 0.8);
});

const declinesAsGenerated = async () => {
  const rows = await report('payment-declines');
  const declined = day.orders.filter((o) => o.outcome === 'declined').length;
  const attempts = day.orders.filter((o) => o.outcome !== 'out_of_stock').length;
  assert.deepEqual(rows, [{ day: DAY, attempts, reason: 'card_declined', declined, rate: Math.round((declined / attempts) * 10_000) / 10_000 }]);
};

test('payment declines: attempts and the share declined, per reason', declinesAsGenerated);

test('payment declines count an order once however often payments answered a retried authorize', async () => {
  const declined = day.events.find((e) => e.type === 'payment.declined')!;
  await fold([{ ...declined, id: randomUUID(), payload: { ...(declined.payload as object), operationId: randomUUID() } }]);
  await declinesAsGenerated();
});

test('delivery times by courier add up to every delivered parcel', async () => {
  const rows = await report('delivery-times');
  assert.equal(rows.reduce((sum, r) => sum + (r.delivered as number), 0), day.orders.filter((o) => o.outcome === 'delivered').length);
  // Dispatched 5 minutes in, picked up at 15, delivered 20 to 59 minutes later.
  for (const r of rows) assert.ok((r.p50Minutes as number) >= 30 && (r.p90Minutes as number) <= 69, JSON.stringify(r));
});

test('stock turnover: units shipped per SKU are the committed reservations', async () => {
  const shipped = new Map<string, number>();
  for (const o of day.orders.filter((o) => o.outcome === 'delivered')) for (const l of o.lines) shipped.set(l.sku, (shipped.get(l.sku) ?? 0) + l.quantity);
  const rows = await report('stock-turnover');
  assert.deepEqual(new Map(rows.filter((r) => (r.unitsShipped as number) > 0).map((r) => [r.sku, r.unitsShipped])), shipped);
  for (const r of rows) assert.equal(r.onHand, 1000 - (shipped.get(r.sku as string) ?? 0));
});

test('DLQ history: parked messages per day, service and type, with their attempts and top reason', async () => {
  const parked = (service: string, messageType: string, reason: string, attempts: number, outcome = 'dead_lettered') =>
    envelope('message.dead-lettered', service, new Date(`${DAY}T12:00:00Z`), {
      service, queue: `${service}.events`, messageId: randomUUID(), messageType, reason, attempts, outcome, parkedAt: `${DAY}T12:00:00.000Z`,
    });
  await fold([parked('orders', 'payment.captured', 'timeout', 5), parked('orders', 'payment.captured', 'timeout', 5), parked('orders', 'payment.captured', 'conflict', 5),
    parked('notifications', 'user.registered', 'no such field', 1, 'invalid')]);
  assert.deepEqual(await report('dead-letters'), [
    { day: DAY, service: 'orders', messageType: 'payment.captured', parked: 3, invalid: 0, attempts: 15, topReason: 'timeout' },
    { day: DAY, service: 'notifications', messageType: 'user.registered', parked: 1, invalid: 1, attempts: 1, topReason: 'no such field' },
  ]);
});

test('a report as CSV: a header line, a line per row, the same figures', async () => {
  const json = await report('funnel');
  const res = await get(`/analytics/reports/funnel?from=${DAY}&to=${DAY}&format=csv`);
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] ?? '', /^text\/csv/);
  assert.match(res.headers['content-disposition'] ?? '', /funnel_2026-11-20_2026-11-20\.csv/);
  assert.deepEqual(res.body.trimEnd().split('\r\n'), ['step,customers,share', ...json.map((r) => `${r.step},${r.customers},${r.share}`)]);
  const byAccept = await get(`/analytics/reports/funnel?from=${DAY}&to=${DAY}`, { ...admin, accept: 'text/csv' });
  assert.equal(byAccept.body, res.body);
});

test('a period is checked: from after to, more than 366 days, a day that is not a date', async () => {
  for (const [query, field] of [['from=2026-11-21&to=2026-11-20', 'query.from'], ['from=2024-01-01&to=2026-11-20', 'query.from'], ['from=2026-02-30', 'from']] as const) {
    const res = await get(`/analytics/reports/funnel?${query}`);
    assert.equal(res.statusCode, 400, query);
    assert.match(res.body, new RegExp(field.replace('.', '\\.')), query);
  }
  assert.equal((await get('/analytics/reports/nonsense')).statusCode, 400);
});

test('reconciliation: a clean day has no findings; each planted inconsistency is found, and nothing else', async () => {
  assert.equal((await get('/analytics/reconciliation')).statusCode, 404);
  const run = async () => {
    const res = await app.inject({ method: 'POST', url: '/analytics/reconciliation/runs', headers: admin });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<ReconciliationRun>();
  };
  const clean = await run();
  assert.deepEqual(clean.findings, []);
  assert.deepEqual(clean.checks.map((c) => [c.check, c.status]), [
    ['confirmed-captured', 'ok'], ['capture-without-order', 'ok'], ['committed-on-dispatch', 'ok'],
    ['cancelled-money-returned', 'ok'], ['stock-equals-movements', 'skipped'], ['saga-within-deadline', 'ok'],
  ]);

  const at = new Date(`${DAY}T20:00:00Z`);
  const stray = randomUUID();
  const cancelled = day.orders.find((o) => o.outcome === 'cancelled')!;
  const refund = day.events.find((e) => e.type === 'payment.refunded' && (e.payload as { orderId: string }).orderId === cancelled.orderId)!;
  const confirmed = day.orders.find((o) => o.outcome === 'delivered')!;
  const capture = day.events.find((e) => e.type === 'payment.captured' && (e.payload as { orderId: string }).orderId === confirmed.orderId)!;
  // A capture for an order nobody placed; a cancelled order whose refund never happened (its event
  // taken back out of the warehouse, as if payments had never sent it); a confirmed order captured twice.
  await fold([envelope('payment.captured', 'payments', at, { operationId: randomUUID(), orderId: stray, paymentId: randomUUID(), amountMinor: 999, currency: 'EUR', version: 2 })]);
  // A dispatched order whose stock was never committed (inventory's event taken out likewise); an
  // order placed that morning whose saga never ended.
  const dispatched = day.orders.filter((o) => o.outcome === 'delivered')[1]!;
  const commit = day.events.find((e) => e.type === 'stock.committed' && (e.payload as { orderId: string }).orderId === dispatched.orderId)!;
  const placed = day.events.find((e) => e.type === 'order.placed' && (e.payload as { orderId: string }).orderId === cancelled.orderId)!;
  const unended = randomUUID();
  await warehouse.write(async (tx) => {
    await tx.run('DELETE FROM raw_events WHERE event_id = $1::UUID OR event_id = $2::UUID', [refund.id, commit.id]);
  });
  await fold([{ ...placed, id: randomUUID(), payload: { ...(placed.payload as object), orderId: unended, placedAt: `${DAY}T09:00:00.000Z` } }]);
  await rebuild(warehouse);
  await fold([{ ...capture, id: randomUUID(), payload: { ...(capture.payload as object), operationId: randomUUID() } }]);
  const found = await run();
  assert.deepEqual(found.findings.map((f) => [f.check, f.entity]).sort(), [
    ['cancelled-money-returned', cancelled.orderId],
    ['capture-without-order', stray],
    ['committed-on-dispatch', dispatched.orderId],
    ['confirmed-captured', confirmed.orderId],
    ['saga-within-deadline', unended],
  ].sort());
  assert.match(found.findings.find((f) => f.check === 'committed-on-dispatch')!.detail, /was dispatched but its reservation was never committed/);
  assert.match(found.findings.find((f) => f.check === 'saga-within-deadline')!.detail, /has not ended \(deadline 300 s\)/);
  assert.match(found.findings.find((f) => f.check === 'confirmed-captured')!.detail, /captured 2 times/);
  assert.deepEqual((await get('/analytics/reconciliation')).json<ReconciliationRun>().runId, found.runId);
});

test('every route answers hostile requests with a 2xx or a problem+json 4xx, never a 5xx', async () => {
  const customer = { authorization: `Bearer ${await keys.token(randomUUID(), ['customer'])}` };
  await assertHostileSafe(app, { auth: { user: customer, admin }, known: { name: ['funnel', 'revenue-by-category'] } });
});
