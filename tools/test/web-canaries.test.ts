// The console's Canaries page in a real browser (Debian's Chromium driven by playwright-core) against
// a throw-away copy of identity, catalog and the gateway, with a second catalog process beside the first
// as the gateway's canary. Between the gateway and that canary a small proxy changes each product's name,
// so the dual run of GET /products/:id finds a difference. The admin reads the canary (off, 0 %), sets
// its share, and reads the mismatch sample. axe-core checks the page; screenshots go to the folder this
// test prints.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '@bazaar/platform/testing';
import { ServiceProcess } from '../src/process.js';
import { freePort, startWebTest, type WebTest } from './web-browser.js';

const run = randomBytes(4).toString('hex');
const password = 'Operator-In-The-Browser-2026!';
const adminEmail = `web-canary-${run}@bazaar.test`;

let site: WebTest<string>;
let canary: ServiceProcess;
let proxy: http.Server;
let productId = '';

/** Passes GETs on to the canary, changing the `name` of what it answers. */
function startRenamingProxy(port: number, target: () => string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const headers = Object.fromEntries(['accept', 'authorization'].filter((h) => typeof req.headers[h] === 'string').map((h) => [h, req.headers[h] as string]));
      const answer = await fetch(`${target()}${req.url}`, { method: req.method, headers });
      const type = answer.headers.get('content-type') ?? 'text/plain';
      let body = await answer.text();
      if (answer.status === 200 && type.includes('json')) {
        const value = JSON.parse(body) as Record<string, unknown>;
        if (typeof value.sku === 'string') value.name = `${String(value.name)} v2`;
        body = JSON.stringify(value);
      }
      res.writeHead(answer.status, { 'content-type': type }).end(body);
    })().catch((error: Error) => res.writeHead(502).end(error.message));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

before(async () => {
  const [proxyPort, canaryPort, canaryMetricsPort] = await Promise.all([freePort(), freePort(), freePort()]);
  proxy = await startRenamingProxy(proxyPort, () => `http://127.0.0.1:${canaryPort}`);
  site = await startWebTest({
    tag: 'web-canaries',
    services: ['identity', 'catalog', 'gateway'],
    env: { gateway: { CATALOG_CANARY_URL: `http://127.0.0.1:${proxyPort}`, GATEWAY_DUAL_RUN: JSON.stringify([{ route: '/products/:id' }]) } },
    admin: { email: adminEmail, password, name: 'Canary Keeper' },
  });
  const { system, shop, adminToken: admin } = site;
  canary = new ServiceProcess(system.services.catalog!.def, { ...system.env.catalog!, PORT: String(canaryPort), METRICS_PORT: String(canaryMetricsPort) }, path.join(site.outputDir, 'catalog-canary.log'), 'dist');
  canary.start();
  await canary.waitReady(60_000);

  const categoryId = await shop.createCategory(admin, `canary-${run}`, 'Canary lamps');
  const created = await shop.call('catalog', 'POST', '/products', { token: admin, body: { sku: `WEBC-${run.toUpperCase()}`, name: 'Canary lamp', priceMinor: 1200, currency: 'EUR', categoryId } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  productId = created.body.id as string;
  const read = await shop.call('catalog', 'GET', `/products/${productId}`);
  assert.equal(read.body.name, 'Canary lamp', "the client has the primary's answer");
}, { timeout: 240_000 });

after(async () => {
  // The canary uses catalog's database, which stopping the system removes.
  await canary?.stop();
  await site?.close();
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy ? proxy.close(resolve) : resolve(undefined));
});

test('the admin reads the canary, sets its share and sees the dual run\'s mismatch', { timeout: 120_000 }, async () => {
  const { page } = site;
  await site.signIn(adminEmail, password);

  await page.goto(`${site.web.url}/console`);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Canaries' }).click();
  await page.getByRole('heading', { name: 'Canaries' }).waitFor();
  const section = page.getByRole('region', { name: /^catalog/ });
  await section.getByText('off', { exact: true }).waitFor();

  // The read above was compared in the background; the page polls, so the sample shows up.
  const mismatch = section.getByRole('region', { name: 'Mismatches of catalog, scrolls sideways' });
  await eventually(async () => (await mismatch.count()) > 0, { timeoutMs: 30_000, intervalMs: 500, message: 'the mismatch never showed' });
  await mismatch.getByText('/name', { exact: true }).waitFor();
  await mismatch.getByText('"Canary lamp v2"').waitFor();
  await section.getByText(/\/products\/:id: 0 matched, 1 differed/).waitFor();

  await section.getByLabel("Share of catalog's requests (%)").fill('25');
  await section.getByRole('button', { name: 'Set the share' }).click();
  await section.getByText('active', { exact: true }).waitFor();
  await section.getByText('25 %', { exact: true }).waitFor();
  await site.visit('01-canaries');
  assert.deepEqual(site.violations, [], 'no serious or critical accessibility violations');
  assert.deepEqual(site.layoutShifts, [], 'no page shifted its layout more than a good page does (cumulative layout shift above 0.1)');
});
