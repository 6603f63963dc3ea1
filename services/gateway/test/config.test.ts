import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@bazaar/platform';
import { loadGatewayConfig } from '../src/config.js';
import { authFor } from '../src/routes.table.js';

test('routes come from the table, only for upstreams whose URL is configured', () => {
  assert.deepEqual(loadGatewayConfig({}).routes, []);
  const config = loadGatewayConfig({ IDENTITY_URL: 'http://127.0.0.1:8101/' });
  assert.deepEqual(config.routes.map((r) => [r.prefix, r.upstream, r.timeoutMs]), [['/auth', 'identity', 5000], ['/users', 'identity', 5000]]);
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
    ]),
  });
  assert.deepEqual(config.routes.map((r) => [r.prefix, r.upstream, r.timeoutMs]), [['/auth', 'identity', 900], ['/users', 'identity', 5000], ['/couriers', 'shipping', 5000]]);
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
