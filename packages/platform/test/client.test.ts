import { test, describe, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, createServiceClient, runWithContext, type ServiceClient } from '../src/index.js';

/** A small upstream whose behaviour each test sets, counting the calls it receives. */
function upstream() {
  const state = {
    calls: 0,
    seen: [] as { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[],
    respond: (_req: http.IncomingMessage, res: http.ServerResponse, _body: string): void => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.calls++;
      const body = Buffer.concat(chunks).toString('utf8');
      state.seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      state.respond(req, res, body);
    });
  });
  return { server, state };
}

async function listen(server: http.Server, port = 0): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function unavailable(res: http.ServerResponse): void {
  res.writeHead(503, { 'content-type': 'application/problem+json' }).end('{"status":503,"code":"unavailable"}');
}

async function rejectsWith(promise: Promise<unknown>, check: (error: AppError) => void): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    check(error);
    return true;
  });
}

describe('service client', async () => {
  const { server, state } = upstream();
  const port = await listen(server);
  const clients: ServiceClient[] = [];
  const client = (options: Partial<Parameters<typeof createServiceClient>[0]> = {}) => {
    const c = createServiceClient({
      name: 'catalog',
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 1000,
      retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
      breaker: { threshold: 100, halfOpenAfterMs: 200 },
      ...options,
    });
    clients.push(c);
    return c;
  };
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    state.calls = 0;
    state.seen = [];
    state.respond = (_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'); };
  });

  test('answers with status, headers and parsed JSON; objects are sent as JSON', async () => {
    state.respond = (_req, res, body) => { res.writeHead(201, { 'content-type': 'application/json', location: '/things/1' }).end(body); };
    const response = await client().request({ method: 'POST', path: '/things?x=1', body: { name: 'lamp' } });
    assert.equal(response.status, 201);
    assert.equal(response.headers.location, '/things/1');
    assert.deepEqual(response.body, { name: 'lamp' });
    assert.equal(state.seen[0]!.url, '/things?x=1');
    assert.match(state.seen[0]!.headers['content-type']!, /^application\/json/);
  });

  test('raw returns the bytes unchanged', async () => {
    const response = await client().request({ method: 'GET', path: '/', raw: true });
    assert.ok(Buffer.isBuffer(response.body));
    assert.equal((response.body as Buffer).toString(), '{"ok":true}');
  });

  test('the correlation id and traceparent of the current context go with every call', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await runWithContext({ correlationId: 'corr-42', traceparent }, () => client().request({ method: 'GET', path: '/' }));
    assert.equal(state.seen[0]!.headers['x-correlation-id'], 'corr-42');
    assert.equal(state.seen[0]!.headers.traceparent, traceparent);
  });

  test('a GET is retried on 503 and succeeds when the upstream recovers', async () => {
    state.respond = (_req, res) => {
      if (state.calls < 3) return unavailable(res);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    };
    const response = await client().request({ method: 'GET', path: '/' });
    assert.equal(response.status, 200);
    assert.equal(state.calls, 3);
  });

  test('when every attempt gets 503, the last answer is returned as it came', async () => {
    state.respond = (_req, res) => unavailable(res);
    const response = await client().request({ method: 'GET', path: '/' });
    assert.equal(response.status, 503);
    assert.deepEqual(response.body, { status: 503, code: 'unavailable' });
    assert.equal(state.calls, 3);
  });

  test('a POST is not retried, unless it carries an Idempotency-Key', async () => {
    state.respond = (_req, res) => unavailable(res);
    const c = client();
    assert.equal((await c.request({ method: 'POST', path: '/orders', body: {} })).status, 503);
    assert.equal(state.calls, 1);
    state.calls = 0;
    assert.equal((await c.request({ method: 'POST', path: '/orders', body: {}, headers: { 'Idempotency-Key': 'k-1' } })).status, 503);
    assert.equal(state.calls, 3);
  });

  test('a 500 is an answer, not unavailability: it is not retried', async () => {
    state.respond = (_req, res) => { res.writeHead(500).end(); };
    assert.equal((await client().request({ method: 'GET', path: '/' })).status, 500);
    assert.equal(state.calls, 1);
  });

  test('an upstream that does not answer fails with 503 reason timeout, and the hung request is abandoned', async () => {
    // Never answers, and tells when the client gives up on the request (closes it unanswered).
    let abandoned!: () => void;
    const upstreamSawAbandon = new Promise<void>((resolve) => { abandoned = resolve; });
    state.respond = (_req, res) => { res.on('close', () => { if (!res.writableEnded) abandoned(); }); };
    await rejectsWith(client({ timeoutMs: 500 }).request({ method: 'GET', path: '/slow' }), (error) => {
      assert.equal(error.status, 503);
      assert.equal(error.code, 'unavailable');
      assert.equal(error.options.extensions?.upstream, 'catalog');
      assert.equal(error.options.extensions?.reason, 'timeout');
      assert.match(error.message, /catalog is unavailable: no answer within 500 ms/);
    });
    await upstreamSawAbandon;
    assert.equal(state.calls, 1, 'one attempt used the whole budget');
  });

  test('a short attempt timeout lets a hung attempt be retried within the budget', async () => {
    state.respond = (_req, res) => {
      if (state.calls === 1) return; // the first attempt hangs
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    };
    const response = await client({ timeoutMs: 1000, attemptTimeoutMs: 100 }).request({ method: 'GET', path: '/' });
    assert.equal(response.status, 200);
    assert.equal(state.calls, 2);
  });

  test('getJson returns the body on 2xx and throws naming the upstream otherwise', async () => {
    assert.deepEqual(await client().getJson<{ ok: boolean }>('/'), { ok: true });
    state.respond = (_req, res) => { res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"detail":"product 7 was not found"}'); };
    await rejectsWith(client().getJson('/products/7'), (error) => {
      assert.equal(error.code, 'not_found');
      assert.equal(error.options.extensions?.upstream, 'catalog');
      assert.match(error.message, /product 7 was not found/);
    });
  });
});

test('an unreachable upstream opens the circuit; it closes again once the upstream is back', async (t) => {
  const { server, state } = upstream();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve)); // the port is now free: connections are refused
  const client = createServiceClient({
    name: 'inventory',
    baseUrl: `http://127.0.0.1:${port}`,
    timeoutMs: 1000,
    retry: { maxAttempts: 1 },
    breaker: { threshold: 3, halfOpenAfterMs: 300 },
  });
  t.after(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(() => resolve(undefined)));
  });

  for (let i = 0; i < 3; i++) {
    await rejectsWith(client.request({ method: 'GET', path: '/' }), (error) => {
      assert.equal(error.options.extensions?.reason, 'unreachable');
    });
  }
  assert.equal(client.state(), 'open');

  await listen(server, port); // back on the same port, but the circuit is still open
  await rejectsWith(client.request({ method: 'GET', path: '/' }), (error) => {
    assert.equal(error.options.extensions?.reason, 'circuit-open');
    assert.equal(error.options.headers?.['retry-after'], '1');
  });
  assert.equal(state.calls, 0, 'an open circuit does not call the upstream');

  await new Promise((resolve) => setTimeout(resolve, 350));
  const response = await client.request({ method: 'GET', path: '/' });
  assert.equal(response.status, 200);
  assert.equal(client.state(), 'closed');
  assert.equal(state.calls, 1);
});

test('a caller that aborts is not counted against the upstream', async (t) => {
  const { server, state } = upstream();
  state.respond = () => undefined;
  const port = await listen(server);
  const client = createServiceClient({ name: 'orders', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5000, breaker: { threshold: 1 } });
  t.after(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(client.request({ method: 'GET', path: '/', signal: controller.signal }), (error: Error) => !(error instanceof AppError));
  assert.equal(client.state(), 'closed');
});

describe('replicas', () => {
  /** Two upstreams on their own ports, and a third port where nothing listens (a replica that is down). */
  async function replicas(t: { after: (fn: () => Promise<void>) => void }) {
    const a = upstream();
    const b = upstream();
    const down = upstream();
    const ports = { a: await listen(a.server), b: await listen(b.server), down: await listen(down.server) };
    await new Promise((resolve) => down.server.close(resolve));
    t.after(async () => {
      for (const { server } of [a, b]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
    const url = (port: number) => `http://127.0.0.1:${port}`;
    return { a, b, down, ports, url };
  }

  test('calls go round the replicas, from a list or one comma-separated string', async (t) => {
    const { a, b, ports, url } = await replicas(t);
    const client = createServiceClient({ name: 'catalog', baseUrl: `${url(ports.a)}/, ${url(ports.b)}` });
    t.after(() => client.close());
    assert.deepEqual(client.baseUrls, [url(ports.a), url(ports.b)]);
    assert.equal(client.baseUrl, url(ports.a));
    for (let i = 0; i < 10; i++) assert.equal((await client.request({ method: 'GET', path: '/' })).status, 200);
    assert.equal(a.state.calls, 5);
    assert.equal(b.state.calls, 5);
  });

  test('a replica that is down costs nothing: even a POST without a key goes to the other one, and its circuit opens', async (t) => {
    const { a, ports, url } = await replicas(t);
    const client = createServiceClient({
      name: 'orders', baseUrl: [url(ports.down), url(ports.a)], retry: { maxAttempts: 1 }, breaker: { threshold: 3, halfOpenAfterMs: 60_000 },
    });
    t.after(() => client.close());
    for (let i = 0; i < 8; i++) {
      const response = await client.request({ method: 'POST', path: '/orders', body: { n: i } });
      assert.equal(response.status, 200);
    }
    assert.equal(a.state.calls, 8, 'every call answered by the replica that is up, each once');
    assert.deepEqual(a.state.seen.map((s) => JSON.parse(s.body).n), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(client.endpoints(), [{ url: url(ports.down), breaker: 'open' }, { url: url(ports.a), breaker: 'closed' }]);
    assert.equal(client.state(), 'closed', 'the upstream takes calls while one replica does');
    assert.equal(client.pick(), url(ports.a), 'a replica whose circuit is open is not picked');
  });

  test('a replica answering 503 is retried on the other one when the call is safe; a POST gets its answer as it came', async (t) => {
    const { a, b, ports, url } = await replicas(t);
    a.state.respond = (_req, res) => unavailable(res);
    const client = createServiceClient({ name: 'payments', baseUrl: [url(ports.a), url(ports.b)], retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 }, breaker: { threshold: 100 } });
    t.after(() => client.close());
    for (let i = 0; i < 4; i++) assert.equal((await client.request({ method: 'GET', path: '/' })).status, 200);
    assert.equal(b.state.calls, 4, 'each GET answered by the healthy replica, at its first or second attempt');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.request({ method: 'POST', path: '/' })).status);
    assert.deepEqual(statuses.sort(), [200, 200, 503, 503], 'an answered POST is never sent again');
  });

  test('when every replica is down the call fails with 503 circuit-open; a replica back is probed and takes calls again', async (t) => {
    const { down, ports, url } = await replicas(t);
    const other = upstream();
    const otherPort = await listen(other.server);
    await new Promise((resolve) => other.server.close(resolve));
    const client = createServiceClient({ name: 'shipping', baseUrl: [url(ports.down), url(otherPort)], retry: { maxAttempts: 1 }, breaker: { threshold: 2, halfOpenAfterMs: 200 } });
    t.after(async () => {
      await client.close();
      down.server.closeAllConnections();
      await new Promise((resolve) => down.server.close(() => resolve(undefined)));
    });
    for (let i = 0; i < 2; i++) {
      await rejectsWith(client.request({ method: 'GET', path: '/' }), (error) => assert.equal(error.options.extensions?.reason, 'unreachable'));
    }
    assert.equal(client.state(), 'open');
    await rejectsWith(client.request({ method: 'GET', path: '/' }), (error) => assert.equal(error.options.extensions?.reason, 'circuit-open'));

    await listen(down.server, ports.down);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const response = await client.request({ method: 'GET', path: '/' });
    assert.equal(response.status, 200);
    assert.equal(down.state.calls, 1);
    assert.deepEqual(client.endpoints().map((e) => e.breaker), ['closed', 'open']);
  });
});
