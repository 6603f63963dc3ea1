// The operations console's routes: one path per service whose upstream is a path parameter held to
// an allowlist, rewritten to the kit's route on that service; the operators' saga routes; and the
// trace receiver's traces and audit. All for admins only.
import { test, describe, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@bazaar/platform';
import { loadGatewayConfig } from '../src/config.js';
import { FakeUpstream } from './support/upstream.js';
import { KeyServer, accessToken, signingKey } from './support/keys.js';
import { startGateway } from './support/gateway.js';

const PROBLEM = /^application\/problem\+json/;
const op = (operationId: string) => ({ operationId, responses: { 200: { description: 'ok' } } });

describe('/admin/services/:service/…', async () => {
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const identity = await new FakeUpstream().start();
  const orders = await new FakeUpstream().start();
  const payments = await new FakeUpstream().start();
  const traces = await new FakeUpstream().start();
  const upstreams = [identity, orders, payments, traces];
  // What the kit serves on every service, as orders documents it.
  orders.openapi = {
    openapi: '3.1.0', info: { title: 'orders', version: '1' },
    paths: {
      '/admin/dlq': { get: op('listDeadLetters') }, '/admin/dlq/replay': { post: op('replayDeadLetters') }, '/admin/outbox': { get: op('getOutboxBacklog') },
      '/admin/signals': { get: op('getSignals') },
      '/health': { get: { ...op('getHealth'), security: [] } }, '/admin/sagas': { get: op('listSagas') }, '/orders': { get: op('listOrders') },
    },
  };
  const gateway = await startGateway({
    IDENTITY_URL: identity.url, ORDERS_URL: orders.url, PAYMENTS_URL: payments.url, TRACES_URL: traces.url,
    GATEWAY_JWKS_URL: keys.url, GATEWAY_JWKS_COOLDOWN_MS: '0', GATEWAY_BREAKER_THRESHOLD: '100',
  });
  after(async () => {
    await gateway.close();
    await Promise.all([...upstreams.map((u) => u.stop()), keys.stop()]);
  });
  beforeEach(() => { for (const u of upstreams) u.reset(); });
  const admin = async () => ({ authorization: `Bearer ${await accessToken(key, { roles: ['admin'] })}` });
  const nothingProxied = () => assert.deepEqual(upstreams.map((u) => u.proxied.length), [0, 0, 0, 0], 'no upstream was called');

  test("a service's DLQ: its GET /admin/dlq with the query, its POST /admin/dlq/replay with the body, through that service's client", async () => {
    const list = await gateway.inject({ method: 'GET', url: '/admin/services/orders/dlq?limit=5', headers: await admin() });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json(), { method: 'GET', url: '/admin/dlq?limit=5', body: '' });
    assert.equal(orders.proxied[0]!.headers['x-user-roles'], 'admin');

    const body = '{"id":"0195f0a4-1c2b-7d3e-8f40-000000000001"}';
    const replay = await gateway.inject({ method: 'POST', url: '/admin/services/payments/dlq/replay', headers: { ...(await admin()), 'content-type': 'application/json' }, payload: body });
    assert.deepEqual(replay.json(), { method: 'POST', url: '/admin/dlq/replay', body });
    assert.equal(orders.proxied.length, 1, 'payments was called, not orders');
  });

  test("a service's outbox, golden signals and full health report: its GET /admin/outbox, GET /admin/signals and GET /health", async () => {
    const outbox = await gateway.inject({ method: 'GET', url: '/admin/services/identity/outbox', headers: await admin() });
    assert.equal(outbox.json().url, '/admin/outbox');
    const health = await gateway.inject({ method: 'GET', url: '/admin/services/orders/health', headers: await admin() });
    assert.equal(health.json().url, '/health');
    const signals = await gateway.inject({ method: 'GET', url: '/admin/services/identity/signals', headers: await admin() });
    assert.equal(signals.json().url, '/admin/signals');
    const dlq = await gateway.inject({ method: 'GET', url: '/admin/services/identity/dlq', headers: await admin() });
    assert.equal(dlq.json().url, '/admin/dlq', "identity's DLQ (it consumes the services' confirmations of an erasure)");
    assert.equal(identity.seen.filter((r) => r.url === '/admin/outbox').length, 1);
    assert.equal(identity.seen.filter((r) => r.url === '/admin/dlq').length, 1);
    assert.equal(orders.seen.filter((r) => r.url === '/health').length, 1);
  });

  test('a service outside the allowlist, or not configured, is a 404 problem naming it, sent nowhere', async () => {
    const cases: [string, string][] = [
      ['/admin/services/warehouse/dlq', 'warehouse'], // no such service
      ['/admin/services/catalog/dlq', 'catalog'], // consumes, but not configured here
      ['/admin/services/traces/health', 'traces'], // an upstream, but not a service
      ['/admin/services/traces/signals', 'traces'],
      ['/admin/services/gateway/signals', 'gateway'], // the gateway routes; it is not one of its upstreams
      ['/admin/services/%6frders/dlq', '%6frders'], // compared as sent: an encoded name is not the name
      ['/admin/services/ORDERS/outbox', 'ORDERS'],
      ['/admin/services/orders%2f..%2fidentity/dlq', 'orders%2f..%2fidentity'],
    ];
    for (const [url, named] of cases) {
      const response = await gateway.inject({ method: 'GET', url, headers: await admin() });
      assert.equal(response.statusCode, 404, url);
      assert.match(response.headers['content-type'] as string, PROBLEM);
      assert.ok(response.json().detail.includes(JSON.stringify(named)), `${url}: ${response.json().detail}`);
    }
    nothingProxied();
  });

  test('no escape from the rewritten path: dot segments, encoded or not, encoded slashes and backslashes are refused', async () => {
    // Over a socket: inject() would resolve the dot segments before the gateway saw them.
    await gateway.listen({ port: 0, host: '127.0.0.1' });
    const port = (gateway.server.address() as AddressInfo).port;
    const headers = await admin();
    const get = (path: string) => new Promise<{ status: number; type: string }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, type: String(res.headers['content-type']) });
      }).on('error', reject);
    });
    for (const path of [
      '/admin/services/orders/dlq/../../../users/me',
      '/admin/services/orders/dlq/%2e%2e/%2E%2E/users/me',
      '/admin/services/orders/dlq/.%2e/replay',
      '/admin/services/orders/dlq/%2f..%2fhealth',
      '/admin/services/orders/dlq/%2F%2e%2e%2Fusers',
      '/admin/services/orders/dlq/%5c..%5cusers',
      '/admin/services/orders/dlq/..\\..\\users',
    ]) {
      const response = await get(path);
      assert.equal(response.status, 400, path);
      assert.match(response.type, PROBLEM, path);
    }
    // Dot segments before the route's fixed part match no route at all.
    for (const path of ['/admin/services/orders/../identity/outbox', '/admin/services/orders/%2e%2e/identity/outbox']) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      assert.match(response.type, PROBLEM, path);
    }
    nothingProxied();
  });

  test('admins only: 401 without a token, 403 without the admin role, before any upstream is called', async () => {
    const customer = { authorization: `Bearer ${await accessToken(key, { roles: ['customer'] })}` };
    for (const [method, url] of [
      ['GET', '/admin/services/orders/dlq'], ['POST', '/admin/services/orders/dlq/replay'], ['GET', '/admin/services/orders/outbox'],
      ['GET', '/admin/services/orders/health'], ['GET', '/admin/services/orders/signals'], ['GET', '/admin/services/warehouse/dlq'], ['GET', '/admin/sagas?state=stuck'],
      ['GET', '/admin/traces?orderId=o-1'], ['POST', '/admin/audit'],
    ] as const) {
      const anonymous = await gateway.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      assert.equal(anonymous.statusCode, 401, `${method} ${url}`);
      assert.equal((await gateway.inject({ method, url, headers: customer, payload: method === 'POST' ? {} : undefined })).statusCode, 403, `${method} ${url}`);
    }
    nothingProxied();
  });

  test("each service keeps its own circuit: one that is down is a 503 naming it, the others answer", async () => {
    await payments.stop();
    try {
      const down = await gateway.inject({ method: 'GET', url: '/admin/services/payments/dlq', headers: await admin() });
      assert.equal(down.statusCode, 503);
      assert.equal(down.json().upstream, 'payments');
      assert.equal((await gateway.inject({ method: 'GET', url: '/admin/services/orders/dlq', headers: await admin() })).statusCode, 200);
    } finally {
      await payments.start();
    }
  });

  test("sagas go to orders' /admin/sagas unchanged; traces and the audit to the trace receiver's /traces and /audit", async () => {
    const headers = await admin();
    assert.equal((await gateway.inject({ method: 'GET', url: '/admin/sagas?state=stuck&limit=5', headers })).json().url, '/admin/sagas?state=stuck&limit=5');
    assert.equal((await gateway.inject({ method: 'GET', url: '/admin/sagas/0195f0a4-1c2b-7d3e-8f40-5a6b7c8d9e0f', headers })).json().url, '/admin/sagas/0195f0a4-1c2b-7d3e-8f40-5a6b7c8d9e0f');
    assert.equal((await gateway.inject({ method: 'GET', url: '/admin/traces?orderId=o-1&limit=3', headers })).json().url, '/traces?orderId=o-1&limit=3');
    assert.equal((await gateway.inject({ method: 'GET', url: '/admin/traces/4bf92f3577b34da6a3ce929d0e0e4736', headers })).json().url, '/traces/4bf92f3577b34da6a3ce929d0e0e4736');
    assert.deepEqual((await gateway.inject({ method: 'GET', url: '/admin/audit', headers })).json(), { method: 'GET', url: '/audit', body: '' });
    assert.equal((await gateway.inject({ method: 'POST', url: '/admin/audit', headers })).json().method, 'POST');
    assert.equal(traces.proxied.length, 4);
  });

  test('the merged document shows each rewritten route at its gateway path, the service a path parameter of the allowed ones', async () => {
    const doc = (await gateway.inject({ method: 'GET', url: '/docs/openapi.json' })).json();
    const paths = Object.keys(doc.paths);
    for (const path of ['/admin/services/{service}/dlq', '/admin/services/{service}/dlq/replay', '/admin/services/{service}/outbox', '/admin/services/{service}/health', '/admin/services/{service}/signals', '/admin/sagas']) {
      assert.ok(paths.includes(path), `${path} in ${paths.join(', ')}`);
    }
    assert.ok(!paths.includes('/admin/dlq') && !paths.includes('/health'), "the upstream's own paths are not the gateway's");
    const list = doc.paths['/admin/services/{service}/dlq'].get;
    assert.deepEqual(list.parameters[0], { name: 'service', in: 'path', required: true, description: 'the service', schema: { type: 'string', enum: ['identity', 'orders', 'payments'] } });
    assert.deepEqual(doc.paths['/admin/services/{service}/health'].get.security, [{ bearer: ['admin'] }], 'the gateway asks for an admin where the service asks nothing');
    assert.deepEqual(doc.paths['/admin/services/{service}/outbox'].get.parameters[0].schema.enum, ['identity', 'orders', 'payments']);
    assert.deepEqual(doc.paths['/admin/services/{service}/signals'].get.parameters[0].schema.enum, ['identity', 'orders', 'payments']);
  });
});

test('without TRACES_URL the trace and audit routes are absent (404)', async () => {
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const orders = await new FakeUpstream().start();
  const gateway = await startGateway({ ORDERS_URL: orders.url, GATEWAY_JWKS_URL: keys.url });
  try {
    const headers = { authorization: `Bearer ${await accessToken(key, { roles: ['admin'] })}` };
    for (const url of ['/admin/traces', '/admin/traces/4bf92f3577b34da6a3ce929d0e0e4736', '/admin/audit']) {
      assert.equal((await gateway.inject({ method: 'GET', url, headers })).statusCode, 404, url);
    }
    assert.equal(orders.proxied.length, 0);
  } finally {
    await gateway.close();
    await Promise.all([orders.stop(), keys.stop()]);
  }
});

test('GATEWAY_ROUTES: a parameter as upstream must be one of the prefix and come with its allowlist; the list keeps only configured services', () => {
  const routes = (entry: object) => JSON.stringify([{ auth: 'admin', ...entry }]);
  const env = { ORDERS_URL: 'http://127.0.0.1:8104', GATEWAY_JWKS_URL: 'http://127.0.0.1:8101/jwks' };
  for (const entry of [
    { prefix: '/ops/:service/dlq', upstream: ':other', upstreams: ['orders'] },
    { prefix: '/ops/:service/dlq', upstream: ':service' },
    { prefix: '/ops/dlq', upstream: 'orders', upstreams: ['orders'] },
    { prefix: '/ops/:service/dlq', upstream: ':service', upstreams: ['orders'], rewrite: '/admin/../users' },
  ]) {
    assert.throws(() => loadGatewayConfig({ ...env, GATEWAY_ROUTES: routes(entry) }), (e: unknown) => e instanceof ConfigError && /GATEWAY_ROUTES/.test(e.message), JSON.stringify(entry));
  }
  const config = loadGatewayConfig({ ...env, GATEWAY_ROUTES: routes({ prefix: '/ops/:service/dlq', upstream: ':service', upstreams: ['orders', 'catalog'], rewrite: '/admin/dlq' }) });
  assert.deepEqual(config.routes.find((r) => r.prefix === '/ops/:service/dlq')?.upstreams, ['orders']);
  assert.ok(!config.upstreams.some((u) => u.name === 'catalog'));
});

test("an unhealthy service's health report is its answer: passed on once, never retried, and its circuit stays closed", async () => {
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const orders = await new FakeUpstream().start();
  const report = { status: 'unhealthy', service: 'orders', checks: { database: { status: 'unhealthy', latency: 1, message: 'connect ECONNREFUSED' } } };
  orders.respond = (request, response) => (request.url === '/health'
    ? response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify(report))
    : response.writeHead(200, { 'content-type': 'application/json' }).end('{"messages":[]}'));
  const gateway = await startGateway({ ORDERS_URL: orders.url, GATEWAY_JWKS_URL: keys.url, GATEWAY_BREAKER_THRESHOLD: '2', GATEWAY_RETRY_MAX_ATTEMPTS: '3' });
  try {
    const headers = { authorization: `Bearer ${await accessToken(key, { roles: ['admin'] })}` };
    for (let i = 0; i < 4; i++) {
      const health = await gateway.inject({ method: 'GET', url: '/admin/services/orders/health', headers });
      assert.equal(health.statusCode, 503);
      assert.deepEqual(health.json(), report);
    }
    assert.equal(orders.seen.filter((r) => r.url === '/health').length, 4, 'one call each, no retry');
    assert.equal((await gateway.inject({ method: 'GET', url: '/admin/services/orders/dlq', headers })).statusCode, 200, "orders' circuit is still closed");

    await orders.stop();
    const down = await gateway.inject({ method: 'GET', url: '/admin/services/orders/health', headers });
    assert.equal(down.statusCode, 503);
    assert.deepEqual([down.json().upstream, down.json().reason], ['orders', 'unreachable']);
  } finally {
    await gateway.close();
    await Promise.all([orders.stop(), keys.stop()]);
  }
});
