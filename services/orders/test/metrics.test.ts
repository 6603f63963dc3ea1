// orders' metrics as Prometheus reads them: every route by its template (an order id adds no series),
// and the checkout's domain signals read from the database (sagas in flight by step, stuck sagas) or
// counted as the saga decides (outcomes, time to confirmed), wired as main.ts wires them.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import {
  createEnvelope, createJwtVerifier, createLogger, createPool, operationsOf, startMetricsServer, uuidv7, type ServiceApp,
} from '@bazaar/platform';
import { createServiceTestDatabase, deliverMessage, startTestIssuer, type TestIssuer } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR, buildApp } from '../src/app.js';
import { createCheckoutMetrics } from '../src/checkout/checkout.metrics.js';
import { createReplyHandler, replyHandlers } from '../src/checkout/saga.runner.js';
import type { ReplyType } from '../src/checkout/saga.types.js';
import { createCatalog, type Catalog } from '../src/orders/catalog.client.js';
import { orderRecords } from '../src/orders/order-records.store.js';
import { StandInCatalog, checkoutBody, settings } from './support.js';

type Db = Awaited<ReturnType<typeof createServiceTestDatabase>>;

let db: Db;
let app: ServiceApp;
let catalog: StandInCatalog;
let catalogClient: Catalog;
let issuer: TestIssuer;
let handlers: ReturnType<typeof replyHandlers>;
let customer: string;
let admin: string;
let lamp: string;
const logger = createLogger('orders', 'silent');

before(async () => {
  db = await createServiceTestDatabase({ service: 'orders', label: 'orders_metrics', migrationsDir: MIGRATIONS_DIR, contracts });
  catalog = new StandInCatalog();
  await catalog.start();
  issuer = await startTestIssuer();
  catalogClient = createCatalog({ baseUrl: catalog.url, timeoutMs: 1000 });
  // As main.ts: the metrics made first, their `observe(publish)` given to the routes and the runner alike.
  const checkoutMetrics = createCheckoutMetrics({ pool: db.pool });
  const publish = checkoutMetrics.observe(db.publish);
  const now = () => new Date();
  app = await buildApp({
    pool: db.pool, logger, verifier: createJwtVerifier({ jwksUrl: issuer.jwksUrl }), catalog: catalogClient, settings, now, publish, checkoutMetrics,
  });
  handlers = replyHandlers(createReplyHandler({ settings, now, publish, orders: orderRecords, logger }));
  customer = await issuer.token({ userId: randomUUID(), roles: ['customer'] });
  admin = await issuer.token({ userId: randomUUID(), roles: ['admin'] });
  lamp = catalog.add({ sku: 'LAMP-001', priceMinor: 4900 }).id;
});

after(async () => {
  await app?.close();
  await catalogClient?.close();
  await catalog?.stop();
  await issuer?.close();
  await db?.close();
});

/** The series of one metric, as `labels → value` (labels sorted, the service label left out). */
async function series(name: string, registry = app.metrics): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const match of (await registry.metrics()).matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'gm'))) {
    found.set(match[1]!.split(',').filter((l) => !l.startsWith('service=')).sort().join(','), Number(match[2]));
  }
  return found;
}
const value = async (name: string, labels = '') => (await series(name)).get(labels) ?? 0;

async function place(): Promise<string> {
  const response = await app.inject({
    method: 'POST', url: '/orders', payload: checkoutBody([lamp]), headers: { authorization: `Bearer ${customer}`, 'idempotency-key': randomUUID() },
  });
  assert.equal(response.statusCode, 202, response.body);
  return response.json().id;
}

/** The last command of a type orders wrote for an order. */
async function command(orderId: string, type: string): Promise<Record<string, unknown>> {
  const { rows } = await db.pool.query<{ envelope: { payload: Record<string, unknown> } }>(
    `SELECT envelope FROM outbox WHERE type = $1 AND envelope->'payload'->>'orderId' = $2 ORDER BY id DESC LIMIT 1`, [type, orderId],
  );
  assert.ok(rows[0], `orders never sent ${type}`);
  return rows[0].envelope.payload;
}

const PAYMENT_ID = '0195f0a4-1c2b-7d3e-8f40-000000000001';
const money = { amountMinor: 4900, currency: 'EUR' };
const SOURCES: Record<string, string> = { payment: 'payments', stock: 'inventory', shipment: 'shipping' };

async function reply(orderId: string, type: ReplyType): Promise<void> {
  const op = async (name: string) => ({ operationId: (await command(orderId, name)).operationId, orderId, paymentId: PAYMENT_ID });
  const payloads: Partial<Record<ReplyType, () => Promise<Record<string, unknown>>>> = {
    'payment.authorized': async () => ({ ...(await op('payments.authorize')), ...money, cardBrand: 'visa', cardLast4: '4242', version: 2 }),
    'payment.declined': async () => ({ ...(await op('payments.authorize')), reason: 'card_declined', ...money, version: 2 }),
    'payment.captured': async () => ({ ...(await op('payments.capture')), ...money, version: 3 }),
    'payment.voided': async () => ({ ...(await op('payments.void')), effect: 'voided', version: 3 }),
    'stock.reserved': async () => {
      const reserve = await command(orderId, 'inventory.reserve');
      return { reservationId: reserve.reservationId, orderId, items: reserve.items };
    },
    'stock.reservation-rejected': async () => ({
      reservationId: (await command(orderId, 'inventory.reserve')).reservationId, orderId, reason: 'insufficient_stock', shortages: [{ sku: 'LAMP-001', requested: 1, available: 0 }],
    }),
    'stock.released': async () => ({ reservationId: (await command(orderId, 'inventory.reserve')).reservationId, orderId, reason: 'checkout compensation' }),
    'shipment.created': async () => ({
      shipmentRequestId: (await command(orderId, 'shipping.create-shipment')).shipmentRequestId, orderId, shipmentId: randomUUID(),
      trackingNumber: 'BZ7K3M9QX2PA', carrier: 'bazaar-courier', status: 'created', version: 1,
    }),
  };
  const payload = await payloads[type]!();
  const id = uuidv7();
  const envelope = { ...createEnvelope(SOURCES[type.split('.')[0]!]!, type, 1, payload), id, correlationId: id, causationId: id };
  await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers }, envelope);
}

describe('HTTP', () => {
  test('every route appears in the duration histogram by its template, and order ids add no series', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const routes = [...operationsOf(document)].map(([path, method]) => ({ method: method.toUpperCase(), template: path.replace(/\{(\w+)\}/g, ':$1') }));
    assert.ok(routes.length >= 5, `the document lists orders' routes: ${JSON.stringify(routes)}`);
    // The kit's own routes, whether or not the document lists them.
    for (const template of ['/health', '/health/live', '/health/ready', '/openapi.json']) {
      if (!routes.some((r) => r.method === 'GET' && r.template === template)) routes.push({ method: 'GET', template });
    }
    const calls = 3;
    const before = await series('http_request_duration_seconds_count');
    for (const { method, template } of routes) {
      for (let i = 0; i < calls; i++) {
        // A new id on every call: the histogram must still hold one series per route and status class.
        const url = template.replace(/:\w+/g, () => randomUUID());
        await app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${admin}` }, ...(method === 'POST' ? { payload: {} } : {}) });
      }
    }
    await app.inject({ method: 'GET', url: `/no-such-thing/${randomUUID()}` });
    const counts = await series('http_request_duration_seconds_count');
    for (const { method, template } of routes) {
      const mine = [...counts].filter(([labels]) => labels.includes(`method="${method}",`) && labels.includes(`route="${template}"`));
      const added = mine.reduce((sum, [labels, n]) => sum + n - (before.get(labels) ?? 0), 0);
      assert.equal(added, calls, `${method} ${template}: ${JSON.stringify(mine)}`);
    }
    assert.equal(counts.get('method="GET",route="unmatched",status_class="4xx"'), 1);
    for (const labels of counts.keys()) assert.doesNotMatch(labels, /[0-9a-f]{8}-[0-9a-f]{4}-/, `a series named an id: ${labels}`);
  });
});

describe('the checkout', () => {
  test('sagas in flight by step; stuck once the step\'s deadline has passed, no longer once the saga ends', async () => {
    const id = await place();
    assert.equal(await value('checkout_sagas_in_flight', 'step="authorize-payment"'), 1);
    assert.equal(await value('checkout_sagas_stuck'), 0);
    await db.pool.query(`UPDATE checkout_sagas SET deadline_at = now() - interval '1 minute' WHERE order_id = $1`, [id]);
    assert.equal(await value('checkout_sagas_stuck'), 1);
    await reply(id, 'payment.declined');
    // Authorize and reserve go out together: the saga waits for the reservation's answer before it ends.
    assert.equal(await value('checkout_sagas_in_flight', 'step="reserve-stock"'), 1);
    await reply(id, 'stock.reservation-rejected');
    assert.equal(await value('checkout_sagas_stuck'), 0);
    assert.equal(await value('checkout_sagas_in_flight', 'step="authorize-payment"'), 0, 'an emptied step reads 0, not its last count');
    assert.equal(await value('checkout_saga_outcomes_total', 'outcome="rejected"'), 1);
  });

  test('a compensation sent again (it missed its deadline) counts as stuck until it is answered', async () => {
    const id = await place();
    await reply(id, 'payment.authorized');
    // The customer cancels: the reservation in flight is released first, then the authorisation voided.
    const cancel = await app.inject({ method: 'POST', url: `/orders/${id}/cancel`, headers: { authorization: `Bearer ${customer}` } });
    assert.equal(cancel.statusCode, 202, cancel.body);
    assert.equal(await value('checkout_sagas_in_flight', 'step="release-stock"'), 1);
    // As the deadline job leaves it after sending the release again: attempt 2, waiting longer.
    await db.pool.query(`UPDATE checkout_sagas SET attempt = 2, deadline_at = now() + interval '1 minute' WHERE order_id = $1`, [id]);
    assert.equal(await value('checkout_sagas_stuck'), 1);
    await reply(id, 'stock.released');
    assert.equal(await value('checkout_sagas_in_flight', 'step="void-payment"'), 1, 'moved on to the next compensation');
    assert.equal(await value('checkout_sagas_stuck'), 0);
    await db.pool.query(`UPDATE checkout_sagas SET attempt = 2 WHERE order_id = $1`, [id]); // the void goes unanswered too (kept for the next test)
  });

  test('a confirmed checkout counts its outcome and its time from placed to confirmed, once', async () => {
    const before = await value('checkout_time_to_confirmed_seconds_count');
    const id = await place();
    for (const type of ['payment.authorized', 'stock.reserved', 'shipment.created', 'payment.captured'] as const) await reply(id, type);
    assert.equal(await value('checkout_saga_outcomes_total', 'outcome="confirmed"'), 1);
    assert.equal(await value('checkout_time_to_confirmed_seconds_count'), before + 1);
    assert.equal(await value('checkout_sagas_in_flight', 'step="capture-payment"'), 0);
  });

  test('the scrape answers 200 when the database cannot be reached, the saga gauges at their last values', async () => {
    const pool = createPool(db.url, { max: 1 });
    const metrics = createCheckoutMetrics({ pool });
    const lonely = await buildApp({
      pool, logger, verifier: createJwtVerifier({ jwksUrl: issuer.jwksUrl }), catalog: catalogClient, settings, publish: metrics.observe(db.publish), checkoutMetrics: metrics,
    });
    const server = await startMetricsServer({ registry: lonely.metrics, port: 0, host: '127.0.0.1' });
    await lonely.inject({ method: 'GET', url: '/health/live' });
    const scrape = async () => {
      const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      assert.equal(response.status, 200);
      return response.text();
    };
    try {
      const stuck = Number(/^checkout_sagas_stuck\{[^}]*\} (\S+)$/m.exec(await scrape())?.[1]);
      assert.ok(stuck >= 1, 'the compensation retried above is stuck');
      await pool.end(); // every query on it fails from now on
      const text = await scrape();
      assert.match(text, new RegExp(`^checkout_sagas_stuck\\{[^}]*\\} ${stuck}$`, 'm'));
      assert.match(text, /^http_request_duration_seconds_count\{/m);
    } finally {
      await server.close();
      await lonely.close();
    }
  });
});
