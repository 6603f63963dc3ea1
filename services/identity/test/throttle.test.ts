import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, signUp, startIdentity, uniqueEmail, type Harness } from './harness.js';

describe('logging in', () => {
  let h: Harness;
  before(async () => {
    h = await startIdentity('throttle', { settings: { throttle: { maxFailuresPerEmail: 5, maxFailuresPerIp: 8, windowSeconds: 900 } } });
  });
  after(() => h.close());

  let clients = 0;
  /** Each test logs in from its own client address, so the per-address counter is its own. */
  const newClient = () => `198.51.100.${++clients}`;
  const login = (email: string, password: string, ip: string) =>
    h.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password }, headers: { 'x-forwarded-for': ip } });

  test('an unknown email and a wrong password get the same 401', async () => {
    const { user } = await signUp(h.app);
    const ip = newClient();
    const wrong = await login(user.email, 'Wrong-Password-1', ip);
    const unknown = await login(uniqueEmail('nobody'), 'Wrong-Password-1', ip);
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined, correlationId: undefined });
    assert.deepEqual(strip(wrong.json()), strip(unknown.json()));
  });

  test('the email is matched in any letter case', async () => {
    const { user } = await signUp(h.app, { email: uniqueEmail('MixedCase') });
    assert.equal((await login(user.email.toUpperCase(), PASSWORD, newClient())).statusCode, 200);
  });

  test('after 5 failures for one email, even the right password gets 429 with Retry-After', async () => {
    const { user } = await signUp(h.app);
    const ip = newClient();
    for (let i = 0; i < 5; i++) assert.equal((await login(user.email, `Guess-number-${i}`, ip)).statusCode, 401);
    const blocked = await login(user.email, PASSWORD, newClient());
    assert.equal(blocked.statusCode, 429);
    const retryAfter = Number(blocked.headers['retry-after']);
    assert.ok(retryAfter > 800 && retryAfter <= 900, `Retry-After is the rest of the window (got ${retryAfter})`);
    assert.equal(blocked.json().code, 'too_many_requests');
  });

  test('a success before the limit clears the email’s count', async () => {
    const { user } = await signUp(h.app);
    const ip = newClient();
    for (let i = 0; i < 4; i++) await login(user.email, `Guess-number-${i}`, ip);
    assert.equal((await login(user.email, PASSWORD, ip)).statusCode, 200);
    const other = newClient(); // the per-address count is not cleared; keep it out of the way
    for (let i = 0; i < 4; i++) assert.equal((await login(user.email, `Guess-again-${i}`, other)).statusCode, 401);
    assert.equal((await login(user.email, PASSWORD, other)).statusCode, 200);
  });

  test('one client spraying many emails is stopped by the per-address limit', async () => {
    const { user } = await signUp(h.app);
    const ip = newClient();
    for (let i = 0; i < 8; i++) assert.equal((await login(uniqueEmail('spray'), 'Guess-number-1', ip)).statusCode, 401);
    const blocked = await login(user.email, PASSWORD, ip);
    assert.equal(blocked.statusCode, 429);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.equal((await login(user.email, PASSWORD, newClient())).statusCode, 200, 'other clients are not affected');
  });

  test('throttle counters live under the prefix, expire, and hold no email address', async () => {
    const email = uniqueEmail('counted');
    await login(email, 'Guess-number-1', newClient());
    const keys = await h.admin.keys(`${h.prefix}:throttle:*`);
    assert.ok(keys.length >= 2);
    for (const key of keys) {
      assert.ok(!key.includes('@'), key);
      assert.ok((await h.admin.ttl(key)) > 0, `${key} expires`);
    }
  });
});
