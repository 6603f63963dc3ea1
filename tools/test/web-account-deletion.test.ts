// Deleting an account in a real browser (Debian's Chromium driven by playwright-core) against a small
// throw-away copy of the system (identity, catalog, payments, the gateway): on the account page the
// customer opens "Delete my account", a wrong password is said at the field and deletes nothing, the
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

test('the account page deletes the account after the password, and signs the customer out', { timeout: 90_000 }, async () => {
  const { page, shop, visit, violations, layoutShifts } = site;
  await site.signIn(email, password);
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await page.getByRole('heading', { name: 'Delete your account' }).waitFor();

  await page.getByText('Delete my account', { exact: true }).click();
  await page.getByLabel('Your password, to confirm').fill('Not-My-Password-1');
  await page.getByRole('button', { name: 'Delete my account for good' }).click();
  await page.getByText('This is not your password.').waitFor();
  await visit('01-account-wrong-password');
  assert.equal((await shop.call('gateway', 'POST', '/auth/login', { body: { email, password } })).status, 200, 'nothing was deleted');

  await page.getByLabel('Your password, to confirm').fill(password);
  await page.getByRole('button', { name: 'Delete my account for good' }).click();
  await page.getByRole('status').filter({ hasText: 'Your account is deleted' }).waitFor();
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Account' }).count(), 0, 'signed out');
  await visit('02-home-account-deleted');

  const refused = await shop.call('gateway', 'POST', '/auth/login', { body: { email, password } });
  assert.equal(refused.status, 401);
  assert.deepEqual(violations, [], `axe-core: ${JSON.stringify(violations, null, 2)}`);
  assert.deepEqual(layoutShifts, [], 'no page shifted its layout more than a good page does (cumulative layout shift above 0.1)');
});
