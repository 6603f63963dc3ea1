// Deleting an account in a real browser (Debian's Chromium driven by playwright-core) against a small
// throw-away copy of the system (identity, catalog, payments, the gateway): on the account page the
// customer opens "Delete my account", a wrong password is said at the field and deletes nothing, the
// right one signs them out to the home page, which says the account is deleted; signing in again is
// refused. axe-core checks the pages visited; screenshots go to the folder this test prints.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop } from '../src/testing/shop.js';
import { startWebServer, type WebServer } from '../src/web-server.js';
import { Browser, freePort, ensureWebBuilt, type Violation } from './web-browser.js';

const run = randomBytes(4).toString('hex');
const password = 'Leaving-The-Bazaar-2026!';
const email = `web-leaving-${run}@bazaar.test`;
const say = (line: string) => console.log(`[web-account-deletion] ${line}`);

let system: TestSystem;
let web: WebServer;
let browser: Browser;
let shop: Shop;
const violations: Violation[] = [];
const outputDir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-web-account-deletion-'));
const visit = async (name: string) => violations.push(...await browser.check(name));

before(async () => {
  ensureWebBuilt(say);
  const port = await freePort();
  system = await startTestSystem({
    services: ['identity', 'catalog', 'payments', 'gateway'],
    parallel: true,
    env: { identity: { IDENTITY_ARGON2_MEMORY_KIB: '1024' } },
  });
  web = await startWebServer({ gateway: system.url('gateway'), port });
  shop = Shop.throughGateway(system);
  await shop.register(email, password, 'Leaving Shopper');
  browser = await Browser.launch(web.url, outputDir);
  say(`screenshots: ${outputDir}`);
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await web?.close();
  await system?.stop();
});

test('the account page deletes the account after the password, and signs the customer out', { timeout: 90_000 }, async () => {
  const { page } = browser;
  await page.goto(`${web.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
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
});
