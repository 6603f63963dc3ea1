// Account deletion across the whole system, every service its own process and database, every call
// through the gateway as a browser's would be. A customer registers, reviews a product, orders it
// (confirmed, then on its way with a courier), saves a card, and deletes the account. Afterwards:
// signing in is refused as for an unknown email, their old token opens nothing, every service has
// confirmed the erasure at identity, no service's API answers with their name, address, email or card
// digits, the parcel still on its way keeps the address until it is delivered and then loses it, and
// analytics' reconciliation finds nothing about the order.
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { eventually, startSmtpSink, type SmtpSink } from '@bazaar/platform/testing';
import type { JsonAnswer, JsonRequestOptions } from '../src/testing/http.js';
import { CARDS, Shop, type ShopCourier, type ShopProduct } from '../src/testing/shop.js';
import { databaseUrlOf, startTestSystem, type TestSystem } from '../src/testing/system.js';

const run = randomBytes(4).toString('hex');
const adminEmail = `ops-${run}@bazaar.test`;
const email = `leaving-${run}@bazaar.test`;
const password = 'Forget-Me-2026!';
const SETTLE_MS = 60_000;
const CITY = { latitude: 52.3676, longitude: 4.9041 };
const NAME = `Hedy Lamarr${run}`;
const ADDRESS = { name: NAME, line1: `${run} Herengracht`, city: 'Amsterdam', postalCode: '1015 BZ', country: 'NL' };
/** Everything personal the customer gave, as it would appear in an answer. */
const PERSONAL = [email, NAME, `Lamarr${run}`, `${run} Herengracht`, '1015 BZ'];

let system: TestSystem;
let sink: SmtpSink;
let shop: Shop;
let admin: string;
let customer: string;
let customerId: string;
let courier: ShopCourier;
let product: ShopProduct;
let notificationsDb: pg.Pool;

const call = (method: string, path: string, options: JsonRequestOptions = {}): Promise<JsonAnswer> => shop.call('gateway', method, path, options);
const ok = (answer: JsonAnswer, status: number, what: string) => {
  assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
  return answer.body;
};
/** Fails naming the first personal value the answer holds. */
const assertNothingPersonal = (answer: unknown, where: string) => {
  const text = JSON.stringify(answer);
  for (const value of PERSONAL) assert.ok(!text.includes(value), `${where} still answers with "${value}": ${text}`);
};

before(async () => {
  sink = await startSmtpSink({ httpPort: null });
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'notifications', 'analytics', 'gateway'],
    parallel: true,
    // Each service as its own broker user: identity and payments now consume events too.
    brokerUsers: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      shipping: { SHIPPING_DISPATCH_INTERVAL_MS: '200' },
      notifications: { NOTIFICATIONS_SMTP_URL: sink.url, NOTIFICATIONS_DISPATCH_INTERVAL_MS: '200' },
      analytics: { ANALYTICS_RECONCILE_GRACE_SECONDS: '1', ANALYTICS_RECONCILE_INTERVAL_MS: '86400000', ANALYTICS_RECONCILE_FIRST_RUN_MS: '86400000', ANALYTICS_ERASURE_INTERVAL_MS: '500' },
    },
  });
  shop = Shop.throughGateway(system);
  notificationsDb = new pg.Pool({ connectionString: databaseUrlOf(system, 'notifications'), max: 2 });
  admin = await shop.register(adminEmail, password, 'Privacy Ops');
  const categoryId = await shop.createCategory(admin, `erasure-${run}`, 'Erasure');
  product = await shop.createProduct(admin, { categoryId, sku: `RADIO-${run.toUpperCase()}`, priceMinor: 3900, stock: 10 });
  courier = await shop.newCourier(admin, { email: `courier-${run}@bazaar.test`, password, name: `Cora ${run}` });
}, { timeout: 300_000 });

after(async () => {
  await notificationsDb?.end();
  await system?.stop();
  await sink?.close();
});

test('a customer deletes their account: refused at sign-in, confirmed by every service, nothing personal left in any answer', { timeout: 240_000 }, async () => {
  customer = await shop.register(email, password, NAME);
  customerId = ok(await call('GET', '/users/me', { token: customer }), 200, 'profile').id as string;
  ok(await call('POST', '/users/me/addresses', { token: customer, body: { addressLine1: ADDRESS.line1, city: ADDRESS.city, postalCode: ADDRESS.postalCode, country: 'NL' } }), 201, 'address');
  const card = await shop.saveCard(customer, CARDS.approve);

  // A review, shown with the reviewer's display name once catalog has heard of the registration.
  ok(await call('POST', `/products/${product.id}/reviews`, { token: customer, body: { rating: 5, comment: `clear sound ${run}` } }), 201, 'review');
  const review = () => eventually(async () => {
    const items = ok(await call('GET', `/products/${product.id}/reviews`), 200, 'reviews').items as { comment: string; reviewer: { displayName: string } }[];
    return items.find((r) => r.comment === `clear sound ${run}`);
  }, { timeoutMs: SETTLE_MS, message: 'the review never showed' });
  await eventually(async () => (await review()).reviewer.displayName === 'Hedy L.', { timeoutMs: SETTLE_MS, message: 'the display name never showed' });

  // An order, confirmed, then dispatched to a courier: a parcel on its way.
  const placed = ok(await shop.placeOrder(customer, { items: [{ productId: product.id, quantity: 1 }], paymentMethodId: card, shippingAddress: ADDRESS }), 202, 'order');
  const orderId = placed.id as string;
  await eventually(async () => ok(await call('GET', `/orders/${orderId}`, { token: customer }), 200, 'order').checkout.state === 'confirmed', { timeoutMs: SETTLE_MS, message: 'never confirmed' });
  await shop.startShift(courier, CITY);
  const shipment = await eventually(async () => {
    const s = ok(await call('GET', `/shipments?orderId=${orderId}`, { token: admin }), 200, 'shipments').items[0] as { id: string; status: string } | undefined;
    return s?.status === 'dispatched' ? s : undefined;
  }, { timeoutMs: SETTLE_MS, message: 'never dispatched' });
  // notifications has the contact copy and sent the receipt.
  await eventually(async () => sink.to(email).some((m) => m.subject.startsWith('Your receipt')), { timeoutMs: SETTLE_MS, message: 'no receipt mailed' });

  // The deletion: a wrong password deletes nothing; the right one signs the customer out.
  ok(await call('DELETE', '/users/me', { token: customer, body: { password: 'Not-My-Password-1' } }), 403, 'wrong password');
  ok(await call('DELETE', '/users/me', { token: customer, body: { password } }), 204, 'delete');

  const refused = await call('POST', '/auth/login', { body: { email, password } });
  const unknown = await call('POST', '/auth/login', { body: { email: `nobody-${run}@bazaar.test`, password } });
  assert.equal(refused.status, 401);
  assert.equal(refused.body.detail, unknown.body.detail, 'answered as for an unknown email');
  // The old token: refused at the gateway once it has the list of ended sessions (within seconds).
  await eventually(async () => (await call('GET', `/orders/${orderId}`, { token: customer })).status === 401, { timeoutMs: 20_000, message: 'the old token still works' });

  // Every service confirms.
  const erasure = await eventually(async () => {
    const e = ok(await call('GET', `/users/${customerId}/erasure`, { token: admin }), 200, 'erasure') as { complete: boolean; pending: string[]; services: { service: string; summary: string | null }[] };
    return e.complete ? e : undefined;
  }, { timeoutMs: SETTLE_MS, intervalMs: 500, message: 'not every service confirmed the erasure' });
  assert.deepEqual(erasure.services.map((s) => s.service).sort(), ['analytics', 'catalog', 'identity', 'notifications', 'orders', 'payments', 'shipping']);

  // No API answers with anything personal.
  assert.equal((await review()).reviewer.displayName, 'Former customer');
  const order = ok(await call('GET', `/orders/${orderId}`, { token: admin }), 200, 'order as admin');
  assert.deepEqual([order.status, order.totalMinor], ['shipped', 3900], 'the order is kept for the books');
  assertNothingPersonal(order, 'orders');
  assert.equal(order.payment.card, null, "the order's copy of the card digits");
  const payment = ok(await call('GET', `/payments?orderId=${orderId}`, { token: admin }), 200, 'payments').items[0] as { status: string; card: { last4: string } | null };
  assert.equal(payment.status, 'captured', 'the payment is kept for the books');
  assert.equal(payment.card, null, "payments' record of the card digits");
  assertNothingPersonal(payment, 'payments');
  assertNothingPersonal(erasure, 'identity');

  // The parcel is on its way: shipping keeps the address for the courier until it is delivered.
  const onTheWay = ok(await call('GET', `/couriers/me/shipments`, { token: courier.token }), 200, 'courier shipments');
  assert.ok(JSON.stringify(onTheWay).includes(ADDRESS.line1), 'the courier still sees where to go');
  ok(await call('POST', `/couriers/me/shipments/${shipment.id}/pickup`, { token: courier.token }), 200, 'pickup');
  ok(await call('POST', `/couriers/me/shipments/${shipment.id}/delivered`, { token: courier.token }), 200, 'delivered');
  const shipped = ok(await call('GET', `/shipments?orderId=${orderId}`, { token: admin }), 200, 'shipments').items[0] as { status: string };
  assert.equal(shipped.status, 'delivered');
  assertNothingPersonal(shipped, 'shipping');

  // notifications keeps no contact and no recipient (it has no admin API by user: its own table).
  const history = await notificationsDb.query('SELECT recipient, subject, body FROM notifications WHERE user_id_ref = $1', [customerId]);
  assert.ok(history.rows.length > 0);
  assertNothingPersonal(history.rows, 'notifications history');
  const contact = await notificationsDb.query('SELECT email, first_name, last_name FROM contact_copies WHERE user_id_ref = $1', [customerId]);
  assert.deepEqual(contact.rows, [{ email: '', first_name: '', last_name: '' }]);
  // The delivered mail of the parcel went nowhere: the address is no longer known.
  await eventually(async () => ok(await call('GET', `/orders/${orderId}`, { token: admin }), 200, 'order').status === 'delivered', { timeoutMs: SETTLE_MS, message: 'the order never showed delivered' });
  assert.ok(!sink.to(email).some((m) => /delivered/i.test(m.subject)), 'no mail after the deletion');

  // Nothing dangles: reconciliation finds nothing about the order.
  const reconciliation = ok(await call('POST', '/analytics/reconciliation/runs', { token: admin }), 201, 'reconciliation') as { findings: { check: string; entity: string; detail: string }[] };
  assert.deepEqual(reconciliation.findings.filter((f) => f.entity.includes(orderId) || f.detail.includes(orderId)), []);
});
