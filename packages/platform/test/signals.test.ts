/**
 * `GET /admin/signals`: the raw counters behind the golden signals, read from the service's own
 * registry, for a reader that computes rates from two snapshots. Requests a client makes show up in
 * the counts and the cumulative latency buckets; the probes and the route itself do not.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, createLogger, createPool, createServiceApp, registerPoolMetrics, registerSignalsRoute, type Pool, type ServiceApp } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

let db: TestDatabase;
let pool: Pool;
let app: ServiceApp;
const ADMIN = { authorization: 'Bearer admin' };

before(async () => {
  db = await createTestDatabase('signals_kit');
  pool = createPool(db.url, { max: 4 });
  app = await createServiceApp({ name: 'sample', version: '1.0.0', logger: createLogger('sample', 'silent') });
  registerPoolMetrics(app.metrics, pool);
  app.get('/things', async () => {
    await pool.query('SELECT 1');
    return { items: [] };
  });
  app.post('/things/:id/boom', async () => {
    throw new Error('a bug');
  });
  // A stand-in for the services' token check: the route is guarded by whatever the service gives.
  registerSignalsRoute(app, {
    preHandler: async (request) => {
      if (!request.headers.authorization) throw AppError.unauthorized();
      if (request.headers.authorization !== ADMIN.authorization) throw AppError.forbidden('this needs the admin role');
    },
  });
  await app.ready();
});

after(async () => {
  await app.close();
  await pool.end();
  await db.drop();
});

const snapshot = async () => {
  const response = await app.inject({ method: 'GET', url: '/admin/signals', headers: ADMIN });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};

test('requests show in the counts by status class and in the cumulative latency buckets; probes and the snapshots themselves do not', async () => {
  const first = await snapshot();
  assert.deepEqual(first.requests, { count: 0, byStatusClass: [], latency: { buckets: [], sumSeconds: 0 } }, 'nothing but the snapshot itself has been asked yet');
  assert.ok(!Number.isNaN(Date.parse(first.at)));
  for (let i = 0; i < 3; i++) assert.equal((await app.inject({ method: 'GET', url: '/things' })).statusCode, 200);
  assert.equal((await app.inject({ method: 'POST', url: '/things/x/boom' })).statusCode, 500);
  assert.equal((await app.inject({ method: 'GET', url: '/nowhere' })).statusCode, 404);
  for (const probe of ['/health', '/health/live', '/health/ready']) await app.inject({ method: 'GET', url: probe });
  const second = await snapshot();

  assert.equal(second.requests.count, 5, 'three 2xx, one 5xx and one 4xx; the probes and the snapshots themselves not counted');
  assert.deepEqual(second.requests.byStatusClass, [{ statusClass: '2xx', count: 3 }, { statusClass: '4xx', count: 1 }, { statusClass: '5xx', count: 1 }]);

  const les = second.requests.latency.buckets.map((b: { le: number }) => b.le);
  assert.deepEqual(les, [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], 'the histogram\'s finite bounds, ascending');
  const counts = second.requests.latency.buckets.map((b: { count: number }) => b.count);
  assert.ok(counts.every((c: number, i: number) => i === 0 || c >= counts[i - 1]), `cumulative: ${counts.join(', ')}`);
  assert.ok(counts.at(-1) <= second.requests.count, 'no finite bucket holds more than +Inf (the count)');
  // In-process requests answer well within 5 s: the widest finite bucket grew by all five.
  assert.equal(counts.at(-1), 5);
  assert.ok(second.requests.latency.sumSeconds > 0);
});

test("the pool's connections are read when asked; a service without message metrics says so with null", async () => {
  const s = await snapshot();
  assert.ok(s.pool.total >= 1, 'the /things requests opened a connection');
  assert.ok(s.pool.idle <= s.pool.total);
  assert.equal(s.pool.waiting, 0);
  assert.equal(s.messages, null);
  assert.ok(s.uptimeSeconds > 0);
});

test('admins only: 401 without a token, 403 without the role, as problem+json; hostile query strings change nothing', async () => {
  const anonymous = await app.inject({ method: 'GET', url: '/admin/signals' });
  assert.equal(anonymous.statusCode, 401);
  assert.match(String(anonymous.headers['content-type']), /^application\/problem\+json/);
  assert.equal((await app.inject({ method: 'GET', url: '/admin/signals', headers: { authorization: 'Bearer customer' } })).statusCode, 403);
  for (const url of ['/admin/signals?route=%00', '/admin/signals?le=NaN&le=Infinity', `/admin/signals?${'x'.repeat(4000)}=1`]) {
    const response = await app.inject({ method: 'GET', url, headers: ADMIN });
    assert.ok(response.statusCode < 500, `${url}: ${response.statusCode}`);
  }
});

test('the route is in the API document, for admins, with its response described', async () => {
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const get = doc.paths['/admin/signals'].get;
  assert.equal(get.operationId, 'getSignals');
  assert.deepEqual(get.security, [{ bearer: ['admin'] }]);
  assert.ok(get.responses['200'].content['application/json'].schema.properties.requests);
});
