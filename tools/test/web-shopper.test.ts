// The storefront in a real browser (Debian's Chromium driven by playwright-core) against a
// throw-away copy of the system, every call through the web app's server and the gateway: a
// shopper registers, confirms the address by the link mailed to the SMTP sink, searches and adds a
// product to the cart by keyboard alone (a visible focus ring of 3:1 at every stop), adds a second
// by mouse (the cart kept across a reload), checks out with the demo card by a double click that
// places one order, watches the order reach confirmed, then dispatched to a courier who comes on
// shift once it is confirmed (driven through shipping's API, as a courier's app drives it), moving
// on the order page's map, and delivered; and finds the welcome, the link, the receipt and the
// delivery's mails in the mailbox; a shopper narrows a category by price and pages through it; and
// a shopper who forgot the password chooses a new one through the mailed link. axe-core checks
// every page visited for serious or critical violations, and each page's layout shift is read;
// screenshots of each go to the folder this test prints.
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startSmtpSink, type SmtpSink } from '@bazaar/platform/testing';
import type { Response as PageResponse } from 'playwright-core';
import { type ShopCourier } from '../src/testing/shop.js';
import { startWebTest, type WebTest } from './web-browser.js';

const run = randomBytes(4).toString('hex');
const password = 'Shop-In-The-Browser-2026!';
const adminEmail = `web-admin-${run}@bazaar.test`;
const shopperEmail = `web-shopper-${run}@bazaar.test`;
const word = `lantern${run}`;

let sink: SmtpSink;
let site: WebTest<string>;
let courier: ShopCourier;

before(async () => {
  sink = await startSmtpSink({ httpPort: null });
  site = await startWebTest({
    tag: 'web-shopper',
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'notifications', 'gateway'],
    env: { notifications: { NOTIFICATIONS_SMTP_URL: sink.url, NOTIFICATIONS_DISPATCH_INTERVAL_MS: '200' } },
    admin: { email: adminEmail, password, name: 'Web Admin' },
  });
  const { shop, adminToken: admin } = site;
  const category = await shop.createCategory(admin, `lights-${run}`, 'Lights');
  await shop.createProduct(admin, { categoryId: category, sku: `WEB-${run.toUpperCase()}-1`, priceMinor: 1250, stock: 20, name: `Brass ${word}` });
  await shop.createProduct(admin, { categoryId: category, sku: `WEB-${run.toUpperCase()}-2`, priceMinor: 899, stock: 20, name: `Paper ${word}` });
  // Registered now, on shift only once the order is confirmed: until then nobody can take its parcel.
  courier = await shop.newCourier(admin, { email: `web-courier-${run}@bazaar.test`, password, name: 'Ana' });
}, { timeout: 240_000 });

after(async () => {
  await site?.close();
  await sink?.close();
});

/** Shipping's geocoder simulator places every address within a few kilometres of this point (its default centre). */
const CENTRE = { latitude: 52.3676, longitude: 4.9041 };
type Point = typeof CENTRE;
/** How far from the centre the order page's map says a point is (apps/web's courier map: its projection). */
const kmFromCentre = (p: Point) => Math.hypot((p.longitude - CENTRE.longitude) * 111.32 * Math.cos((CENTRE.latitude * Math.PI) / 180), (p.latitude - CENTRE.latitude) * 110.57);
interface Parcel { id: string; orderId: string; status: string; destination: Point | null }

/** A courier's call through the gateway, as its app makes it; the answer must be `status`. */
async function asCourier(method: string, path: string, status: number, body?: unknown) {
  const answer = await site.shop.call('gateway', method, path, { token: courier.token, ...(body === undefined ? {} : { body }) });
  assert.equal(answer.status, status, `${method} ${path}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const mailTo = (subject: RegExp) => eventually(async () => sink.to(shopperEmail).find((m) => subject.test(m.subject)), { timeoutMs: 60_000, intervalMs: 200, message: `no "${subject.source}" mail to ${shopperEmail}` });

test('a shopper registers, confirms the address by the mailed link, searches, fills a cart, checks out once and sees the order confirmed, then a courier on the map, then delivered', { timeout: 180_000 }, async () => {
  const { page, web, visit } = site;

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

  // Search and the first product into the cart by keyboard alone: back from the page's heading
  // (focused on each new page) to the header's search box, Enter to search, Tab to the product and
  // Enter to open it, Tab to "Add to cart" and Enter. Every stop on the way shows a focus ring.
  const { browser } = site;
  await browser.tabTo(page.getByRole('searchbox', { name: 'Search products' }), { backwards: true });
  await page.keyboard.type(word);
  await page.keyboard.press('Enter');
  const results = page.getByRole('heading', { name: `Results for “${word}”` });
  await results.waitFor();
  assert.ok(await browser.hasFocus(results), 'the results page starts at its heading');
  await page.getByRole('link', { name: `Paper ${word}` }).waitFor();
  await visit('05-search');
  await browser.tabTo(page.getByRole('link', { name: `Brass ${word}` }));
  await page.keyboard.press('Enter');
  const brass = page.getByRole('heading', { name: `Brass ${word}` });
  await brass.waitFor();
  assert.ok(await browser.hasFocus(brass), 'the product page starts at its heading');
  // Catalog's copy of availability follows inventory's events; the page reads it again by itself.
  await page.getByText(/^In stock/).waitFor({ timeout: 30_000 });
  await visit('06-product-brass');
  await browser.tabTo(page.getByRole('button', { name: 'Add to cart' }));
  await page.keyboard.press('Enter');
  await page.getByText('Added.').waitFor();
  await page.getByLabel('1 items').waitFor();

  // The second by mouse.
  await page.goBack();
  await page.getByRole('link', { name: `Paper ${word}` }).click();
  await page.getByRole('heading', { name: `Paper ${word}` }).waitFor();
  await page.getByText(/^In stock/).waitFor({ timeout: 30_000 });
  await visit('06-product-paper');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByText('Added.').waitFor();

  // The cart survives a reload.
  await page.reload();
  await page.getByLabel('2 items').waitFor();
  await page.getByRole('link', { name: /^Cart/ }).click();
  await page.getByRole('cell', { name: '€21.49' }).or(page.getByText('Total:')).first().waitFor();
  await visit('07-cart');
  await page.getByRole('link', { name: 'Check out' }).click();

  // A reload of the checkout (a direct load) asks for the saved addresses and cards with the session's
  // token from the first request: none is refused with 401.
  await page.getByRole('heading', { name: 'Checkout' }).waitFor();
  const refused: string[] = [];
  const onResponse = (response: PageResponse) => { if (response.status() === 401) refused.push(`${response.request().method()} ${new URL(response.url()).pathname}`); };
  page.on('response', onResponse);
  await page.reload();
  await page.getByLabel('Street and number').waitFor();
  await page.getByLabel('Card number').waitFor();
  page.off('response', onResponse);
  assert.deepEqual(refused, [], 'requests a direct load of the checkout sent without the token');

  // Checkout with a new address and the demo card; a double click places one order.
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
  const number = orders.items[0]!.number;

  // A courier comes on shift in the city (every address is within shipping's dispatch radius of the
  // centre): the parcel is dispatched to them, and the open order page shows them on its map.
  await site.shop.startShift(courier, CENTRE);
  const parcel = await eventually(async () => ((await asCourier('GET', '/couriers/me/shipments', 200)).items as Parcel[]).find((p) => p.orderId === orderId), { timeoutMs: 30_000, intervalMs: 250, message: `order ${orderId} was never dispatched to the courier on shift` });
  assert.ok(parcel.destination, 'the geocoder placed the address');
  await page.getByRole('status').filter({ hasText: /^shipped:/ }).waitFor({ timeout: 30_000 });
  await page.getByText('dispatch: succeeded').waitFor();
  await page.getByText(/, courier Ana$/).waitFor();
  const map = page.getByRole('img', { name: /^Map of Amsterdam: Ana \(cargo-bike\) is [\d.]+ km from the centre$/ });
  await map.waitFor({ timeout: 30_000 });
  // Ana starts on the centre: her marker leaves the word "centre" readable, and the rings' labels fit.
  const crowded = await map.evaluate((svg) => {
    interface Box { left: number; right: number; top: number; bottom: number }
    interface Drawn { textContent: string | null; getBoundingClientRect: () => Box; querySelector: (selector: string) => Drawn | null; querySelectorAll: (selector: string) => ArrayLike<Drawn> }
    const drawn = svg as unknown as Drawn;
    const frame = drawn.getBoundingClientRect();
    const marker = drawn.querySelector('g > circle')?.getBoundingClientRect();
    const problems: string[] = marker ? [] : ['no marker for Ana'];
    for (const text of Array.from(drawn.querySelectorAll('text'))) {
      const box = text.getBoundingClientRect();
      if (box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom) problems.push(`"${text.textContent}" is cut by the map's edge`);
    }
    // The backdrop's labels, not Ana's name, which is in her marker's group.
    for (const text of Array.from(drawn.querySelectorAll(':scope > text'))) {
      const box = text.getBoundingClientRect();
      if (marker && box.left < marker.right && marker.left < box.right && box.top < marker.bottom && marker.top < box.bottom) problems.push(`Ana's marker covers "${text.textContent}"`);
    }
    return problems;
  });
  assert.deepEqual(crowded, [], 'the map is drawn legibly');
  // Halfway to the door: the map follows (the page reads the position every two seconds) and draws
  // the way from where the page first saw the courier.
  const halfway = { latitude: (CENTRE.latitude + parcel.destination.latitude) / 2, longitude: (CENTRE.longitude + parcel.destination.longitude) / 2 };
  await asCourier('PUT', '/couriers/me/location', 204, halfway);
  await eventually(async () => {
    const km = Number(/is ([\d.]+) km/.exec(await map.getAttribute('aria-label') ?? '')?.[1]);
    return Math.abs(km - kmFromCentre(halfway)) <= 0.1 && await map.locator('polyline').count() === 1;
  }, { timeoutMs: 20_000, intervalMs: 250, message: `the map never showed Ana ${kmFromCentre(halfway).toFixed(1)} km from the centre with her way there` });
  await visit('10-order-dispatched');
  assert.match((await mailTo(new RegExp(`^Order ${number}: a courier is on the way$`))).text, /Ana is bringing order/);

  // Ana ends her shift before picking the parcel up: the page says by itself that it waits for the
  // next courier, and the timeline says why; back on shift, she is given it again.
  await asCourier('PUT', '/couriers/me/shift', 200, { onShift: false });
  await page.getByRole('status').filter({ hasText: /^shipped: On its way: your parcel waits for the next courier\.$/ }).waitFor({ timeout: 30_000 });
  await page.getByText('hand back: succeeded (Ana handed the parcel back (the courier ended the shift); it waits for another courier)').waitFor();
  assert.match((await mailTo(new RegExp(`^Order ${number}: another courier will bring it$`))).text, /will not bring it after all: the courier ended the shift/);
  await site.shop.startShift(courier, CENTRE);
  await page.getByRole('status').filter({ hasText: /^shipped: On its way: a courier has your parcel\.$/ }).waitFor({ timeout: 30_000 });
  await eventually(async () => ((await asCourier('GET', '/couriers/me/shipments', 200)).items as Parcel[]).some((p) => p.id === parcel.id), { timeoutMs: 30_000, intervalMs: 250, message: 'the parcel handed back was never dispatched to Ana again' });

  // Picked up, at the door, delivered: the page says so by itself, and the map is gone.
  await asCourier('POST', `/couriers/me/shipments/${parcel.id}/pickup`, 200);
  await asCourier('PUT', '/couriers/me/location', 204, parcel.destination);
  await asCourier('POST', `/couriers/me/shipments/${parcel.id}/delivered`, 200);
  await page.getByRole('status').filter({ hasText: /^delivered:/ }).waitFor({ timeout: 30_000 });
  await page.getByText('deliver: succeeded (delivered by Ana)').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Where your parcel is' }).count(), 0, 'no map once delivered');
  await visit('11-order-delivered');
  await mailTo(new RegExp(`^Order ${number} was delivered$`));

  // My orders, my messages.
  await page.getByRole('link', { name: 'My orders' }).click();
  await page.getByRole('link', { name: number }).waitFor();
  await visit('12-my-orders');
  const receipt = await mailTo(new RegExp(`^Your receipt for order ${number}$`));
  assert.match(receipt.text, /21[.,]49/, 'the receipt has the total (12.50 + 8.99)');
  await page.getByRole('link', { name: 'Messages' }).click();
  await page.getByText(`Your receipt for order ${number}`).waitFor({ timeout: 30_000 });
  await page.getByText(`Order ${number} was delivered`).first().waitFor({ timeout: 30_000 });
  await visit('13-my-messages');
  const subjects = sink.to(shopperEmail).map((m) => m.subject);
  assert.ok(subjects.some((s) => /^Welcome to Bazaar/.test(s)), `a welcome among ${subjects.join(' | ')}`);

  // The same pages fit a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${web.url}/orders/${orderId}`);
  await page.getByRole('status').filter({ hasText: /^delivered:/ }).waitFor();
  await visit('14-order-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('a shopper narrows a category by price and pages through it; the page is kept in the address', { timeout: 60_000 }, async () => {
  const { page, web, visit, shop, adminToken: admin } = site;
  // 24 lamps at €1 … €24 (named by price). "€3 to €24, low to high" keeps 22 of them: a page of 20
  // and a second of two. The lights of the first test (€8.99, €12.50) are in range, in another category.
  const lamps = await shop.createCategory(admin, `lamps-${run}`, 'Lamps');
  const lamp = (euros: number) => `Lamp ${run} at ${String(euros).padStart(2, '0')}`;
  await Promise.all(Array.from({ length: 24 }, async (_, i) => {
    const created = await shop.call('catalog', 'POST', '/products', { token: admin, body: { sku: `LAMP-${run.toUpperCase()}-${i + 1}`, name: lamp(i + 1), priceMinor: (i + 1) * 100, currency: 'EUR', categoryId: lamps } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  }));
  const expected = Array.from({ length: 22 }, (_, i) => lamp(i + 3));

  /**
   * The products of page `n`, once they are not those shown `before` it: until the new page's answer
   * arrives, the list still shows the products of the page before.
   */
  const shown = async (n: number, before?: { name: string; cents: number }[]) => {
    await page.getByText(`Page ${n}`, { exact: true }).waitFor();
    const cards = page.getByRole('list', { name: 'Products' }).getByRole('listitem');
    return eventually(async () => {
      const products = await cards.evaluateAll((items) => items.map((card) => ({
        name: card.querySelector('.card-name')?.textContent ?? '',
        cents: Number((card.querySelector('.price')?.textContent ?? '').replace(/\D/g, '')),
      })));
      return products.length > 0 && JSON.stringify(products) !== JSON.stringify(before) ? products : undefined;
    }, { timeoutMs: 20_000, intervalMs: 100, message: `page ${n} never showed other products than the page before it` });
  };

  await page.goto(web.url);
  await page.getByRole('link', { name: 'Lamps' }).click();
  await page.getByRole('heading', { name: 'Lamps' }).waitFor();
  const unfiltered = await shown(1);
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Min price (€)').fill('3');
  await filters.getByLabel('Max price (€)').fill('24');
  await filters.getByLabel('Sort by').selectOption({ label: 'Price: low to high' });
  await filters.getByRole('button', { name: 'Show products' }).click();
  const first = await shown(1, unfiltered);
  await visit('15-lamps-page-1');
  await page.getByRole('button', { name: 'Next page' }).click();
  const second = await shown(2, first);
  for (const [n, products] of [[1, first], [2, second]] as const) {
    for (const { name, cents } of products) {
      assert.ok(name.startsWith(`Lamp ${run} `), `page ${n} shows "${name}", which is not a lamp: the category filter`);
      assert.ok(cents >= 300 && cents <= 2400, `page ${n} shows ${name} at ${cents / 100}: the price filter`);
    }
    assert.deepEqual(products.map((p) => p.cents), [...products.map((p) => p.cents)].sort((a, b) => a - b), `page ${n} is sorted low to high`);
  }
  assert.equal(first.length, 20, 'a full first page');
  assert.deepEqual(first.filter((p) => second.some((q) => q.name === p.name)), [], 'the pages do not overlap');
  assert.deepEqual([...first, ...second].map((p) => p.name), expected, 'the two pages hold every lamp in range, once');

  // The address carries the filter and the cursor: a reload shows the same second page.
  const url = new URL(page.url());
  assert.deepEqual(['category', 'min', 'max', 'sort', 'page'].map((key) => url.searchParams.get(key)), [`lamps-${run}`, '3', '24', 'price_asc', '2']);
  assert.ok(url.searchParams.get('cursor'), `a cursor in ${url}`);
  await page.reload();
  assert.deepEqual(await shown(2), second, 'the reloaded second page');
  await visit('16-lamps-page-2');
  await page.getByRole('button', { name: 'Previous page' }).click();
  assert.deepEqual(await shown(1, second), first, 'back to the first page');
});

test('a shopper who forgot the password chooses a new one through the mailed link', { timeout: 90_000 }, async () => {
  const { page, web, visit, violations, layoutShifts } = site;
  const forgetful = `web-forgetful-${run}@bazaar.test`;
  await site.shop.register(forgetful, password, 'Forgetful Shopper');
  await page.goto(`${web.url}/sign-out`);
  await page.getByRole('link', { name: 'Sign in' }).first().click();
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(forgetful);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await page.getByText('a link to choose a new password is on its way').waitFor();
  await visit('17-password-reset-asked');

  const mail = await eventually(async () => sink.to(forgetful).find((m) => /^Reset your Bazaar password$/.test(m.subject)), { timeoutMs: 60_000, intervalMs: 200, message: `no reset mail to ${forgetful}` });
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  assert.ok(link?.startsWith(`${web.url}/reset-password?token=`), `the link points at the web app: ${mail.text}`);
  assert.ok(link);
  const renewed = 'A-Brand-New-Secret-In-The-Browser-7';
  await page.goto(link);
  await page.getByLabel('New password').fill(renewed);
  await visit('18-password-reset-form');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByText('Your password is changed and every session was signed out.').waitFor();
  await visit('19-password-changed');

  // The link works once; the old password no longer signs in, the new one does.
  await page.goto(link);
  await page.getByLabel('New password').fill(`${renewed}-again`);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByRole('alert').filter({ hasText: 'This reset link has been used, has expired, or a newer one was sent.' }).waitFor();
  await visit('20-password-reset-link-used');
  await page.goto(`${web.url}/sign-in`);
  await page.getByLabel('Email').fill(forgetful);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'That email and password do not match an account.' }).waitFor();
  await site.signIn(forgetful, renewed);

  assert.deepEqual(violations, [], 'no serious or critical accessibility violations');
  assert.deepEqual(layoutShifts, [], 'no page shifted its layout more than a good page does (cumulative layout shift above 0.1)');
});
