// The load generator (tools/src/load/) against a test system: a few seconds of the open loop at a low
// rate through the gateway, then checks of what it collected, not of how fast anything was: every
// kind of task was made and timed, every checkout was followed to its end, the invariants it audits
// through the APIs hold and agree with the same run audited from the services' own databases
// (tools/src/testing/invariants.ts), the audit reports violations planted in what it read, and the
// HTML report is written with the charts' data and uPlot inlined.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { SystemReader, audit } from '../src/testing/invariants.js';
import { runLoad, type LoadResult } from '../src/load/generator.js';
import { judge } from '../src/load/audit.js';
import { renderReport } from '../src/load/report.js';
import { STOCK_PER_PRODUCT } from '../src/load/setup.js';

const run = randomBytes(4).toString('hex');
const adminEmail = `load-admin-${run}@bazaar.test`;
const password = 'Load-admin-password-2026!';
let system: TestSystem;
let result: LoadResult;
let dir: string;

before(async () => {
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'gateway'],
    env: { identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024' } },
    log: (line) => console.log(`[system] ${line}`),
  });
  dir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-load-'));
  const gateway = system.url('gateway');
  const registered = await fetch(`${gateway}/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: adminEmail, password, name: 'Load Admin' }) });
  assert.equal(registered.status, 201, await registered.text());
  result = await runLoad({
    gateway, admin: { email: adminEmail, password }, users: 3, usersDomain: `${run}.bazaar.test`,
    rate: 8, durationMs: 5_000, seed: 20_261_205, discontinue: false,
    log: (line) => console.log(`[load] ${line}`),
  });
}, { timeout: 600_000 });

after(async () => {
  await system?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('every kind of task is made and timed, and every checkout is followed to its end', () => {
  const [phase] = result.phases;
  assert.ok(phase, 'one phase at the rate given');
  assert.equal(result.phases.length, 1);
  assert.equal(phase.tasks.browse + phase.tasks.cart + phase.tasks.checkout, 40, '8 tasks a second for 5 seconds');
  for (const task of ['browse', 'cart', 'checkout'] as const) {
    assert.ok(phase.tasks[task] > 0, `${task} tasks were started`);
    assert.equal(phase.latency[task].count, phase.tasks[task], `every ${task} task timed`);
  }
  assert.equal(phase.checkouts.placed, phase.tasks.checkout, 'every checkout accepted');
  assert.equal(phase.checkouts.confirmed + phase.checkouts.cancelled + phase.checkouts.rejected, phase.checkouts.placed, 'every checkout seen to end');
  assert.equal(phase.checkouts.notTerminal, 0);
  assert.ok(phase.latency.follow.count >= phase.checkouts.placed, 'each order was read at least once');
  assert.equal(phase.latency.terminal.count, phase.checkouts.placed);
  assert.deepEqual(result.errors, {}, 'no request failed');
  assert.ok(phase.verdict, 'the phase is judged against the criteria');
  assert.equal(result.users, 3);
  const seconds = result.seconds.filter((s) => s.phase === phase.name);
  assert.ok(seconds.length >= 4, `1 s buckets over the phase: ${seconds.length}`);
  assert.equal(result.seconds.reduce((n, s) => n + s.kinds.browse.count, 0), phase.tasks.browse, 'the buckets hold every browse request');
});

test('the invariants audited through the APIs hold and agree with the services\' databases', async () => {
  for (const invariant of result.invariants) assert.ok(invariant.ok, `${invariant.name}: ${invariant.detail.join('; ')}`);
  const byName = Object.fromEntries(result.invariants.map((i) => [i.name, i]));
  const placed = result.audit.placed.length;
  assert.ok(placed > 0);
  assert.equal(byName['checkout-terminal']!.checked, placed);
  assert.equal(byName['stock-matches']!.checked, 6, 'each of the run\'s products');
  assert.ok(byName['confirmed-captured']!.checked > 0, 'some orders confirmed, so the money rules looked at payments');
  const reader = new SystemReader(system);
  try {
    const snapshot = await reader.snapshot(placed, result.audit.placed.map((p) => p.id));
    assert.deepEqual(audit(snapshot), [], 'the same run audited from each service\'s own database');
    const confirmedUnits = snapshot.orders.filter((o) => o.status === 'confirmed').flatMap((o) => Object.values(o.items)).reduce((a, b) => a + b, 0);
    const taken = snapshot.stock.reduce((n, s) => n + STOCK_PER_PRODUCT - (s.onHand - s.reserved), 0);
    assert.equal(taken, confirmedUnits, 'stock read from inventory\'s database went down by the confirmed units');
  } finally {
    await reader.close();
  }
});

test('the audit reports violations planted in what it read', () => {
  const data = result.audit;
  const broken = (planted: typeof data) => judge(planted, data.stock.map((s) => s.sku)).filter((i) => !i.ok).map((i) => i.name);
  const confirmed = data.orders.find((o) => o.status === 'confirmed')!;
  assert.ok(confirmed, 'a confirmed order to plant violations on');
  assert.deepEqual(broken({ ...data, payments: data.payments.map((p) => (p.orderId === confirmed.id ? { ...p, capturedMinor: p.capturedMinor - 1 } : p)) }), ['confirmed-captured', 'money-total']);
  assert.deepEqual(broken({ ...data, stock: data.stock.map((s, i) => (i === 0 ? { ...s, available: s.available - 1, reserved: s.reserved + 1 } : s)) }), ['stock-matches']);
  assert.deepEqual(broken({ ...data, stock: data.stock.map((s, i) => (i === 0 ? { ...s, onHand: -1, reserved: 0, available: -1 } : s)) }), ['stock-matches', 'stock-sane']);
  assert.deepEqual(broken({ ...data, orders: data.orders.map((o) => (o.id === confirmed.id ? { ...o, status: 'pending' } : o)) }), ['checkout-terminal', 'money-total', 'stock-matches'], 'an order not ended is not confirmed: its money and stock no longer add up either');
  assert.deepEqual(broken({ ...data, orders: data.orders.filter((o) => o.id !== confirmed.id) }), ['order-known', 'money-total', 'stock-matches']);
  assert.deepEqual(broken({ ...data, shipments: data.shipments.filter((s) => s.orderId !== confirmed.id) }), ['one-shipment']);
  assert.deepEqual(broken({ ...data, deadLetters: { orders: { before: 0, after: 1 } } }), ['no-new-dead-letters']);
});

test('the HTML report is written with the charts\' data and needs no network', () => {
  const file = path.join(dir, 'load.html');
  writeFileSync(file, renderReport(result, { command: 'test' }));
  const html = readFileSync(file, 'utf8');
  const json = /<script id="load-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(json, 'the run\'s data embedded');
  const data = JSON.parse(json[1]!) as { chart: { t: number[]; p99: Record<string, (number | null)[]>; throughput: Record<string, number[]> }; invariants: unknown[]; audit?: unknown };
  assert.equal(data.chart.t.length, result.seconds.length);
  for (const kind of ['browse', 'cart', 'checkout', 'follow']) assert.equal(data.chart.p99[kind]!.length, result.seconds.length, `p99 of ${kind} over time`);
  assert.ok(data.chart.p99.browse!.some((v) => v !== null && v > 0), 'browse latencies charted');
  assert.equal(data.chart.throughput.browse!.reduce((a, b) => a + b, 0), result.phases[0]!.tasks.browse, 'throughput sums to the requests made');
  assert.equal(data.invariants.length, result.invariants.length);
  assert.equal(data.audit, undefined, 'the raw audit data stays out of the report');
  assert.match(html, /uPlot/, 'the chart library is inlined');
  for (const id of ['p99', 'p50', 'throughput', 'terminal']) assert.match(html, new RegExp(`<div id="${id}" class="chart">`));
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=/i, 'nothing loaded from elsewhere');
});
