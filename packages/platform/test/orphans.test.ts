/**
 * The kit's orphan cleanup: references paged out of the holder, each page asked of its owner in one
 * batch lookup over HTTP (the kit's resilient client against a real server), the dangling ones
 * reported or repaired by the check's rule, counted in the registry and listed by GET /admin/orphans.
 * An owner that does not answer, or answers something other than the lookup, concludes nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AppError, batchLookup, createLogger, createOrphanJob, createServiceApp, createServiceClient, registerOrphansRoute,
  type HeldReference, type OrphanCheck, type ServiceApp, type ServiceClient,
} from '../src/index.js';

const OWNED = new Set(['a1', 'a2', 'a4']);
/** What the owner is asked, one entry per call: the ids of that call. */
const asked: string[][] = [];
let answer: 'lookup' | 'error' | 'not-a-list' = 'lookup';
let owner: http.Server;
let client: ServiceClient;

before(async () => {
  owner = http.createServer((request, response) => {
    const ids = new URL(request.url ?? '/', 'http://owner').searchParams.get('ids')?.split(',') ?? [];
    asked.push(ids);
    if (answer === 'error') return void response.writeHead(503).end();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer === 'lookup' ? { found: ids.filter((id) => OWNED.has(id)) } : { items: [] }));
  });
  await new Promise<void>((resolve) => owner.listen(0, '127.0.0.1', resolve));
  const { port } = owner.address() as AddressInfo;
  // One attempt and a breaker that opens at once, so the owner's outage is seen without waiting.
  client = createServiceClient({ name: 'owner', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000, retry: { maxAttempts: 1 }, breaker: { threshold: 1, halfOpenAfterMs: 60_000 } });
});

after(async () => {
  await client.close();
  owner.close();
});

/** A holder with five references in key order; `repair` archives what is given, except `k3` (in use). */
function holder(rule: 'report' | 'repair') {
  const rows: HeldReference[] = [1, 2, 3, 4, 5].map((n) => ({ key: `k${n}`, ref: `a${n}` }));
  const archived = new Set<string>();
  const check: OrphanCheck = {
    kind: 'thing-owner', owner: 'owner', rule, description: 'things whose owner entity is gone',
    references: async (after, limit) => rows.filter((r) => !archived.has(r.key) && (after === undefined || r.key > after)).slice(0, limit),
    existing: batchLookup(client, '/lookup'),
    repair: async (orphans) => {
      const done = orphans.filter((o) => o.key !== 'k3').map((o) => o.key);
      for (const key of done) archived.add(key);
      return done;
    },
  };
  return { check, archived };
}

async function scrape(app: ServiceApp, name: string): Promise<string[]> {
  return (await app.metrics.metrics()).split('\n').filter((line) => line.startsWith(name));
}

async function appWith(job: Parameters<typeof registerOrphansRoute>[1]): Promise<ServiceApp> {
  const app = await createServiceApp({ name: 'holder', version: '1.0.0', logger: createLogger('holder', 'silent') });
  registerOrphansRoute(app, job, {
    preHandler: async (request) => { if (request.headers.authorization !== 'Bearer admin') throw AppError.forbidden('this needs the admin role'); },
  });
  await app.ready();
  return app;
}

test('a repair check pages through its references, asks the owner per page, repairs what is gone and counts it', async (t) => {
  answer = 'lookup';
  asked.length = 0;
  const { check, archived } = holder('repair');
  const job = createOrphanJob({ service: 'holder', checks: [check], logger: createLogger('holder', 'silent'), intervalMs: 60_000, batchSize: 2 });
  const app = await appWith(job);
  t.after(() => app.close());
  job.observe(app.metrics);
  assert.deepEqual(await scrape(app, 'orphans_found{'), ['orphans_found{kind="thing-owner",service="holder"} 0'], 'the kind is there before the first run');

  const [result] = await job.runOnce();
  assert.deepEqual(asked, [['a1', 'a2'], ['a3', 'a4'], ['a5']], 'one lookup per page of two');
  assert.equal(result?.outcome, 'complete');
  assert.equal(result?.checked, 5);
  assert.deepEqual(result?.orphans, [{ key: 'k3', ref: 'a3', repaired: false }, { key: 'k5', ref: 'a5', repaired: true }]);
  assert.deepEqual([...archived], ['k5']);
  assert.deepEqual(await scrape(app, 'orphans_found{'), ['orphans_found{kind="thing-owner",service="holder"} 2']);
  assert.deepEqual(await scrape(app, 'orphans_repaired_total{'), ['orphans_repaired_total{kind="thing-owner",service="holder"} 1']);
  assert.ok((await scrape(app, 'orphan_check_runs_total{')).includes('orphan_check_runs_total{kind="thing-owner",outcome="complete",service="holder"} 1'));

  const response = await app.inject({ method: 'GET', url: '/admin/orphans', headers: { authorization: 'Bearer admin' } });
  assert.equal(response.statusCode, 200);
  const [listed] = response.json().checks;
  assert.deepEqual([listed.kind, listed.rule, listed.outcome, listed.found], ['thing-owner', 'repair', 'complete', 2]);
  assert.equal((await app.inject({ method: 'GET', url: '/admin/orphans' })).statusCode, 403, 'operators only');

  // The next run no longer sees what was repaired: only the one left in use is found again.
  const [again] = await job.runOnce();
  assert.deepEqual(again?.orphans.map((o) => o.key), ['k3']);
  assert.deepEqual(await scrape(app, 'orphans_found{'), ['orphans_found{kind="thing-owner",service="holder"} 1']);
});

test('a report check repairs nothing', async () => {
  answer = 'lookup';
  const { check, archived } = holder('report');
  const job = createOrphanJob({ service: 'holder', checks: [check], logger: createLogger('holder', 'silent'), intervalMs: 60_000 });
  const [result] = await job.runOnce();
  assert.deepEqual(result?.orphans, [{ key: 'k3', ref: 'a3', repaired: false }, { key: 'k5', ref: 'a5', repaired: false }]);
  assert.equal(archived.size, 0);
});

test('an answer that is not the lookup\'s, then an owner that is down: unknown, no findings, no repair, the last count kept', async (t) => {
  answer = 'lookup';
  const { check, archived } = holder('report');
  const job = createOrphanJob({ service: 'holder', checks: [check], logger: createLogger('holder', 'silent'), intervalMs: 60_000 });
  const app = await appWith(job);
  t.after(() => app.close());
  job.observe(app.metrics);
  await job.runOnce();
  assert.deepEqual(await scrape(app, 'orphans_found{'), ['orphans_found{kind="thing-owner",service="holder"} 2']);

  answer = 'not-a-list';
  const [odd] = await job.runOnce();
  assert.deepEqual([odd?.outcome, odd?.found, odd?.orphans], ['unknown', 0, []]);

  // A 503 (the owner cannot serve) opens the breaker (threshold 1); the next call fails fast without reaching the owner.
  answer = 'error';
  const [failing] = await job.runOnce();
  const calls = asked.length;
  const [open] = await job.runOnce();
  assert.equal(asked.length, calls, 'the open circuit keeps the call from the owner');
  for (const result of [failing, open]) assert.deepEqual([result?.outcome, result?.found, result?.orphans], ['unknown', 0, []]);
  assert.match(open?.reason ?? '', /owner/);
  assert.equal(archived.size, 0);
  assert.deepEqual(await scrape(app, 'orphans_found{'), ['orphans_found{kind="thing-owner",service="holder"} 2'], 'an unknown run changes nothing');
  assert.ok((await scrape(app, 'orphan_check_runs_total{')).includes('orphan_check_runs_total{kind="thing-owner",outcome="unknown",service="holder"} 3'));
  const listed = (await app.inject({ method: 'GET', url: '/admin/orphans', headers: { authorization: 'Bearer admin' } })).json().checks[0];
  assert.equal(listed.outcome, 'unknown');
});
