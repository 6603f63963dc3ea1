// Feature flags flipped in the console, in a real browser (Debian's Chromium driven by playwright-core):
// identity and the gateway as real processes, npm start's flag store beside them (the gateway's
// FLAGS_URL), the web app in front. An admin opens the console's Flags page, sets the courier
// dispatch strategy for everyone and turns the fraud check on for 30 % of users; each change is in
// the flag file (written whole by a rename), in GET /admin/flags through the gateway, and in what the
// kit's flags reading that file answer, without anything being restarted. axe-core checks the page.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFlags, createLogger, type Flags } from '@bazaar/platform';
import { eventually } from '@bazaar/platform/testing';
import { startFlagStore, type FlagStore } from '../src/flags-server.js';
import { freePort, startWebTest, type WebTest } from './web-browser.js';

const run = randomBytes(4).toString('hex');
const password = 'Flags-In-The-Browser-2026!';
const adminEmail = `web-flags-${run}@bazaar.test`;
const CHANGE = { timeoutMs: 30_000, intervalMs: 250 };

let dataRoot: string;
let store: FlagStore;
let site: WebTest<string>;
let flags: Flags;

before(async () => {
  dataRoot = await mkdtemp(path.join(os.tmpdir(), 'bazaar-web-flags-data-'));
  // The store checks admins' tokens with identity, so it starts once identity has; the gateway is
  // told where it will be.
  const flagsPort = await freePort();
  site = await startWebTest({
    tag: 'web-flags',
    services: ['identity', 'gateway'],
    env: { gateway: { FLAGS_URL: `http://127.0.0.1:${flagsPort}` } },
    admin: { email: adminEmail, password, name: 'Flags Operator' },
  });
  store = await startFlagStore({ dataRoot, port: flagsPort, identityUrl: site.system.url('identity'), log: site.say });
  flags = await createFlags({ service: 'web-flags-test', file: store.file, logger: createLogger('web-flags-test', 'silent') });
}, { timeout: 240_000 });

after(async () => {
  await flags?.close();
  await store?.close();
  await site?.close();
  if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
});

interface FileFlag { defaultVariant: string; targeting?: unknown }
const onDisk = async () => (JSON.parse(await readFile(store.file, 'utf8')) as { flags: Record<string, FileFlag> }).flags;
interface ListedFlag { key: string; defaultVariant: string; rollout: { variant: string; percentage: number } | null }
const listed = async (key: string) => {
  const answer = await site.shop.call('gateway', 'GET', '/admin/flags', { token: site.adminToken });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return (answer.body.items as ListedFlag[]).find((f) => f.key === key)!;
};

test('an admin flips the dispatch strategy and rolls the fraud check out to 30 % in the console; the flag file, the API and the flags follow', { timeout: 180_000 }, async () => {
  const { page, visit, violations, layoutShifts } = site;
  await site.signIn(adminEmail, password);
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
  assert.deepEqual(layoutShifts, [], 'no page shifted its layout more than a good page does (cumulative layout shift above 0.1)');
});
