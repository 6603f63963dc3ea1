/** GET /admin/outbox: the backlog an operator reads, from the service's own database, for admins only. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createJwtVerifier, createServiceApp, DeadLetterQueue, registerDeadLetterRoutes, type ServiceApp } from '../../src/index.js';
import { startTestIssuer, type TestIssuer } from '../../src/testing/index.js';
import { logger, serviceDatabase, type ServiceDb } from './harness.js';

let db: ServiceDb;
let issuer: TestIssuer;
let app: ServiceApp;
let bare: ServiceApp;

before(async () => {
  [db, issuer] = await Promise.all([serviceDatabase('msg_outbox_route'), startTestIssuer()]);
  const verifier = createJwtVerifier({ jwksUrl: issuer.jwksUrl, revocationUrl: false });
  const deadLetters = new DeadLetterQueue('mailer.dlq', () => undefined, 'mailer.direct', { consumes: false });
  app = await createServiceApp({ name: 'mailer', version: '1.0.0', logger });
  registerDeadLetterRoutes(app, deadLetters, { preHandler: verifier.preHandler({ role: 'admin' }), outbox: db.pool });
  await app.ready();
  // A service without an outbox (it consumes into a store of its own) registers the DLQ routes alone.
  bare = await createServiceApp({ name: 'warehouse', version: '1.0.0', logger });
  registerDeadLetterRoutes(bare, deadLetters, { preHandler: verifier.preHandler({ role: 'admin' }) });
  await bare.ready();
});

after(async () => {
  await app?.close();
  await bare?.close();
  await issuer?.close();
  await db?.close();
});

const write = (age: string, sent: boolean) => db.pool.query(
  `INSERT INTO outbox (id, type, version, exchange, routing_key, envelope, created_at, sent_at)
   VALUES ($1, 'test.happened', 1, 'bazaar.events', 'test.happened', '{}', now() - $2::interval, CASE WHEN $3 THEN now() END)`,
  [randomUUID(), age, sent],
);

const read = async (token?: string) => app.inject({ method: 'GET', url: '/admin/outbox', headers: token ? { authorization: `Bearer ${token}` } : {} });

test('an admin reads the unsent messages and the age of the oldest; sent ones do not count', async () => {
  const admin = await issuer.token({ roles: ['admin'] });
  assert.deepEqual((await read(admin)).json(), { backlog: 0, oldestAgeSeconds: 0 });

  await write('2 hours', true);
  await write('90 seconds', false);
  await write('5 seconds', false);
  const response = await read(admin);
  assert.equal(response.statusCode, 200);
  const body = response.json<{ backlog: number; oldestAgeSeconds: number }>();
  assert.equal(body.backlog, 2);
  assert.ok(body.oldestAgeSeconds >= 90 && body.oldestAgeSeconds < 3600, `the oldest unsent is some 90 s old, not ${body.oldestAgeSeconds}`);
});

test('without a token it is 401, without the admin role 403', async () => {
  assert.equal((await read()).statusCode, 401);
  const forbidden = await read(await issuer.token({ roles: ['customer'] }));
  assert.equal(forbidden.statusCode, 403);
  assert.match(String(forbidden.headers['content-type']), /application\/problem\+json/);
});

test('a database that does not answer is a 503 problem, not a 500', async () => {
  const broken = await createServiceApp({ name: 'mailer', version: '1.0.0', logger });
  const verifier = createJwtVerifier({ jwksUrl: issuer.jwksUrl, revocationUrl: false });
  registerDeadLetterRoutes(broken, new DeadLetterQueue('x.dlq', () => undefined, 'x.direct'), {
    preHandler: verifier.preHandler({ role: 'admin' }),
    outbox: () => Promise.reject(new Error('connect ECONNREFUSED')),
  });
  try {
    const response = await broken.inject({ method: 'GET', url: '/admin/outbox', headers: { authorization: `Bearer ${await issuer.token({ roles: ['admin'] })}` } });
    assert.equal(response.statusCode, 503);
    assert.match(response.json<{ detail: string }>().detail, /outbox cannot be read/);
  } finally {
    await broken.close();
  }
});

test('a service registered without an outbox has no /admin/outbox (404), its DLQ routes unchanged', async () => {
  const admin = { authorization: `Bearer ${await issuer.token({ roles: ['admin'] })}` };
  assert.equal((await bare.inject({ method: 'GET', url: '/admin/outbox', headers: admin })).statusCode, 404);
  assert.equal((await bare.inject({ method: 'GET', url: '/admin/dlq', headers: admin })).statusCode, 200);
  const documented = Object.keys((app.swagger() as { paths: Record<string, unknown> }).paths);
  assert.ok(documented.includes('/admin/outbox'), 'the route is in the service\'s API document');
});
