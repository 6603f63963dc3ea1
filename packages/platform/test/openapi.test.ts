import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Type } from 'typebox';
import { AppError, ProblemSchema, createLogger, createServiceApp } from '../src/index.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type Operation = { responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema: unknown }> }> };

async function buildApp() {
  const app = await createServiceApp({
    name: 'sample', version: '1.0.0', logger: createLogger('sample', 'silent'),
    openapi: {
      rateLimited: (url) => url.startsWith('/things'),
      headers: { 'Access-Control-Allow-Origin': { schema: { type: 'string', maxLength: 100 } } },
    },
  });
  app.post('/things', {
    schema: { operationId: 'createThing', tags: ['things'], body: Type.Object({ name: Type.String({ maxLength: 10 }) }, { additionalProperties: false }), response: { 201: Type.Object({ name: Type.String({ maxLength: 10 }) }) } },
    config: { problems: { 409: 'the name is taken' } },
  }, async (request, reply) => {
    if (request.body.name === 'taken') throw AppError.conflict('that name is taken');
    return reply.code(201).send({ name: request.body.name });
  });
  app.get('/admin/things/:id', {
    schema: { operationId: 'getThing', tags: ['admin'], security: [{ bearer: ['admin'] }], params: Type.Object({ id: Type.String({ maxLength: 36 }) }) },
  }, async () => ({}));
  app.post('/counts', {
    schema: { operationId: 'addCount', body: Type.Object({ n: Type.Integer({ format: 'int32', minimum: 1, maximum: 10 }) }, { additionalProperties: false }) },
  }, async () => ({}));
  app.get('/mine', { schema: { operationId: 'listMine', security: [{ bearer: [] }] } }, async () => {
    throw AppError.unauthorized();
  });
  await app.ready();
  return app;
}

describe('the API document says what the kit sends', async () => {
  const app = await buildApp();
  after(() => app.close());
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> }; tags: { name: string }[] }>();
  const statuses = (path: string, method: string) => Object.keys(document.paths[path]![method]!.responses).sort();

  test('each route lists the problems it can answer, as the shared Problem schema', () => {
    assert.deepEqual(statuses('/things', 'post'), ['201', '400', '409', '413', '415', '429', '500', '503']);
    assert.deepEqual(statuses('/admin/things/{id}', 'get'), ['200', '400', '401', '403', '404', '500', '503']);
    assert.deepEqual(statuses('/mine', 'get'), ['200', '400', '401', '500', '503']);
    const conflict = document.paths['/things']!.post!.responses['409']!;
    assert.deepEqual(conflict.content, { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
    assert.ok(document.components.schemas.Problem);
  });

  test('a rate-limited route documents the limit headers on 2xx and 4xx, and Retry-After on 429', () => {
    const responses = document.paths['/things']!.post!.responses;
    for (const status of ['201', '400', '409', '429']) {
      assert.ok(responses[status]!.headers?.['X-RateLimit-Limit'], status);
      assert.ok(responses[status]!.headers?.['X-RateLimit-Remaining'], status);
      assert.ok(responses[status]!.headers?.['X-RateLimit-Reset'], status);
    }
    assert.ok(responses['429']!.headers?.['Retry-After']);
    assert.equal(responses['500']!.headers?.['X-RateLimit-Limit'], undefined);
    assert.equal(document.paths['/mine']!.get!.responses['200']!.headers?.['X-RateLimit-Limit'], undefined, 'not limited');
    assert.ok(document.paths['/mine']!.get!.responses['401']!.headers?.['WWW-Authenticate']);
    assert.ok(document.paths['/mine']!.get!.responses['200']!.headers?.['Access-Control-Allow-Origin'], 'app-wide headers on every answer');
  });

  test('every tag used is listed, and the routes the kit adds carry operationIds', () => {
    assert.deepEqual(document.tags.map((t) => t.name).sort(), ['admin', 'health', 'things']);
    assert.equal(document.paths['/health']!.get!.responses['503']!.content?.['application/json'] !== undefined, true, "/health's own 503 is kept");
    for (const path of ['/health', '/health/live', '/health/ready']) {
      assert.match(String((document.paths[path]!.get as unknown as { operationId?: string }).operationId), /^get[A-Z]/);
    }
  });

  test("an integer's OpenAPI format documents its width; a wrong value is named once, by its type or range", async () => {
    for (const n of [1.5, 11, 2 ** 40]) {
      const answer = await app.inject({ method: 'POST', url: '/counts', payload: { n } });
      assert.equal(answer.statusCode, 400);
      assert.deepEqual(answer.json().errors.map((e: { field: string }) => e.field), ['body.n'], String(n));
    }
    assert.equal((await app.inject({ method: 'POST', url: '/counts', payload: { n: 10 } })).statusCode, 200);
  });

  test('the problems the app really sends match the documented Problem schema', async () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(ProblemSchema);
    const answers = await Promise.all([
      app.inject({ method: 'POST', url: '/things', payload: { name: 'x'.repeat(11), extra: 1 } }),
      app.inject({ method: 'POST', url: '/things', payload: { name: 'taken' } }),
      app.inject({ method: 'POST', url: '/things', payload: '<name/>', headers: { 'content-type': 'application/xml' } }),
      app.inject({ method: 'GET', url: '/mine' }),
      app.inject({ method: 'GET', url: '/nowhere' }),
    ]);
    assert.deepEqual(answers.map((a) => a.statusCode), [400, 409, 415, 401, 404]);
    for (const answer of answers) {
      assert.ok(validate(answer.json()), `${answer.statusCode}: ${JSON.stringify(validate.errors)}`);
    }
  });
});
