import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, bearer, startIdentity, uniqueEmail, type Harness, type Session } from './harness.js';

/** Registration and email change tell whether an email has an account (409); both are rate-limited. */
describe('account discovery limits', () => {
  let h: Harness;
  before(async () => {
    h = await startIdentity('discovery', { settings: { discovery: { maxPerIp: 3, ipWindowSeconds: 600, maxPerEmail: 2, emailWindowSeconds: 3600 } } });
  });
  after(() => h.close());

  let clients = 0;
  const newClient = () => `192.0.2.${++clients}`;
  const register = (email: string, ip: string) =>
    h.app.inject({ method: 'POST', url: '/auth/register', payload: { email, password: PASSWORD, name: 'Ada Lovelace' }, headers: { 'x-forwarded-for': ip } });
  const changeEmail = (token: string, email: string, ip: string) =>
    h.app.inject({ method: 'PATCH', url: '/users/me', payload: { email }, headers: { ...bearer(token), 'x-forwarded-for': ip } });

  const assertThrottled = (response: Awaited<ReturnType<typeof register>>) => {
    assert.equal(response.statusCode, 429, response.body);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    assert.equal(response.json().code, 'too_many_requests');
    assert.ok(Number(response.headers['retry-after']) > 0);
  };

  test('a taken email is still a 409', async () => {
    const email = uniqueEmail('taken');
    assert.equal((await register(email, newClient())).statusCode, 201);
    assert.equal((await register(email, newClient())).statusCode, 409);
  });

  test('the attempt after the limit from one address gets 429', async () => {
    const ip = newClient();
    for (let i = 0; i < 3; i++) assert.equal((await register(uniqueEmail('many'), ip)).statusCode, 201);
    assertThrottled(await register(uniqueEmail('many'), ip));
    assert.equal((await register(uniqueEmail('many'), newClient())).statusCode, 201, 'other clients are not affected');
  });

  test('attempts on one email from different addresses get 429 past the per-email limit', async () => {
    const email = uniqueEmail('probed');
    assert.equal((await register(email, newClient())).statusCode, 201);
    assert.equal((await register(email, newClient())).statusCode, 409);
    assertThrottled(await register(email, newClient()));
  });

  test('email changes count against the target email and the client', async () => {
    const target = uniqueEmail('target');
    assert.equal((await register(target, newClient())).statusCode, 201);
    const me = (await register(uniqueEmail('mover'), newClient())).json() as Session;
    assert.equal((await changeEmail(me.token, target, newClient())).statusCode, 409);
    assertThrottled(await changeEmail(me.token, target, newClient()));

    const ip = newClient();
    for (let i = 0; i < 3; i++) assert.equal((await changeEmail(me.token, uniqueEmail('next'), ip)).statusCode, 200);
    assertThrottled(await changeEmail(me.token, uniqueEmail('next'), ip));
  });

  test('the counters live under the prefix, expire, and hold no email address', async () => {
    const keys = await h.admin.keys(`${h.prefix}:throttle:discovery-*`);
    assert.ok(keys.length >= 2);
    for (const key of keys) {
      assert.ok(!key.includes('@'), key);
      assert.ok((await h.admin.ttl(key)) > 0, `${key} expires`);
    }
  });
});
