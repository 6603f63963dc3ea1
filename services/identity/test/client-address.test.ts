import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadIdentityConfig, trustedProxiesFrom } from '../src/config.js';
import { startIdentity, uniqueEmail, type Harness } from './harness.js';

const env = { IDENTITY_DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/identity', IDENTITY_REDIS_URL: 'redis://127.0.0.1:6379' };
const limits = { maxFailuresPerEmail: 100, maxFailuresPerIp: 3, windowSeconds: 900 };

const failLogin = (h: Harness, forwardedFor: string) =>
  h.app.inject({
    method: 'POST', url: '/auth/login',
    payload: { email: uniqueEmail('guess'), password: 'Wrong-Password-1' },
    headers: { 'x-forwarded-for': forwardedFor },
  });

describe('IDENTITY_TRUSTED_PROXIES', () => {
  test('trusts nobody unless set', () => {
    assert.deepEqual(trustedProxiesFrom(loadIdentityConfig(env)), []);
  });

  test('takes addresses and CIDRs, and refuses anything else', () => {
    assert.deepEqual(trustedProxiesFrom(loadIdentityConfig({ ...env, IDENTITY_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,fd00::/8' })), ['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    for (const bad of ['loopback', '10.0.0.0/33', 'gateway', '10.0.0.1/8/1']) {
      assert.throws(() => trustedProxiesFrom(loadIdentityConfig({ ...env, IDENTITY_TRUSTED_PROXIES: bad })), /IDENTITY_TRUSTED_PROXIES/, bad);
    }
  });
});

describe('the client address with no trusted proxy', () => {
  let h: Harness;
  before(async () => {
    h = await startIdentity('untrusted_xff', { trustedProxies: [], settings: { throttle: limits } });
  });
  after(() => h.close());

  test('a local caller rotating X-Forwarded-For is still throttled by its own address', async () => {
    for (let i = 1; i <= 3; i++) assert.equal((await failLogin(h, `203.0.113.${i}`)).statusCode, 401);
    const blocked = await failLogin(h, '203.0.113.99');
    assert.equal(blocked.statusCode, 429);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
  });
});

describe('the client address behind a trusted proxy', () => {
  let h: Harness;
  before(async () => {
    h = await startIdentity('trusted_xff', { trustedProxies: ['127.0.0.1'], settings: { throttle: limits } });
  });
  after(() => h.close());

  test('X-Forwarded-For from the proxy names the client that is counted', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await failLogin(h, '198.51.100.7')).statusCode, 401);
    assert.equal((await failLogin(h, '198.51.100.7')).statusCode, 429);
    assert.equal((await failLogin(h, '198.51.100.8')).statusCode, 401, 'another client behind the same proxy is not affected');
  });
});
