// Fault isolation, seed 001's validation: orders' database server stops while the shop runs.
// Every service has a PostgreSQL server of its own (as `npm start -- --db-instances`). A few checkouts
// complete, two more are placed, and orders' server is stopped under them. While it is down the other
// services answer (directly and through the gateway), the overview is served without its orders part,
// a new order is refused at once with 503, and orders says it is not ready. When the server is back,
// orders (never restarted) serves again and every order, the ones caught mid-saga included, settles
// with each effect exactly once, as read from each service's own database.
import { randomBytes } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop, watchForExits, type ShopProduct } from '../src/testing/shop.js';
import { SystemReader, audit, coverage, outcomeOf, showCounts, type Snapshot } from '../src/testing/invariants.js';
import type { JsonAnswer } from '../src/testing/http.js';

const run = randomBytes(3).toString('hex');
const adminEmail = `fault-db-ops-${run}@bazaar.test`;
const customerEmail = `fault-db-${run}@bazaar.test`;
const password = 'Fault-Orders-Db-2026';
const BEFORE_OUTAGE = 4;
const MID_SAGA = 2;
const OUTAGE_MS = 8_000;
const say = (line: string) => console.log(`[fault-orders-db] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let system: TestSystem;
let reader: SystemReader;
let gateway: Shop;
let direct: Shop;
let admin: string;
let customer: string;
let card: string;
let lamp: ShopProduct;
let snapshot: Snapshot | undefined;
/** Services that exited on their own: none may, an outage of orders' database included. */
let crashed: string[] = [];

const timed = async <T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await fn();
  return { value, ms: Math.round(performance.now() - started) };
};

before(async () => {
  const started = Date.now();
  // When the databases were ready: the six embedded servers initialised and started, then each provisioned and migrated.
  const marks: number[] = [];
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'gateway'],
    dbInstances: true,
    parallel: true,
    log: (line) => { if (/: database .* ready/.test(line)) marks.push(Date.now() - started); },
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      orders: { ORDERS_DEADLINE_INTERVAL_MS: '250' },
    },
  });
  say(`system up in ${seconds(Date.now() - started)}: six PostgreSQL servers of their own (ports ${system.plan.embedded.map((i) => i.port).join(', ')}) initialised and started, the first database ready after ${seconds(marks[0] ?? 0)}, all six provisioned and migrated after ${seconds(marks.at(-1) ?? 0)}; then seven services started`);
  crashed = watchForExits(system, say);
  reader = new SystemReader(system);
  gateway = Shop.throughGateway(system);
  direct = Shop.direct(system);
  ({ admin, customer, card, product: lamp } = await gateway.furnish({ adminEmail, customerEmail, password, slug: `fault-db-${run}`, sku: `FDB-${run.toUpperCase()}`, priceMinor: 4_900, stock: 100 }));
}, { timeout: 240_000 });

after(async () => {
  await reader?.close();
  await system?.stop();
});

test('orders\' database server stops: the rest of the shop serves, orders refuses fast, then recovers by itself with every effect exactly once', { timeout: 180_000 }, async () => {
  const order = () => gateway.placeOrder(customer, { items: [{ productId: lamp.id, quantity: 1 }], paymentMethodId: card });
  const placed: string[] = [];

  // Before the outage: a few checkouts complete.
  for (let i = 0; i < BEFORE_OUTAGE; i++) placed.push((await order()).body.id as string);
  const completed = await reader.settle({ timeoutMs: 45_000 });
  assert.ok(completed.quiet, `the first checkouts did not settle: ${JSON.stringify(completed.last)}`);
  say(`before the outage: ${BEFORE_OUTAGE} checkouts placed through the gateway and settled in ${seconds(completed.ms)} (${showCounts(await reader.statusCounts())})`);

  // Two more, and orders' server is stopped under them.
  for (let i = 0; i < MID_SAGA; i++) placed.push((await order()).body.id as string);
  const ordersPid = system.services.orders!.pid;
  const instance = system.dbInstance('orders');
  const stopped = await timed(() => instance.stop());
  const downSince = Date.now();
  say(`${MID_SAGA} more orders accepted (202), then orders' PostgreSQL server (port ${instance.port}) stopped in ${stopped.ms} ms`);

  // While it is down.
  const expectOk = async (label: string, answer: Promise<JsonAnswer>) => {
    const { value, ms } = await timed(() => answer);
    say(`  down: ${label} -> ${value.status} in ${ms} ms`);
    assert.equal(value.status, 200, `${label}: ${JSON.stringify(value.body)}`);
    return value;
  };
  for (const [label, shop] of [['direct', direct], ['through the gateway', gateway]] as const) {
    const me = await expectOk(`identity GET /users/me (${label})`, shop.call('identity', 'GET', '/users/me', { token: customer }));
    assert.equal(me.body.email, customerEmail);
    const products = await expectOk(`catalog GET /products (${label})`, shop.call('catalog', 'GET', '/products'));
    assert.ok((products.body.items as { id: string }[]).some((p) => p.id === lamp.id), 'the product is listed');
    const stock = await expectOk(`inventory GET /inventory/${lamp.sku} (${label})`, shop.call('inventory', 'GET', `/inventory/${lamp.sku}`, { token: admin }));
    assert.equal(stock.body.item.onHand, 100);
    await expectOk(`payments GET /payments/methods (${label})`, shop.call('payments', 'GET', '/payments/methods', { token: customer }));
  }
  const refused = await timed(() => gateway.order(customer, { items: [{ productId: lamp.id, quantity: 1 }], paymentMethodId: card }));
  say(`  down: POST /orders through the gateway -> ${refused.value.status} in ${refused.ms} ms (${refused.value.body.detail}; reason ${refused.value.body.reason}, retry-after ${refused.value.headers.get('retry-after')})`);
  assert.equal(refused.value.status, 503, JSON.stringify(refused.value.body));
  // Refused at once: orders' own answer (its database is down) or the gateway's breaker those answers opened, never a timeout.
  assert.match(String(refused.value.body.reason), /^(database-unavailable|circuit-open)$/, `a refused order should be answered at once: ${JSON.stringify(refused.value.body)}`);
  const refusedDirect = await timed(() => direct.order(customer, { items: [{ productId: lamp.id, quantity: 1 }], paymentMethodId: card }));
  say(`  down: POST /orders to orders itself -> ${refusedDirect.value.status} in ${refusedDirect.ms} ms (${refusedDirect.value.body.detail})`);
  assert.equal(refusedDirect.value.status, 503, JSON.stringify(refusedDirect.value.body));

  const overview = await expectOk('gateway GET /me/overview', gateway.call('gateway', 'GET', '/me/overview', { token: customer }));
  say(`  down: overview profile ${overview.body.profile.email}, orders ${JSON.stringify({ ...overview.body.orders, items: overview.body.orders.items.length })}, degraded ${JSON.stringify(overview.body.degraded)}, X-Degraded: ${overview.headers.get('x-degraded')}`);
  assert.equal(overview.body.profile.email, customerEmail);
  assert.equal(overview.body.orders.status, 'degraded');
  assert.deepEqual(overview.body.degraded, ['orders']);

  const ready = await direct.call('orders', 'GET', '/health/ready');
  const health = await direct.call('orders', 'GET', '/health');
  say(`  down: orders /health/ready -> ${ready.status} ${JSON.stringify(ready.body)}; /health -> ${health.status}, database: ${health.body.checks?.database?.status} (${health.body.checks?.database?.message})`);
  assert.equal(ready.status, 503);
  assert.equal(ready.body.status, 'not-ready');
  assert.equal(health.body.checks?.database?.status, 'unhealthy');

  // The server comes back; orders is not touched.
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downSince)));
  const restarted = await timed(() => instance.start());
  say(`orders' PostgreSQL server started again after ${seconds(Date.now() - downSince - restarted.ms)} down (start took ${restarted.ms} ms)`);
  const recovered = await timed(() => eventually(async () => (await direct.call('orders', 'GET', '/health/ready')).status === 200, { timeoutMs: 30_000, intervalMs: 100, message: 'orders never became ready again' }));
  assert.equal(system.services.orders!.pid, ordersPid, 'orders recovered without a restart');
  say(`orders ready again ${recovered.ms} ms after its database started (same process, pid ${ordersPid})`);
  // Through the gateway, a customer retrying (same Idempotency-Key) gets in once orders' circuit
  // breaker there lets a trial call through (it opened on the outage's 5xx answers).
  const key = `fault-db-${run}-after`;
  let attempts = 0;
  const again = await timed(() => eventually(async () => {
    attempts++;
    const answer = await gateway.order(customer, { items: [{ productId: lamp.id, quantity: 1 }], paymentMethodId: card }, key);
    if (answer.status !== 202 && answer.status !== 503) throw new Error(`POST /orders answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.status === 202 ? answer : undefined;
  }, { timeoutMs: 30_000, intervalMs: 500, message: 'orders never accepted an order again through the gateway' }));
  placed.push(again.value.body.id as string);
  say(`a new order is accepted again through the gateway: 202 after ${attempts} attempt(s), ${again.ms} ms after orders was ready (the gateway's breaker on orders had opened during the outage)`);

  // Every order settles, each effect exactly once.
  const settled = await reader.settle({ timeoutMs: 60_000, say: (line) => say(`  ${line}`) });
  snapshot = await reader.snapshot(placed.length, placed);
  const violations = audit(snapshot);
  const outcomes = snapshot.orders.reduce<Record<string, number>>((m, o) => ({ ...m, [outcomeOf(o)]: (m[outcomeOf(o)] ?? 0) + 1 }), {});
  const covered = coverage(snapshot);
  say(`settled in ${seconds(settled.ms)}: ${placed.length} orders accepted, ${snapshot.orders.length} in orders' database; outcomes ${JSON.stringify(outcomes)}`);
  say(`effects: payments ${snapshot.payments.length} (captured ${snapshot.payments.filter((p) => p.status === 'captured').length}), successful captures ${covered.captureOperations}, reservations ${snapshot.reservations.length} (${snapshot.reservations.map((r) => r.status).join(', ')}), shipments ${snapshot.shipments.length}; unsent outbox rows ${JSON.stringify(snapshot.unsent)}; parked ${Object.entries(snapshot.deadLetters).map(([s, d]) => `${s} ${d.depth}`).join(', ')}`);
  const midSaga = placed.slice(BEFORE_OUTAGE, BEFORE_OUTAGE + MID_SAGA);
  const { rows: steps } = await reader.db('orders').query<{ order_id: string; step: string; status: string; at: Date }>(
    'SELECT order_id, step, status, at FROM saga_steps WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, seq', [midSaga],
  );
  for (const id of midSaga) {
    const line = steps.filter((r) => r.order_id === id).map((r) => `${r.step}:${r.status}@${r.at.getTime() - downSince >= 0 ? '+' : ''}${r.at.getTime() - downSince}ms`);
    say(`mid-saga order ${id.slice(-8)} (times from the stop of its database): ${line.join(' ')}`);
  }
  for (const v of violations) say(`VIOLATION ${v.rule}: ${v.detail}`);
  for (const id of Object.values(snapshot.deadLetters).flatMap((d) => d.orderIds).slice(0, 3)) say(await reader.explain(id));
  assert.deepEqual(crashed, [], 'no service process exited');
  assert.ok(settled.quiet, `the system did not settle: ${JSON.stringify(settled.last)}`);
  assert.deepEqual(violations.map((v) => `${v.rule}: ${v.detail}`), [], 'an effect was lost or doubled');
  assert.deepEqual(outcomes, { confirmed: placed.length }, 'every checkout, those caught mid-saga included, completes');
  assert.equal(covered.confirmedWithShipment, placed.length);
});

test('the audit behind it fails on a lost order or a doubled effect (planted in a copy of the run\'s data)', (t) => {
  if (!snapshot) {
    t.skip('the outage test left no data');
    return;
  }
  const base = snapshot;
  const confirmed = base.orders[0]!;
  const plants: { rule: string; plant: (s: Snapshot) => void }[] = [
    { rule: 'order-lost', plant: (s) => { s.orders = s.orders.filter((o) => o.id !== confirmed.id); } },
    { rule: 'double-capture', plant: (s) => { s.operations.push({ orderId: confirmed.id, kind: 'capture', outcome: 'succeeded', count: 1 }); } },
    { rule: 'double-reservation', plant: (s) => { s.reservations.push({ ...s.reservations.find((r) => r.id === confirmed.reservationId)!, id: 'planted' }); } },
    { rule: 'double-shipment', plant: (s) => { s.shipments.push({ id: 'planted', orderId: confirmed.id, status: 'created', trackingNumber: 'BZPLANTED' }); } },
    { rule: 'outbox-unsent', plant: (s) => { s.unsent.orders = 1; } },
  ];
  for (const { rule, plant } of plants) {
    const copy = structuredClone(base);
    plant(copy);
    const found = audit(copy);
    assert.ok(found.some((v) => v.rule === rule), `planted ${rule}: the audit reported ${JSON.stringify(found)}`);
    say(`planted ${rule}: caught (${found.find((v) => v.rule === rule)!.detail.slice(0, 100)})`);
  }
});
