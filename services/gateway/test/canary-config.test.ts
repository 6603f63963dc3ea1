import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@bazaar/platform';
import { loadGatewayConfig } from '../src/config.js';

const base = { CATALOG_URL: 'http://127.0.0.1:8102', GATEWAY_JWKS_URL: 'http://127.0.0.1:8101/.well-known/jwks.json' };
const refused = (env: Record<string, string>, variable: RegExp) =>
  assert.throws(() => loadGatewayConfig({ ...base, ...env }), (e: unknown) => e instanceof ConfigError && variable.test(e.message), JSON.stringify(env));

test('a canary is read from <SERVICE>_CANARY_URL and _SHARE, with the shared threshold, window and minimum sample', () => {
  assert.deepEqual(loadGatewayConfig(base).canary.canaries, []);
  const config = loadGatewayConfig({
    ...base,
    CATALOG_CANARY_URL: 'http://127.0.0.1:9102/',
    CATALOG_CANARY_SHARE: '0.25',
    GATEWAY_CANARY_THRESHOLD: '0.1',
    GATEWAY_CANARY_MIN_SAMPLE: '50',
    GATEWAY_DUAL_RUN: JSON.stringify([{ route: '/products/:id', ignore: ['/generatedAt', '/items/*/updatedAt', '/**/requestId'] }]),
  });
  assert.deepEqual(config.canary.canaries, [{ service: 'catalog', url: 'http://127.0.0.1:9102', share: 0.25 }]);
  assert.equal(config.canary.threshold, 0.1);
  assert.equal(config.canary.minSample, 50);
  assert.equal(config.canary.windowMs, 60_000);
  assert.deepEqual(config.canary.dualRun, [{ route: '/products/:id', service: 'catalog', ignore: ['/generatedAt', '/items/*/updatedAt', '/**/requestId'] }]);
  assert.equal(loadGatewayConfig({ ...base, CATALOG_CANARY_URL: 'http://127.0.0.1:9102' }).canary.canaries[0]!.share, 0, 'no share: off until set');
});

test('a canary or a dual-run route that cannot work stops the start, naming the variable', () => {
  refused({ ORDERS_CANARY_URL: 'http://127.0.0.1:9104' }, /ORDERS_CANARY_URL: names a canary of a service whose ORDERS_URL is not set/);
  refused({ CATALOG_CANARY_SHARE: '0.5' }, /CATALOG_CANARY_SHARE: is a share of a canary, but CATALOG_CANARY_URL is not set/);
  refused({ CATALOG_CANARY_URL: 'ftp://x', CATALOG_CANARY_SHARE: '1.5' }, /CATALOG_CANARY_URL[\s\S]*CATALOG_CANARY_SHARE/);
  refused({ GATEWAY_CANARY_THRESHOLD: '2' }, /GATEWAY_CANARY_THRESHOLD/);
  refused({ GATEWAY_DUAL_RUN: '[{' }, /GATEWAY_DUAL_RUN: is not valid JSON/);
  refused({ CATALOG_CANARY_URL: 'http://127.0.0.1:9102', GATEWAY_DUAL_RUN: '[{"route":"/products","ignore":["generatedAt"]}]' }, /GATEWAY_DUAL_RUN: must be a list/);
  refused({ CATALOG_CANARY_URL: 'http://127.0.0.1:9102', GATEWAY_DUAL_RUN: '[{"route":"/products","extra":1}]' }, /GATEWAY_DUAL_RUN: must be a list/);
  refused({ GATEWAY_DUAL_RUN: '[{"route":"/products"}]' }, /\/products: its service catalog has no canary \(CATALOG_CANARY_URL\)/);
  refused({ CATALOG_CANARY_URL: 'http://127.0.0.1:9102', GATEWAY_DUAL_RUN: '[{"route":"/orders"}]' }, /\/orders: no configured route of the gateway serves it/);
});
