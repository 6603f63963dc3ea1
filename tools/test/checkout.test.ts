// The checkout saga end to end: identity, catalog, inventory, payments, shipping, orders and the
// gateway, each its own process with its own database, talking only over HTTP and RabbitMQ. Every
// call goes through the gateway, as a browser's would. Each order's outcome is checked in the
// service that owns it: the payment in payments, the stock in inventory, the shipment in shipping.
import { randomBytes } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import type { JsonAnswer, JsonRequestOptions } from '../src/testing/http.js';
import { ADDRESS, Shop } from '../src/testing/shop.js';

const run = randomBytes(4).toString('hex');
const adminEmail = `ops-${run}@bazaar.test`;
const password = 'Checkout-Saga-2026';
const SETTLE_MS = 45_000;
const STEP_TIMEOUT_MS = 10_000;

let system: TestSystem;
let admin: string;
let customer: string;
let approving: string;
let declining: string;
let categoryId: string;

type Answer = JsonAnswer;

/** Every call through the gateway. */
let shop: Shop;
const call = (method: string, path: string, options: JsonRequestOptions = {}): Promise<Answer> => shop.call('gateway', method, path, options);
const register = (email: string) => shop.register(email, password, 'Checkout Tester');
const saveCard = (number: string) => shop.saveCard(customer, number);
/** A product in the catalog with `stock` units received in inventory. */
const product = (sku: string, priceMinor: number, stock: number) => shop.createProduct(admin, { categoryId, sku, priceMinor, stock });

const stockOf = async (sku: string) => (await call('GET', `/inventory/${sku}`, { token: admin })).body.item as { onHand: number; reserved: number; available: number };
const paymentOf = async (orderId: string) => (await call('GET', `/payments?orderId=${orderId}`, { token: customer })).body.items[0] as { status: string; capturedMinor: number; refundedMinor: number } | undefined;

const placeOrder = (items: { productId: string; quantity: number }[], paymentMethodId: string, shippingAddress = ADDRESS): Promise<Answer> =>
  shop.placeOrder(customer, { items, paymentMethodId, shippingAddress });

/** Follows the order until its checkout has settled in `status`. */
async function settled(orderId: string, status: string): Promise<Answer['body']> {
  return eventually(async () => {
    const order = (await call('GET', `/orders/${orderId}`, { token: customer })).body;
    if (order.checkout?.step === null && order.status !== 'pending' && order.status !== status) throw new Error(`settled ${order.status} (${order.statusReason}), not ${status}`);
    return order.status === status && order.checkout.step === null ? order : undefined;
  }, { timeoutMs: SETTLE_MS, intervalMs: 200, message: `order ${orderId} never became ${status}` });
}

const timeline = (order: Answer['body']) => (order.timeline as { step: string; status: string }[]).map((e) => `${e.step}:${e.status}`);

before(async () => {
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'gateway'],
    // As under npm start: each service logs in to the broker as a user of its own, so the whole saga
    // runs with each allowed only its own queues and the exchanges it publishes to.
    brokerUsers: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      // Steps answer in milliseconds here; a short deadline lets the outage test see one missed.
      orders: { ORDERS_STEP_TIMEOUT_MS: String(STEP_TIMEOUT_MS), ORDERS_DEADLINE_INTERVAL_MS: '250' },
    },
  });
  shop = Shop.throughGateway(system);
  admin = await register(adminEmail);
  customer = await register(`customer-${run}@bazaar.test`);
  const category = await call('POST', '/categories', { token: admin, body: { slug: `saga-${run}`, name: 'Saga' } });
  assert.equal(category.status, 201, JSON.stringify(category.body));
  categoryId = category.body.id as string;
  approving = await saveCard('4242 4242 4242 4242');
  declining = await saveCard('4000 0000 0000 0002');
}, { timeout: 240_000 });

after(async () => {
  await system?.stop();
});

test('happy path: confirmed, payment captured, stock reserved, shipment created, timeline complete', { timeout: 90_000 }, async () => {
  const lamp = await product(`LAMP-${run.toUpperCase()}`, 4900, 10);
  const placed = await placeOrder([{ productId: lamp.id, quantity: 2 }], approving);
  assert.equal(placed.body.status, 'pending');

  const order = await settled(placed.body.id, 'confirmed');
  assert.equal(order.totalMinor, 9800);
  // authorize-payment and reserve-stock are sent together; their answers come in either order.
  const steps = timeline(order);
  assert.deepEqual(steps.slice(0, 2), ['authorize-payment:started', 'reserve-stock:started']);
  assert.deepEqual(steps.slice(2, 4).sort(), ['authorize-payment:succeeded', 'reserve-stock:succeeded']);
  assert.deepEqual(steps.slice(4), [
    'create-shipment:started', 'create-shipment:succeeded', 'capture-payment:started', 'capture-payment:succeeded', 'confirm-order:succeeded',
  ]);
  assert.deepEqual(order.payment.card, { brand: 'visa', last4: '4242' });
  // Orders keeps the processor's reference of the capture and when it took the money, from payment.captured.
  assert.match(order.payment.transactionId, /\S/);
  assert.ok(!Number.isNaN(Date.parse(order.payment.paidAt)), `paidAt ${order.payment.paidAt}`);

  const payment = await paymentOf(order.id);
  assert.equal(payment?.status, 'captured');
  assert.equal(payment?.capturedMinor, 9800);
  assert.deepEqual(await stockOf(lamp.sku), { ...(await stockOf(lamp.sku)), onHand: 10, reserved: 2, available: 8 });
  const shipment = await call('GET', `/shipments/${order.shipping.trackingNumber}`, { token: customer });
  assert.equal(shipment.status, 200, JSON.stringify(shipment.body));
  assert.equal(shipment.body.shipment.status, 'created');
  assert.equal(shipment.body.shipment.orderId, order.id);

  const mine = await call('GET', '/orders?limit=5', { token: customer });
  assert.ok((mine.body.items as { id: string }[]).some((o) => o.id === order.id));
});

test('read your writes: the order is in every read of its owner the moment POST /orders answers', { timeout: 90_000 }, async () => {
  // orders writes the order, its saga and the first command in one transaction before it answers
  // 202, and every read below goes to orders' own database (through the gateway, which keeps no
  // copy): so the customer's next request sees it, whatever step the saga has reached. What other
  // services learn later (the payment, the stock, the shipment) is what "settled" waits for above.
  const kettle = await product(`KETTLE-${run.toUpperCase()}`, 3900, 5);
  const placed = await placeOrder([{ productId: kettle.id, quantity: 1 }], approving);
  const id = placed.body.id as string;

  const byLocation = await call('GET', placed.headers.get('location')!, { token: customer });
  assert.equal(byLocation.status, 200, JSON.stringify(byLocation.body));
  assert.equal(byLocation.body.id, id);
  assert.equal(byLocation.body.totalMinor, 3900);
  const mine = await call('GET', '/orders?limit=1', { token: customer });
  assert.equal((mine.body.items as { id: string }[])[0]?.id, id, 'the newest of my orders is the one just placed');
  const overview = await call('GET', '/me/overview', { token: customer });
  assert.equal(overview.status, 200);
  assert.equal((overview.body.orders.items as { id: string }[])[0]?.id, id, "the overview's orders start with it");
  assert.deepEqual(overview.body.degraded, []);

  await settled(id, 'confirmed');
});

test('declined card: rejected, the reservation made alongside released', { timeout: 90_000 }, async () => {
  const vase = await product(`VASE-${run.toUpperCase()}`, 2500, 10);
  const placed = await placeOrder([{ productId: vase.id, quantity: 1 }], declining);
  const order = await settled(placed.body.id, 'rejected');
  assert.equal(order.statusReason, 'payment declined: card_declined');
  const steps = timeline(order);
  assert.deepEqual(steps.slice(0, 2), ['authorize-payment:started', 'reserve-stock:started']);
  assert.deepEqual(steps.slice(2, 4).sort(), ['authorize-payment:failed', 'reserve-stock:succeeded']);
  assert.deepEqual(steps.slice(4), ['cancel-order:started', 'release-stock:started', 'release-stock:succeeded', 'cancel-order:succeeded', 'reject-order:succeeded']);
  assert.equal((await paymentOf(order.id))?.status, 'declined');
  assert.equal((await stockOf(vase.sku)).reserved, 0);
});

test('out of stock: cancelled, authorization voided', { timeout: 90_000 }, async () => {
  const chair = await product(`CHAIR-${run.toUpperCase()}`, 12_500, 1);
  const placed = await placeOrder([{ productId: chair.id, quantity: 2 }], approving);
  const order = await settled(placed.body.id, 'cancelled');
  assert.match(order.statusReason, /^out of stock/);
  assert.deepEqual(timeline(order).slice(-4), ['cancel-order:started', 'void-payment:started', 'void-payment:succeeded', 'cancel-order:succeeded']);
  assert.equal((await paymentOf(order.id))?.status, 'voided');
  assert.deepEqual(await stockOf(chair.sku), { ...(await stockOf(chair.sku)), reserved: 0, available: 1 });
});

test('shipment failure (country XX): reservation released, payment voided', { timeout: 90_000 }, async () => {
  const rug = await product(`RUG-${run.toUpperCase()}`, 8000, 5);
  const placed = await placeOrder([{ productId: rug.id, quantity: 1 }], approving, { ...ADDRESS, country: 'XX' });
  const order = await settled(placed.body.id, 'cancelled');
  assert.equal(order.statusReason, 'shipment failed: unsupported_country');
  assert.equal(order.shipping.status, 'failed');
  assert.deepEqual(timeline(order).slice(-6), [
    'cancel-order:started', 'release-stock:started', 'release-stock:succeeded', 'void-payment:started', 'void-payment:succeeded', 'cancel-order:succeeded',
  ]);
  assert.equal((await paymentOf(order.id))?.status, 'voided');
  assert.deepEqual(await stockOf(rug.sku), { ...(await stockOf(rug.sku)), onHand: 5, reserved: 0, available: 5 });
});

test('cancelled by the customer after confirmation: shipment cancelled, stock released, payment refunded', { timeout: 90_000 }, async () => {
  const desk = await product(`DESK-${run.toUpperCase()}`, 30_000, 3);
  const placed = await placeOrder([{ productId: desk.id, quantity: 1 }], approving);
  const confirmed = await settled(placed.body.id, 'confirmed');
  const cancel = await call('POST', `/orders/${confirmed.id}/cancel`, { token: customer });
  assert.equal(cancel.status, 202, JSON.stringify(cancel.body));
  const order = await settled(confirmed.id, 'cancelled');
  assert.equal(order.statusReason, 'cancelled by the customer');
  const payment = await paymentOf(order.id);
  assert.equal(payment?.status, 'refunded');
  assert.equal(payment?.refundedMinor, 30_000);
  assert.equal((await stockOf(desk.sku)).reserved, 0);
  const shipment = await call('GET', `/shipments/${confirmed.shipping.trackingNumber}`, { token: customer });
  assert.equal(shipment.body.shipment.status, 'cancelled');
});

test('orders killed right after accepting an order: when it comes back, the checkout completes', { timeout: 90_000 }, async () => {
  const lamp = await product(`SHADE-${run.toUpperCase()}`, 1500, 4);
  const placed = await placeOrder([{ productId: lamp.id, quantity: 1 }], approving);
  await system.services.orders!.kill();
  await system.restart('orders');
  const order = await settled(placed.body.id, 'confirmed');
  assert.equal((await paymentOf(order.id))?.status, 'captured');
  assert.equal((await stockOf(lamp.sku)).reserved, 1);
});

test('payments down at checkout: the authorization waits for it, and the checkout completes when it is back', { timeout: 90_000 }, async () => {
  const lamp = await product(`BULB-${run.toUpperCase()}`, 900, 4);
  await system.services.payments!.kill();
  let placed: Answer;
  try {
    placed = await placeOrder([{ productId: lamp.id, quantity: 1 }], approving);
    assert.equal((await call('GET', `/orders/${placed.body.id}`, { token: customer })).body.checkout.step, 'authorize-payment');
  } finally {
    await system.restart('payments');
  }
  const order = await settled(placed.body.id, 'confirmed');
  assert.equal((await paymentOf(order.id))?.status, 'captured');
});

test('inventory down: the reservation misses its deadline, the order is cancelled; what inventory does when it returns is undone', { timeout: 120_000 }, async () => {
  const lamp = await product(`FAN-${run.toUpperCase()}`, 3900, 6);
  await system.services.inventory!.stop();
  let orderId: string;
  try {
    orderId = (await placeOrder([{ productId: lamp.id, quantity: 2 }], approving)).body.id as string;
    const cancelling = await eventually(async () => {
      const order = (await call('GET', `/orders/${orderId}`, { token: customer })).body;
      return order.status === 'cancelling' ? order : undefined;
    }, { timeoutMs: STEP_TIMEOUT_MS + 20_000, intervalMs: 250, message: 'the reserve step never timed out' });
    assert.equal(cancelling.statusReason, 'reserve stock timed out');
    assert.equal(cancelling.checkout.step, 'release-stock');
  } finally {
    await system.restart('inventory');
  }
  // Inventory takes the reserve first (holding stock), then the release, which gives it back.
  const order = await settled(orderId, 'cancelled');
  assert.ok(timeline(order).includes('reserve-stock:timed_out'));
  assert.equal((await paymentOf(order.id))?.status, 'voided');
  const stock = await eventually(async () => {
    const item = await stockOf(lamp.sku);
    return item.reserved === 0 ? item : undefined;
  }, { timeoutMs: 20_000, message: 'the late reservation was never released' });
  assert.equal(stock.available, 6);
});
