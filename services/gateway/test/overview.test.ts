/**
 * `GET /me/overview` (API composition at the gateway) against stand-in identity and orders services:
 * real HTTP servers that can be slowed, hung, stopped or made to fail.
 */
import { test, describe, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import type http from 'node:http';
import { eventually } from '@bazaar/platform/testing';
import { FakeUpstream, hangUntilAbandoned, json, unavailable, type SeenRequest } from './support/upstream.js';
import { KeyServer, accessToken, signingKey } from './support/keys.js';
import { startGateway } from './support/gateway.js';

const TIMEOUT_MS = 1500;
/** The /users route's own budget, shorter than the default: the profile is read within it. */
const IDENTITY_TIMEOUT_MS = 1000;
/** The orders route's own budget, shorter than identity's: the overview waits at most this for orders. */
const ORDERS_TIMEOUT_MS = 400;
const PROBLEM = /^application\/problem\+json/;

const profile = { id: 'user-1', email: 'ada@example.com', name: 'Ada Lovelace', roles: ['customer'], createdAt: '2025-01-01T00:00:00.000Z' };
const order = (n: number) => ({ id: `order-${n}`, status: 'confirmed', totalMinor: 1000 * n, currency: 'EUR', lines: [{ sku: 'BZR-1', quantity: n }] });

type Responder = (request: SeenRequest, response: http.ServerResponse) => void;
/**
 * Answers only once `other` has received its call too: if the gateway made the two calls one after
 * the other, the first would never be answered and the overview would come back without it.
 */
const onceBothArrived = (other: FakeUpstream, responder: Responder): Responder => (request, response) => {
  const wait = () => (other.calls > 0 ? responder(request, response) : setTimeout(wait, 5));
  wait();
};
const serveProfile: Responder = (_request, response) => json(response, 200, profile);
const serveOrders = (count: number): Responder => (_request, response) => json(response, 200, { items: Array.from({ length: count }, (_, i) => order(i + 1)), nextCursor: 'c-1' });

describe('GET /me/overview', async () => {
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const identity = await new FakeUpstream().start();
  const orders = await new FakeUpstream().start();
  const gateway = await startGateway({
    IDENTITY_URL: identity.url,
    ORDERS_URL: orders.url,
    GATEWAY_JWKS_URL: keys.url,
    GATEWAY_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
    GATEWAY_BREAKER_THRESHOLD: '100',
    GATEWAY_ROUTES: JSON.stringify([
      { prefix: '/users', upstream: 'identity', auth: 'user', timeoutMs: IDENTITY_TIMEOUT_MS },
      { prefix: '/orders', upstream: 'orders', auth: 'user', timeoutMs: ORDERS_TIMEOUT_MS },
    ]),
  });
  after(async () => {
    await gateway.close();
    await Promise.all([identity.stop(), orders.stop(), keys.stop()]);
  });
  beforeEach(() => {
    identity.reset();
    orders.reset();
    identity.respond = serveProfile;
    orders.respond = serveOrders(2);
  });
  const authorization = `Bearer ${await accessToken(key)}`;
  const overview = (headers: Record<string, string> = { authorization }) => gateway.inject({ method: 'GET', url: '/me/overview', headers });

  test('both parts: the profile and the last five orders, read in parallel with the caller\'s Authorization', async () => {
    identity.respond = onceBothArrived(orders, serveProfile);
    orders.respond = onceBothArrived(identity, serveOrders(7)); // more than asked for: the overview still shows five

    const response = await overview({ authorization, 'x-correlation-id': 'overview-1' });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual(body.profile, profile);
    assert.deepEqual(body.orders, { items: [1, 2, 3, 4, 5].map(order), status: 'ok' });
    assert.deepEqual(body.degraded, []);
    assert.equal(response.headers['x-degraded'], undefined);
    assert.equal(response.headers['cache-control'], 'private, no-store');
    // Each stand-in answered only after the other had been called: the two calls overlapped.

    const [me] = identity.proxied;
    const [list] = orders.proxied;
    assert.equal(`${me!.method} ${me!.url}`, 'GET /users/me');
    assert.equal(`${list!.method} ${list!.url}`, 'GET /orders?limit=5');
    for (const seen of [me!, list!]) {
      assert.equal(seen.headers.authorization, authorization);
      assert.equal(seen.headers['x-user-id'], 'user-1');
      assert.equal(seen.headers['x-correlation-id'], 'overview-1');
    }
  });

  test('without a valid token: 401 at the gateway, neither upstream is asked', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }] as Record<string, string>[]) {
      const response = await overview(headers);
      assert.equal(response.statusCode, 401);
      assert.match(response.headers['content-type'] as string, PROBLEM);
    }
    assert.equal(identity.calls + orders.calls, 0);
  });

  test('orders stopped: 200 with the profile, orders degraded as unreachable (refused, not waited for)', async () => {
    await orders.stop();
    try {
      const response = await overview();
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.deepEqual(body.profile, profile);
      assert.deepEqual(body.orders, { items: [], status: 'degraded', reason: 'unreachable' });
      assert.deepEqual(body.degraded, ['orders']);
      assert.equal(response.headers['x-degraded'], 'orders');
    } finally {
      await orders.start();
    }
  });

  test('orders hung: 200 with the profile once the orders route\'s budget is spent, orders degraded as timeout', async () => {
    // Identity answers only after the gateway has given up on orders. Were orders read with any budget
    // longer than identity's own (the default, say), identity's call would run out first: a 503.
    const hung = hangUntilAbandoned();
    orders.respond = hung.respond;
    identity.respond = (request, response) => { void hung.abandoned.then(() => serveProfile(request, response)); };
    const response = await overview();
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json().profile, profile);
    assert.deepEqual(response.json().orders, { items: [], status: 'degraded', reason: 'timeout' });
  });

  test('orders answering an error or something that is not a list: degraded, with the reason', async () => {
    orders.respond = (_request, response) => json(response, 500, { status: 500, code: 'internal' });
    assert.deepEqual((await overview()).json().orders, { items: [], status: 'degraded', reason: 'upstream-error', upstreamStatus: 500 });

    orders.respond = unavailable; // retried like any GET, then given up
    const retried = await overview();
    assert.deepEqual(retried.json().orders, { items: [], status: 'degraded', reason: 'upstream-error', upstreamStatus: 503 });
    assert.ok(orders.calls > 2, 'the GET was retried');

    orders.respond = (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<p>orders</p>');
    assert.equal((await overview()).json().orders.reason, 'invalid-response');
    orders.respond = (_request, response) => json(response, 200, { items: 'none' });
    assert.equal((await overview()).json().orders.reason, 'invalid-response');
  });

  test('identity stopped: 503 naming identity as unreachable (refused, not waited for)', async () => {
    await identity.stop();
    try {
      const response = await overview();
      assert.equal(response.statusCode, 503, response.body);
      assert.match(response.headers['content-type'] as string, PROBLEM);
      const problem = response.json();
      assert.equal(problem.upstream, 'identity');
      assert.equal(problem.reason, 'unreachable');
      assert.match(problem.detail, /identity is unavailable/);
    } finally {
      await identity.start();
    }
  });

  test('identity hung: 503 naming identity and the /users route\'s budget, and the hung call is abandoned', async () => {
    const hung = hangUntilAbandoned();
    identity.respond = hung.respond;
    const response = await overview();
    assert.equal(response.statusCode, 503);
    assert.equal(response.json().upstream, 'identity');
    assert.equal(response.json().reason, 'timeout');
    assert.match(response.json().detail, new RegExp(`no answer within ${IDENTITY_TIMEOUT_MS} ms`));
    await hung.abandoned;
  });

  test('identity answering 5xx: 503 naming identity and its status', async () => {
    identity.respond = (_request, response) => json(response, 500, { status: 500, code: 'internal' });
    const response = await overview();
    assert.equal(response.statusCode, 503);
    assert.equal(response.json().upstream, 'identity');
    assert.equal(response.json().upstreamStatus, 500);
  });

  test("identity's own 4xx answer (a session ended since the token was issued) is passed on", async () => {
    const problem = { type: 'https://bazaar.dev/problems/unauthorized', status: 401, code: 'unauthorized', detail: 'the session has ended' };
    identity.respond = (_request, response) => json(response, 401, problem, { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer error="invalid_token"' });
    const response = await overview();
    assert.equal(response.statusCode, 401);
    assert.deepEqual(response.json(), problem);
    assert.equal(response.headers['content-type'], 'application/problem+json');
    assert.equal(response.headers['www-authenticate'], 'Bearer error="invalid_token"');
  });
});

describe('GET /me/overview while the orders circuit is open', async () => {
  const HALF_OPEN_MS = 300;
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const identity = await new FakeUpstream().start();
  const orders = await new FakeUpstream().start();
  const gateway = await startGateway({
    IDENTITY_URL: identity.url,
    ORDERS_URL: orders.url,
    GATEWAY_JWKS_URL: keys.url,
    GATEWAY_RETRY_MAX_ATTEMPTS: '1',
    GATEWAY_BREAKER_THRESHOLD: '2',
    GATEWAY_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
  });
  after(async () => {
    await gateway.close();
    await Promise.all([identity.stop(), orders.stop(), keys.stop()]);
  });
  const authorization = `Bearer ${await accessToken(key)}`;
  const overview = () => gateway.inject({ method: 'GET', url: '/me/overview', headers: { authorization } });

  test('orders is not called, the part is degraded as circuit-open, and it comes back once orders does', async () => {
    identity.respond = serveProfile;
    orders.respond = unavailable;
    for (let i = 0; i < 2; i++) assert.equal((await overview()).json().orders.reason, 'upstream-error');
    const calls = orders.calls;
    const open = await overview();
    assert.equal(open.statusCode, 200);
    assert.deepEqual(open.json().orders, { items: [], status: 'degraded', reason: 'circuit-open' });
    assert.deepEqual(open.json().profile, profile);
    assert.equal(orders.calls, calls, 'an open circuit fails fast without calling orders');

    orders.respond = serveOrders(1);
    const recovered = await eventually(async () => {
      const response = await overview();
      return response.json().orders.status === 'ok' ? response : undefined;
    }, { timeoutMs: 10 * HALF_OPEN_MS, intervalMs: 50, message: 'orders did not come back' });
    assert.deepEqual(recovered.json().orders.items, [order(1)]);
    assert.deepEqual(recovered.json().degraded, []);
  });
});

describe('GET /me/overview when identity fails while orders is hung', async () => {
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const identity = await new FakeUpstream().start();
  const orders = await new FakeUpstream().start();
  // One failure opens a circuit: an orders call counted as failed (timed out) would open orders'.
  const gateway = await startGateway({
    IDENTITY_URL: identity.url,
    ORDERS_URL: orders.url,
    GATEWAY_JWKS_URL: keys.url,
    GATEWAY_RETRY_MAX_ATTEMPTS: '1',
    GATEWAY_BREAKER_THRESHOLD: '1',
  });
  after(async () => {
    await gateway.close();
    await Promise.all([identity.stop(), orders.stop(), keys.stop()]);
  });
  const authorization = `Bearer ${await accessToken(key)}`;

  test('503 naming identity at once: the orders call is cancelled, not waited for until it times out', async () => {
    const hung = hangUntilAbandoned();
    orders.respond = hung.respond;
    identity.respond = onceBothArrived(orders, (_request, response) => json(response, 500, { status: 500, code: 'internal' }));
    const response = await gateway.inject({ method: 'GET', url: '/me/overview', headers: { authorization } });
    assert.equal(response.statusCode, 503, response.body);
    assert.equal(response.json().upstream, 'identity');
    assert.equal(response.json().upstreamStatus, 500);
    await hung.abandoned;
    // A cancelled call is not held against orders; one that had run out of time would have opened its circuit.
    const admin = `Bearer ${await accessToken(key, { roles: ['admin'] })}`;
    const health = (await gateway.inject({ method: 'GET', url: '/health', headers: { authorization: admin } })).json();
    assert.equal(health.checks.orders.details.breaker, 'closed');
  });
});

describe('GET /me/overview where orders or identity is not configured', async () => {
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const identity = await new FakeUpstream().start();
  identity.respond = serveProfile;
  const withoutOrders = await startGateway({ IDENTITY_URL: identity.url, GATEWAY_JWKS_URL: keys.url });
  const withoutIdentity = await startGateway({ CATALOG_URL: identity.url, GATEWAY_JWKS_URL: keys.url });
  after(async () => {
    await Promise.all([withoutOrders.close(), withoutIdentity.close()]);
    await Promise.all([identity.stop(), keys.stop()]);
  });
  const headers = { authorization: `Bearer ${await accessToken(key)}` };

  test('no orders upstream: the profile, with orders degraded as not-configured', async () => {
    const response = await withoutOrders.inject({ method: 'GET', url: '/me/overview', headers });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { profile, orders: { items: [], status: 'degraded', reason: 'not-configured' }, degraded: ['orders'] });
  });

  test('no identity upstream: there is no overview (404)', async () => {
    assert.equal((await withoutIdentity.inject({ method: 'GET', url: '/me/overview', headers })).statusCode, 404);
  });
});
