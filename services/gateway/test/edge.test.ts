import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { FakeUpstream } from './support/upstream.js';
import { KeyServer, accessToken, signingKey } from './support/keys.js';
import { startGateway } from './support/gateway.js';

describe('rate limiting', async () => {
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const identity = await new FakeUpstream().start();
  const gateway = await startGateway({ IDENTITY_URL: identity.url, GATEWAY_JWKS_URL: keys.url, GATEWAY_RATE_LIMIT_MAX: '3', GATEWAY_RATE_LIMIT_WINDOW_MS: '60000' });
  after(async () => {
    await gateway.close();
    await Promise.all([identity.stop(), keys.stop()]);
  });

  test('past the limit a client gets 429 problem+json with Retry-After; a signed-in user is counted apart', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await gateway.inject({ method: 'GET', url: '/auth/verify' })).statusCode, 200);
    const limited = await gateway.inject({ method: 'GET', url: '/auth/verify' });
    assert.equal(limited.statusCode, 429);
    assert.match(limited.headers['content-type'] as string, /^application\/problem\+json/);
    assert.equal(limited.json().code, 'too_many_requests');
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${limited.headers['retry-after']}`);
    assert.equal(identity.calls, 3);

    // Same address, but the limit of a signed-in user is keyed by their id.
    const headers = { authorization: `Bearer ${await accessToken(key, { sub: 'user-7' })}` };
    assert.equal((await gateway.inject({ method: 'GET', url: '/users/me', headers })).statusCode, 200);
    assert.equal((await gateway.inject({ method: 'GET', url: '/health/live' })).statusCode, 200, 'health is never limited');
  });
});

describe('CORS', async () => {
  const identity = await new FakeUpstream().start();
  const gateway = await startGateway({ IDENTITY_URL: identity.url, WEB_ORIGIN: 'http://localhost:3000' });
  after(async () => {
    await gateway.close();
    await identity.stop();
  });
  const preflight = (origin: string) => gateway.inject({
    method: 'OPTIONS',
    url: '/users/me',
    headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,content-type' },
  });

  test('a preflight from the web app is allowed without reaching the upstream', async () => {
    const response = await preflight('http://localhost:3000');
    assert.equal(response.statusCode, 204);
    assert.equal(response.headers['access-control-allow-origin'], 'http://localhost:3000');
    assert.equal(response.headers['access-control-allow-credentials'], 'true');
    assert.match(response.headers['access-control-allow-methods'] as string, /PATCH/);
    assert.equal(identity.calls, 0);
  });

  test('another origin is not allowed', async () => {
    const response = await preflight('https://evil.example');
    assert.equal(response.headers['access-control-allow-origin'], undefined);
    const simple = await gateway.inject({ method: 'GET', url: '/auth/verify', headers: { origin: 'https://evil.example' } });
    assert.equal(simple.headers['access-control-allow-origin'], undefined);
  });

  test('responses to the web app expose the correlation id', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/auth/verify', headers: { origin: 'http://localhost:3000' } });
    assert.equal(response.headers['access-control-allow-origin'], 'http://localhost:3000');
    assert.match(response.headers['access-control-expose-headers'] as string, /x-correlation-id/);
    assert.match(response.headers['access-control-expose-headers'] as string, /x-catalog-lsn/, "catalog's read-your-writes token is readable by the web app");
  });
});

describe('combined API docs', async () => {
  const identity = await new FakeUpstream().start();
  const catalog = await new FakeUpstream().start();
  const orders = await new FakeUpstream().start();
  await orders.stop(); // configured, but down
  const problem = (code: string) => ({ type: 'object', properties: { code: { const: code } } });
  identity.openapi = {
    openapi: '3.1.0', info: { title: 'identity', version: '1' },
    paths: {
      '/auth/register': { post: { responses: { 201: { description: 'registered' }, 409: { $ref: '#/components/schemas/Failure' } } } },
      '/users/me': { get: { responses: { 200: { description: 'the user' } } } },
      '/health': { get: { responses: { 200: { description: 'internal' } } } },
    },
    components: { schemas: { Failure: problem('identity'), Shared: { type: 'string' } } },
  };
  catalog.openapi = {
    openapi: '3.1.0', info: { title: 'catalog', version: '1' },
    paths: { '/products': { get: { responses: { 400: { $ref: '#/components/schemas/Failure' } } } } },
    components: { schemas: { Failure: problem('catalog'), Shared: { type: 'string' } } },
  };
  const gateway = await startGateway({
    IDENTITY_URL: identity.url,
    CATALOG_URL: catalog.url,
    ORDERS_URL: orders.url,
    GATEWAY_UPSTREAM_TIMEOUT_MS: '500',
  });
  after(async () => {
    await gateway.close();
    await Promise.all([identity.stop(), catalog.stop()]);
  });

  test('/docs/openapi.json merges the paths the gateway routes and lists upstreams it could not reach', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/docs/openapi.json' });
    assert.equal(response.statusCode, 200);
    const doc = response.json();
    assert.equal(doc.openapi, '3.1.0');
    // identity's /health is shown where the gateway serves it to admins, as every service's.
    // The gateway's own canary routes are documented whether or not a canary is configured.
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/admin/canaries', '/admin/canaries/{service}', '/admin/canaries/{service}/mismatches',
      '/admin/services/{service}/health', '/auth/register', '/me/overview', '/orders/{id}/tracking', '/products', '/users/me',
    ]);
    assert.equal(doc.paths['/products']['x-upstream'], 'catalog');
    assert.equal(doc.paths['/me/overview']['x-upstream'], 'gateway', "the gateway's own route is documented too");
    assert.ok(doc.paths['/me/overview'].get.responses[200]);
    assert.deepEqual(doc['x-unavailable'], ['orders']);
    // Same name, different schemas: the second is renamed and its references follow.
    assert.deepEqual(doc.components.schemas.Failure, problem('identity'));
    assert.deepEqual(doc.components.schemas.catalog_Failure, problem('catalog'));
    assert.equal(doc.paths['/products'].get.responses[400].$ref, '#/components/schemas/catalog_Failure');
    assert.deepEqual(doc.components.schemas.Shared, { type: 'string' });
    assert.equal(doc.components.schemas.catalog_Shared, undefined);
  });

  test('the merged document is cached briefly', async () => {
    const fetches = () => catalog.seen.filter((r) => r.url === '/openapi.json').length;
    const before = fetches();
    await gateway.inject({ method: 'GET', url: '/docs/openapi.json' });
    await gateway.inject({ method: 'GET', url: '/docs/openapi.json' });
    assert.equal(fetches(), before);
  });

  test('/docs serves Swagger UI over the merged document', async () => {
    const page = await gateway.inject({ method: 'GET', url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    const json = await gateway.inject({ method: 'GET', url: '/docs/json' });
    assert.ok(json.json().paths['/users/me'], 'the UI reads the merged document');
  });
});

describe('logout at the edge', async () => {
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const identity = await new FakeUpstream().start();
  // A refresh period of 0 fetches the list for every request, so the test needs no clock.
  const gateway = await startGateway({ IDENTITY_URL: identity.url, GATEWAY_JWKS_URL: keys.url, GATEWAY_REVOCATION_REFRESH_MS: '0' });
  after(async () => {
    await gateway.close();
    await Promise.all([identity.stop(), keys.stop()]);
  });

  test("a token whose session identity lists as ended is refused, though it has not expired", async () => {
    const headers = { authorization: `Bearer ${await accessToken(key)}` };
    assert.equal((await gateway.inject({ method: 'GET', url: '/users/me', headers })).statusCode, 200);
    keys.revoked = ['session-1'];
    const refused = await gateway.inject({ method: 'GET', url: '/users/me', headers });
    assert.equal(refused.statusCode, 401);
    assert.match(refused.headers['www-authenticate'] as string, /invalid_token/);
    assert.equal(identity.calls, 1);
  });
});

describe('security headers', async () => {
  const identity = await new FakeUpstream().start();
  const gateway = await startGateway({ IDENTITY_URL: identity.url });
  const withHsts = await startGateway({ IDENTITY_URL: identity.url, GATEWAY_HSTS: '31536000' });
  after(async () => {
    await Promise.all([gateway.close(), withHsts.close()]);
    await identity.stop();
  });
  const assertHardened = (headers: Record<string, unknown>) => {
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['referrer-policy'], 'no-referrer');
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.equal(headers['content-security-policy'], "default-src 'none';frame-ancestors 'none'");
  };

  test('an API response and a problem carry them; no HSTS unless configured', async () => {
    const proxied = await gateway.inject({ method: 'GET', url: '/auth/verify' });
    assert.equal(proxied.statusCode, 200);
    assertHardened(proxied.headers);
    assert.equal(proxied.headers['strict-transport-security'], undefined, 'plain http by default');
    const missing = await gateway.inject({ method: 'GET', url: '/no/such/route' });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.headers['content-type'] as string, /^application\/problem\+json/);
    assertHardened(missing.headers);
  });

  test('GATEWAY_HSTS sends Strict-Transport-Security with that max-age', async () => {
    const response = await withHsts.inject({ method: 'GET', url: '/auth/verify' });
    assert.equal(response.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
  });

  test('the Swagger UI pages keep working under their own policy, which still refuses framing', async () => {
    const page = await gateway.inject({ method: 'GET', url: '/docs' });
    const html = page.statusCode === 302 ? await gateway.inject({ method: 'GET', url: page.headers.location as string }) : page;
    assert.equal(html.statusCode, 200);
    assert.match(html.headers['content-type'] as string, /text\/html/);
    const csp = html.headers['content-security-policy'] as string;
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/);
    assert.equal(html.headers['x-content-type-options'], 'nosniff');
    const document = await gateway.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(document.statusCode, 200);
    assert.equal(document.json().openapi, '3.1.0');
  });
});

describe('GET /health through the gateway', async () => {
  const key = await signingKey('key-1');
  const keys = await new KeyServer([key]).start();
  const identity = await new FakeUpstream().start();
  const gateway = await startGateway({ IDENTITY_URL: identity.url, GATEWAY_JWKS_URL: keys.url });
  after(async () => {
    await gateway.close();
    await Promise.all([identity.stop(), keys.stop()]);
  });

  test('anonymous callers and customers learn only up, degraded or down', async () => {
    const customer = { authorization: `Bearer ${await accessToken(key, { roles: ['customer'] })}` };
    for (const headers of [{}, customer]) {
      const response = await gateway.inject({ method: 'GET', url: '/health', headers });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'up' });
      assert.doesNotMatch(response.body, /127\.0\.0\.1|identity|http/);
    }
  });

  test('an admin gets the full report; the probes are unchanged', async () => {
    const admin = { authorization: `Bearer ${await accessToken(key, { roles: ['admin'] })}` };
    const response = await gateway.inject({ method: 'GET', url: '/health', headers: admin });
    assert.equal(response.statusCode, 200);
    const health = response.json();
    assert.equal(health.status, 'healthy');
    assert.equal(health.checks.identity.details.url, identity.url);
    assert.deepEqual((await gateway.inject({ method: 'GET', url: '/health/live' })).json(), { status: 'alive' });
    assert.deepEqual((await gateway.inject({ method: 'GET', url: '/health/ready' })).json(), { status: 'ready' });
  });

  test('an upstream down: the public answer says degraded with the same status code', async () => {
    const down = await new FakeUpstream().start();
    await down.stop();
    const degraded = await startGateway({ IDENTITY_URL: identity.url, CATALOG_URL: down.url, GATEWAY_JWKS_URL: keys.url, GATEWAY_UPSTREAM_TIMEOUT_MS: '500' });
    try {
      const response = await degraded.inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'degraded' });
    } finally {
      await degraded.close();
    }
  });
});
