import { test, describe, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '@bazaar/platform/testing';
import { FakeUpstream, hangUntilAbandoned, unavailable } from './support/upstream.js';
import { startGateway } from './support/gateway.js';
import { KeyServer, accessToken, signingKey } from './support/keys.js';

const TIMEOUT_MS = 1000;
const HALF_OPEN_MS = 300;

describe('an upstream that is down', async () => {
  const identity = await new FakeUpstream().start();
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  // The health report's details are for admins.
  const admin = { authorization: `Bearer ${await accessToken(key, { roles: ['admin'] })}` };
  const gateway = await startGateway({
    IDENTITY_URL: identity.url,
    GATEWAY_JWKS_URL: keys.url,
    GATEWAY_REVOCATION_REFRESH_MS: '60000',
    GATEWAY_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
    GATEWAY_BREAKER_THRESHOLD: '3',
    GATEWAY_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
  });
  after(async () => {
    await gateway.close();
    await Promise.all([identity.stop(), keys.stop()]);
  });

  test('a hung upstream gets a 503 problem naming it and the route timeout, and the hung call is abandoned', async () => {
    const hung = hangUntilAbandoned(); // accepts, never answers
    identity.respond = hung.respond;
    const response = await gateway.inject({ method: 'POST', url: '/auth/login', payload: {} });
    assert.equal(response.statusCode, 503);
    assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
    const problem = response.json();
    assert.equal(problem.upstream, 'identity');
    assert.equal(problem.reason, 'timeout');
    assert.match(problem.detail, new RegExp(`identity is unavailable: no answer within ${TIMEOUT_MS} ms`));
    await hung.abandoned;
    assert.equal(identity.calls, 1, 'a POST without an Idempotency-Key is not tried again');
    identity.reset();
    assert.equal((await gateway.inject({ method: 'GET', url: '/auth/verify' })).statusCode, 200, 'one failure does not open the circuit');
  });

  test('a stopped upstream: 503 at once, the circuit opens, and closes again once it is back on its port', async () => {
    // The admin token is verified (keys fetched) now, so that reading the report below stays within the half-open delay.
    assert.equal((await gateway.inject({ method: 'GET', url: '/health', headers: admin })).json().status, 'healthy');
    await identity.stop();
    for (let i = 0; i < 3; i++) {
      const response = await gateway.inject({ method: 'POST', url: '/auth/register', payload: {} });
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().upstream, 'identity');
      assert.equal(response.json().reason, 'unreachable', 'the refused connection is the answer: no timeout is waited for');
    }
    const health = (await gateway.inject({ method: 'GET', url: '/health', headers: admin })).json();
    assert.equal(health.status, 'degraded', 'an upstream down degrades the gateway; it stays up');
    assert.equal(health.checks.identity.status, 'unhealthy');
    assert.equal(health.checks.identity.details.breaker, 'open');
    assert.equal((await gateway.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);

    identity.reset();
    await identity.start(); // same port
    const open = await gateway.inject({ method: 'GET', url: '/auth/verify' });
    assert.equal(open.statusCode, 503);
    assert.equal(open.json().reason, 'circuit-open');
    assert.ok(open.headers['retry-after']);
    assert.equal(identity.calls, 0, 'an open circuit fails fast without calling the upstream');

    // After the half-open delay one probe goes through; it succeeds and the circuit closes.
    const recovered = await eventually(async () => {
      const response = await gateway.inject({ method: 'POST', url: '/auth/login', payload: {} });
      return response.statusCode === 200 ? response : undefined;
    }, { timeoutMs: 5 * HALF_OPEN_MS, intervalMs: 50, message: 'identity was not reached again' });
    assert.equal(recovered.json().url, '/auth/login');
    const after = (await gateway.inject({ method: 'GET', url: '/health', headers: admin })).json();
    assert.equal(after.status, 'healthy');
    assert.equal(after.checks.identity.details.breaker, 'closed');
  });

  test('repeated 503 answers open the circuit too', async () => {
    identity.respond = unavailable;
    for (let i = 0; i < 3; i++) assert.equal((await gateway.inject({ method: 'POST', url: '/auth/login', payload: {} })).statusCode, 503);
    const calls = identity.calls;
    const fast = await gateway.inject({ method: 'POST', url: '/auth/login', payload: {} });
    assert.equal(fast.json().reason, 'circuit-open');
    assert.equal(identity.calls, calls);
    identity.reset();
    await eventually(async () => (await gateway.inject({ method: 'GET', url: '/auth/verify' })).statusCode === 200, { timeoutMs: 5 * HALF_OPEN_MS });
  });
});

describe('retries', async () => {
  const identity = await new FakeUpstream().start();
  const gateway = await startGateway({
    IDENTITY_URL: identity.url,
    GATEWAY_RETRY_MAX_ATTEMPTS: '3',
    GATEWAY_BREAKER_THRESHOLD: '100',
  });
  after(async () => {
    await gateway.close();
    await identity.stop();
  });
  beforeEach(() => {
    identity.reset();
    identity.respond = unavailable;
  });

  test('a GET is retried on 503, and the upstream problem is passed on when every attempt fails', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/auth/verify' });
    assert.equal(identity.calls, 3);
    assert.equal(response.statusCode, 503);
    assert.equal(response.json().detail, 'the database is down', "the upstream's own problem comes through");
  });

  test('a GET that fails once succeeds on the retry', async () => {
    identity.respond = (request, res) => (identity.calls === 1 ? unavailable(request, res) : res.writeHead(200).end('ok'));
    const response = await gateway.inject({ method: 'GET', url: '/auth/verify' });
    assert.equal(response.statusCode, 200);
    assert.equal(identity.calls, 2);
  });

  test('a POST without an Idempotency-Key is sent once', async () => {
    await gateway.inject({ method: 'POST', url: '/auth/login', payload: {} });
    assert.equal(identity.calls, 1);
  });

  test('a POST with an Idempotency-Key is retried, with the same body and key each time', async () => {
    await gateway.inject({ method: 'POST', url: '/auth/register', headers: { 'idempotency-key': 'reg-1' }, payload: { email: 'a@b.c' } });
    assert.equal(identity.calls, 3);
    for (const seen of identity.proxied) {
      assert.equal(seen.headers['idempotency-key'], 'reg-1');
      assert.equal(seen.body, '{"email":"a@b.c"}');
    }
  });
});
