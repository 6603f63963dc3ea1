import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from 'typebox';
import { AppError, HealthRegistry, createLogger, createServiceApp, currentContext, contextHeaders } from '../src/index.js';

async function buildApp() {
  const health = new HealthRegistry('sample', '1.2.3')
    .register('database', async () => undefined)
    .register('cache', async () => { throw new Error('connection refused'); }, { critical: false });
  const app = await createServiceApp({ name: 'sample', version: '1.2.3', logger: createLogger('sample', 'silent'), health });
  app.post('/things', {
    schema: {
      body: Type.Object({ name: Type.String({ minLength: 1 }), count: Type.Integer({ minimum: 1 }), email: Type.String({ format: 'email' }) }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.code(201).send({ name: request.body.name }));
  app.get('/conflict', async () => { throw AppError.conflict('that name is taken', { field: 'name' }); });
  app.get('/boom', async () => { throw new Error('secret database password is hunter2'); });
  app.get('/context', async () => ({ context: currentContext(), outgoing: contextHeaders() }));
  await app.ready();
  return app;
}

describe('service app', async () => {
  const app = await buildApp();
  after(() => app.close());

  test('validation errors are problem+json naming each field', async () => {
    const response = await app.inject({ method: 'POST', url: '/things', payload: { name: '', count: 0, email: 'nope' } });
    assert.equal(response.statusCode, 400);
    assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
    const body = response.json();
    assert.equal(body.status, 400);
    assert.equal(body.code, 'invalid_data');
    assert.equal(body.title, 'Invalid request data');
    assert.ok(body.type.startsWith('https://'));
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['body.count', 'body.email', 'body.name']);
    assert.match(body.detail, /body\.email/);
  });

  test('a missing field is named', async () => {
    const response = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x', count: 1 } });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json().errors.map((e: { field: string }) => e.field), ['body.email']);
  });

  test('malformed JSON is a 400 problem, not a 500', async () => {
    const response = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().code, 'invalid_data');
  });

  test('AppError maps to its status with extensions', async () => {
    const response = await app.inject({ method: 'GET', url: '/conflict' });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().code, 'conflict');
    assert.equal(response.json().field, 'name');
    assert.equal(response.json().instance, '/conflict');
  });

  test('unexpected errors are 500 with no detail leaked', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom', headers: { 'x-correlation-id': 'trace-500' } });
    assert.equal(response.statusCode, 500);
    assert.doesNotMatch(response.body, /hunter2/);
    assert.equal(response.json().correlationId, 'trace-500');
  });

  test('unknown routes are 404 problems', async () => {
    const response = await app.inject({ method: 'GET', url: '/nowhere' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().code, 'not_found');
  });

  test('correlation id is taken from the request, echoed, and passed to outgoing calls', async () => {
    const response = await app.inject({ method: 'GET', url: '/context', headers: { 'x-correlation-id': 'abc-123', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    assert.equal(response.headers['x-correlation-id'], 'abc-123');
    const body = response.json();
    assert.equal(body.context.correlationId, 'abc-123');
    assert.equal(body.outgoing['x-correlation-id'], 'abc-123');
    assert.equal(body.outgoing.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });

  test('a correlation id is generated when none (or an unsafe one) is given', async () => {
    const plain = await app.inject({ method: 'GET', url: '/context' });
    assert.match(plain.headers['x-correlation-id'] as string, /^[0-9a-f-]{36}$/);
    const unsafe = await app.inject({ method: 'GET', url: '/context', headers: { 'x-correlation-id': 'bad\nvalue with spaces' } });
    assert.notEqual(unsafe.headers['x-correlation-id'], 'bad\nvalue with spaces');
    assert.match(unsafe.headers['x-correlation-id'] as string, /^[0-9a-f-]{36}$/);
  });

  test('/health answers the seed 000 HealthStatus shape with per-dependency latency', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.status, 'degraded', 'a failed non-critical check degrades');
    assert.equal(body.service, 'sample');
    assert.equal(body.version, '1.2.3');
    assert.equal(typeof body.uptime, 'number');
    assert.ok(!Number.isNaN(Date.parse(body.timestamp)));
    assert.equal(body.checks.database.status, 'healthy');
    assert.equal(typeof body.checks.database.latency, 'number');
    assert.equal(body.checks.cache.status, 'unhealthy');
    assert.equal(body.checks.cache.message, 'connection refused');
  });

  test('liveness does not depend on dependencies; readiness does', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
  });

  test('/openapi.json describes the routes', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(response.statusCode, 200);
    const spec = response.json();
    assert.equal(spec.openapi, '3.1.0');
    assert.ok(spec.paths['/things'].post);
    assert.ok(spec.paths['/health'].get);
  });
});

test('a failing critical dependency makes the service unhealthy (503) and not ready', async (t) => {
  const health = new HealthRegistry('s', '1').register('database', async () => { throw new Error('down'); });
  const app = await createServiceApp({ name: 's', version: '1', logger: createLogger('s', 'silent'), health });
  t.after(() => app.close());
  const response = await app.inject({ method: 'GET', url: '/health' });
  assert.equal(response.statusCode, 503);
  assert.equal(response.json().status, 'unhealthy');
  assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 503);
  assert.equal((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
});

test('readiness runs only the critical probes: the services a service calls are never probed by it', async (t) => {
  let upstreamProbed = 0;
  const health = new HealthRegistry('s', '1')
    .register('database', async () => undefined)
    .register('catalog', async () => { upstreamProbed++; return { status: 'unhealthy', message: 'refused' }; }, { critical: false });
  const app = await createServiceApp({ name: 's', version: '1', logger: createLogger('s', 'silent'), health });
  t.after(() => app.close());
  assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
  assert.equal(upstreamProbed, 0);
  assert.equal((await app.inject({ method: 'GET', url: '/health' })).json().checks.catalog.status, 'unhealthy', '/health still reports it');
  assert.equal(upstreamProbed, 1);
});

test('a probe that hangs is reported unhealthy after its timeout', async () => {
  const health = new HealthRegistry('s', '1').register('slow', () => new Promise(() => undefined), { timeoutMs: 50 });
  const status = await health.check();
  assert.equal(status.checks.slow!.status, 'unhealthy');
  assert.match(status.checks.slow!.message!, /50 ms/);
});
