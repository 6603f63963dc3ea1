// Deleting an account in a real browser (Debian's Chromium driven by playwright-core) against a small
// throw-away copy of the system (identity, catalog, payments, the gateway): on the account page the
// customer saves two addresses and two cards and removes one of each (a reload shows what was kept),
// then opens "Delete my account", a wrong password is said at the field and deletes nothing, the
// right one signs them out to the home page, which says the account is deleted; signing in again is
// refused. axe-core checks the pages visited; screenshots go to the folder this test prints.
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWebTest, type WebTest } from './web-browser.js';

const run = randomBytes(4).toString('hex');
const password = 'Leaving-The-Bazaar-2026!';
const email = `web-leaving-${run}@bazaar.test`;

let site: WebTest;

before(async () => {
  site = await startWebTest({ tag: 'web-account-deletion', services: ['identity', 'catalog', 'payments', 'gateway'] });
  await site.shop.register(email, password, 'Leaving Shopper');
}, { timeout: 240_000 });

after(async () => {
  await site?.close();
});

test('the account page saves addresses and cards, removes one of each, then deletes the account after the password', { timeout: 90_000 }, async () => {
  const { page, shop, visit, violations, layoutShifts } = site;
  await site.signIn(email, password);
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await page.getByRole('heading', { name: 'Delete your account' }).waitFor();

  // Two addresses, the first the default, then a card.
  const addresses = page.getByRole('region', { name: 'Addresses' });
  await addresses.getByText('No saved address yet.').waitFor();
  await addresses.getByText('Add an address').click();
  for (const [street, postalCode] of [['1 Prinsengracht', '1015 DV'], ['2 Keizersgracht', '1015 CJ']] as const) {
    await addresses.getByLabel('Street and number').fill(street);
    await addresses.getByLabel('Postal code').fill(postalCode);
    await addresses.getByLabel('City').fill('Amsterdam');
    await addresses.getByRole('button', { name: 'Save the address' }).click();
    await addresses.getByRole('listitem').filter({ hasText: `${street}, ${postalCode} Amsterdam, NL` }).waitFor();
  }
  await addresses.getByRole('listitem').filter({ hasText: '1 Prinsengracht' }).getByText('Default').waitFor();
  const cards = page.getByRole('region', { name: 'Saved cards' });
  await cards.getByText('Add a card').click();
  const year = new Date().getUTCFullYear() + 3;
  for (const number of ['4242 4242 4242 4242', '5555 5555 5555 4444']) {
    await cards.getByLabel('Card number').fill(number);
    await cards.getByLabel('Expiry month').fill('7');
    await cards.getByLabel('Expiry year').fill(String(year));
    await cards.getByLabel('Security code').fill('123');
    await cards.getByRole('button', { name: 'Save the card' }).click();
    await cards.getByRole('listitem').filter({ hasText: new RegExp(`ending ${number.slice(-4)}, expires 07/${year}`) }).waitFor();
  }
  await visit('01-account-addresses-and-cards');

  // The first address and the visa card removed; a reload shows the second address and the other card kept.
  await addresses.getByRole('button', { name: 'Remove the address 1 Prinsengracht' }).click();
  await addresses.getByRole('listitem').filter({ hasText: '1 Prinsengracht' }).waitFor({ state: 'detached' });
  await cards.getByRole('button', { name: 'Remove the visa card ending 4242' }).click();
  await cards.getByRole('listitem').filter({ hasText: 'ending 4242' }).waitFor({ state: 'detached' });
  await page.reload();
  await addresses.getByRole('listitem').filter({ hasText: '2 Keizersgracht' }).waitFor();
  assert.equal(await addresses.getByRole('listitem').count(), 1, 'one address left');
  await cards.getByRole('listitem').filter({ hasText: /^mastercard ending 4444/ }).waitFor();
  assert.equal(await cards.getByRole('listitem').count(), 1, 'one card left, the other kept');
  await visit('02-account-address-and-card-removed');

  await page.getByText('Delete my account', { exact: true }).click();
  await page.getByLabel('Your password, to confirm').fill('Not-My-Password-1');
  await page.getByRole('button', { name: 'Delete my account for good' }).click();
  await page.getByText('This is not your password.').waitFor();
  await visit('03-account-wrong-password');
  assert.equal((await shop.call('gateway', 'POST', '/auth/login', { body: { email, password } })).status, 200, 'nothing was deleted');

  await page.getByLabel('Your password, to confirm').fill(password);
  await page.getByRole('button', { name: 'Delete my account for good' }).click();
  await page.getByRole('status').filter({ hasText: 'Your account is deleted' }).waitFor();
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Account' }).count(), 0, 'signed out');
  await visit('04-home-account-deleted');

  const refused = await shop.call('gateway', 'POST', '/auth/login', { body: { email, password } });
  assert.equal(refused.status, 401);
  assert.deepEqual(violations, [], `axe-core: ${JSON.stringify(violations, null, 2)}`);
  assert.deepEqual(layoutShifts, [], 'no page shifted its layout more than a good page does (cumulative layout shift above 0.1)');
});
