// The operations console's operator pages in a real browser (Debian's Chromium driven by
// playwright-core) against a throw-away copy of the system that exports its spans to a trace
// receiver: an admin follows one checkout from its saga's step log to its trace across services,
// finds a saga stuck while payments is stopped, replays a message parked in a dead-letter queue, and
// reads the isolation audit. axe-core checks every page visited; screenshots go to the folder this
// test prints.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import amqp from 'amqplib';
import { topologyNames } from '@bazaar/platform';
import { eventually, startSmtpSink, type SmtpSink } from '@bazaar/platform/testing';
import { audit } from '../src/audit.js';
import { createAuditRunner } from '../src/audit-runner.js';
import { discoverServices } from '../src/services.js';
import { infrastructureFromEnv } from '../src/system.js';
import { type ShopCast } from '../src/testing/shop.js';
import { startTraceReceiver, type TraceReceiver } from '../src/trace-receiver.js';
import { startWebTest, type WebTest } from './web-browser.js';

const run = randomBytes(4).toString('hex');
const password = 'Operator-In-The-Browser-2026!';
const adminEmail = `web-admin-${run}@bazaar.test`;
const SERVICES = ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'notifications', 'gateway'];
/** The services a confirmed checkout passes through. */
const ON_THE_PATH = ['gateway', 'orders', 'payments', 'inventory', 'shipping'];

let receiver: TraceReceiver;
let sink: SmtpSink;
let site: WebTest;
let cast: ShopCast;

before(async () => {
  // The isolation audit of this copy of the system, served by the receiver as under npm start. The
  // services' generated credentials are not exposed by the test system, so the checks that sign in
  // as a service's own role or user are reported skipped (with why); the others run for real.
  const credentials = mkdtempSync(path.join(os.tmpdir(), 'bazaar-web-admin-credentials-'));
  const audits = createAuditRunner(() => audit({ services: discoverServices().filter((s) => SERVICES.includes(s.name)), infra: infrastructureFromEnv(), prefix: site.system.prefix, dataRoot: credentials, rabbitmq: false }));
  receiver = await startTraceReceiver({ audit: audits });
  sink = await startSmtpSink({ httpPort: null });
  // Every span exported, in small batches soon after it ends, so the waterfall is complete quickly.
  const tracing = { OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_TRACES_SAMPLER: 'always_on', OTEL_BSP_SCHEDULE_DELAY: '100' };
  site = await startWebTest({
    tag: 'web-admin',
    services: SERVICES,
    env: Object.fromEntries(SERVICES.map((name) => [name, {
      ...tracing,
      // Made admin here, registered by furnish below with the customer, card and product.
      ...(name === 'identity' ? { IDENTITY_ADMIN_EMAILS: adminEmail } : {}),
      // A step unanswered for 4 s is given up on, so a checkout waiting on a stopped payments is
      // stuck within seconds rather than the default half minute.
      ...(name === 'orders' ? { ORDERS_STEP_TIMEOUT_MS: '4000' } : {}),
      ...(name === 'notifications' ? { NOTIFICATIONS_SMTP_URL: sink.url, NOTIFICATIONS_DISPATCH_INTERVAL_MS: '200' } : {}),
      // The gateway reads traces (and the audit) from the receiver, as under npm start.
      ...(name === 'gateway' ? { TRACES_URL: receiver.url } : {}),
    }])),
  });
  cast = await site.shop.furnish({ adminEmail, customerEmail: `web-shopper-${run}@bazaar.test`, password, slug: `lamps-${run}`, sku: `ADM-${run.toUpperCase()}`, priceMinor: 4_900, stock: 10 });
}, { timeout: 240_000 });

after(async () => {
  await site?.close();
  await receiver?.close();
  await sink?.close();
});

const consoleNav = () => site.page.getByRole('navigation', { name: 'Console' });

async function placeOrder(): Promise<{ id: string; number: string }> {
  const placed = await site.shop.placeOrder(cast.customer, { items: [{ productId: cast.product.id, quantity: 1 }], paymentMethodId: cast.card });
  return { id: placed.body.id as string, number: placed.body.number as string };
}

const statusOf = async (orderId: string) => (await site.shop.call('gateway', 'GET', `/orders/${orderId}`, { token: cast.customer })).body.status as string;

test('an admin follows a confirmed checkout from its saga\'s step log to its trace across the services', { timeout: 120_000 }, async () => {
  const { page, visit, reloadUntil } = site;
  const order = await placeOrder();
  await eventually(async () => (await statusOf(order.id)) === 'confirmed', { timeoutMs: 60_000, intervalMs: 300, message: `order ${order.number} was never confirmed` });
  await site.signIn(adminEmail, password);
  await page.getByRole('link', { name: 'Console' }).click();
  await consoleNav().getByRole('link', { name: 'Sagas' }).click();
  await page.getByRole('heading', { name: 'Sagas' }).waitFor();
  await page.getByRole('link', { name: 'All', exact: true }).click();
  await page.getByRole('link', { name: order.number }).click();
  await page.getByRole('heading', { name: `Saga of order ${order.number}` }).waitFor();
  await page.getByRole('row', { name: /capture payment action succeeded/ }).waitFor();
  await visit('01-saga-confirmed');

  await page.getByRole('link', { name: 'Traces of this order' }).click();
  await page.getByRole('heading', { name: 'Traces', exact: true }).waitFor();
  const checkout = page.getByRole('link', { name: 'gateway: POST /orders' });
  // The spans reach the receiver in batches after they end.
  const reachedEveryService = async () => {
    if ((await checkout.count()) === 0) return false;
    const services = await page.getByRole('row').filter({ has: checkout }).first().getByRole('cell').first().textContent() ?? '';
    return ON_THE_PATH.every((service) => services.split(', ').includes(service));
  };
  await reloadUntil(reachedEveryService, 'the checkout\'s trace never reached the receiver from every service');
  await visit('02-traces-of-the-order');
  await checkout.first().click();
  const waterfall = page.getByRole('img', { name: /^Waterfall of \d+ spans over .* from gateway's POST \/orders, across \d+ services/ });
  await waterfall.waitFor();
  const named = await waterfall.getAttribute('aria-label') ?? '';
  for (const service of ON_THE_PATH) {
    assert.match(named, new RegExp(`\\b${service}\\b`), `the waterfall names ${service}`);
    await page.getByRole('list', { name: 'Colours of the services' }).getByText(service, { exact: true }).waitFor();
  }
  // The table holds every span: the checkout's request at the root, the saga's commands below it.
  const spans = page.getByRole('table', { name: /Every span of the trace/ });
  await spans.getByRole('row', { name: /^POST \/orders gateway server nothing \(root\)/ }).waitFor();
  assert.ok(await spans.getByRole('row').filter({ hasText: 'payments' }).count() > 0, 'a span of payments in the table');
  await visit('03-trace-waterfall');
});

test('payments stopped: the admin finds the checkout stuck waiting on it, with its step log', { timeout: 180_000 }, async () => {
  const { page, system, web, visit, reloadUntil } = site;
  await system.services.payments!.stop();
  try {
    const order = await placeOrder();
    await page.goto(`${web.url}/console/sagas?state=stuck`);
    await page.getByRole('heading', { name: 'Stuck' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: order.number }) });
    await reloadUntil(() => row.isVisible(), `the checkout ${order.number} never showed as stuck`);
    await row.getByText('stuck', { exact: true }).waitFor();
    await visit('04-sagas-stuck');
    await row.getByRole('link', { name: order.number }).click();
    await page.getByRole('heading', { name: `Saga of order ${order.number}` }).waitFor();
    // The authorisation unanswered past its deadline, and the void sent to payments waits in turn.
    await page.getByRole('row', { name: /authorize payment action timed out/ }).waitFor();
    await page.getByText('stuck', { exact: true }).waitFor();
    await visit('05-saga-stuck');
  } finally {
    await system.restart('payments');
  }
});

test('the admin reads a service\'s health, outbox and parked message, and replays it', { timeout: 120_000 }, async () => {
  const { page, system, shop, web, visit } = site;
  // A reply that breaks its contract, sent to orders' own work queue: parked at once, unhandled.
  const names = topologyNames('orders', system.namespace);
  const id = randomUUID();
  const envelope = { id, type: 'payment.authorized', version: 1, source: 'web-admin-test', occurredAt: new Date().toISOString(), correlationId: id, causationId: id, traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`, payload: { orderId: 'not-an-order', amountMinor: -1 } };
  const connection = await amqp.connect(system.amqpUrl);
  try {
    const channel = await connection.createConfirmChannel();
    channel.sendToQueue(names.queues.events, Buffer.from(JSON.stringify(envelope)), { persistent: true, contentType: 'application/json', messageId: id, type: 'payment.authorized' });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
  const parked = async () => {
    const listing = await shop.call('gateway', 'GET', '/admin/services/orders/dlq', { token: cast.admin });
    assert.equal(listing.status, 200, JSON.stringify(listing.body));
    return (listing.body.messages as { id: string; error: string; failedAt?: string }[]).find((m) => m.id === id);
  };
  const first = await eventually(parked, { timeoutMs: 30_000, intervalMs: 300, message: 'the broken message was never parked' });
  assert.match(first.error, /payload of payment\.authorized v1 does not match its contract/);
  assert.ok(first.failedAt, 'the listing says when it was parked');

  await page.goto(`${web.url}/console`);
  await page.getByRole('heading', { name: 'Services' }).waitFor();
  await page.getByRole('link', { name: 'orders', exact: true }).click();
  await page.getByRole('heading', { name: 'Service orders' }).waitFor();
  await page.getByRole('row', { name: /^database healthy/ }).waitFor();
  await page.getByText('Messages not yet published').waitFor();
  const row = page.getByRole('row').filter({ hasText: id });
  await row.getByText(first.error, { exact: true }).waitFor();
  await visit('06-service-dead-letters');

  await row.getByRole('button', { name: `Replay payment.authorized v1 ${id}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Replay this message?' });
  await dialog.waitFor();
  await visit('07-replay-confirmation');
  await dialog.getByRole('button', { name: 'Replay the message' }).click();
  await page.getByText(`payment.authorized v1 ${id} sent back to`).waitFor();
  // Replayed as it is, orders takes it again and refuses it again: parked anew, later.
  await eventually(async () => {
    const again = await parked();
    return again?.failedAt !== undefined && Date.parse(again.failedAt) > Date.parse(first.failedAt!);
  }, { timeoutMs: 30_000, intervalMs: 300, message: 'the replayed message never reached orders again' });
  await page.getByRole('button', { name: 'Read the queue again' }).click();
  await row.getByText(first.error, { exact: true }).waitFor();
  await visit('08-after-replay');
});

test('the admin reads the isolation audit, breaches first', { timeout: 120_000 }, async () => {
  const { page, web, visit, violations, layoutShifts } = site;
  await page.goto(`${web.url}/console`);
  await consoleNav().getByRole('link', { name: 'Isolation audit' }).click();
  await page.getByRole('heading', { name: 'Isolation audit' }).waitFor();
  await page.getByRole('button', { name: 'Run the audit now' }).click();
  await page.getByRole('heading', { name: /\d+ held, \d+ skipped$/ }).waitFor({ timeout: 60_000 });
  const outcomes = await page.getByRole('table').getByRole('row').evaluateAll((rows) => rows.slice(1).map((r) => r.querySelector('td:nth-child(4)')?.textContent ?? ''));
  assert.ok(outcomes.length > 0, 'the audit lists its checks');
  const rank = (o: string) => ['breach', 'skipped', 'ok'].indexOf(o);
  assert.deepEqual(outcomes, [...outcomes].sort((a, b) => rank(a) - rank(b)), 'breaches first, then skipped, then ok');
  await visit('09-isolation-audit');

  // A phone's width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${web.url}/console/sagas?state=all`);
  await page.getByRole('heading', { name: 'All' }).waitFor();
  await visit('10-sagas-phone');
  assert.deepEqual(await site.browser.cutOff(), [], 'the sagas fit a phone, the table scrolling sideways in its own box');

  assert.deepEqual(violations, [], 'no serious or critical accessibility violations');
  assert.deepEqual(layoutShifts, [], 'no page shifted its layout more than a good page does (cumulative layout shift above 0.1)');
});
