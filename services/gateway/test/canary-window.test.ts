/**
 * The canary's sliding window and rollback rule, and the dual run's comparison, on their own: the
 * window with a clock the test moves, the comparison against a real HTTP server standing in for the
 * canary (the end-to-end behaviour on real catalog processes is in canary.test.ts).
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { createLogger, createServiceClient } from '@bazaar/platform';
import { createCanaries, bucketOf } from '../src/canary.js';
import { createDualRun } from '../src/dual-run.js';
import { FakeUpstream, json } from './support/upstream.js';

const logger = createLogger('gateway', 'silent');

describe('the canary window', () => {
  const client = createServiceClient({ name: 'catalog-canary', baseUrl: 'http://127.0.0.1:9' });
  after(() => client.close());
  const make = (share = 0.5) => {
    const clock = { now: 0 };
    const canaries = createCanaries(
      { canaries: [{ service: 'catalog', url: 'http://127.0.0.1:9', share }], threshold: 0.2, windowMs: 10_000, minSample: 10, dualRun: [], samples: 5 },
      { clients: new Map([['catalog', client]]), logger, metrics: new Registry(), now: () => clock.now },
    );
    return { canary: canaries.get('catalog')!, clock };
  };

  test('no rollback below the minimum sample, however bad the ratio; one as soon as the sample is there', () => {
    const { canary } = make();
    for (let i = 0; i < 9; i++) canary.record('error');
    assert.equal(canary.report().state, 'active');
    canary.record('error');
    const report = canary.report();
    assert.equal(report.state, 'rolled-back');
    assert.equal(report.share, 0);
    assert.deepEqual([report.lastRollback?.errors, report.lastRollback?.total, report.lastRollback?.share], [10, 10, 0.5]);
  });

  test('at the threshold it stays; past it, it is rolled back', () => {
    const { canary } = make();
    for (let i = 0; i < 8; i++) canary.record('ok');
    canary.record('error');
    canary.record('error');
    assert.equal(canary.report().state, 'active', '2 of 10 is not above 0.2');
    canary.record('error');
    assert.equal(canary.report().state, 'rolled-back', '3 of 11 is');
  });

  test('outcomes older than the window no longer count', () => {
    const { canary, clock } = make();
    for (let i = 0; i < 9; i++) canary.record('error');
    clock.now += 11_000;
    assert.deepEqual([canary.report().window.total, canary.report().window.errors], [0, 0]);
    for (let i = 0; i < 9; i++) canary.record('ok');
    canary.record('error');
    assert.equal(canary.report().state, 'active', '1 error of 10 in the window');
    clock.now += 5_000;
    canary.record('ok');
    assert.equal(canary.report().window.total, 11, 'half a window later the recent ones are still counted');
  });

  test('a share set again starts a fresh window; a share of zero is off and takes nothing', () => {
    const { canary } = make();
    for (let i = 0; i < 10; i++) canary.record('error');
    assert.equal(canary.report().state, 'rolled-back');
    assert.equal(canary.chosen(undefined, 'someone'), false);
    const again = canary.setShare(1);
    assert.deepEqual([again.state, again.window.total, again.lastRollback?.total], ['active', 0, 10]);
    assert.equal(canary.chosen(undefined, 'someone'), true);
    assert.equal(canary.setShare(0).state, 'off');
    assert.equal(canary.chosen(undefined, undefined), false);
    assert.equal(canary.chosen('always', undefined), true);
    assert.equal(canary.chosen(['never'], 'someone'), false);
    assert.throws(() => canary.chosen('yes', undefined), /x-bazaar-canary/);
  });

  test('placement is by subject and service, spread over [0, 1)', () => {
    const { canary } = make(0.3);
    for (const subject of ['a', 'b', 'c']) assert.equal(canary.chosen(undefined, subject), bucketOf('catalog', subject) < 0.3);
    const buckets = Array.from({ length: 2000 }, (_, i) => bucketOf('catalog', `user-${i}`));
    const below = buckets.filter((b) => b < 0.3).length;
    assert.ok(below > 450 && below < 750, `${below} of 2000 below 0.3`);
    assert.notEqual(bucketOf('catalog', 'user-1'), bucketOf('orders', 'user-1'));
  });
});

describe('the dual run comparison', async () => {
  const canary = await new FakeUpstream().start();
  const client = createServiceClient({ name: 'catalog-canary', baseUrl: canary.url, retry: { maxAttempts: 1 } });
  after(async () => {
    await client.close();
    await canary.stop();
  });
  const route = { route: '/products/:id', service: 'catalog', ignore: ['/generatedAt', '/items/*/updatedAt', '/**/requestId'] };
  const compare = async (primary: unknown, answer: unknown, options: { status?: number; samples?: number; runs?: number } = {}) => {
    canary.respond = (_request, res) => json(res, options.status ?? 200, answer);
    const dual = createDualRun([route], { samples: options.samples ?? 10, logger, metrics: new Registry() });
    for (let i = 0; i < (options.runs ?? 1); i++) {
      dual.mirror({ route, client, path: `/products/${i}`, headers: {}, timeoutMs: 2000, primary: { status: 200, contentType: 'application/json', body: Buffer.from(JSON.stringify(primary)) } });
      await dual.idle();
    }
    return dual.report('catalog')!;
  };

  test('routes match whole paths, one segment per parameter', () => {
    const dual = createDualRun([route], { samples: 1, logger, metrics: new Registry() });
    assert.equal(dual.routeOf('catalog', '/products/42'), route);
    assert.equal(dual.routeOf('catalog', '/products/42/reviews'), undefined);
    assert.equal(dual.routeOf('catalog', '/products/'), undefined);
    assert.equal(dual.routeOf('orders', '/products/42'), undefined);
  });

  test('declared volatile members are ignored, at any depth with **', async () => {
    const report = await compare(
      { id: 1, generatedAt: 'a', requestId: 'x', items: [{ sku: 'A', updatedAt: '1', meta: { requestId: 'y' } }] },
      { id: 1, generatedAt: 'b', requestId: 'z', items: [{ sku: 'A', updatedAt: '2', meta: { requestId: 'w' } }] },
    );
    assert.deepEqual(report.counts, { match: 1, mismatch: 0, 'canary-error': 0, skipped: 0 });
  });

  test('differences are named by JSON Pointer: changed values, missing members, longer arrays, another status', async () => {
    const report = await compare(
      { id: 1, name: 'Lamp', tags: ['a'], 'a/b': 1, price: { minor: 100 } },
      { id: 1, name: 'Lamp!', tags: ['a', 'b'], 'a/b': 2, extra: true },
      { status: 201 },
    );
    assert.deepEqual(report.counts.mismatch, 1);
    const [sample] = report.samples;
    assert.deepEqual(sample!.status, { primary: 200, canary: 201 });
    assert.deepEqual(sample!.differences, [
      { path: '(status)', primary: 200, canary: 201 },
      { path: '/name', primary: 'Lamp', canary: 'Lamp!' },
      { path: '/tags/1', canary: 'b' },
      { path: '/a~1b', primary: 1, canary: 2 },
      { path: '/price', primary: { minor: 100 } },
      { path: '/extra', canary: true },
    ]);
  });

  test('a 5xx from the canary is a canary error, not a mismatch; samples are bounded, newest first, long values cut', async () => {
    assert.deepEqual((await compare({ id: 1 }, { detail: 'down' }, { status: 503 })).counts, { match: 0, mismatch: 0, 'canary-error': 1, skipped: 0 });
    const report = await compare({ text: 'a' }, { text: 'b'.repeat(5000) }, { samples: 3, runs: 5 });
    assert.equal(report.counts.mismatch, 5);
    assert.deepEqual(report.samples.map((s) => s.url), ['/products/4', '/products/3', '/products/2']);
    const cut = report.samples[0]!.differences[0]!.canary as string;
    assert.ok(cut.length <= 520 && cut.endsWith('…'), `${cut.length} characters`);
  });
});
