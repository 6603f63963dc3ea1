// The storefront in a real browser (Debian's Chromium driven by playwright-core) against a
// throw-away copy of the system, every call through the web app's server and the gateway: a
// shopper registers, confirms the address by the link mailed to the SMTP sink, searches, adds two
// products to the cart (kept across a reload), checks out with the demo card by a double click that
// places one order, watches the order reach confirmed, and finds the welcome, the link and the
// receipt in the mailbox. axe-core checks every page visited for serious or critical violations;
// screenshots of each go to the folder this test prints. Delivery by couriers is not part of this
// first journey: the system runs without the courier simulator, so the order stops at confirmed.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startSmtpSink, type SmtpSink } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop } from '../src/testing/shop.js';
import { startWebServer, type WebServer } from '../src/web-server.js';
import { Browser, freePort, ensureWebBuilt, type Violation } from './web-browser.js';

const run = randomBytes(4).toString('hex');
const password = 'Shop-In-The-Browser-2026!';
const adminEmail = `web-admin-${run}@bazaar.test`;
const shopperEmail = `web-shopper-${run}@bazaar.test`;
const word = `lantern${run}`;
const say = (line: string) => console.log(`[web-shopper] ${line}`);

let sink: SmtpSink;
let system: TestSystem;
let web: WebServer;
let browser: Browser;
const outputDir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-web-shopper-'));

before(async () => {
  ensureWebBuilt(say);
  sink = await startSmtpSink({ httpPort: null });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'notifications', 'gateway'],
    parallel: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_PUBLIC_URL: origin },
      notifications: { NOTIFICATIONS_SMTP_URL: sink.url, NOTIFICATIONS_DISPATCH_INTERVAL_MS: '200' },
    },
  });
  web = await startWebServer({ gateway: system.url('gateway'), port });
  const shop = Shop.throughGateway(system);
  const admin = await shop.register(adminEmail, password, 'Web Admin');
  const category = await shop.createCategory(admin, `lights-${run}`, 'Lights');
  await shop.createProduct(admin, { categoryId: category, sku: `WEB-${run.toUpperCase()}-1`, priceMinor: 1250, stock: 20, name: `Brass ${word}` });
  await shop.createProduct(admin, { categoryId: category, sku: `WEB-${run.toUpperCase()}-2`, priceMinor: 899, stock: 20, name: `Paper ${word}` });
  browser = await Browser.launch(web.url, outputDir);
  say(`screenshots: ${outputDir}`);
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await web?.close();
  await system?.stop();
  await sink?.close();
});

const mailTo = (subject: RegExp) => eventually(async () => sink.to(shopperEmail).find((m) => subject.test(m.subject)), { timeoutMs: 60_000, intervalMs: 200, message: `no "${subject.source}" mail to ${shopperEmail}` });

test('a shopper registers, confirms the address by the mailed link, searches, fills a cart, checks out once and sees the order confirmed', { timeout: 150_000 }, async () => {
  const { page } = browser;
  const violations: Violation[] = [];
  const visit = async (name: string) => violations.push(...await browser.check(name));

  await page.goto(web.url);
  await page.getByRole('heading', { name: 'Welcome to Bazaar' }).waitFor();
  await page.getByRole('link', { name: 'Lights' }).waitFor();
  await visit('01-home');

  // Register.
  await page.getByRole('link', { name: 'Register' }).click();
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Email').fill(shopperEmail);
  await page.getByLabel('Password').fill(password);
  await visit('02-register');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText(`We have sent a link to ${shopperEmail}`).waitFor();
  await page.getByText('not confirmed yet').waitFor();
  await visit('03-account-new');

  // The mailed link opens the web app's page, which confirms the address.
  const verification = await mailTo(/^Confirm your email address$/);
  const link = /https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]+/.exec(verification.text)?.[0];
  assert.ok(link?.startsWith(`${web.url}/verify-email?token=`), `the link points at the web app: ${verification.text}`);
  assert.ok(link);
  await page.goto(link);
  await page.getByText(`${shopperEmail} is confirmed`).waitFor();
  await visit('04-verified');

  // Search, then each product into the cart.
  await page.getByRole('searchbox', { name: 'Search products' }).fill(word);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('heading', { name: `Results for “${word}”` }).waitFor();
  await page.getByRole('link', { name: `Brass ${word}` }).waitFor();
  await page.getByRole('link', { name: `Paper ${word}` }).waitFor();
  await visit('05-search');
  for (const name of [`Brass ${word}`, `Paper ${word}`]) {
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name }).waitFor();
    // Catalog's copy of availability follows inventory's events; the page reads it again by itself.
    await page.getByText(/^In stock/).waitFor({ timeout: 30_000 });
    await visit(`06-product-${name.split(' ')[0]!.toLowerCase()}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added.').waitFor();
    await page.goBack();
    await page.getByRole('link', { name: `Paper ${word}` }).waitFor();
  }

  // The cart survives a reload.
  await page.reload();
  await page.getByLabel('2 items').waitFor();
  await page.getByRole('link', { name: /^Cart/ }).click();
  await page.getByRole('cell', { name: '€21.49' }).or(page.getByText('Total:')).first().waitFor();
  await visit('07-cart');
  await page.getByRole('link', { name: 'Check out' }).click();

  // Checkout with a new address and the demo card; a double click places one order.
  await page.getByRole('heading', { name: 'Checkout' }).waitFor();
  await page.getByLabel('Street and number').fill('1 Prinsengracht');
  await page.getByLabel('Postal code').fill('1015 DV');
  await page.getByLabel('City').fill('Amsterdam');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry month').fill('12');
  await page.getByLabel('Expiry year').fill(String(new Date().getUTCFullYear() + 3));
  await page.getByLabel('Security code').fill('123');
  await visit('08-checkout');
  await page.getByRole('button', { name: 'Place order' }).dblclick();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}/, { timeout: 30_000 });
  const orderId = /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await page.getByRole('status').filter({ hasText: /^confirmed:/ }).waitFor({ timeout: 60_000 });
  await page.getByText('payments.capture').or(page.getByText(/capture payment: succeeded/)).first().waitFor();
  await visit('09-order-confirmed');

  const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('bazaar.session') ?? '{}') as { token?: string }).token);
  const orders = await (await fetch(`${web.url}/api/orders?limit=10`, { headers: { authorization: `Bearer ${token}` } })).json() as { items: { id: string; number: string; status: string }[] };
  assert.deepEqual(orders.items.map((o) => o.id), [orderId], 'the double click placed one order');

  // My orders, my messages.
  await page.getByRole('link', { name: 'My orders' }).click();
  await page.getByRole('link', { name: orders.items[0]!.number }).waitFor();
  await visit('10-my-orders');
  const receipt = await mailTo(new RegExp(`^Your receipt for order ${orders.items[0]!.number}$`));
  assert.match(receipt.text, /21[.,]49/, 'the receipt has the total (12.50 + 8.99)');
  await page.getByRole('link', { name: 'Messages' }).click();
  await page.getByText(`Your receipt for order ${orders.items[0]!.number}`).waitFor({ timeout: 30_000 });
  await visit('11-my-messages');
  const subjects = sink.to(shopperEmail).map((m) => m.subject);
  assert.ok(subjects.some((s) => /^Welcome to Bazaar/.test(s)), `a welcome among ${subjects.join(' | ')}`);

  // The same pages fit a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${web.url}/orders/${orderId}`);
  await page.getByRole('status').filter({ hasText: /^confirmed:/ }).waitFor();
  await visit('12-order-phone');

  assert.deepEqual(violations, [], 'no serious or critical accessibility violations');
});
