// The console's Stock page in a real browser (Debian's Chromium driven by playwright-core) against a
// throw-away copy of identity, catalog, inventory and the gateway: the admin reads a product's name in
// the stock list, catalog renames the product, and the list shows the new name (inventory's copy
// follows product.updated) without the console asking catalog; the orphan cleanup's last run is shown
// above it. axe-core checks the page; screenshots go to the folder this test prints.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop, type ShopProduct } from '../src/testing/shop.js';
import { startWebServer, type WebServer } from '../src/web-server.js';
import { Browser, freePort, ensureWebBuilt } from './web-browser.js';

const run = randomBytes(4).toString('hex');
const password = 'Operator-In-The-Browser-2026!';
const adminEmail = `web-stock-${run}@bazaar.test`;
const say = (line: string) => console.log(`[web-stock] ${line}`);

let system: TestSystem;
let web: WebServer;
let browser: Browser;
let shop: Shop;
let admin: string;
let product: ShopProduct;
const outputDir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-web-stock-'));

before(async () => {
  ensureWebBuilt(say);
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'gateway'],
    parallel: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      inventory: { INVENTORY_ORPHANS_INTERVAL_MS: '500' },
    },
  });
  web = await startWebServer({ gateway: system.url('gateway'), port: await freePort() });
  shop = Shop.throughGateway(system);
  admin = await shop.register(adminEmail, password, 'Stock Keeper');
  const categoryId = await shop.createCategory(admin, `stock-${run}`, 'Cushions');
  product = await shop.createProduct(admin, { categoryId, sku: `A-${run.toUpperCase()}`, priceMinor: 2400, stock: 7, name: 'Linen cushion' });
  browser = await Browser.launch(web.url, outputDir);
  say(`screenshots: ${outputDir}`);
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await web?.close();
  await system?.stop();
});

test("the stock list shows the product's name, and its new name once catalog renames it", { timeout: 120_000 }, async () => {
  const { page } = browser;
  await page.goto(`${web.url}/sign-in`);
  await page.getByLabel('Email').fill(adminEmail);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Sign out' }).waitFor();

  await page.goto(`${web.url}/console`);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Stock' }).click();
  await page.getByRole('heading', { name: 'Stock', exact: true }).waitFor();
  const items = page.getByRole('region', { name: 'Stock items, scrolls sideways' });
  const row = items.getByRole('row', { name: new RegExp(product.sku) });
  await row.getByRole('rowheader', { name: 'Linen cushion' }).waitFor();
  assert.equal(await row.getByRole('cell').nth(1).textContent(), '7', 'seven on hand');
  await page.getByText(/1 item checked with catalog, 0 naming a product catalog does not have/).waitFor({ timeout: 30_000 });
  const violations = await browser.check('01-stock');
  assert.deepEqual(violations, [], 'no serious or critical accessibility violations');

  const renamed = await shop.call('catalog', 'PATCH', `/products/${product.id}`, { token: admin, body: { name: 'Linen cushion, large' } });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  // The list is read when the page opens: opened again until inventory has applied the rename.
  await eventually(async () => {
    await page.reload();
    await items.waitFor();
    return (await row.getByRole('rowheader', { name: 'Linen cushion, large' }).count()) > 0;
  }, { timeoutMs: 30_000, intervalMs: 1000, message: "the stock list never showed the product's new name" });
  await browser.check('02-stock-renamed');
});
