// Feature flags flipped in the console, in a real browser (Debian's Chromium driven by playwright-core):
// identity and the gateway as real processes, npm start's flag store beside them (the gateway's
// FLAGS_URL), the web app in front. An admin opens the console's Flags page, sets the courier
// dispatch strategy for everyone and turns the fraud check on for 30 % of users; each change is in
// the flag file (written whole by a rename), in GET /admin/flags through the gateway, and in what the
// kit's flags reading that file answer, without anything being restarted. axe-core checks the page.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFlags, createLogger, type Flags } from '@bazaar/platform';
import { eventually } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop } from '../src/testing/shop.js';
import { startFlagStore, type FlagStore } from '../src/flags-server.js';
import { startWebServer, type WebServer } from '../src/web-server.js';
import { Browser, freePort, ensureWebBuilt, type Violation } from './web-browser.js';

const run = randomBytes(4).toString('hex');
const password = 'Flags-In-The-Browser-2026!';
const adminEmail = `web-flags-${run}@bazaar.test`;
const say = (line: string) => console.log(`[web-flags] ${line}`);
const CHANGE = { timeoutMs: 30_000, intervalMs: 250 };

let dataRoot: string;
let store: FlagStore;
let system: TestSystem;
let web: WebServer;
let browser: Browser;
let shop: Shop;
let admin: string;
let flags: Flags;
const violations: Violation[] = [];
const outputDir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-web-flags-'));
const visit = async (name: string) => violations.push(...await browser.check(name));

before(async () => {
  ensureWebBuilt(say);
  dataRoot = await mkdtemp(path.join(os.tmpdir(), 'bazaar-web-flags-data-'));
  // The store checks admins' tokens with identity, so it starts once identity has; the gateway is
  // told where it will be.
  const flagsPort = await freePort();
  system = await startTestSystem({
    services: ['identity', 'gateway'],
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      gateway: { FLAGS_URL: `http://127.0.0.1:${flagsPort}` },
    },
  });
  store = await startFlagStore({ dataRoot, port: flagsPort, identityUrl: system.url('identity'), log: say });
  flags = await createFlags({ service: 'web-flags-test', file: store.file, logger: createLogger('web-flags-test', 'silent') });
  web = await startWebServer({ gateway: system.url('gateway'), port: await freePort() });
  shop = Shop.throughGateway(system);
  admin = await shop.register(adminEmail, password, 'Flags Operator');
  browser = await Browser.launch(web.url, outputDir);
  say(`screenshots: ${outputDir}`);
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await web?.close();
  await flags?.close();
  await store?.close();
  await system?.stop();
  if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
});

interface FileFlag { defaultVariant: string; targeting?: unknown }
const onDisk = async () => (JSON.parse(await readFile(store.file, 'utf8')) as { flags: Record<string, FileFlag> }).flags;
interface ListedFlag { key: string; defaultVariant: string; rollout: { variant: string; percentage: number } | null }
const listed = async (key: string) => {
  const answer = await shop.call('gateway', 'GET', '/admin/flags', { token: admin });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return (answer.body.items as ListedFlag[]).find((f) => f.key === key)!;
};

test('an admin flips the dispatch strategy and rolls the fraud check out to 30 % in the console; the flag file, the API and the flags follow', { timeout: 180_000 }, async () => {
  const { page } = browser;
  await page.goto(`${web.url}/sign-in`);
  await page.getByLabel('Email').fill(adminEmail);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Sign out' }).waitFor();
  await page.getByRole('link', { name: 'Console' }).click();
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Flags' }).click();
  await page.getByRole('heading', { name: 'Feature flags' }).waitFor();
  const strategy = page.getByRole('region', { name: /courier-dispatch-strategy/ });
  const fraud = page.getByRole('region', { name: /checkout-fraud-check/ });
  await strategy.getByText('Now: nearest for everyone.').waitFor();
  await fraud.getByText('Now: off for everyone.').waitFor();
  await visit('01-flags');

  // The strategy, for everyone.
  assert.equal(await flags.string('courier-dispatch-strategy', 'nearest', ['nearest', 'least-loaded']), 'nearest');
  await strategy.getByLabel('Variant of courier-dispatch-strategy').selectOption('least-loaded');
  await strategy.getByRole('button', { name: 'Save courier-dispatch-strategy' }).click();
  await strategy.getByRole('status').filter({ hasText: 'Saved: least-loaded for everyone.' }).waitFor();
  await strategy.getByText('Now: least-loaded for everyone.').waitFor();
  assert.equal((await onDisk())['courier-dispatch-strategy']!.defaultVariant, 'least-loaded', 'in the flag file');
  assert.equal((await listed('courier-dispatch-strategy')).defaultVariant, 'least-loaded', 'in GET /admin/flags');
  await eventually(async () => (await flags.string('courier-dispatch-strategy', 'nearest', ['nearest', 'least-loaded'])) === 'least-loaded', { ...CHANGE, message: 'the flags never read least-loaded' });

  // The fraud check: off for everyone else, on for 30 % of users.
  await fraud.getByLabel('Variant of checkout-fraud-check for everyone else').selectOption('off');
  await fraud.getByLabel('Users given on (%)').fill('30');
  await fraud.getByRole('button', { name: 'Save checkout-fraud-check' }).click();
  await fraud.getByRole('status').filter({ hasText: 'Saved: on for 30 % of users, off for the others.' }).waitFor();
  assert.deepEqual((await onDisk())['checkout-fraud-check']!.targeting, { fractional: [['on', 30], ['off', 70]] });
  assert.deepEqual((await listed('checkout-fraud-check')).rollout, { variant: 'on', percentage: 30 });
  const users = Array.from({ length: 200 }, (_, i) => `user-${run}-${i}`);
  const on = await eventually(async () => {
    const answers = await Promise.all(users.map((u) => flags.boolean('checkout-fraud-check', false, { targetingKey: u })));
    const n = answers.filter(Boolean).length;
    return n > 0 ? n : undefined;
  }, { ...CHANGE, message: 'the rollout never reached the flags' });
  assert.ok(on > 200 * 0.15 && on < 200 * 0.45, `about 30 % of 200 users on, got ${on}`);
  await visit('02-flags-saved');

  // What the page shows after a reload is what the store holds.
  await page.reload();
  await page.getByRole('heading', { name: 'Feature flags' }).waitFor();
  await fraud.getByText('Now: on for 30 % of users, off for the others.').waitFor();
  assert.equal(await strategy.getByLabel('Variant of courier-dispatch-strategy').inputValue(), 'least-loaded');
  assert.equal(await fraud.getByLabel('Users given on (%)').inputValue(), '30');

  // Back to off for everyone: the rollout is removed from the file.
  await fraud.getByLabel('Users given on (%)').fill('0');
  await fraud.getByRole('button', { name: 'Save checkout-fraud-check' }).click();
  await fraud.getByRole('status').filter({ hasText: 'Saved: off for everyone.' }).waitFor();
  assert.equal((await onDisk())['checkout-fraud-check']!.targeting, undefined);
  assert.equal((await listed('checkout-fraud-check')).rollout, null);

  assert.deepEqual(violations, [], 'no serious or critical accessibility violations');
});
