import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Type } from 'typebox';
import { createLogger, createServiceApp, DeadLetterQueue, registerDeadLetterRoutes } from '../src/index.js';

// One route with a schema for each part; `seen` records what reached the handler.
async function buildApp() {
  const seen: unknown[] = [];
  const app = await createServiceApp({ name: 'edge', version: '1', logger: createLogger('edge', 'silent') });
  app.post('/things/:slug', {
    schema: {
      params: Type.Object({ slug: Type.String({ maxLength: 500 }) }),
      querystring: Type.Object({
        q: Type.Optional(Type.String()),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        maxPrice: Type.Optional(Type.Integer({ minimum: 0 })),
        ratio: Type.Optional(Type.Number()),
      }),
      body: Type.Object({
        name: Type.String(),
        quantity: Type.Integer({ minimum: 1 }),
        gift: Type.Optional(Type.Boolean()),
        note: Type.Optional(Type.String({ default: '' })),
        tags: Type.Optional(Type.Array(Type.String())),
        address: Type.Optional(Type.Object({ line1: Type.String() }, { additionalProperties: false })),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    seen.push({ params: request.params, query: request.query, body: request.body });
    return reply.code(201).send({ params: request.params, query: request.query, body: request.body });
  });
  app.get('/items/:id', async (request) => ({ id: (request.params as { id: string }).id }));
  await app.ready();
  return { app, seen };
}

const valid = { name: 'lamp', quantity: 2 };

interface ProblemBody { status: number; code: string; detail: string; errors: { field: string }[] }

function assertProblem(response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, field?: string) {
  assert.equal(response.statusCode, status);
  assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
  const body = response.json() as ProblemBody;
  assert.equal(body.status, status);
  if (field) assert.deepEqual(body.errors.map((e) => e.field), [field]);
  return body;
}

describe('the edge refuses bad input before any handler', async () => {
  const { app, seen } = await buildApp();
  after(() => app.close());
  const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });

  test('a well-formed request passes, query and params converted as their schema says', async () => {
    const response = await post('/things/lamp?limit=5&ratio=0.5', valid);
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.deepEqual(body.query, { limit: 5, ratio: 0.5 });
    assert.deepEqual(body.body, { ...valid, note: '' }, 'an optional property gets its documented default');
  });

  describe('NUL characters', () => {
    for (const [what, url, payload, field] of [
      ['in a nested body string', '/things/a', { ...valid, address: { line1: 'x\u0000y' } }, 'body.address.line1'],
      ['in a body array', '/things/a', { ...valid, tags: ['ok', '\u0000'] }, 'body.tags.1'],
      ['in a body key', '/things/a', { ...valid, ['na\u0000me']: 'x' }, 'body'],
      ['in a query parameter', '/things/a?q=a%00b', valid, 'querystring.q'],
      ['in a path parameter', '/things/a%00b', valid, 'params.slug'],
      ['in an unrouted path', '/nowhere%00', valid, 'path'],
    ] as const) {
      test(what, async () => {
        const before = seen.length;
        const body = assertProblem(await post(url, payload), 400, field);
        assert.equal(body.code, 'invalid_data');
        assert.match(body.detail, /NUL/);
        assert.equal(seen.length, before, 'the handler did not run');
      });
    }

    test('malformed JSON is still a 400 problem', async () => {
      const response = await app.inject({ method: 'POST', url: '/things/a', headers: { 'content-type': 'application/json' }, payload: '{"name":"\\u0000' });
      assertProblem(response, 400);
    });
  });

  describe('bodies are not coerced', () => {
    for (const [what, payload, field] of [
      ['a number as a string', { ...valid, quantity: '2' }, 'body.quantity'],
      ['a boolean as a number', { ...valid, quantity: true }, 'body.quantity'],
      ['null as a number', { ...valid, quantity: null }, 'body.quantity'],
      ['null as a boolean', { ...valid, gift: null }, 'body.gift'],
      ['null as a string', { ...valid, name: null }, 'body.name'],
      ['an array as a string', { ...valid, name: ['lamp'] }, 'body.name'],
      ['a string as a boolean', { ...valid, gift: 'true' }, 'body.gift'],
    ] as const) {
      test(what, async () => {
        const before = seen.length;
        assertProblem(await post('/things/a', payload), 400, field);
        assert.equal(seen.length, before);
      });
    }

    test('a non-finite number in a body (1e999 parses as Infinity)', async () => {
      const response = await app.inject({ method: 'POST', url: '/things/a', headers: { 'content-type': 'application/json' }, payload: '{"name":"lamp","quantity":1e999}' });
      assertProblem(response, 400, 'body.quantity');
    });

    test('a body schema giving a required property a default is refused when the route is registered', async () => {
      const other = await createServiceApp({ name: 'edge', version: '1', logger: createLogger('edge', 'silent') });
      other.post('/x', { schema: { body: Type.Object({ count: Type.Integer({ default: 1 }) }) } }, async () => ({}));
      await assert.rejects(async () => { await other.ready(); }, /required property "count" has a default/);
      await other.close().catch(() => undefined);
    });
  });

  describe('numbers in query strings are finite and exact', () => {
    for (const [param, value] of [
      ['ratio', 'Infinity'], ['ratio', '-Infinity'], ['ratio', 'NaN'], ['ratio', '1e999'],
      ['maxPrice', 'Infinity'], ['maxPrice', '1e999'], ['maxPrice', '1e20'], ['maxPrice', '9007199254740993'],
      ['limit', 'Infinity'], ['limit', '1000'],
    ] as const) {
      test(`${param}=${value}`, async () => {
        const before = seen.length;
        assertProblem(await post(`/things/a?${param}=${value}`, valid), 400, `querystring.${param}`);
        assert.equal(seen.length, before);
      });
    }
  });

  describe("Fastify's own refusals are problems that echo nothing", () => {
    test('a malformed URL', async () => {
      const response = await app.inject({ method: 'GET', url: '/products/%E0%A4%A' });
      const body = assertProblem(response, 400);
      assert.equal(body.code, 'invalid_data');
      assert.doesNotMatch(response.body, /%E0|products/);
    });

    test('a path parameter longer than maxParamLength', async () => {
      const long = 'p'.repeat(150);
      const response = await app.inject({ method: 'GET', url: `/items/${long}` });
      assertProblem(response, 414);
      assert.doesNotMatch(response.body, /ppppp/);
    });

    test("a problem's instance is the path only, escaped and bounded", async () => {
      const withQuery = await app.inject({ method: 'GET', url: '/nowhere?token=secret' });
      assert.equal(withQuery.json().instance, '/nowhere');
      assert.doesNotMatch(withQuery.body, /secret/);
      const long = await app.inject({ method: 'GET', url: `/${'x'.repeat(5000)}` });
      assert.ok(long.json().instance.length <= 201);
      assert.ok(long.body.length < 1000, 'the detail does not carry the whole path either');
    });
  });

  describe('requests refused by the HTTP parser', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const raw = (request: string) => new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', () => resolve(Buffer.concat(chunks).toString()));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
      socket.on('connect', () => socket.write(request));
      socket.setTimeout(5000, () => { socket.destroy(); reject(new Error('no answer')); });
    });
    const parse = (text: string) => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      return { status: Number(head.split(' ')[1]), head, json: JSON.parse(body) as { status: number; code: string } };
    };

    test('headers too large: 431 problem+json', async () => {
      const answer = parse(await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'h'.repeat(20_000)}\r\n\r\n`));
      assert.equal(answer.status, 431);
      assert.match(answer.head, /content-type: application\/problem\+json/i);
      assert.equal(answer.json.status, 431);
      assert.equal(answer.json.code, 'invalid_data');
    });

    test('a URI too long: 414 problem+json, not echoed', async () => {
      const text = await raw(`GET /${'u'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      const answer = parse(text);
      assert.equal(answer.status, 414);
      assert.match(answer.head, /content-type: application\/problem\+json/i);
      assert.doesNotMatch(text, /uuuu/);
    });

    test('malformed HTTP: 400 problem+json', async () => {
      const answer = parse(await raw('NOT HTTP AT ALL\r\n\r\n'));
      assert.equal(answer.status, 400);
      assert.match(answer.head, /content-type: application\/problem\+json/i);
      assert.equal(answer.json.code, 'invalid_data');
    });
  });
});

test('a service that consumes nothing lists an empty dead-letter queue instead of answering 503', async (t) => {
  const app = await createServiceApp({ name: 'quiet', version: '1', logger: createLogger('quiet', 'silent') });
  t.after(() => app.close());
  // No connection at all: a service without consumers must not need the broker to say so.
  registerDeadLetterRoutes(app, new DeadLetterQueue('quiet.dlq', () => undefined, 'quiet.direct', { consumes: false }));
  await app.ready();
  const response = await app.inject({ method: 'GET', url: '/admin/dlq' });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json(), { queue: 'quiet.dlq', depth: 0, messages: [], consumes: false });
  const replay = await app.inject({ method: 'POST', url: '/admin/dlq/replay', payload: { all: true } });
  assert.deepEqual(replay.json(), { replayed: 0 });
});
