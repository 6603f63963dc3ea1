// Delivery end to end: every service its own process with its own database and broker user, every
// call through the gateway. A confirmed order waits for a courier without losing its stock (the
// reservation-TTL regression), is dispatched to the courier on shift, picked up, handed back when the
// courier ends the shift, dispatched again, and delivered or returned; each outcome is checked where it is owned: the shipment in shipping, the stock ledger in
// inventory, the payment in payments, the order in orders, whose view (status, shipping copy,
// timeline) must tell the same story at each step.
import { randomBytes, randomUUID } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { eventually } from '@bazaar/platform/testing';
import { databaseUrlOf, startTestSystem, type TestSystem } from '../src/testing/system.js';
import type { JsonAnswer, JsonRequestOptions } from '../src/testing/http.js';
import { Shop } from '../src/testing/shop.js';

const run = randomBytes(4).toString('hex');
const adminEmail = `ops-${run}@bazaar.test`;
const password = 'Delivery-Test-2026';
const SETTLE_MS = 45_000;
const CENTRE = { latitude: 52.3676, longitude: 4.9041 };
const ADDRESS = { name: 'Ada Lovelace', line1: '12 Prinsengracht', city: 'Amsterdam', postalCode: '1015 DZ', country: 'NL' };

let system: TestSystem;
let shop: Shop;
let admin: string;
let customer: string;
let card: string;
let categoryId: string;
let inventoryDb: pg.Pool;
let courier: { id: string; token: string };

const call = (method: string, path: string, options: JsonRequestOptions = {}): Promise<JsonAnswer> => shop.call('gateway', method, path, options);
const ok = (answer: JsonAnswer, status: number, what: string) => {
  assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
  return answer.body;
};

/** A courier through the public API: an account, the courier role, registered at shipping. */
const newCourier = (name: string) => shop.newCourier(admin, { email: `courier-${name.toLowerCase()}-${run}@bazaar.test`, password, name });
const startShift = (c: { token: string }) => shop.startShift(c, CENTRE);

async function confirmedOrder(sku: string, quantity: number): Promise<string> {
  const placed = await shop.placeOrder(customer, { items: [{ productId: (await productBySku(sku)).id, quantity }], paymentMethodId: card, shippingAddress: ADDRESS });
  const orderId = placed.body.id as string;
  // The saga's state: with a courier on shift the order may already show shipped by the next look.
  await eventually(async () => (await orderOf(orderId)).checkout.state === 'confirmed', { timeoutMs: SETTLE_MS, intervalMs: 200, message: `order ${orderId} never confirmed` });
  return orderId;
}

interface OrderView {
  status: string;
  statusReason: string | null;
  totalMinor: number;
  checkout: { state: string; step: string | null };
  payment: { status: string; capturedMinor: number; refundedMinor: number };
  shipping: { status: string; shipmentId: string | null; courier: { name: string } | null; failedAttempts: number; deliveredAt: string | null; reason: string | null };
  timeline: { step: string; kind: string; status: string; detail: string | null }[];
}
const orderOf = async (orderId: string) => ok(await call('GET', `/orders/${orderId}`, { token: customer }), 200, 'order') as OrderView;
const deliveryLines = (o: OrderView) => o.timeline.filter((e) => e.kind === 'delivery').map((e) => `${e.step}:${e.status}`);
/** The order as it shows once orders has heard of the delivery up to `lines` (its timeline's delivery entries). */
const orderShowing = (orderId: string, lines: string[]) => eventually(async () => {
  const o = await orderOf(orderId);
  return JSON.stringify(deliveryLines(o)) === JSON.stringify(lines) ? o : undefined;
}, { timeoutMs: SETTLE_MS, intervalMs: 200, message: `order ${orderId} never showed ${lines.join(', ')}` });

const products = new Map<string, { id: string }>();
const productBySku = async (sku: string) => products.get(sku)!;
async function product(sku: string, stock: number) {
  products.set(sku, await shop.createProduct(admin, { categoryId, sku, priceMinor: 2500, stock }));
}
const stockOf = async (sku: string) => (await call('GET', `/inventory/${sku}`, { token: admin })).body.item as { onHand: number; reserved: number };
const shipmentOf = async (orderId: string) => (await call('GET', `/shipments?orderId=${orderId}`, { token: customer })).body.items[0] as { id: string; status: string };
const paymentOf = async (orderId: string) => (await call('GET', `/payments?orderId=${orderId}`, { token: customer })).body.items[0] as { status: string; capturedMinor: number; refundedMinor: number };
const committedMovements = async (sku: string) =>
  (await inventoryDb.query<{ n: number }>("SELECT count(*)::int AS n FROM stock_movements WHERE sku = $1 AND kind = 'committed'", [sku])).rows[0]!.n;
const reservationOf = async (orderId: string) =>
  (await inventoryDb.query<{ id: string; status: string }>('SELECT id, status FROM reservations WHERE order_id_ref = $1', [orderId])).rows[0]!;
const courierCall = (c: { token: string }, action: string, shipmentId: string, body?: unknown) =>
  call('POST', `/couriers/me/shipments/${shipmentId}/${action}`, { token: c.token, ...(body ? { body } : {}) });

before(async () => {
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'gateway'],
    brokerUsers: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      inventory: { INVENTORY_EXPIRY_INTERVAL_MS: '200' },
      shipping: { SHIPPING_DISPATCH_INTERVAL_MS: '200' },
    },
  });
  shop = Shop.throughGateway(system);
  inventoryDb = new pg.Pool({ connectionString: databaseUrlOf(system, 'inventory'), max: 2 });
  admin = await shop.register(adminEmail, password, 'Delivery Ops');
  customer = await shop.register(`customer-${run}@bazaar.test`, password, 'Delivery Customer');
  card = await shop.saveCard(customer, '4242 4242 4242 4242');
  categoryId = ok(await call('POST', '/categories', { token: admin, body: { slug: `delivery-${run}`, name: 'Delivery' } }), 201, 'category').id as string;
  courier = await newCourier('Ana');
}, { timeout: 240_000 });

after(async () => {
  await inventoryDb?.end();
  await system?.stop();
});

test("a confirmed order waiting for a courier keeps its stock past the reservation's deadline, then is delivered", { timeout: 120_000 }, async () => {
  const sku = `WAIT-${run.toUpperCase()}`;
  await product(sku, 10);
  const orderId = await confirmedOrder(sku, 2);
  // Nobody is on shift: the shipment waits.
  const reservation = await reservationOf(orderId);
  assert.equal((await shipmentOf(orderId)).status, 'created');

  // The clock moves past the reservation's deadline (a week in production). A control reservation,
  // of no confirmed order, moves with it: once the expiry job has released that one, it has run.
  const control = randomUUID();
  await inventoryDb.query("INSERT INTO reservations (id, order_id_ref, status, expires_at) VALUES ($1, $2, 'active', now() - interval '1 second')", [control, randomUUID()]);
  await inventoryDb.query("UPDATE reservations SET expires_at = now() - interval '1 second' WHERE id = $1", [reservation.id]);
  await eventually(async () => (await inventoryDb.query('SELECT status FROM reservations WHERE id = $1', [control])).rows[0].status === 'expired', { timeoutMs: 20_000, message: 'the expiry job never ran' });
  assert.equal((await reservationOf(orderId)).status, 'active', 'held for its courier');
  const waiting = (await call('GET', `/orders/${orderId}`, { token: customer })).body;
  assert.equal(waiting.status, 'confirmed');
  assert.deepEqual(await stockOf(sku).then((s) => [s.onHand, s.reserved]), [10, 2]);
  assert.equal((await paymentOf(orderId)).status, 'captured');

  // A courier comes on shift: the parcel is dispatched, the stock leaves the ledger once.
  await startShift(courier);
  const shipment = await eventually(async () => {
    const s = await shipmentOf(orderId);
    return s.status === 'dispatched' ? s : undefined;
  }, { timeoutMs: 20_000, message: 'never dispatched' });
  await eventually(async () => (await reservationOf(orderId)).status === 'committed', { timeoutMs: 20_000, message: 'never committed' });
  assert.deepEqual(await stockOf(sku).then((s) => [s.onHand, s.reserved]), [8, 0]);

  // The order follows, and is beyond cancelling.
  let seen = await orderShowing(orderId, ['dispatch:succeeded']);
  assert.deepEqual([seen.status, seen.shipping.status, seen.shipping.courier?.name, seen.shipping.shipmentId], ['shipped', 'dispatched', 'Ana', shipment.id]);
  const cancel = await call('POST', `/orders/${orderId}/cancel`, { token: customer });
  assert.equal(cancel.status, 409, JSON.stringify(cancel.body));
  assert.match(cancel.body.detail as string, /dispatched/);

  ok(await courierCall(courier, 'pickup', shipment.id), 200, 'pickup');
  seen = await orderShowing(orderId, ['dispatch:succeeded', 'pick-up:succeeded']);
  assert.deepEqual([seen.status, seen.shipping.status], ['shipped', 'picked_up']);

  // Ana ends her shift with the parcel: it goes back to the queue, and the order stops naming her
  // (shipment.handed_back, through the broker to orders). Back on shift, she is given it again.
  ok(await call('PUT', '/couriers/me/shift', { token: courier.token, body: { onShift: false } }), 200, 'end of shift');
  const handedBack = ['dispatch:succeeded', 'pick-up:succeeded', 'hand-back:succeeded'];
  seen = await orderShowing(orderId, handedBack);
  assert.deepEqual([seen.status, seen.shipping.status, seen.shipping.courier, seen.shipping.reason], ['shipped', 'dispatched', null, 'handed back: the courier ended the shift']);
  await startShift(courier);
  seen = await orderShowing(orderId, [...handedBack, 'dispatch:succeeded']);
  assert.deepEqual([seen.shipping.status, seen.shipping.courier?.name], ['dispatched', 'Ana']);
  ok(await courierCall(courier, 'pickup', shipment.id), 200, 'pickup after the hand-back');
  const journey = [...handedBack, 'dispatch:succeeded', 'pick-up:succeeded'];

  ok(await courierCall(courier, 'failed-attempts', shipment.id, { attempt: 1, reason: 'nobody home' }), 200, 'failed attempt');
  seen = await orderShowing(orderId, [...journey, 'delivery-attempt:failed']);
  assert.deepEqual([seen.status, seen.shipping.failedAttempts, seen.shipping.reason], ['shipped', 1, 'delivery attempt 1 failed: nobody home']);
  ok(await courierCall(courier, 'delivered', shipment.id), 200, 'delivered');
  ok(await courierCall(courier, 'delivered', shipment.id), 200, 'a repeated call is harmless');
  assert.equal((await shipmentOf(orderId)).status, 'delivered');
  const order = await orderShowing(orderId, [...journey, 'delivery-attempt:failed', 'deliver:succeeded']);

  // Every service tells the same story: delivered, paid once, stock gone once.
  assert.deepEqual([order.status, order.checkout.state, order.checkout.step, order.shipping.status], ['delivered', 'confirmed', null, 'delivered']);
  assert.equal(order.timeline.find((e) => e.step === 'deliver')!.detail, 'delivered by Ana');
  assert.ok(order.shipping.deliveredAt);
  const payment = await paymentOf(orderId);
  assert.deepEqual([payment.status, payment.capturedMinor, payment.refundedMinor], ['captured', order.totalMinor, 0]);
  assert.deepEqual([order.payment.status, order.payment.capturedMinor, order.payment.refundedMinor], ['captured', order.totalMinor, 0]);
  assert.equal(await committedMovements(sku), 1, 'committed exactly once');
  assert.deepEqual(await stockOf(sku).then((s) => [s.onHand, s.reserved]), [8, 0]);
});

test('a parcel nobody can receive is returned after the last attempt, and its stock comes back', { timeout: 120_000 }, async () => {
  const sku = `RET-${run.toUpperCase()}`;
  await product(sku, 5);
  const orderId = await confirmedOrder(sku, 3);
  const shipment = await eventually(async () => {
    const s = await shipmentOf(orderId);
    return s.status === 'dispatched' ? s : undefined;
  }, { timeoutMs: 20_000, message: 'never dispatched' });
  ok(await courierCall(courier, 'pickup', shipment.id), 200, 'pickup');
  for (const attempt of [1, 2, 3]) ok(await courierCall(courier, 'failed-attempts', shipment.id, { attempt, reason: 'address not found' }), 200, `attempt ${attempt}`);
  assert.equal((await shipmentOf(orderId)).status, 'returned');
  await eventually(async () => (await stockOf(sku)).onHand === 5, { timeoutMs: 20_000, message: 'the returned items never came back' });
  assert.deepEqual(await stockOf(sku).then((s) => [s.onHand, s.reserved]), [5, 0]);
  assert.equal(await committedMovements(sku), 1);

  // The customer gets the money back; the order ends cancelled, saying why, and agrees with payments.
  const order = await eventually(async () => {
    const o = await orderOf(orderId);
    return o.status === 'cancelled' && o.payment.status === 'refunded' ? o : undefined;
  }, { timeoutMs: SETTLE_MS, intervalMs: 200, message: 'the returned order was never refunded' });
  assert.match(order.statusReason!, /returned: 3 failed delivery attempts/);
  assert.deepEqual([order.checkout.state, order.checkout.step, order.shipping.status], ['cancelled', null, 'returned']);
  assert.deepEqual(deliveryLines(order).slice(-2), ['delivery-attempt:failed', 'return:succeeded']);
  assert.ok(order.timeline.some((e) => e.step === 'refund-payment' && e.status === 'succeeded'));
  assert.ok(!order.timeline.some((e) => e.step === 'release-stock' || e.step === 'cancel-shipment'), 'nothing but the refund was undone');
  const payment = await paymentOf(orderId);
  assert.deepEqual([payment.status, payment.capturedMinor, payment.refundedMinor], ['refunded', order.totalMinor, order.totalMinor]);
  assert.equal(order.payment.refundedMinor, order.totalMinor);
  assert.deepEqual(await stockOf(sku).then((s) => [s.onHand, s.reserved]), [5, 0], 'the refund took nothing more from stock');
});
