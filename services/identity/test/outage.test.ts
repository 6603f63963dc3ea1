// When Redis goes away, identity answers 503 (retryable) for what needs sessions, says so in
// /health, and keeps serving what does not need Redis.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { bearer, redisUrl, signUp, startIdentity, type Harness, type Session } from './harness.js';

describe('with Redis unreachable', () => {
  let h: Harness;
  let redis: Redis;
  let session: Session;
  before(async () => {
    redis = new Redis(redisUrl(), { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    await redis.connect();
    h = await startIdentity('outage', { redis });
    session = await signUp(h.app);
    redis.disconnect();
  });
  after(() => h.close());

  test('token checks and logins are 503 problems, not 500s', async () => {
    const verify = await h.app.inject({ method: 'GET', url: '/auth/verify', headers: bearer(session.token) });
    assert.equal(verify.statusCode, 503);
    assert.equal(verify.json().code, 'unavailable');
    const login = await h.app.inject({ method: 'POST', url: '/auth/login', payload: { email: session.user.email, password: 'Correct-Horse-7' } });
    assert.equal(login.statusCode, 503);
  });

  test('/health reports Redis unhealthy', async () => {
    const health = await h.app.inject({ method: 'GET', url: '/health' });
    assert.equal(health.statusCode, 503);
    assert.equal(health.json().checks.redis.status, 'unhealthy');
    assert.equal(health.json().checks.database.status, 'healthy');
  });

  test('the public keys are still served', async () => {
    assert.equal((await h.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).statusCode, 200);
  });
});
