import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { Type } from 'typebox';
import { AppError, createLogger, createPool, createServiceApp, type Pool, type ServiceApp } from '../src/index.js';
import { checkHostile, createTestDatabase, describeFailure, type HostileFailure, type TestDatabase } from '../src/testing/index.js';

// Each broken route below lets one kind of input the kit refuses reach code that cannot take it, as
// the bugs this check exists for did; the check must report every one of them.
async function brokenApp(pool: Pool): Promise<ServiceApp> {
  const app = await createServiceApp({ name: 'broken', version: '1', logger: createLogger('broken', 'silent') });
  // Fastify reads text/plain bodies as strings, past the JSON parser that refuses NUL.
  app.post('/notes', async (request) => {
    await pool.query('SELECT $1::text', [String(request.body)]);
    return { saved: true };
  });
  // A number taken as text and checked only for NaN: Infinity and 1e999 reach SQL.
  app.get('/slots', { schema: { querystring: Type.Object({ limit: Type.Optional(Type.String({ maxLength: 40 })) }) } }, async (request) => {
    const limit = Number(request.query.limit ?? '10');
    if (Number.isNaN(limit)) throw AppError.invalid('limit must be a number');
    await pool.query('SELECT $1::int', [limit]);
    return { limit };
  });
  // A cursor whose key is only checked to be a string: 30 February reaches a timestamptz cast.
  app.get('/events', { schema: { querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 512 })) }) } }, async (request) => {
    if (request.query.cursor === undefined) return { items: [] };
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(request.query.cursor, 'base64url').toString('utf8'));
    } catch {
      throw AppError.invalid('cursor is not a cursor');
    }
    if (!Array.isArray(parsed) || typeof parsed[1] !== 'string') throw AppError.invalid('cursor is not a cursor');
    await pool.query('SELECT $1::timestamptz', [parsed[1]]);
    return { items: [] };
  });
  // A body validated with coercion, as Fastify's default compiler does: "2", true and null pass as numbers.
  const coercing = new Ajv({ coerceTypes: true });
  app.patch('/items/:id', {
    schema: {
      params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
      body: Type.Object({ quantity: Type.Integer({ minimum: 0, maximum: 1000 }) }, { additionalProperties: false }),
    },
    validatorCompiler: ({ schema }) => coercing.compile(schema),
  }, async (request) => ({ id: request.params.id, quantity: request.body.quantity }));
  // Refusals rendered by a plugin's own error handler, not the kit's: plain JSON, not problem+json.
  await app.register(async (scope) => {
    scope.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => reply.code(error.statusCode ?? 400).send({ message: error.message }));
    scope.post('/orders', { schema: { body: Type.Object({ sku: Type.String({ maxLength: 20 }) }, { additionalProperties: false }) } }, async () => ({ ok: true }));
  });
  // A refusal that quotes what it refused, however long.
  app.get('/names', { schema: { querystring: Type.Object({ name: Type.String() }) } }, async (request) => {
    if (!/^[a-z]+$/.test(request.query.name)) throw AppError.invalid(`no name like ${request.query.name}`);
    return { name: request.query.name };
  });
  await app.ready();
  return app;
}

// The same kinds of route written as the kit intends: typed schemas, checked cursors, real SQL.
async function cleanApp(pool: Pool): Promise<ServiceApp> {
  const app = await createServiceApp({ name: 'clean', version: '1', logger: createLogger('clean', 'silent') });
  app.post('/notes', { schema: { body: Type.Object({ text: Type.String({ maxLength: 200 }) }, { additionalProperties: false }) } }, async (request, reply) => {
    await pool.query('SELECT $1::text', [request.body.text]);
    return reply.code(201).send({ saved: true });
  });
  app.get('/slots', { schema: { querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }) } }, async (request) => {
    await pool.query('SELECT $1::int', [request.query.limit ?? 10]);
    return { limit: request.query.limit ?? 10 };
  });
  app.get('/events', { schema: { querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 512 })) }) } }, async (request) => {
    if (request.query.cursor === undefined) return { items: [] };
    let key: unknown;
    try {
      key = (JSON.parse(Buffer.from(request.query.cursor, 'base64url').toString('utf8')) as unknown[])[1];
    } catch {
      key = undefined;
    }
    const text = typeof key === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(key) ? key : '';
    const at = new Date(text);
    // A date that does not round-trip (30 February) or has no year 0 in PostgreSQL is not a position.
    if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== text.slice(0, 10) || at.getUTCFullYear() < 1) throw AppError.invalid('cursor is not a cursor');
    await pool.query('SELECT $1::timestamptz', [text]);
    return { items: [] };
  });
  app.patch('/items/:id', {
    schema: {
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ quantity: Type.Integer({ minimum: 0, maximum: 1000 }) }, { additionalProperties: false }),
    },
  }, async (request) => ({ id: request.params.id, quantity: request.body.quantity }));
  await app.ready();
  return app;
}

describe('the hostile-request check', () => {
  let db: TestDatabase;
  let pool: Pool;
  before(async () => {
    db = await createTestDatabase('hostile');
    pool = createPool(db.url, { max: 4 });
  });
  after(async () => {
    await pool.end();
    await db.drop();
  });

  describe('finds each kind of bug in a broken app', () => {
    let failures: HostileFailure[];
    const failureOf = (route: string) => {
      const failure = failures.find((f) => f.route === route);
      assert.ok(failure, `no failure reported for ${route}; reported: ${failures.map((f) => f.route).join(', ')}`);
      return failure;
    };
    before(async () => {
      const app = await brokenApp(pool);
      try {
        failures = await checkHostile(app, { numRuns: 150 });
      } finally {
        await app.close();
      }
    });

    test('a NUL character reaching PostgreSQL (500)', () => {
      const failure = failureOf('POST /notes');
      assert.equal(failure.response.status, 500);
      assert.ok(failure.request.body?.includes('\u0000'), describeFailure(failure));
    });

    test('a non-finite or out-of-range number reaching SQL (500)', () => {
      const failure = failureOf('GET /slots');
      assert.equal(failure.response.status, 500);
      assert.match(failure.request.url, /limit=/);
    });

    test('a crafted cursor with an impossible date reaching SQL (500)', () => {
      const failure = failureOf('GET /events');
      assert.equal(failure.response.status, 500);
      assert.match(failure.request.url, /cursor=/);
    });

    test('a body accepted only by coercing it', () => {
      const failure = failureOf('PATCH /items/{id}');
      assert.match(failure.reason, /answered 2\d\d to a body its schema refuses/, describeFailure(failure));
    });

    test('a refusal that is not problem+json', () => {
      const failure = failureOf('POST /orders');
      assert.match(failure.reason, /not application\/problem\+json/, describeFailure(failure));
    });

    test('a refusal that quotes a huge input back', () => {
      const failure = failureOf('GET /names');
      assert.match(failure.reason, /refusal quotes a huge input back/, describeFailure(failure));
    });

    test('each report shows the request to replay: method, URL, headers, body, and the seed', () => {
      const text = describeFailure(failureOf('POST /notes'));
      assert.match(text, /request: POST "\/notes/);
      assert.match(text, /content-type/);
      assert.match(text, /body: "/);
      assert.match(text, /HOSTILE_SEED=\d+/);
    });
  });

  test('an app whose routes follow the kit passes', async () => {
    const app = await cleanApp(pool);
    try {
      const failures = await checkHostile(app, { numRuns: 150 });
      assert.deepEqual(failures.map(describeFailure), []);
    } finally {
      await app.close();
    }
  });
});
