import { after, before, test } from 'node:test';
import { createLogger, type ServiceApp } from '@bazaar/platform';
import { assertHostileSafe, startTestDeadLetterQueue } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { PASSWORD, bearer, signUp, startIdentity, uniqueEmail, type Harness } from './harness.js';

// identity as deployed (its dead-letter routes on a real broker queue, its Redis), with a customer
// with an address and an admin, so generated requests reach real rows, sessions and keys.
let h: Harness;
let app: ServiceApp;
let dlq: Awaited<ReturnType<typeof startTestDeadLetterQueue>>;
// An admin for each route: the requests of one route may change its caller's email or end its session.
const adminEmails = Array.from({ length: 40 }, () => uniqueEmail('admin'));
const userEmail = uniqueEmail('user');
const known: Record<string, string[]> = {};
const home = { addressLine1: '1 Main Street', city: 'Springfield', postalCode: '62701', country: 'US', state: 'IL' };

before(async () => {
  h = await startIdentity('hostile', { settings: { adminEmails: [...adminEmails] } });
  dlq = await startTestDeadLetterQueue('identity');
  // The harness's app, built again with the dead-letter routes on the same database and key prefix.
  app = await buildApp({
    pool: h.pool, redis: h.admin, logger: createLogger('identity', 'silent'), publish: h.db.publish, keyPrefix: h.prefix,
    settings: { argon2MemoryKib: 1024, adminEmails: [...adminEmails], discovery: { maxPerIp: 100_000, ipWindowSeconds: 600, maxPerEmail: 1000, emailWindowSeconds: 3600 } },
    trustedProxies: ['127.0.0.1'], deadLetters: dlq.deadLetters,
  });
  const user = await signUp(app, { email: userEmail });
  Object.assign(known, { email: [userEmail], password: [PASSWORD], refreshToken: [user.refreshToken] });
});
after(async () => {
  await app.close();
  await dlq.close();
  await h.close();
});

test('identity: every route answers hostile requests with a 2xx or a problem+json 4xx, never a 5xx', async () => {
  // Fresh callers for each route, the customer with an address: a route's requests may change their
  // email or password, end their session or delete the address.
  const auth = async () => {
    const user = await signUp(app);
    const address = await app.inject({ method: 'POST', url: '/users/me/addresses', headers: bearer(user.token), payload: home });
    if (address.statusCode !== 201) throw new Error(`address: ${address.statusCode} ${address.body}`);
    known.id = [address.json().id, user.user.id];
    return { user: bearer(user.token), admin: bearer((await signUp(app, { email: adminEmails.pop() })).token) };
  };
  await assertHostileSafe(app, { auth, known });
});
