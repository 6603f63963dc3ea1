// The golden signals across the checkout's services, scraped from their own metrics ports as
// Prometheus scrapes them: after a checkout every service shows its requests by route template and
// status class (no id in any label of any series), its handlers by message type and outcome, and its
// saturation; orders shows the checkout's outcome and time to confirmed. Then payments stops while a
// checkout is placed: orders' stuck-saga gauge rises, and falls to zero once payments is back.
import { randomBytes } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { ADDRESS, Shop, type ShopCast } from '../src/testing/shop.js';

const run = randomBytes(4).toString('hex');
const adminEmail = `ops-${run}@bazaar.test`;
const SERVICES = ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'gateway'];
/** The services that consume messages, so have handlers, work queues and a dead-letter queue. */
const CONSUMERS = ['inventory', 'payments', 'shipping', 'orders'];
/** Short, so that a step missed while payments is down shows within seconds. */
const STEP_TIMEOUT_MS = 4_000;

let system: TestSystem;
let shop: Shop;
let cast: ShopCast;

before(async () => {
  system = await startTestSystem({
    services: SERVICES,
    parallel: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      orders: { ORDERS_STEP_TIMEOUT_MS: String(STEP_TIMEOUT_MS), ORDERS_DEADLINE_INTERVAL_MS: '250' },
    },
  });
  shop = Shop.throughGateway(system);
  cast = await shop.furnish({
    adminEmail, customerEmail: `customer-${run}@bazaar.test`, password: 'Metrics-Check-2026', slug: `metrics-${run}`, sku: `LAMP-${run.toUpperCase()}`, priceMinor: 4900, stock: 20,
  });
}, { timeout: 240_000 });

after(async () => {
  await system?.stop();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

async function scrape(service: string): Promise<Sample[]> {
  const response = await fetch(system.metricsUrl(service), { signal: AbortSignal.timeout(10_000) });
  assert.equal(response.status, 200, `${service} /metrics`);
  const samples: Sample[] = [];
  for (const match of (await response.text()).matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? (\S+)$/gm)) {
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((total, s) => total + s.value, 0);
const has = (samples: Sample[], name: string) => samples.some((s) => s.name === name);

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b\d{3,}\b/i;

async function checkout(): Promise<string> {
  const placed = await shop.placeOrder(cast.customer, { items: [{ productId: cast.product.id, quantity: 1 }], paymentMethodId: cast.card, shippingAddress: ADDRESS });
  return placed.body.id as string;
}

async function statusOf(orderId: string): Promise<string> {
  return (await shop.call('gateway', 'GET', `/orders/${orderId}`, { token: cast.customer })).body.status as string;
}

test('after a checkout every service shows its golden signals, bounded, and orders its checkout', { timeout: 120_000 }, async () => {
  const orderId = await checkout();
  await eventually(async () => (await statusOf(orderId)) === 'confirmed', { timeoutMs: 60_000, intervalMs: 250, message: 'the checkout never confirmed' });
  // The same order looked up by id several times: the route is counted, the id never named.
  for (let i = 0; i < 3; i++) await shop.call('orders', 'GET', `/orders/${orderId}`, { token: cast.customer });

  for (const service of SERVICES) {
    const samples = await scrape(service);
    for (const s of samples) {
      assert.equal(s.labels.service, service, `${service}: ${s.name} carries its service`);
      for (const [label, value] of Object.entries(s.labels)) {
        if (label !== 'le' && label !== 'quantile' && label !== 'version') assert.doesNotMatch(value, ID, `${service}: ${s.name}{${label}="${value}"} names an id`);
      }
    }
    const requests = samples.filter((s) => s.name === 'http_request_duration_seconds_count');
    assert.ok(requests.length > 0, `${service} counts its requests`);
    for (const r of requests) assert.match(r.labels.status_class ?? '', /^[1-5]xx$/, `${service}: ${JSON.stringify(r.labels)}`);
    for (const name of ['nodejs_eventloop_utilization', 'nodejs_eventloop_lag_p99_seconds']) assert.ok(has(samples, name), `${service}: ${name}`);
    if (service !== 'gateway') {
      for (const name of ['db_pool_connections', 'outbox_backlog', 'outbox_oldest_age_seconds', 'messages_published_total']) assert.ok(has(samples, name), `${service}: ${name}`);
    }
    if (CONSUMERS.includes(service)) {
      assert.ok(sum(samples, 'message_handler_duration_seconds_count', { outcome: 'handled' }) > 0, `${service} handled a message of the checkout`);
      assert.ok(has(samples, 'dlq_depth') && has(samples, 'message_queue_depth'), `${service}: dlq_depth and message_queue_depth`);
    }
  }

  const orders = await scrape('orders');
  assert.equal(sum(orders, 'http_request_duration_seconds_count', { method: 'GET', route: '/orders/:id' }) >= 3, true, 'GET /orders/:id under its template');
  assert.ok(sum(orders, 'checkout_saga_outcomes_total', { outcome: 'confirmed' }) >= 1);
  assert.ok(sum(orders, 'checkout_time_to_confirmed_seconds_count') >= 1);
  for (const type of ['payment.authorized', 'stock.reserved', 'shipment.created', 'payment.captured']) {
    assert.ok(sum(orders, 'message_handler_duration_seconds_count', { type, outcome: 'handled' }) >= 1, `orders handled ${type}`);
  }
});

test('payments stopped: the stuck-saga gauge rises while a checkout waits on it, and falls to zero once it is back', { timeout: 180_000 }, async () => {
  await system.services.payments!.stop();
  try {
    const orderId = await checkout();
    // The authorisation times out, its void is sent, misses its deadline too and is sent again: stuck
    // at void-payment (one scrape for both: the authorisation past its deadline already counts as
    // stuck for the moment before the deadline job moves the saga on to the void).
    await eventually(async () => {
      const samples = await scrape('orders');
      return sum(samples, 'checkout_sagas_stuck') >= 1 && sum(samples, 'checkout_sagas_in_flight', { step: 'void-payment' }) >= 1;
    }, { timeoutMs: 60_000, intervalMs: 500, message: 'the checkout waiting on payments never counted as stuck at void-payment' });
    await system.restart('payments');
    await eventually(async () => (await statusOf(orderId)) === 'cancelled', { timeoutMs: 90_000, intervalMs: 500, message: 'the checkout never settled once payments was back' });
    await eventually(async () => sum(await scrape('orders'), 'checkout_sagas_stuck') === 0, { timeoutMs: 30_000, intervalMs: 500, message: 'the stuck gauge never fell' });
    assert.ok(sum(await scrape('orders'), 'checkout_saga_outcomes_total', { outcome: 'cancelled' }) >= 1);
  } finally {
    if (!system.services.payments!.running) await system.restart('payments').catch(() => undefined);
  }
});
