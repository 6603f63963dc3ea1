// Identity's Redis data is fenced by Redis itself: its ACL user (provisioned exactly as the
// launcher does) may touch keys under its prefix and nothing else.
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { decodeJwt } from 'jose';
import { provisionRedisUser } from '../../../tools/src/provision.js';
import { PASSWORD, bearer, keysUnder, redisUrl, signUp, startIdentity, type Harness } from './harness.js';

describe("identity's Redis ACL user", () => {
  const tag = randomBytes(4).toString('hex');
  const prefix = `identity:acl-${tag}`;
  let asIdentity: Redis;
  let h: Harness;
  let user: string;

  before(async () => {
    const provisioned = await provisionRedisUser(redisUrl(), { name: `identity-${tag}`, redisPrefix: prefix }, randomBytes(16).toString('hex'), { userPrefix: 'test' });
    user = provisioned.user;
    asIdentity = new Redis(provisioned.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await asIdentity.connect();
    h = await startIdentity('acl', { redis: asIdentity, prefix });
  });
  after(async () => {
    asIdentity.disconnect();
    await h.admin.call('ACL', 'DELUSER', user);
    await h.close();
  });

  test('is refused with NOPERM when writing outside its prefix', async () => {
    for (const key of [`catalog:acl-${tag}`, `identity:elsewhere-${tag}`, `unprefixed-${tag}`]) {
      await assert.rejects(asIdentity.set(key, 'x'), /NOPERM/, key);
    }
    await assert.rejects(asIdentity.get(`shipping:acl-${tag}`), /NOPERM/, 'reading is fenced too');
    await assert.rejects(asIdentity.flushall(), /NOPERM/, 'so are keyspace-wide commands');
  });

  test('may write inside its prefix', async () => {
    assert.equal(await asIdentity.set(`${prefix}:probe`, 'x', 'EX', 60), 'OK');
    assert.equal(await asIdentity.get(`${prefix}:probe`), 'x');
  });

  test('is enough for every session and throttle operation identity performs', async () => {
    const session = await signUp(h.app);
    const inject = h.app.inject.bind(h.app);
    assert.equal((await inject({ method: 'GET', url: '/auth/verify', headers: bearer(session.token) })).statusCode, 200);
    assert.equal((await inject({ method: 'POST', url: '/auth/login', payload: { email: session.user.email, password: 'Wrong-Password-1' } })).statusCode, 401);
    assert.equal((await inject({ method: 'POST', url: '/auth/login', payload: { email: session.user.email, password: PASSWORD } })).statusCode, 200);
    const rotated = await inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: session.refreshToken } });
    assert.equal(rotated.statusCode, 200);
    assert.equal((await inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: session.refreshToken } })).statusCode, 401);
    assert.equal((await inject({ method: 'POST', url: '/auth/logout', headers: bearer(rotated.json().token) })).statusCode, 401, 'reuse ended the session');
    const health = (await inject({ method: 'GET', url: '/health' })).json();
    assert.equal(health.checks.redis.status, 'healthy');
    assert.ok((await keysUnder(h.admin, prefix)).length > 0, 'it wrote its keys under its prefix');
    assert.equal(decodeJwt(session.token).sub, session.user.id);
  });
});
