import { test, describe, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeUpstream, json, unavailable } from './support/upstream.js';
import { KeyServer, accessToken, signingKey } from './support/keys.js';
import { startGateway } from './support/gateway.js';

const PROBLEM = /^application\/problem\+json/;
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('routing and authentication', async () => {
  const key1 = await signingKey('key-1');
  const keys = await new KeyServer([key1]).start();
  const identity = await new FakeUpstream().start();
  const catalog = await new FakeUpstream().start();
  const gateway = await startGateway({
    IDENTITY_URL: identity.url,
    CATALOG_URL: catalog.url,
    GATEWAY_JWKS_URL: keys.url,
    GATEWAY_JWKS_COOLDOWN_MS: '0',
  });
  after(async () => {
    await gateway.close();
    await Promise.all([identity.stop(), catalog.stop(), keys.stop()]);
  });
  beforeEach(() => {
    identity.reset();
    catalog.reset();
  });
  const bearer = async (roles = ['customer']) => ({ authorization: `Bearer ${await accessToken(key1, { roles })}` });

  test('a public route is proxied with its method, path, query and body unchanged', async () => {
    const body = '{"email":"ada@example.com","password":"correct horse"}';
    const response = await gateway.inject({ method: 'POST', url: '/auth/login?next=%2Fhome', headers: { 'content-type': 'application/json' }, payload: body });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { method: 'POST', url: '/auth/login?next=%2Fhome', body });
    assert.equal(identity.proxied[0]!.headers['content-type'], 'application/json');
  });

  test('a protected route without a token is 401 and never reaches the upstream', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/users/me' });
    assert.equal(response.statusCode, 401);
    assert.match(response.headers['content-type'] as string, PROBLEM);
    assert.equal(response.headers['www-authenticate'], 'Bearer');
    assert.equal(identity.calls, 0);
  });

  test('with a valid token the caller is passed on, and identity headers sent by the client are dropped', async () => {
    const headers = { ...(await bearer()), 'x-user-id': 'someone-else', 'x-user-roles': 'admin' };
    const response = await gateway.inject({ method: 'GET', url: '/users/me', headers });
    assert.equal(response.statusCode, 200);
    const seen = identity.proxied[0]!.headers;
    assert.equal(seen['x-user-id'], 'user-1');
    assert.equal(seen['x-user-email'], 'ada@example.com');
    assert.equal(seen['x-user-roles'], 'customer');
    assert.equal(seen.authorization, headers.authorization, 'Authorization is forwarded unchanged');
  });

  test('on a public route, forged identity headers are dropped too', async () => {
    await gateway.inject({ method: 'POST', url: '/auth/register', headers: { 'x-user-id': 'admin', 'x-user-roles': 'admin' }, payload: {} });
    assert.equal(identity.proxied[0]!.headers['x-user-id'], undefined);
    assert.equal(identity.proxied[0]!.headers['x-user-roles'], undefined);
  });

  test('auth is per method: GET /products is public, POST /products needs an admin', async () => {
    assert.equal((await gateway.inject({ method: 'GET', url: '/products?limit=2' })).statusCode, 200);
    assert.equal((await gateway.inject({ method: 'POST', url: '/products', payload: {} })).statusCode, 401);
    const customer = await gateway.inject({ method: 'POST', url: '/products', headers: await bearer(), payload: {} });
    assert.equal(customer.statusCode, 403);
    assert.equal(customer.json().code, 'forbidden');
    assert.equal(catalog.proxied.length, 1, 'only the public GET reached catalog');
    const admin = await gateway.inject({ method: 'POST', url: '/products', headers: await bearer(['admin']), payload: { name: 'lamp' } });
    assert.equal(admin.statusCode, 200);
    assert.equal(catalog.proxied[1]!.headers['x-user-roles'], 'admin');
  });

  test('tampered, expired and unsigned tokens are refused at the gateway', async () => {
    const [header, payload, signature] = (await accessToken(key1)).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object;
    const tampered = `${header}.${b64({ ...claims, sub: 'user-2' })}.${signature}`;
    const expired = await accessToken(key1, { expiresAt: Math.floor(Date.now() / 1000) - 60 });
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, roles: ['admin'] })}.`;
    for (const token of [tampered, expired, unsigned]) {
      const response = await gateway.inject({ method: 'GET', url: '/users/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 401);
      assert.match(response.headers['www-authenticate'] as string, /invalid_token/);
    }
    assert.equal(identity.calls, 0);
  });

  test('a token signed with a rotated key, not yet in the cached key set, is accepted after a refetch', async () => {
    await gateway.inject({ method: 'GET', url: '/users/me', headers: await bearer() }); // key set cached
    const fetchesBefore = keys.fetches;
    const key2 = await signingKey('key-2');
    keys.keys = [key1, key2];
    const response = await gateway.inject({ method: 'GET', url: '/users/me', headers: { authorization: `Bearer ${await accessToken(key2)}` } });
    assert.equal(response.statusCode, 200);
    assert.equal(keys.fetches, fetchesBefore + 1);
  });

  test('a path whose upstream is not configured is a 404 problem', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/orders/1' });
    assert.equal(response.statusCode, 404);
    assert.match(response.headers['content-type'] as string, PROBLEM);
    assert.equal((await gateway.inject({ method: 'GET', url: '/usersx' })).statusCode, 404, 'prefixes match whole segments');
  });

  test('status, headers and problem bodies from the upstream pass through unchanged', async () => {
    const problem = '{"type":"https://bazaar.dev/problems/conflict","status":409,"code":"conflict","detail":"email taken"}';
    identity.respond = (_req, res) => {
      res.writeHead(409, { 'content-type': 'application/problem+json', 'retry-after': '7', 'www-authenticate': 'Bearer realm="x"', location: '/users/9', 'x-custom': 'kept', 'keep-alive': 'timeout=5' }).end(problem);
    };
    const response = await gateway.inject({ method: 'POST', url: '/auth/register', payload: {} });
    assert.equal(response.statusCode, 409);
    assert.equal(response.body, problem);
    assert.equal(response.headers['content-type'], 'application/problem+json');
    assert.equal(response.headers['retry-after'], '7');
    assert.equal(response.headers['www-authenticate'], 'Bearer realm="x"');
    assert.equal(response.headers.location, '/users/9');
    assert.equal(response.headers['x-custom'], 'kept');
    assert.equal(response.headers['keep-alive'], undefined, 'hop-by-hop headers are dropped');
  });

  test('a 201 with Location and a 204 without a body come through', async () => {
    identity.respond = (req, res) => (req.method === 'DELETE' ? res.writeHead(204).end() : json(res, 201, { id: 'a1' }, { location: '/users/me/addresses/a1' }));
    const created = await gateway.inject({ method: 'POST', url: '/users/me/addresses', headers: await bearer(), payload: { city: 'Paris' } });
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers.location, '/users/me/addresses/a1');
    assert.deepEqual(JSON.parse(identity.proxied[0]!.body), { city: 'Paris' });
    const deleted = await gateway.inject({ method: 'DELETE', url: '/users/me/addresses/a1', headers: await bearer() });
    assert.equal(deleted.statusCode, 204);
    assert.equal(deleted.body, '');
  });

  test('the correlation id and traceparent reach the upstream, and the correlation id is echoed', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await gateway.inject({ method: 'GET', url: '/auth/verify', headers: { 'x-correlation-id': 'checkout-42', traceparent } });
    assert.equal(response.headers['x-correlation-id'], 'checkout-42');
    assert.equal(identity.proxied[0]!.headers['x-correlation-id'], 'checkout-42');
    assert.equal(identity.proxied[0]!.headers.traceparent, traceparent);
    const generated = await gateway.inject({ method: 'GET', url: '/auth/verify' });
    assert.equal(identity.proxied[1]!.headers['x-correlation-id'], generated.headers['x-correlation-id']);
  });

  test('a path with dot segments is refused, so it cannot slip past the auth of the route it names', async () => {
    await gateway.listen({ port: 0, host: '127.0.0.1' });
    const port = (gateway.server.address() as AddressInfo).port;
    for (const path of ['/auth/../users/me', '/auth/%2e%2e/users/me', '/auth/./x']) {
      const status = await new Promise<number>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path }, (res) => { res.resume(); resolve(res.statusCode!); }).on('error', reject);
      });
      assert.equal(status, 400, path);
    }
    assert.equal(identity.calls, 0);
  });

  test('the upstream learns the client address from X-Forwarded-For, which clients cannot forge', async () => {
    await gateway.inject({ method: 'POST', url: '/auth/login', headers: { 'x-forwarded-for': '6.6.6.6' }, payload: {} });
    assert.equal(identity.proxied[0]!.headers['x-forwarded-for'], '127.0.0.1');
  });
});

describe('the route table: auth per method, as each service checks it', async () => {
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const names = ['identity', 'catalog', 'inventory', 'orders', 'payments', 'shipping'] as const;
  const upstreams = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await new FakeUpstream().start()] as const))) as Record<typeof names[number], FakeUpstream>;
  const gateway = await startGateway({
    ...Object.fromEntries(names.map((name) => [`${name.toUpperCase()}_URL`, upstreams[name].url])),
    GATEWAY_JWKS_URL: keys.url,
    GATEWAY_RETRY_MAX_ATTEMPTS: '3',
    GATEWAY_BREAKER_THRESHOLD: '100',
  });
  after(async () => {
    await gateway.close();
    await Promise.all([...Object.values(upstreams).map((u) => u.stop()), keys.stop()]);
  });
  beforeEach(() => {
    for (const upstream of Object.values(upstreams)) upstream.reset();
  });
  const tokens = { customer: await accessToken(key, { roles: ['customer'] }), admin: await accessToken(key, { roles: ['customer', 'admin'] }) };
  const send = (method: string, url: string, as?: keyof typeof tokens, headers: Record<string, string> = {}) => gateway.inject({
    method: method as 'GET',
    url,
    headers: { ...headers, ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}) },
    ...(method === 'GET' ? {} : { payload: {} }),
  });

  /** Each case: who calls, the status the gateway answers, and which upstream (if any) the call reached. */
  const cases: [string, string, keyof typeof tokens | undefined, number, typeof names[number] | undefined][] = [
    ['GET', '/products?limit=2', undefined, 200, 'catalog'],
    ['GET', '/products/p-1', undefined, 200, 'catalog'],
    ['GET', '/products/p-1/reviews', undefined, 200, 'catalog'],
    ['GET', '/categories', undefined, 200, 'catalog'],
    ['GET', '/categories/lamps', undefined, 200, 'catalog'],
    ['POST', '/products', undefined, 401, undefined],
    ['POST', '/products', 'customer', 403, undefined],
    ['PATCH', '/products/p-1', 'customer', 403, undefined],
    ['DELETE', '/products/p-1', 'customer', 403, undefined],
    ['POST', '/products', 'admin', 200, 'catalog'],
    ['POST', '/categories', 'customer', 403, undefined],
    ['POST', '/categories', 'admin', 200, 'catalog'],
    ['POST', '/products/p-1/reviews', undefined, 401, undefined],
    ['POST', '/products/p-1/reviews', 'customer', 200, 'catalog'],
    ['DELETE', '/products/p-1/reviews', 'customer', 403, undefined],
    ['GET', '/inventory', undefined, 401, undefined],
    ['GET', '/inventory', 'customer', 403, undefined],
    ['POST', '/inventory/BZR-1/receive', 'customer', 403, undefined],
    ['GET', '/inventory/BZR-1', 'admin', 200, 'inventory'],
    ['GET', '/orders', undefined, 401, undefined],
    ['POST', '/orders', undefined, 401, undefined],
    ['GET', '/orders?limit=5', 'customer', 200, 'orders'],
    ['GET', '/orders/o-1', 'customer', 200, 'orders'],
    ['POST', '/orders/o-1/cancel', 'customer', 200, 'orders'],
    ['GET', '/payments', undefined, 401, undefined],
    ['GET', '/payments/pay-1', 'customer', 200, 'payments'],
    ['POST', '/payments/methods', 'customer', 200, 'payments'],
    ['GET', '/payments/methods', 'customer', 200, 'payments'],
    ['GET', '/shipments/TRK-1', undefined, 401, undefined],
    ['GET', '/shipments/TRK-1', 'customer', 200, 'shipping'],
    ['GET', '/shipments?orderId=o-1', 'customer', 200, 'shipping'],
    ['GET', '/couriers', 'admin', 200, 'shipping'],
    ['GET', '/couriers/nearby?latitude=52&longitude=4', 'customer', 403, undefined],
    ['POST', '/couriers', 'customer', 403, undefined],
    ['PUT', '/couriers/me/location', undefined, 401, undefined],
    ['PUT', '/couriers/me/location', 'customer', 200, 'shipping'],
    ['POST', '/couriers/me/shipments/s-1/pickup', 'customer', 200, 'shipping'],
  ];
  for (const [method, url, as, status, reached] of cases) {
    test(`${method} ${url} ${as ? `as ${as}` : 'without a token'}: ${status}${reached ? ` from ${reached}` : ' at the gateway'}`, async () => {
      const response = await send(method, url, as);
      assert.equal(response.statusCode, status, response.body);
      for (const name of names) {
        assert.deepEqual(upstreams[name].proxied.map((r) => `${r.method} ${r.url}`), name === reached ? [`${method} ${url}`] : [], name);
      }
      if (status === 401) assert.equal(response.headers['www-authenticate'], 'Bearer');
      if (status === 403) assert.equal(response.json().code, 'forbidden');
    });
  }

  test('POST /orders with an Idempotency-Key is retried when orders answers 503; without one it is sent once', async () => {
    upstreams.orders.respond = unavailable;
    const keyed = await send('POST', '/orders', 'customer', { 'idempotency-key': 'checkout-1', 'content-type': 'application/json' });
    assert.equal(keyed.statusCode, 503);
    assert.equal(upstreams.orders.calls, 3);
    assert.ok(upstreams.orders.proxied.every((r) => r.headers['idempotency-key'] === 'checkout-1' && r.headers['x-user-id'] === 'user-1'));
    upstreams.orders.reset();
    upstreams.orders.respond = unavailable;
    await send('POST', '/orders', 'customer');
    assert.equal(upstreams.orders.calls, 1);
  });
});
