/**
 * Seed 000's contract between the gateway and identity, run through the gateway against the real
 * identity service: both started as their own processes, as `npm start` starts them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { eventually } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../../../tools/src/testing/system.js';

const TIMEOUT_MS = 2000;
const HALF_OPEN_MS = 500;
let system: TestSystem;

before(async () => {
  system = await startTestSystem({
    services: ['identity', 'gateway'],
    env: {
      identity: { IDENTITY_ARGON2_MEMORY_KIB: '1024' },
      gateway: {
        GATEWAY_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
        GATEWAY_BREAKER_THRESHOLD: '3',
        GATEWAY_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
      },
    },
  });
});
after(() => system?.stop());

interface Call {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

async function call(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Call> {
  const response = await fetch(`${system.services.gateway!.url}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(10 * TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) as Record<string, unknown> : {} };
}

const email = `gw-${randomBytes(4).toString('hex')}@example.test`;
const password = 'Correct-Horse-7';
let token = '';

test('register through the gateway: 201 with user id, email, name and a token, and no password anywhere', async () => {
  const response = await call('POST', '/auth/register', { body: { email, name: 'Ada Lovelace', password } });
  assert.equal(response.status, 201, response.text);
  const user = response.body.user as Record<string, unknown>;
  assert.equal(typeof user.id, 'string');
  assert.equal(user.email, email);
  assert.equal(user.name, 'Ada Lovelace');
  assert.equal(typeof response.body.token, 'string');
  assert.doesNotMatch(response.text, /password/i);
  assert.ok(!response.text.includes(password));
  token = response.body.token as string;
});

test('login through the gateway: 200 with a token', async () => {
  const response = await call('POST', '/auth/login', { body: { email, password } });
  assert.equal(response.status, 200, response.text);
  assert.equal((response.body.user as { email: string }).email, email);
  assert.equal(typeof response.body.token, 'string');
  assert.doesNotMatch(response.text, /password/i);
  const verified = await call('GET', '/auth/verify', { token: response.body.token as string });
  assert.equal(verified.status, 200, 'the new session is open');
});

test('verify through the gateway: 200 with userId and email', async () => {
  const response = await call('GET', '/auth/verify', { token });
  assert.equal(response.status, 200, response.text);
  assert.equal(typeof response.body.userId, 'string');
  assert.equal(response.body.email, email);
});

test('/users/me through the gateway: 200 with the token, 401 without (refused at the gateway)', async () => {
  const me = await call('GET', '/users/me', { token });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.email, email);
  const anonymous = await call('GET', '/users/me');
  assert.equal(anonymous.status, 401);
  assert.match(anonymous.headers.get('content-type') ?? '', /^application\/problem\+json/);
});

test('identity stopped: the gateway answers 503 naming identity at once; identity restarted: served again, gateway untouched', async () => {
  const gatewayPid = system.services.gateway!.pid;
  await system.services.identity!.stop();

  for (const [method, path, options] of [['GET', '/users/me', { token }], ['POST', '/auth/login', { body: { email, password } }]] as const) {
    const response = await call(method, path, options);
    assert.equal(response.status, 503, response.text);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(response.body.upstream, 'identity');
    assert.match(response.body.detail as string, /identity/);
    // Refused connections (then the circuit they opened) are the answer: no timeout is waited for.
    assert.match(response.body.reason as string, /^(unreachable|circuit-open)$/);
  }

  await system.restart('identity');
  const me = await eventually(async () => {
    const response = await call('GET', '/users/me', { token });
    return response.status === 200 ? response : undefined;
  }, { timeoutMs: 10 * HALF_OPEN_MS + TIMEOUT_MS, intervalMs: 100, message: 'the gateway did not reach identity again' });
  assert.equal(me.body.email, email);
  assert.equal(system.services.gateway!.pid, gatewayPid, 'the gateway was not restarted');
  assert.equal((await call('POST', '/auth/login', { body: { email, password } })).status, 200);
});
