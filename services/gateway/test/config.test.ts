import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@bazaar/platform';
import { loadGatewayConfig } from '../src/config.js';
import { authFor, underPrefix } from '../src/routes.table.js';

test('routes come from the table, only for upstreams whose URL is configured', () => {
  assert.deepEqual(loadGatewayConfig({}).routes, []);
  const config = loadGatewayConfig({ IDENTITY_URL: 'http://127.0.0.1:8101/' });
  assert.deepEqual(config.routes.map((r) => [r.prefix, r.upstream, r.timeoutMs]), [
    ['/auth', 'identity', 5000], ['/users', 'identity', 5000],
    // The console's per-service routes, for the services configured that serve them.
    ['/admin/services/:service/dlq', ':service', 5000], ['/admin/services/:service/outbox', ':service', 5000],
    ['/admin/services/:service/signals', ':service', 5000], ['/admin/services/:service/health', ':service', 5000],
  ]);
  assert.deepEqual(config.routes.find((r) => r.prefix === '/admin/services/:service/health')?.upstreams, ['identity']);
  assert.deepEqual(config.upstreams, [{ name: 'identity', url: 'http://127.0.0.1:8101' }]);
  assert.equal(config.jwksUrl, 'http://127.0.0.1:8101/.well-known/jwks.json');
  assert.deepEqual(config.webOrigins, ['http://localhost:3000']);
});

test('GATEWAY_ROUTES replaces entries by prefix and adds new ones, whose upstream URL is then read', () => {
  const config = loadGatewayConfig({
    IDENTITY_URL: 'http://127.0.0.1:8101',
    SHIPPING_URL: 'http://127.0.0.1:8106',
    GATEWAY_ROUTES: JSON.stringify([
      { prefix: '/auth', upstream: 'identity', auth: 'public', timeoutMs: 900 },
      { prefix: '/couriers', upstream: 'shipping', auth: { GET: 'user', '*': 'admin' } },
      { prefix: '/returns', upstream: 'shipping', auth: 'user', timeoutMs: 700 },
    ]),
  });
  assert.deepEqual(config.routes.map((r) => [r.prefix, r.upstream, r.timeoutMs]), [
    ['/auth', 'identity', 900], ['/users', 'identity', 5000], ['/shipments', 'shipping', 5000], ['/couriers', 'shipping', 5000], ['/couriers/me', 'shipping', 5000],
    ['/admin/services/:service/dlq', ':service', 5000], ['/admin/services/:service/outbox', ':service', 5000], ['/admin/services/:service/signals', ':service', 5000], ['/admin/services/:service/health', ':service', 5000],
    ['/admin/services/:service/orphans', ':service', 5000], ['/returns', 'shipping', 700],
  ]);
  assert.deepEqual(config.routes.find((r) => r.prefix === '/couriers')!.auth, { GET: 'user', '*': 'admin' });
});

test('a malformed GATEWAY_ROUTES or URL stops the start with a message naming the variable', () => {
  assert.throws(() => loadGatewayConfig({ GATEWAY_ROUTES: '[{' }), (e: unknown) => e instanceof ConfigError && /GATEWAY_ROUTES/.test(e.message));
  assert.throws(() => loadGatewayConfig({ GATEWAY_ROUTES: '[{"prefix":"/x","upstream":"x","auth":"everyone"}]' }), /GATEWAY_ROUTES/);
  assert.throws(() => loadGatewayConfig({ IDENTITY_URL: 'ftp://nope' }), /IDENTITY_URL/);
});

test('routes that need a user cannot start without a key set to verify tokens', () => {
  assert.throws(
    () => loadGatewayConfig({ CATALOG_URL: 'http://127.0.0.1:8102', GATEWAY_ROUTES: '[{"prefix":"/products","upstream":"catalog","auth":{"GET":"public","*":"admin"}}]' }),
    /GATEWAY_JWKS_URL/,
  );
});

test('per-method auth: HEAD follows GET, other methods fall back to *', () => {
  const auth = { GET: 'public', '*': 'admin' } as const;
  assert.equal(authFor(auth, 'GET'), 'public');
  assert.equal(authFor(auth, 'HEAD'), 'public');
  assert.equal(authFor(auth, 'DELETE'), 'admin');
  assert.equal(authFor('user', 'POST'), 'user');
});

test('every service of the system has its routes in the table once its URL is configured', () => {
  const config = loadGatewayConfig(Object.fromEntries(['IDENTITY', 'CATALOG', 'INVENTORY', 'ORDERS', 'PAYMENTS', 'SHIPPING'].map((s, i) => [`${s}_URL`, `http://127.0.0.1:${8101 + i}`])));
  assert.deepEqual(config.routes.map((r) => `${r.prefix} ${r.upstream}`), [
    '/auth identity', '/users identity', '/categories catalog', '/products catalog', '/products/:id/reviews catalog',
    '/inventory inventory', '/orders orders', '/payments payments', '/shipments shipping', '/couriers shipping', '/couriers/me shipping',
    '/admin/services/:service/dlq :service', '/admin/services/:service/outbox :service', '/admin/services/:service/signals :service', '/admin/services/:service/health :service', '/admin/services/:service/orphans :service', '/admin/sagas orders',
  ]);
  const auth = (prefix: string, method: string) => authFor(config.routes.find((r) => r.prefix === prefix)!.auth, method);
  assert.deepEqual(['GET', 'POST', 'PATCH', 'DELETE'].map((m) => auth('/products', m)), ['public', 'admin', 'admin', 'admin']);
  assert.deepEqual(['GET', 'POST', 'DELETE'].map((m) => auth('/products/:id/reviews', m)), ['public', 'user', 'admin']);
  assert.deepEqual(['GET', 'POST'].map((m) => auth('/categories', m)), ['public', 'admin']);
  assert.deepEqual(['GET', 'POST'].map((m) => auth('/inventory', m)), ['admin', 'admin']);
  assert.deepEqual(['/orders', '/payments', '/shipments'].map((p) => auth(p, 'POST')), ['user', 'user', 'user']);
  assert.deepEqual(['/couriers', '/couriers/me'].map((p) => auth(p, 'PUT')), ['admin', 'user']);
});

test("the trace receiver's and the flag store's routes, for admins, once TRACES_URL and FLAGS_URL are set", () => {
  const config = loadGatewayConfig({ TRACES_URL: 'http://127.0.0.1:4318', FLAGS_URL: 'http://127.0.0.1:8014/', GATEWAY_JWKS_URL: 'http://127.0.0.1:8101/jwks' });
  assert.deepEqual(config.routes.map((r) => [r.prefix, r.upstream, r.rewrite, authFor(r.auth, 'PUT')]), [
    ['/admin/traces', 'traces', '/traces', 'admin'], ['/admin/audit', 'traces', '/audit', 'admin'], ['/admin/flags', 'flags', '/flags', 'admin'],
  ]);
  assert.deepEqual(config.upstreams, [{ name: 'traces', url: 'http://127.0.0.1:4318' }, { name: 'flags', url: 'http://127.0.0.1:8014' }]);
  assert.equal(loadGatewayConfig({ TRACES_URL: 'http://127.0.0.1:4318', GATEWAY_JWKS_URL: 'http://127.0.0.1:8101/jwks' }).routes.some((r) => r.prefix === '/admin/flags'), false, 'no FLAGS_URL, no route');
});

test('a prefix may have parameter segments; anything else is refused', () => {
  const config = loadGatewayConfig({ CATALOG_URL: 'http://127.0.0.1:8102', GATEWAY_JWKS_URL: 'http://127.0.0.1:8101/jwks', GATEWAY_ROUTES: '[{"prefix":"/products/:id/questions","upstream":"catalog","auth":"user"}]' });
  assert.ok(config.routes.some((r) => r.prefix === '/products/:id/questions'));
  for (const prefix of ['/:id', '/products/:', '/products/:1d', '/products/*', '/products/']) {
    assert.throws(() => loadGatewayConfig({ GATEWAY_ROUTES: JSON.stringify([{ prefix, upstream: 'catalog', auth: 'public' }]) }), /GATEWAY_ROUTES/, prefix);
  }
});

test('paths under a prefix: whole segments, a parameter matching one non-empty segment', () => {
  assert.ok(underPrefix('/users', '/users'));
  assert.ok(underPrefix('/users', '/users/me'));
  assert.ok(!underPrefix('/users', '/usersx'));
  assert.ok(underPrefix('/products/:id/reviews', '/products/42/reviews'));
  assert.ok(underPrefix('/products/:id/reviews', '/products/{id}/reviews'));
  assert.ok(!underPrefix('/products/:id/reviews', '/products/42'));
  assert.ok(!underPrefix('/products/:id/reviews', '/products//reviews'));
});
