/**
 * npm start's flag store: the admin server over a real flag-definition file (admins only, checked
 * with a real key set), strict about what it is asked, writing the file whole by a rename; the kit's
 * flags, reading the same file, follow a flip without being made anew. Also: the store copies the
 * shipped definitions only when there is no file yet. (That Kubernetes' ConfigMap holds the same
 * definitions as deploy/flags/flags.json is checked on the built overlays, tools/test/deploy-manifests.test.ts.)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFlags, createJwtVerifier, createLogger, type Flags, type ServiceApp } from '@bazaar/platform';
import { assertHostileSafe, eventually, startTestIssuer, type TestIssuer } from '@bazaar/platform/testing';
import { SHIPPED_FLAGS, buildFlagAdminApp, startFlagStore, type FlagView } from '../src/flags-server.js';

let dir: string;
let file: string;
let issuer: TestIssuer;
let app: ServiceApp;
let flags: Flags;
let admin: { authorization: string };
const PROBLEM = /^application\/problem\+json/;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bazaar-flag-store-'));
  file = path.join(dir, 'flags.json');
  const shipped = JSON.parse(await readFile(SHIPPED_FLAGS, 'utf8')) as { flags: Record<string, unknown> };
  // The shipped flags, and one with rules of its own that the API leaves alone.
  shipped.flags['beta-banner'] = {
    state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off',
    targeting: { if: [{ '==': [{ var: 'country' }, 'NL'] }, 'on', 'off'] },
  };
  await writeFile(file, JSON.stringify(shipped, null, 2));
  issuer = await startTestIssuer();
  app = await buildFlagAdminApp({ file, verifier: createJwtVerifier({ jwksUrl: issuer.jwksUrl, revocationUrl: false }), logger: createLogger('flags', 'silent') });
  await app.ready();
  flags = await createFlags({ service: 'flag-store-test', file, logger: createLogger('flags', 'silent') });
  admin = { authorization: `Bearer ${await issuer.token({ roles: ['admin'] })}` };
});

after(async () => {
  await flags.close();
  await app.close();
  await issuer.close();
  await rm(dir, { recursive: true, force: true });
});

const put = async (key: string, body: unknown, headers: Record<string, string> = admin) =>
  app.inject({ method: 'PUT', url: `/flags/${key}`, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const onDisk = async () => JSON.parse(await readFile(file, 'utf8')) as { $schema: string; flags: Record<string, { defaultVariant: string; targeting?: unknown; metadata?: unknown }> };

test('GET /flags lists every flag with its type, variants, default, state and rollout', async () => {
  const response = await app.inject({ method: 'GET', url: '/flags', headers: admin });
  assert.equal(response.statusCode, 200);
  const items = response.json().items as FlagView[];
  const byKey = new Map(items.map((i) => [i.key, i]));
  assert.deepEqual(byKey.get('courier-dispatch-strategy'), {
    key: 'courier-dispatch-strategy', type: 'string', state: 'ENABLED',
    description: 'How shipping picks the courier for a parcel: the nearest available one, or the one with the fewest active deliveries within the search radius (nearest on a tie).',
    variants: [{ name: 'nearest', value: 'nearest' }, { name: 'least-loaded', value: 'least-loaded' }],
    defaultVariant: 'nearest', rollout: null, targeting: 'none',
  });
  assert.deepEqual(byKey.get('checkout-fraud-check'), {
    key: 'checkout-fraud-check', type: 'boolean', state: 'ENABLED',
    description: 'A fraud check before a checkout\'s payment is authorised; turned on for a percentage of users by a fractional rollout on the user\'s id.',
    variants: [{ name: 'on', value: true }, { name: 'off', value: false }], defaultVariant: 'off', rollout: null, targeting: 'none',
  });
  assert.equal(byKey.get('beta-banner')?.targeting, 'custom');
});

test('only an admin reads or flips flags', async () => {
  const customer = { authorization: `Bearer ${await issuer.token({ roles: ['customer'] })}` };
  for (const headers of [{}, customer, { authorization: 'Bearer not-a-token' }]) {
    const list = await app.inject({ method: 'GET', url: '/flags', headers });
    assert.ok([401, 403].includes(list.statusCode), `GET answered ${list.statusCode}`);
    assert.match(String(list.headers['content-type']), PROBLEM);
    const flip = await put('courier-dispatch-strategy', { defaultVariant: 'least-loaded' }, headers);
    assert.ok([401, 403].includes(flip.statusCode), `PUT answered ${flip.statusCode}`);
  }
  assert.equal((await onDisk()).flags['courier-dispatch-strategy']!.defaultVariant, 'nearest', 'nothing was written');
});

test('PUT sets the default variant: the file is replaced whole (its schema and metadata kept) and the kit\'s flags follow without a restart', async () => {
  assert.equal(await flags.string('courier-dispatch-strategy', 'nearest', ['nearest', 'least-loaded']), 'nearest');
  const response = await put('courier-dispatch-strategy', { defaultVariant: 'least-loaded' });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.json().defaultVariant, 'least-loaded');
  const written = await onDisk();
  assert.equal(written.flags['courier-dispatch-strategy']!.defaultVariant, 'least-loaded');
  assert.equal(written.$schema, 'https://flagd.dev/schema/v0/flags.json');
  assert.ok(written.flags['courier-dispatch-strategy']!.metadata, 'metadata kept');
  assert.deepEqual((await readdir(dir)).sort(), ['flags.json'], 'no temporary file left beside it');
  await eventually(async () => (await flags.string('courier-dispatch-strategy', 'nearest', ['nearest', 'least-loaded'])) === 'least-loaded', { timeoutMs: 30_000, intervalMs: 200, message: 'the flip did not reach the kit\'s flags' });
  const one = await app.inject({ method: 'GET', url: '/flags/courier-dispatch-strategy', headers: admin });
  assert.equal(one.json().defaultVariant, 'least-loaded');
});

test('PUT with a percentage rollout of a boolean flag writes flagd\'s fractional targeting; per user, about that share is on', async () => {
  const response = await put('checkout-fraud-check', { defaultVariant: 'off', rollout: { variant: 'on', percentage: 25 } });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json().rollout, { variant: 'on', percentage: 25 });
  assert.equal(response.json().targeting, 'rollout');
  assert.deepEqual((await onDisk()).flags['checkout-fraud-check']!.targeting, { fractional: [['on', 25], ['off', 75]] });
  const users = Array.from({ length: 400 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const share = async () => (await Promise.all(users.map((u) => flags.boolean('checkout-fraud-check', false, { targetingKey: u })))).filter(Boolean).length;
  const on = await eventually(async () => {
    const n = await share();
    return n > 0 ? n : undefined;
  }, { timeoutMs: 30_000, intervalMs: 200, message: 'the rollout did not reach the kit\'s flags' });
  assert.ok(on > 400 * 0.15 && on < 400 * 0.35, `about 25 % of 400 users, got ${on}`);

  // Without a rollout, the targeting goes and everyone has the default again.
  const off = await put('checkout-fraud-check', { defaultVariant: 'off', rollout: null });
  assert.equal(off.statusCode, 200);
  assert.equal(off.json().rollout, null);
  assert.equal((await onDisk()).flags['checkout-fraud-check']!.targeting, undefined);
  await eventually(async () => (await share()) === 0, { timeoutMs: 30_000, intervalMs: 200 });
});

test('a wrong change is a 4xx problem naming what is wrong, and the file is untouched', async () => {
  const before = await readFile(file, 'utf8');
  const cases: [string, unknown, number, RegExp][] = [
    ['courier-dispatch-strategy', { defaultVariant: 'teleport' }, 400, /no variant teleport/],
    ['courier-dispatch-strategy', { defaultVariant: 'nearest', rollout: { variant: 'least-loaded', percentage: 10 } }, 400, /only a boolean flag/],
    ['checkout-fraud-check', { defaultVariant: 'off', rollout: { variant: 'on', percentage: 101 } }, 400, /percentage|maximum|100/],
    ['checkout-fraud-check', { defaultVariant: 'off', rollout: { variant: 'on', percentage: 12.5 } }, 400, /integer|percentage/],
    ['checkout-fraud-check', { defaultVariant: 'off', rollout: { variant: 'off', percentage: 10 } }, 400, /other than the default/],
    ['checkout-fraud-check', { defaultVariant: 'off', rollout: { variant: 'maybe', percentage: 10 } }, 400, /no variant maybe/],
    ['checkout-fraud-check', { defaultVariant: 'off', rollout: { variant: 'on' } }, 400, /percentage/],
    ['checkout-fraud-check', { defaultVariant: 'off', extra: 1 }, 400, /extra|additional/],
    ['checkout-fraud-check', { defaultVariant: true }, 400, /defaultVariant/],
    ['checkout-fraud-check', {}, 400, /defaultVariant/],
    ['checkout-fraud-check', [], 400, /.+/],
    ['no-such-flag', { defaultVariant: 'on' }, 404, /no-such-flag/],
    ['beta-banner', { defaultVariant: 'on' }, 409, /targeting rules of its own/],
    ['has spaces', { defaultVariant: 'on' }, 400, /key|pattern/],
    ['__proto__', { defaultVariant: 'on' }, 400, /key/],
    ['constructor', { defaultVariant: 'on' }, 404, /constructor/],
  ];
  for (const [key, body, status, detail] of cases) {
    const response = await put(encodeURIComponent(key), body);
    assert.equal(response.statusCode, status, `${key} ${JSON.stringify(body)}: ${response.body}`);
    assert.match(String(response.headers['content-type']), PROBLEM);
    assert.match(JSON.stringify(response.json()), detail, `${key} ${JSON.stringify(body)}: ${response.body}`);
  }
  const notJson = await app.inject({ method: 'PUT', url: '/flags/checkout-fraud-check', headers: { ...admin, 'content-type': 'application/json' }, payload: '{"defaultVariant": ' });
  assert.equal(notJson.statusCode, 400);
  const text = await app.inject({ method: 'PUT', url: '/flags/checkout-fraud-check', headers: { ...admin, 'content-type': 'text/plain' }, payload: 'on' });
  assert.ok([400, 415].includes(text.statusCode), `a text body answered ${text.statusCode}`);
  assert.match(String(text.headers['content-type']), PROBLEM);
  assert.equal(await readFile(file, 'utf8'), before, 'the file is as it was');
});

test('every route answers hostile requests with a 2xx or a problem+json 4xx, never a 5xx; the file stays one flagd takes', async () => {
  const auth = { user: { authorization: `Bearer ${await issuer.token({ roles: ['customer'] })}` }, admin };
  await assertHostileSafe(app, { auth, known: { key: ['courier-dispatch-strategy', 'checkout-fraud-check', 'beta-banner'], defaultVariant: ['nearest', 'least-loaded', 'on', 'off'], variant: ['on', 'off'] } });
  const after = await app.inject({ method: 'GET', url: '/flags', headers: admin });
  assert.equal(after.statusCode, 200, 'whatever was accepted left a file flagd takes');
});

test('a flag file flagd would refuse (edited by hand) is a 503 saying so, not a crash', async () => {
  const good = await readFile(file, 'utf8');
  try {
    await writeFile(file, '{"flags": {"x": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a"}');
    const response = await app.inject({ method: 'GET', url: '/flags', headers: admin });
    assert.equal(response.statusCode, 503);
    assert.match(response.json().detail, /not one flagd takes/);
    assert.equal((await put('checkout-fraud-check', { defaultVariant: 'on' })).statusCode, 503);
  } finally {
    await writeFile(file, good);
  }
});

test('the store copies the shipped definitions when there is no file, and keeps a flipped one', async () => {
  const dataRoot = await mkdtemp(path.join(tmpdir(), 'bazaar-flag-data-'));
  try {
    const lines: string[] = [];
    const first = await startFlagStore({ dataRoot, port: 0, log: (line) => lines.push(line) });
    assert.equal(first.file, path.join(dataRoot, 'flags', 'flags.json'));
    assert.equal(await readFile(first.file, 'utf8'), await readFile(SHIPPED_FLAGS, 'utf8'));
    assert.equal(first.url, undefined, 'no admin server without identity to check tokens');
    await first.close();
    await writeFile(first.file, (await readFile(first.file, 'utf8')).replace('"defaultVariant": "nearest"', '"defaultVariant": "least-loaded"'));
    const again = await startFlagStore({ dataRoot, port: 0, identityUrl: 'http://127.0.0.1:9', log: (line) => lines.push(line) });
    assert.match(await readFile(again.file, 'utf8'), /"defaultVariant": "least-loaded"/, 'a flipped flag survives a restart');
    assert.ok(again.url, 'the admin server listens');
    const health = await fetch(`${again.url}/health/live`);
    assert.equal(health.status, 200);
    const anonymous = await fetch(`${again.url}/flags`);
    assert.equal(anonymous.status, 401);
    await again.close();
  } finally {
    await rm(dataRoot, { recursive: true, force: true });
  }
});
