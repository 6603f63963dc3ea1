// The console's Stock page in a real browser (Debian's Chromium driven by playwright-core) against a
// throw-away copy of identity, catalog, inventory and the gateway: the admin reads a product's name in
// the stock list, catalog renames the product, and the list shows the new name (inventory's copy
// follows product.updated) without the console asking catalog; the orphan cleanup's last run is shown
// above it. axe-core checks the page; screenshots go to the folder this test prints.
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '@bazaar/platform/testing';
import { type ShopProduct } from '../src/testing/shop.js';
import { startWebTest, type WebTest } from './web-browser.js';

const run = randomBytes(4).toString('hex');
const password = 'Operator-In-The-Browser-2026!';
const adminEmail = `web-stock-${run}@bazaar.test`;

let site: WebTest<string>;
let product: ShopProduct;

before(async () => {
  site = await startWebTest({
    tag: 'web-stock',
    services: ['identity', 'catalog', 'inventory', 'gateway'],
    env: { inventory: { INVENTORY_ORPHANS_INTERVAL_MS: '500' } },
    admin: { email: adminEmail, password, name: 'Stock Keeper' },
  });
  const { shop, adminToken: admin } = site;
  const categoryId = await shop.createCategory(admin, `stock-${run}`, 'Cushions');
  product = await shop.createProduct(admin, { categoryId, sku: `A-${run.toUpperCase()}`, priceMinor: 2400, stock: 7, name: 'Linen cushion' });
}, { timeout: 240_000 });

after(async () => {
  await site?.close();
});

test("the stock list shows the product's name, and its new name once catalog renames it", { timeout: 120_000 }, async () => {
  const { page } = site;
  await site.signIn(adminEmail, password);

  await page.goto(`${site.web.url}/console`);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Stock' }).click();
  await page.getByRole('heading', { name: 'Stock', exact: true }).waitFor();
  const items = page.getByRole('region', { name: 'Stock items, scrolls sideways' });
  const row = items.getByRole('row', { name: new RegExp(product.sku) });
  await row.getByRole('rowheader', { name: 'Linen cushion' }).waitFor();
  assert.equal(await row.getByRole('cell').nth(1).textContent(), '7', 'seven on hand');
  await page.getByText(/1 item checked with catalog, 0 naming a product catalog does not have/).waitFor({ timeout: 30_000 });
  await site.visit('01-stock');

  const renamed = await site.shop.call('catalog', 'PATCH', `/products/${product.id}`, { token: site.adminToken, body: { name: 'Linen cushion, large' } });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  // The list is read when the page opens: opened again until inventory has applied the rename.
  await eventually(async () => {
    await page.reload();
    await items.waitFor();
    return (await row.getByRole('rowheader', { name: 'Linen cushion, large' }).count()) > 0;
  }, { timeoutMs: 30_000, intervalMs: 1000, message: "the stock list never showed the product's new name" });
  await site.visit('02-stock-renamed');
  assert.deepEqual(site.violations, [], 'no serious or critical accessibility violations');
  assert.deepEqual(site.layoutShifts, [], 'no page shifted its layout more than a good page does (cumulative layout shift above 0.1)');
});
