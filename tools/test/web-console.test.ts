// The operations console in a real browser (Debian's Chromium driven by playwright-core) against a
// throw-away copy of the system: an admin signs in, sees every service healthy as the gateway sees
// it, sees a service's golden signals once a few requests were made, reads a report drawn as a chart
// with its table (an order placed beforehand is in it), runs the reconciliation, retries a welcome
// mail the SMTP server had refused until it arrives, and finds an on-shift courier on the map. A
// customer is refused the console. axe-core checks every page visited; screenshots go to the folder
// this test prints.
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startSmtpSink, type SmtpSink } from '@bazaar/platform/testing';
import { CARDS, type ShopCourier } from '../src/testing/shop.js';
import { startWebTest, type WebTest } from './web-browser.js';

const run = randomBytes(4).toString('hex');
const password = 'Console-In-The-Browser-2026!';
const adminEmail = `web-ops-${run}@bazaar.test`;
const customerEmail = `web-unmailed-${run}@bazaar.test`;

let sink: SmtpSink;
let site: WebTest<string>;
let courier: ShopCourier;

before(async () => {
  sink = await startSmtpSink({ httpPort: null });
  site = await startWebTest({
    tag: 'web-console',
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'notifications', 'analytics', 'gateway'],
    env: {
      notifications: { NOTIFICATIONS_SMTP_URL: sink.url, NOTIFICATIONS_DISPATCH_INTERVAL_MS: '200' },
      // Reconciliation runs when the console asks, not on a timer.
      analytics: { ANALYTICS_RECONCILE_INTERVAL_MS: '86400000', ANALYTICS_RECONCILE_FIRST_RUN_MS: '86400000' },
    },
    admin: { email: adminEmail, password, name: 'Console Operator' },
  });
  const { shop, adminToken: admin } = site;
  // A customer whose welcome the mail server refuses (451, every try): it ends failed, to retry.
  sink.refuse();
  const customer = await shop.register(customerEmail, password, 'Unmailed Customer');
  const card = await shop.saveCard(customer, CARDS.approve);
  const category = await shop.createCategory(admin, `desks-${run}`, 'Desks');
  const product = await shop.createProduct(admin, { categoryId: category, sku: `OPS-${run.toUpperCase()}`, priceMinor: 15_000, stock: 5, name: `Standing desk ${run}` });
  await shop.placeOrder(customer, { items: [{ productId: product.id, quantity: 1 }], paymentMethodId: card });
  courier = await shop.newCourier(admin, { email: `courier-${run}@bazaar.test`, password, name: `Cora ${run}` });
  await shop.startShift(courier, { latitude: 52.3731, longitude: 4.8922 });
}, { timeout: 240_000 });

after(async () => {
  await site?.close();
  await sink?.close();
});

test('a customer is not let into the console', { timeout: 60_000 }, async () => {
  const { page, web, visit } = site;
  await site.signIn(customerEmail, password);
  assert.equal(await page.getByRole('link', { name: 'Console' }).count(), 0, 'no console link for a customer');
  await page.goto(`${web.url}/console`);
  await page.getByText('Your account does not have the admin role.').waitFor();
  await visit('01-console-refused');
  await page.getByRole('link', { name: 'Sign out' }).click();
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
});

test('an admin reads the services, a report, the reconciliation, retries a failed mail and sees the couriers', { timeout: 150_000 }, async () => {
  const { page, shop, visit, violations, layoutShifts, reloadUntil } = site;
  await site.signIn(adminEmail, password);
  await page.getByRole('link', { name: 'Console' }).click();
  await page.getByRole('heading', { name: 'Services' }).waitFor();
  for (const service of ['identity', 'catalog', 'orders', 'notifications', 'analytics']) {
    await page.getByRole('row', { name: new RegExp(`^${service} healthy`) }).waitFor();
  }
  await visit('02-services');

  // A service's page: its golden signals, from two snapshots of its counters, once a few requests were made.
  await page.getByRole('link', { name: 'catalog', exact: true }).click();
  await page.getByRole('heading', { name: 'Golden signals' }).waitFor();
  const figure = (term: string) => page.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
  await eventually(async () => {
    for (let i = 0; i < 5; i++) assert.equal((await shop.call('catalog', 'GET', '/products?limit=1')).status, 200);
    const rate = await figure('Requests').textContent();
    return rate && /^\d+(\.\d)?\/s$/.test(rate) && rate !== '0.0/s' ? rate : undefined;
  }, { timeoutMs: 30_000, intervalMs: 1000, message: "catalog's page never showed a request rate" });
  assert.match(await figure('Latency p99').textContent() ?? '', /^\d+(\.\d+)? m?s$/);
  assert.match(await figure('Pool in use').textContent() ?? '', /^\d+ of \d+/);
  await visit('02b-service-signals');

  // The order placed before is in the checkout outcomes, drawn and tabled.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Reports' }).waitFor();
  await page.getByRole('link', { name: /checkout outcomes/i }).click();
  await reloadUntil(() => page.getByRole('cell', { name: 'confirmed', exact: true }).isVisible(), 'the confirmed order never reached the checkout outcomes');
  await page.getByRole('img', { name: /^Bar chart, Orders by outcome: 1 entry, highest confirmed at 1/ }).waitFor();
  await visit('03-report-checkout-outcomes');
  await page.getByRole('link', { name: /revenue per day by category/i }).click();
  await reloadUntil(() => page.getByRole('cell', { name: 'Desks', exact: true }).isVisible(), 'the revenue never reached its report');
  await page.getByRole('img', { name: /^Line chart, Revenue per day from / }).waitFor();
  await page.getByRole('img', { name: /^Bar chart, Revenue per category: 1 entry, highest Desks at €150\.00/ }).waitFor();
  await visit('04-report-revenue');

  await page.getByRole('link', { name: 'Reconciliation' }).click();
  await page.getByRole('heading', { name: 'Reconciliation' }).waitFor();
  await page.getByRole('button', { name: 'Run the checks now' }).click();
  await page.getByRole('heading', { name: /^Run of .*\(asked for\)/ }).waitFor({ timeout: 30_000 });
  await page.getByRole('row', { name: /confirmed-captured/ }).waitFor();
  await visit('05-reconciliation');

  // The welcome the mail server refused: failed after its tries, retried once the server accepts.
  await page.getByRole('link', { name: 'Failed notifications' }).click();
  const retry = page.getByRole('button', { name: `Retry the welcome message to ${customerEmail}` });
  await reloadUntil(() => retry.isVisible(), 'the refused welcome never showed as failed');
  // The mail server's answer, not the address (a random run id may hold "451" too).
  await page.getByRole('row').filter({ has: retry }).getByText(/^Mail command failed: 451\b/).waitFor();
  await visit('06-failed-notifications');
  sink.accept();
  await retry.click();
  await page.getByText(`The welcome message to ${customerEmail} is queued again.`).waitFor();
  await eventually(async () => sink.to(customerEmail).find((m) => /^Welcome to Bazaar/.test(m.subject)), { timeoutMs: 30_000, intervalMs: 300, message: 'the retried welcome never arrived' });

  // Shipping shows a position only while it is fresh: the courier's app sends one as it rides.
  const moved = await shop.call('shipping', 'PUT', '/couriers/me/location', { token: courier.token, body: { latitude: 52.3702, longitude: 4.8952 } });
  assert.equal(moved.status, 204, JSON.stringify(moved.body));
  await page.getByRole('link', { name: 'Couriers' }).click();
  await page.getByRole('img', { name: /^Map of Amsterdam: 1 of 1 couriers with a fresh position/ }).waitFor();
  await page.getByRole('row', { name: new RegExp(`^${courier.name} cargo-bike 3 on shift`) }).waitFor();
  await visit('07-couriers');

  // A phone's width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('link', { name: /checkout outcomes/i }).click();
  await page.getByRole('img', { name: /^Bar chart, Orders by outcome/ }).waitFor();
  await visit('08-report-phone');
  assert.deepEqual(await site.browser.cutOff(), [], 'the report fits a phone, its table scrolling sideways in its own box');

  assert.deepEqual(violations, [], 'no serious or critical accessibility violations');
  assert.deepEqual(layoutShifts, [], 'no page shifted its layout more than a good page does (cumulative layout shift above 0.1)');
});
