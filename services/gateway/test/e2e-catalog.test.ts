/**
 * The route table and `GET /me/overview` through the gateway against the real identity and catalog
 * services, each its own process as `npm start` runs them. Orders is configured at an address where
 * nothing runs, so the overview shows the profile with the orders part degraded.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../../../tools/src/testing/system.js';

const TIMEOUT_MS = 2000;
const run = randomBytes(4).toString('hex');
const adminEmail = `gw-admin-${run}@example.test`;
const customerEmail = `gw-customer-${run}@example.test`;
const password = 'Correct-Horse-7';
let system: TestSystem;

/** A port nothing listens on: taken from the OS, then released. */
async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

before(async () => {
  system = await startTestSystem({
    services: ['identity', 'catalog', 'gateway'],
    env: {
      identity: { IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ADMIN_EMAILS: adminEmail },
      gateway: { ORDERS_URL: `http://127.0.0.1:${await unusedPort()}`, GATEWAY_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) },
    },
  });
});
after(() => system?.stop());

interface Call {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

async function call(method: string, path: string, options: { token?: string; body?: unknown; base?: string } = {}): Promise<Call> {
  const response = await fetch(`${options.base ?? system.url('gateway')}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(10 * TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) as Record<string, unknown> : {} };
}

async function register(email: string): Promise<string> {
  const response = await call('POST', '/auth/register', { body: { email, name: 'Ada Lovelace', password } });
  assert.equal(response.status, 201, response.text);
  return response.body.token as string;
}

let admin = '';
let customer = '';
let productId = '';
const sku = `GW-${run.toUpperCase()}`;

test('catalog writes through the gateway: an admin may, a customer is refused', async () => {
  [admin, customer] = await Promise.all([register(adminEmail), register(customerEmail)]);
  const category = await call('POST', '/categories', { token: admin, body: { slug: `gw-${run}`, name: 'Gateway lamps' } });
  assert.equal(category.status, 201, category.text);
  assert.equal((await call('POST', '/categories', { token: customer, body: { slug: `gw-x-${run}`, name: 'No' } })).status, 403);
  assert.equal((await call('GET', `/categories/gw-${run}`)).status, 200, 'categories are public to read');

  const newProduct = { sku, name: 'Gateway lamp', priceMinor: 4200, currency: 'EUR', categoryId: category.body.id };
  const refused = await call('POST', '/products', { token: customer, body: newProduct });
  assert.equal(refused.status, 403, refused.text);
  assert.equal((await call('POST', '/products', { body: newProduct })).status, 401);
  const created = await call('POST', '/products', { token: admin, body: newProduct });
  assert.equal(created.status, 201, created.text);
  productId = created.body.id as string;
});

test("GET /products through the gateway, without a token, is catalog's own listing", async () => {
  const query = `/products?q=${encodeURIComponent('gateway lamp')}&limit=10`;
  const [through, direct] = await Promise.all([call('GET', query), call('GET', query, { base: system.url('catalog') })]);
  assert.equal(through.status, 200, through.text);
  assert.deepEqual(through.body, direct.body);
  assert.deepEqual((through.body.items as { sku: string }[]).map((p) => p.sku), [sku]);
  const one = await call('GET', `/products/${productId}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.sku, sku);
});

test('a signed-in customer may review a product through the gateway; anyone may read reviews', async () => {
  assert.equal((await call('POST', `/products/${productId}/reviews`, { body: { rating: 5 } })).status, 401);
  const review = await call('POST', `/products/${productId}/reviews`, { token: customer, body: { rating: 5, comment: 'bright' } });
  assert.equal(review.status, 201, review.text);
  const reviews = await call('GET', `/products/${productId}/reviews`);
  assert.equal(reviews.status, 200);
  assert.deepEqual((reviews.body.items as { comment: string }[]).map((r) => r.comment), ['bright']);
});

test('GET /me/overview with orders not running: the profile, and orders degraded', async () => {
  const response = await call('GET', '/me/overview', { token: customer });
  assert.equal(response.status, 200, response.text);
  const profile = response.body.profile as { email: string; name: string };
  assert.equal(profile.email, customerEmail);
  assert.equal(profile.name, 'Ada Lovelace');
  assert.deepEqual(response.body.orders, { items: [], status: 'degraded', reason: 'unreachable' });
  assert.deepEqual(response.body.degraded, ['orders']);
  assert.equal(response.headers.get('x-degraded'), 'orders');
  assert.doesNotMatch(response.text, /password/i);

  assert.equal((await call('GET', '/me/overview')).status, 401);
  const orders = await call('GET', '/orders', { token: customer });
  assert.equal(orders.status, 503, 'orders is routed, and reported as unavailable');
  assert.equal(orders.body.upstream, 'orders');
});

test('GET /me/overview with identity stopped: 503 naming identity', async () => {
  await system.services.identity!.stop();
  const response = await call('GET', '/me/overview', { token: customer });
  assert.equal(response.status, 503, response.text);
  assert.equal(response.body.upstream, 'identity');
  assert.equal(response.body.reason, 'unreachable', 'refused, not waited for');
});
