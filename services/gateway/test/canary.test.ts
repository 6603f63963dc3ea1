/**
 * Canary releases and dual-run compare at the gateway, against real catalog processes on one database:
 * the primary (a test system's catalog), a second catalog beside it (an identical canary), and a third
 * whose connection to PostgreSQL goes through a TCP relay that the test closes, so that it answers 503
 * to everything that reads the database: a canary that fails. A small HTTP proxy in front of the second
 * catalog plants a difference for the dual run. The gateways are built in-process from an environment,
 * as main.ts builds them.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServiceApp } from '@bazaar/platform';
import { eventually } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../../../tools/src/testing/system.js';
import { ServiceProcess } from '../../../tools/src/process.js';
import { KeyServer, accessToken, signingKey, type SigningKey } from './support/keys.js';
import { startGateway } from './support/gateway.js';

const PROBLEM = /^application\/problem\+json/;
const run = randomBytes(4).toString('hex');
const THRESHOLD = 0.2;
const MIN_SAMPLE = 10;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP relay to PostgreSQL that can be cut: every connection through it dropped, new ones refused. */
async function startRelay(target: { host: string; port: number }): Promise<{ port: number; cut: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/**
 * A proxy in front of a catalog that adds a `generatedAt` of its own to every JSON object it answers
 * (a volatile member) and, while `plant` is on, changes the `name` of a product it answers.
 */
async function startPlantingProxy(target: string): Promise<{ url: string; plant: boolean; close: () => Promise<void> }> {
  const state = { plant: false };
  const server = http.createServer((req, res) => {
    void (async () => {
      const passed = ['accept', 'authorization', 'x-user-id', 'x-user-email', 'x-user-roles', 'x-correlation-id'];
      const headers = Object.fromEntries(passed.filter((name) => typeof req.headers[name] === 'string').map((name) => [name, req.headers[name] as string]));
      const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers });
      const text = await upstream.text();
      const type = upstream.headers.get('content-type') ?? '';
      let body = text;
      if (type.includes('json') && upstream.status === 200) {
        const value = JSON.parse(text) as Record<string, unknown>;
        value.generatedAt = new Date().toISOString();
        if (state.plant && typeof value.sku === 'string') value.name = `${String(value.name)} (changed)`;
        body = JSON.stringify(value);
      }
      res.writeHead(upstream.status, { 'content-type': type || 'text/plain' }).end(body);
    })().catch((error: Error) => res.writeHead(502).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    get plant() { return state.plant; },
    set plant(value: boolean) { state.plant = value; },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('canary and dual run, on real catalog processes', async () => {
  let system: TestSystem;
  let keys: KeyServer;
  let key: SigningKey;
  let logs: string;
  const extra: ServiceProcess[] = [];
  let healthy: ServiceProcess;
  let broken: ServiceProcess;
  let cutRelay: () => Promise<void>;
  let planting: Awaited<ReturnType<typeof startPlantingProxy>>;
  const gateways: ServiceApp[] = [];
  let admin = '';
  const productIds: string[] = [];
  const slug = `canary-${run}`;

  /** A second catalog process with the primary's environment, on ports of its own. */
  async function catalogBeside(name: string, changes: Record<string, string> = {}): Promise<ServiceProcess> {
    const env = { ...system.env.catalog!, PORT: String(await freePort()), METRICS_PORT: String(await freePort()), ...changes };
    const proc = new ServiceProcess(system.services.catalog!.def, env, path.join(logs, `${name}.log`), 'dist');
    extra.push(proc);
    proc.start();
    await proc.waitReady(60_000).catch((error: Error) => { throw new Error(`${error.message}\n${proc.lastLines().join('\n')}`); });
    return proc;
  }

  const gatewayEnv = (canary: string, more: Record<string, string> = {}) => ({
    CATALOG_URL: system.url('catalog'),
    CATALOG_CANARY_URL: canary,
    GATEWAY_JWKS_URL: keys.url,
    GATEWAY_JWKS_COOLDOWN_MS: '0',
    GATEWAY_REVOCATION_URL: keys.url.replace('jwks.json', 'revoked-sessions'),
    GATEWAY_CANARY_THRESHOLD: String(THRESHOLD),
    GATEWAY_CANARY_MIN_SAMPLE: String(MIN_SAMPLE),
    GATEWAY_CANARY_WINDOW_MS: '60000',
    ...more,
  });
  const gatewayWith = async (env: Record<string, string>) => {
    const gateway = await startGateway(env);
    gateways.push(gateway);
    return gateway;
  };
  const canaryOf = async (gateway: ServiceApp) => {
    const response = await gateway.inject({ method: 'GET', url: '/admin/canaries', headers: { authorization: `Bearer ${admin}` } });
    assert.equal(response.statusCode, 200, response.body);
    return (response.json<{ items: { service: string; share: number; state: string; window: { total: number; errors: number; errorRatio: number | null }; lastRollback: { reason: string; errors: number; total: number } | null; rollbacks: number }[] }>()).items[0]!;
  };

  before(async () => {
    key = await signingKey('canary-key');
    keys = await new KeyServer([key]).start();
    admin = await accessToken(key, { sub: 'operator', roles: ['admin'] });
    system = await startTestSystem({ services: ['catalog'], env: { catalog: { IDENTITY_URL: keys.url.replace('/.well-known/jwks.json', '') } } });
    logs = mkdtempSync(path.join(os.tmpdir(), 'bazaar-canary-'));

    // Something to read: a category and a few products, written at the primary.
    const write = async (url: string, body: unknown) => {
      const response = await fetch(`${system.url('catalog')}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });
      assert.equal(response.status, 201, await response.clone().text());
      return await response.json() as { id: string };
    };
    const category = await write('/categories', { slug, name: 'Canary lamps' });
    for (let i = 0; i < 4; i++) {
      productIds.push((await write('/products', { sku: `CAN-${run}-${i}`.toUpperCase(), name: `Canary lamp ${i}`, priceMinor: 1000 + i, currency: 'EUR', categoryId: category.id })).id);
    }

    healthy = await catalogBeside('catalog-canary');
    const database = new URL(system.env.catalog!.CATALOG_DATABASE_URL!);
    const relay = await startRelay({ host: database.hostname, port: Number(database.port || 5432) });
    cutRelay = relay.cut;
    database.hostname = '127.0.0.1';
    database.port = String(relay.port);
    broken = await catalogBeside('catalog-broken-canary', { CATALOG_DATABASE_URL: database.toString() });
    await cutRelay();
    planting = await startPlantingProxy(healthy.url);
  });

  after(async () => {
    for (const gateway of gateways) await gateway.close().catch(() => undefined);
    for (const proc of extra) await proc.stop().catch(() => undefined);
    await planting?.close();
    await system?.stop();
    await keys?.stop();
    if (logs) rmSync(logs, { recursive: true, force: true });
  });

  test('a failing canary given a share is rolled back to zero by the gateway; clients never see more errors than the minimum sample', async () => {
    const probe = await fetch(`${broken.url}/products/${productIds[0]}`);
    assert.equal(probe.status, 503, 'the broken canary answers 503 once its database is out of reach');
    const gateway = await gatewayWith(gatewayEnv(broken.url, { CATALOG_CANARY_SHARE: '0.5' }));
    assert.equal((await canaryOf(gateway)).state, 'active');

    const statuses: number[] = [];
    const readsAnswered: number[] = [];
    let sent = 0;
    // Reads without a token (each placed at random) and writes by many operators (each placed by their subject).
    while ((await canaryOf(gateway)).state === 'active') {
      assert.ok(sent < 200, 'the canary was never rolled back');
      sent++;
      if (sent % 2) {
        const read = await gateway.inject({ method: 'GET', url: `/products/${productIds[sent % productIds.length]}` });
        readsAnswered.push(read.statusCode);
        statuses.push(read.statusCode);
      } else {
        const token = await accessToken(key, { sub: `operator-${sent}`, roles: ['admin'] });
        const write = await gateway.inject({ method: 'POST', url: '/categories', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { slug: `${slug}-${sent}`, name: 'More lamps' } });
        statuses.push(write.statusCode);
      }
    }

    const canary = await canaryOf(gateway);
    assert.equal(canary.state, 'rolled-back');
    assert.equal(canary.share, 0);
    assert.equal(canary.rollbacks, 1);
    assert.ok(canary.lastRollback, 'the rollback is reported');
    assert.ok(canary.lastRollback.total >= MIN_SAMPLE && canary.lastRollback.errors / canary.lastRollback.total > THRESHOLD, JSON.stringify(canary.lastRollback));
    assert.match(canary.lastRollback.reason, /error ratio .* passed the threshold 0\.2/);
    // A read the canary failed was answered by the primary; a write it failed was not sent again, so its 503 reached the client.
    assert.deepEqual([...new Set(readsAnswered)], [200], 'every read was answered');
    const clientErrors = statuses.filter((s) => s >= 500).length;
    assert.ok(clientErrors <= canary.lastRollback.errors && clientErrors <= MIN_SAMPLE, `${clientErrors} errors reached clients`);
    assert.equal(statuses.filter((s) => s !== 200 && s !== 201 && s !== 503).length, 0, statuses.join(','));

    const metrics = await gateway.metrics.metrics();
    assert.match(metrics, /gateway_canary_rollbacks_total\{upstream="catalog"[^}]*\} 1/);
    assert.match(metrics, /gateway_canary_share\{upstream="catalog"[^}]*\} 0/);

    // After the rollback every request goes to the primary.
    const before = canary.window.total;
    for (let i = 0; i < 20; i++) {
      const token = await accessToken(key, { sub: `late-operator-${i}`, roles: ['admin'] });
      const read = await gateway.inject({ method: 'GET', url: `/products/${productIds[i % productIds.length]}`, headers: { authorization: `Bearer ${token}` } });
      assert.equal(read.statusCode, 200, read.body);
      const write = await gateway.inject({ method: 'POST', url: '/categories', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { slug: `${slug}-late-${i}`, name: 'Late lamps' } });
      assert.equal(write.statusCode, 201, write.body);
    }
    assert.equal((await canaryOf(gateway)).window.total, before, 'nothing more reached the canary');

    // Except what asks for it: the canary's own failure, a read not answered by the primary then.
    const asked = await gateway.inject({ method: 'GET', url: `/products/${productIds[0]}`, headers: { 'x-bazaar-canary': 'always' } });
    assert.equal(asked.statusCode, 503);
    assert.match(asked.headers['content-type'] as string, PROBLEM);
  });

  test('a share sends a user to one version every time, and the header chooses', async () => {
    const gateway = await gatewayWith(gatewayEnv(healthy.url));
    const put = await gateway.inject({ method: 'PUT', url: '/admin/canaries/catalog', headers: { authorization: `Bearer ${admin}` }, payload: { share: 0.5 } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json<{ share: number; state: string }>().state, 'active');
    const placed = new Set<number>();
    for (let user = 0; user < 16; user++) {
      const token = await accessToken(key, { sub: `shopper-${run}-${user}` });
      const before = (await canaryOf(gateway)).window.total;
      for (let i = 0; i < 5; i++) {
        const response = await gateway.inject({ method: 'GET', url: `/products/${productIds[i % productIds.length]}`, headers: { authorization: `Bearer ${token}` } });
        assert.equal(response.statusCode, 200, response.body);
      }
      const reached = (await canaryOf(gateway)).window.total - before;
      assert.ok(reached === 0 || reached === 5, `user ${user}: ${reached} of 5 reads reached the canary`);
      placed.add(reached);
    }
    assert.deepEqual([...placed].sort(), [0, 5], 'some users see the canary, some the primary');

    const before = (await canaryOf(gateway)).window.total;
    for (let i = 0; i < 3; i++) {
      assert.equal((await gateway.inject({ method: 'GET', url: '/products', headers: { 'x-bazaar-canary': 'never' } })).statusCode, 200);
    }
    assert.equal((await canaryOf(gateway)).window.total, before, '"never" stays with the primary');
    const off = await gateway.inject({ method: 'PUT', url: '/admin/canaries/catalog', headers: { authorization: `Bearer ${admin}` }, payload: { share: 0 } });
    assert.equal(off.json<{ state: string }>().state, 'off');
    assert.equal((await gateway.inject({ method: 'GET', url: '/products', headers: { 'x-bazaar-canary': 'always' } })).statusCode, 200);
    assert.equal((await canaryOf(gateway)).window.total, before + 1, '"always" goes to the canary, whatever its share');
    const bad = await gateway.inject({ method: 'GET', url: '/products', headers: { 'x-bazaar-canary': 'sometimes' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json<{ detail: string }>().detail, /x-bazaar-canary/);
  });

  const mismatchesOf = async (gateway: ServiceApp) => {
    const response = await gateway.inject({ method: 'GET', url: '/admin/canaries/catalog/mismatches', headers: { authorization: `Bearer ${admin}` } });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ counts: Record<string, number>; samples: { route: string; url: string; differences: { path: string; primary?: unknown; canary?: unknown }[] }[] }>();
  };
  const reads = () => [
    ...productIds.map((id) => `/products/${id}`),
    `/products?q=${encodeURIComponent('canary lamp')}&limit=10`,
    `/categories/${slug}`,
  ];

  test('dual run against an identical canary: every read compared, no mismatch, and the client answered by the primary', async () => {
    const gateway = await gatewayWith(gatewayEnv(healthy.url, {
      GATEWAY_DUAL_RUN: JSON.stringify([{ route: '/products/:id' }, { route: '/products' }, { route: '/categories/:slug' }]),
    }));
    for (const url of reads()) {
      const through = await gateway.inject({ method: 'GET', url });
      const direct = await fetch(`${system.url('catalog')}${url}`);
      assert.equal(through.statusCode, 200, through.body);
      assert.deepEqual(through.json(), await direct.json());
    }
    const expected = reads().length;
    const report = await eventually(async () => {
      const seen = await mismatchesOf(gateway);
      return seen.counts.match! + seen.counts.mismatch! + seen.counts['canary-error']! >= expected ? seen : undefined;
    }, { timeoutMs: 30_000, message: 'every read compared' });
    assert.deepEqual(report.counts, { match: expected, mismatch: 0, 'canary-error': 0, skipped: 0 });
    assert.deepEqual(report.samples, []);
    assert.equal((await canaryOf(gateway)).window.total, 0, 'mirrored reads are not the canary\'s traffic');
    assert.match(await gateway.metrics.metrics(), new RegExp(`gateway_dual_run_comparisons_total\\{upstream="catalog",route="/products/:id",result="match"[^}]*\\} ${productIds.length}`));
  });

  test('dual run with a planted difference: counted, and the sample names the differing path; volatile members are ignored', async () => {
    const gateway = await gatewayWith(gatewayEnv(planting.url, {
      GATEWAY_DUAL_RUN: JSON.stringify([
        { route: '/products/:id', ignore: ['/generatedAt'] },
        { route: '/categories/:slug' },
      ]),
    }));
    // The proxy's generatedAt differs on every answer: ignored on products, a difference on categories.
    planting.plant = false;
    for (const id of productIds) assert.equal((await gateway.inject({ method: 'GET', url: `/products/${id}` })).statusCode, 200);
    await eventually(async () => (await mismatchesOf(gateway)).counts.match === productIds.length, { timeoutMs: 30_000, message: 'products match' });
    assert.equal((await gateway.inject({ method: 'GET', url: `/categories/${slug}` })).statusCode, 200);
    const undeclared = await eventually(async () => {
      const seen = await mismatchesOf(gateway);
      return seen.counts.mismatch === 1 ? seen : undefined;
    }, { timeoutMs: 30_000, message: 'the undeclared volatile member is a mismatch' });
    assert.deepEqual(undeclared.samples[0]!.differences.map((d) => d.path), ['/generatedAt']);
    assert.equal(undeclared.samples[0]!.differences[0]!.primary, undefined, 'the primary has no such member');

    planting.plant = true;
    const answer = await gateway.inject({ method: 'GET', url: `/products/${productIds[1]}` });
    assert.equal(answer.json<{ name: string }>().name, 'Canary lamp 1', "the client gets the primary's answer");
    const planted = await eventually(async () => {
      const seen = await mismatchesOf(gateway);
      return seen.counts.mismatch === 2 ? seen : undefined;
    }, { timeoutMs: 30_000, message: 'the planted difference is counted' });
    assert.equal(planted.counts.match, productIds.length);
    const sample = planted.samples[0]!;
    assert.equal(sample.route, '/products/:id');
    assert.equal(sample.url, `/products/${productIds[1]}`);
    assert.deepEqual(sample.differences, [{ path: '/name', primary: 'Canary lamp 1', canary: 'Canary lamp 1 (changed)' }]);
    assert.match(await gateway.metrics.metrics(), /gateway_dual_run_comparisons_total\{upstream="catalog",route="\/products\/:id",result="mismatch"[^}]*\} 1/);
  });

  test('hostile input to the admin routes: 4xx problems, never a 5xx', async () => {
    const gateway = await gatewayWith(gatewayEnv(healthy.url));
    const customer = await accessToken(key, { sub: 'shopper', roles: ['customer'] });
    const json = { 'content-type': 'application/json' };
    const cases: { method: 'GET' | 'PUT'; url: string; headers?: Record<string, string>; payload?: string; status: number }[] = [
      { method: 'GET', url: '/admin/canaries', status: 401 },
      { method: 'GET', url: '/admin/canaries', headers: { authorization: `Bearer ${customer}` }, status: 403 },
      { method: 'GET', url: '/admin/canaries', headers: { authorization: 'Bearer not-a-token' }, status: 401 },
      { method: 'PUT', url: '/admin/canaries/catalog', headers: json, payload: '{"share":0.5}', status: 401 },
      { method: 'PUT', url: '/admin/canaries/catalog', headers: { ...json, authorization: `Bearer ${customer}` }, payload: '{"share":0.5}', status: 403 },
    ];
    const asAdmin = { ...json, authorization: `Bearer ${admin}` };
    for (const payload of ['{"share":2}', '{"share":-0.1}', '{"share":"half"}', '{"share":null}', '{}', '{"share":0.5,"extra":1}', '[0.5]', '0.5', '{"share":', '{"share":1e400}']) {
      cases.push({ method: 'PUT', url: '/admin/canaries/catalog', headers: asAdmin, payload, status: 400 });
    }
    cases.push(
      { method: 'PUT', url: '/admin/canaries/catalog', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/plain' }, payload: 'share=1', status: 400 },
      { method: 'PUT', url: '/admin/canaries/catalog', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/xml' }, payload: '<share>1</share>', status: 415 },
      { method: 'PUT', url: '/admin/canaries/catalog', headers: asAdmin, payload: JSON.stringify({ share: 0.5, pad: 'x'.repeat(2_000_000) }), status: 413 },
      { method: 'PUT', url: '/admin/canaries/orders', headers: asAdmin, payload: '{"share":0.5}', status: 404 },
      { method: 'PUT', url: '/admin/canaries/Catalog%00', headers: asAdmin, payload: '{"share":0.5}', status: 400 },
      { method: 'PUT', url: `/admin/canaries/${'c'.repeat(100)}`, headers: asAdmin, payload: '{"share":0.5}', status: 400 },
      { method: 'GET', url: '/admin/canaries/orders/mismatches', headers: asAdmin, status: 404 },
      { method: 'GET', url: '/admin/canaries/..%2fcatalog/mismatches', headers: asAdmin, status: 400 },
    );
    for (const c of cases) {
      const response = await gateway.inject({ method: c.method, url: c.url, headers: c.headers ?? {}, ...(c.payload !== undefined ? { payload: c.payload } : {}) });
      assert.equal(response.statusCode, c.status, `${c.method} ${c.url.slice(0, 60)} ${c.payload?.slice(0, 40) ?? ''}: ${response.body.slice(0, 300)}`);
      assert.match(response.headers['content-type'] as string, PROBLEM, `${c.method} ${c.url.slice(0, 60)}`);
    }
    assert.equal((await canaryOf(gateway)).share, 0, 'no refused call changed the share');
  });
});
