/**
 * Replicas on one machine (`npm start -- --replicas`, tools/src/replicas.ts): the option's grammar, the
 * environment each process and each caller is given, and a running system (identity, two catalogs,
 * the gateway) where the gateway spreads requests over both catalogs, keeps answering every request,
 * writes included, while one of them is killed, says so in its health report, and sends it requests
 * again once it is back.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { eventually } from '@bazaar/platform/testing';
import { addReplicas, notReplicable, parseReplicasOption, serviceOf } from '../src/replicas.js';
import { discoverServices, type ServiceDef } from '../src/services.js';
import type { PreparedService } from '../src/system.js';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop } from '../src/testing/shop.js';
import { getsServed } from '../src/testing/http.js';

const all = discoverServices();

test('--replicas takes a count for every service that can run several, or service=count pairs, and refuses the rest', () => {
  const two = parseReplicasOption('2', all);
  assert.deepEqual([...two.keys()].sort(), ['catalog', 'inventory', 'notifications', 'orders', 'payments', 'shipping']);
  assert.ok([...two.values()].every((n) => n === 2));
  assert.deepEqual([...parseReplicasOption('orders=3, payments=2', all)], [['orders', 3], ['payments', 2]]);
  for (const [bad, why] of [
    ['0', /from 1 to 8/], ['9', /from 1 to 8/], ['orders=two', /from 1 to 8/], ['orders=', /from 1 to 8/], ['orders', /service=count/],
    ['warehouse=2', /not a service being started/], ['gateway=2', /gateway runs once: it is the front door/],
    ['identity=2', /signing keys/], ['analytics=2', /replication slots/], ['', /takes a count/], ['orders=2=3', /service=count/],
  ] as const) {
    assert.throws(() => parseReplicasOption(bad, all), why, bad);
  }
  assert.equal(notReplicable(all.find((s) => s.name === 'orders')!), undefined);
});

test('each replica gets its own ports and the service\'s environment; every caller gets all the URLs', () => {
  const def = (name: string) => all.find((s) => s.name === name)!;
  const prepared = (d: ServiceDef, env: Record<string, string>): PreparedService => ({ def: d, env: { PORT: String(d.port + 100), METRICS_PORT: String(d.metricsPort + 100), ...env } });
  const list: PreparedService[] = [
    prepared(def('catalog'), { CATALOG_DATABASE_URL: 'postgres://catalog' }),
    prepared(def('orders'), { ORDERS_DATABASE_URL: 'postgres://orders', CATALOG_URL: 'http://127.0.0.1:8202' }),
    prepared(def('gateway'), { CATALOG_URL: 'http://127.0.0.1:8202', ORDERS_URL: 'http://127.0.0.1:8204' }),
  ];
  const added = addReplicas(list, new Map([['catalog', 3], ['orders', 2]]), 100);
  assert.deepEqual(list.map((p) => p.def.name), ['catalog', 'catalog-2', 'catalog-3', 'orders', 'orders-2', 'gateway']);
  assert.deepEqual(added.map((p) => [p.def.name, p.env.PORT, p.env.METRICS_PORT]), [
    ['catalog-2', '10202', '10252'], ['catalog-3', '11202', '11252'], ['orders-2', '10204', '10254'],
  ]);
  assert.ok(added.every((p) => serviceOf(p) === p.def.name.replace(/-\d$/, '')));
  assert.equal(list[4]!.env.ORDERS_DATABASE_URL, 'postgres://orders', 'a replica uses its service\'s database');
  const catalogs = 'http://127.0.0.1:8202,http://127.0.0.1:10202,http://127.0.0.1:11202';
  for (const caller of ['orders', 'orders-2', 'gateway']) assert.equal(list.find((p) => p.def.name === caller)!.env.CATALOG_URL, catalogs, caller);
  assert.equal(list.find((p) => p.def.name === 'gateway')!.env.ORDERS_URL, 'http://127.0.0.1:8204,http://127.0.0.1:10204');
  assert.equal(list[0]!.env.CATALOG_URL, undefined, 'a service is not given its own URL');
});

// ---------------------------------------------------------------------------------------------

const run = randomBytes(3).toString('hex');
const adminEmail = `replicas-admin-${run}@bazaar.test`;
const password = 'Replicas-2026-ok';
let system: TestSystem;
let shop: Shop;
let admin: string;

/** Requests a catalog process answered on GET /products, from its own metrics. */
const listings = (process: string) => getsServed(system.metricsUrl(process), '/products');

before(async () => {
  system = await startTestSystem({
    services: ['identity', 'catalog', 'gateway'],
    replicas: { catalog: 2 },
    parallel: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024' },
      // Short enough for the test to see the killed replica probed again once it is back.
      gateway: { GATEWAY_BREAKER_THRESHOLD: '3', GATEWAY_BREAKER_HALF_OPEN_MS: '500' },
    },
  });
  shop = Shop.throughGateway(system);
  admin = await shop.register(adminEmail, password, 'Replicas Admin');
}, { timeout: 180_000 });

after(async () => {
  await system?.stop();
});

test('the gateway spreads requests over the replicas, answers every request while one is killed, and uses it again once it is back', { timeout: 120_000 }, async () => {
  assert.deepEqual(system.replicasOf('catalog'), ['catalog', 'catalog-2']);
  assert.equal(system.env.gateway!.CATALOG_URL, `${system.url('catalog')},${system.url('catalog-2')}`);

  for (let i = 0; i < 10; i++) assert.equal((await shop.call('catalog', 'GET', '/products?limit=1')).status, 200);
  // Round robin over both (a call of the gateway's own to catalog in between may shift it by one).
  const before = { first: await listings('catalog'), second: await listings('catalog-2') };
  assert.equal(before.first + before.second, 10);
  assert.ok(before.first >= 4 && before.second >= 4, `both replicas take listings: ${JSON.stringify(before)}`);

  await system.services['catalog-2']!.kill();
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) statuses.push((await shop.call('catalog', 'GET', '/products?limit=1')).status);
  // Writes too: a POST the dead replica never received goes to the live one, once.
  for (let i = 0; i < 4; i++) {
    const created = await shop.call('catalog', 'POST', '/categories', { token: admin, body: { slug: `replicas-${run}-${i}`, name: `Replicas ${i}` } });
    statuses.push(created.status);
  }
  assert.deepEqual(statuses, [...Array(20).fill(200), ...Array(4).fill(201)]);
  assert.equal(await listings('catalog'), before.first + 20, 'every listing answered by the replica that is up');

  const health = await shop.call('gateway', 'GET', '/health', { token: admin });
  const catalog = (health.body.checks as Record<string, { status: string; message?: string; details: { replicas: { url: string; breaker: string; live: boolean }[] } }>).catalog!;
  assert.equal(catalog.status, 'degraded', JSON.stringify(catalog));
  assert.equal(catalog.message, '1 of 2 replicas answer');
  assert.deepEqual(catalog.details.replicas.map((r) => [r.url, r.breaker, r.live]), [
    [system.url('catalog'), 'closed', true], [system.url('catalog-2'), 'open', false],
  ]);

  await system.restart('catalog-2');
  await eventually(async () => {
    await shop.call('catalog', 'GET', '/products?limit=1');
    return (await listings('catalog-2')) > 0;
  }, { timeoutMs: 15_000, message: 'the gateway never sent the restarted replica a request' });
  await eventually(async () => {
    const again = await shop.call('gateway', 'GET', '/health', { token: admin });
    return (again.body.checks as Record<string, { status: string }>).catalog!.status === 'healthy';
  }, { timeoutMs: 15_000, message: 'catalog never reported healthy again' });
});
