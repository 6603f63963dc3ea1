// Seed 000's auth contract, as the gateway and every other consumer rely on it, against identity alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, bearer, startIdentity, uniqueEmail, type Harness } from './harness.js';

/** Every string anywhere in a JSON value, with the key it sits under. */
function* entries(value: unknown, key = ''): Generator<[string, unknown]> {
  if (Array.isArray(value)) for (const item of value) yield* entries(item, key);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { yield [k, v]; yield* entries(v, k); }
  else yield [key, value];
}

function assertNoSecrets(body: unknown, password: string) {
  for (const [key, value] of entries(body)) {
    assert.doesNotMatch(key, /password|hash/i, `the body has a "${key}" member`);
    if (typeof value === 'string') {
      assert.ok(!value.includes(password), `"${key}" carries the password`);
      assert.doesNotMatch(value, /\$argon2|\$2[aby]\$|\$scrypt|\$pbkdf2/, `"${key}" looks like a password hash`);
    }
  }
}

describe('seed 000 auth contract', () => {
  let h: Harness;
  before(async () => { h = await startIdentity('contract'); });
  after(() => h.close());

  const email = uniqueEmail('contract');
  let token: string;

  test('POST /auth/register answers 201 { user, token } and never the password', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/auth/register', payload: { email, name: 'Test User', password: PASSWORD } });
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.match(body.user.id, /^[0-9a-f-]{36}$/);
    assert.equal(body.user.email, email);
    assert.equal(body.user.name, 'Test User');
    assert.equal(body.user.firstName, 'Test');
    assert.equal(body.user.lastName, 'User');
    assert.equal(typeof body.token, 'string');
    assert.equal(typeof body.refreshToken, 'string');
    assert.equal(body.expiresIn, 300);
    assert.equal(body.user.password, undefined);
    assertNoSecrets(body, PASSWORD);
    token = body.token;
  });

  test('POST /auth/login answers 200 { user, token } and never the password', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password: PASSWORD } });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.user.email, email);
    assert.equal(body.user.name, 'Test User');
    assert.equal(typeof body.token, 'string');
    assert.equal(typeof body.refreshToken, 'string');
    assertNoSecrets(body, PASSWORD);
  });

  test('GET /auth/verify with a Bearer token answers 200 { userId, email }', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/auth/verify', headers: bearer(token) });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.match(body.userId, /^[0-9a-f-]{36}$/);
    assert.equal(body.email, email);
    assert.deepEqual(body.roles, ['customer']);
  });

  test('GET /auth/verify without a token is a 401 problem with WWW-Authenticate: Bearer', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/auth/verify' });
    assert.equal(response.statusCode, 401);
    assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
    assert.match(response.headers['www-authenticate'] as string, /^Bearer/);
    assert.equal(response.json().code, 'unauthorized');
  });

  test('/.well-known/jwks.json publishes the ES256 public key, without its private part', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    assert.equal(response.statusCode, 200);
    const { keys } = response.json();
    assert.equal(keys.length, 1);
    assert.equal(keys[0].kty, 'EC');
    assert.equal(keys[0].crv, 'P-256');
    assert.equal(keys[0].alg, 'ES256');
    assert.equal(typeof keys[0].kid, 'string');
    assert.equal(keys[0].d, undefined);
  });

  test('/health reports the database and Redis', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/health' });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.service, 'identity');
    assert.equal(body.checks.database.status, 'healthy');
    assert.equal(body.checks.redis.status, 'healthy');
  });

  test('/openapi.json documents the auth routes and the password policy', async () => {
    const spec = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const route of ['/auth/register', '/auth/login', '/auth/verify', '/auth/logout', '/auth/refresh', '/users/me', '/users/me/addresses/{id}']) {
      assert.ok(spec.paths[route], `${route} is documented`);
    }
    assert.match(spec.paths['/auth/register'].post.description, /most common passwords/);
  });
});
