// Reconciliation on its schedule: runs come by themselves, each kept and told to the metrics, their
// findings named in a warning; a run that fails is logged and the next interval runs again; stop waits.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { DeliveryInfo, Envelope, Logger } from '@bazaar/platform';
import { createEventHandlers } from '../src/ingest/handlers.js';
import { WarehouseInbox } from '../src/ingest/inbox.js';
import { CHECKS, type Check } from '../src/reconciliation/checks.js';
import { Reconciler, type ReconciliationRun } from '../src/reconciliation/reconciler.js';
import { scheduleReconciliation } from '../src/reconciliation/schedule.js';
import { Warehouse } from '../src/warehouse/warehouse.js';
import { envelope, shoppingDay } from './day.js';

const DAY = '2026-11-21';
const handlers = createEventHandlers();
const delivery: DeliveryInfo = { kind: 'events', attempt: 1, redelivered: false };
let warehouse: Warehouse;
const stray = randomUUID();

before(async () => {
  warehouse = await Warehouse.open(':memory:');
  const inbox = new WarehouseInbox(warehouse, { maxBatch: 500, lingerMs: 1 });
  const day = shoppingDay({ seed: 7, orders: 40, users: 12, day: DAY });
  // The day and one planted inconsistency: a capture for an order nobody placed.
  const events: Envelope[] = [
    ...day.events,
    envelope('payment.captured', 'payments', new Date(`${DAY}T20:00:00Z`), { operationId: randomUUID(), orderId: stray, paymentId: randomUUID(), amountMinor: 999, currency: 'EUR', version: 2 }),
  ];
  await Promise.all(events.map((e) => inbox.apply(e, handlers[e.type]!, delivery)));
});
after(async () => {
  await warehouse?.close();
});

/** A logger that keeps what it was told. */
function recordingLogger() {
  const lines: { level: 'warn' | 'error'; fields: Record<string, unknown>; message: string }[] = [];
  // Called as the schedule calls pino: an object of fields, then the message.
  const keep = (level: 'warn' | 'error') => ((fields: Record<string, unknown>, message: string) => { lines.push({ level, fields, message }); }) as Logger['warn'];
  return { lines, warn: keep('warn'), error: keep('error') };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), `never saw ${what}`);
}

test('runs come on the schedule, each saved and told to onRun, findings named in a warning; a failed run is retried next interval', async () => {
  const runs: ReconciliationRun[] = [];
  // The first run's first check fails (the warehouse busy, say); later runs pass.
  let failures = 1;
  const flaky: Check = {
    id: 'flaky', title: 'fails once',
    run: async () => {
      if (failures-- > 0) throw new Error('the warehouse was busy');
      return [];
    },
  };
  const reconciler = new Reconciler(warehouse, { graceSeconds: 0, sagaDeadlineSeconds: 300, now: () => new Date(`${DAY}T23:59:59Z`), onRun: (run) => runs.push(run) }, [flaky, ...CHECKS]);
  const logger = recordingLogger();
  const job = scheduleReconciliation(reconciler, { intervalMs: 20, logger });
  assert.equal(runs.length, 0, 'nothing runs before start');
  job.start();
  await until(() => runs.length >= 2, 'two scheduled runs');
  await job.stop();
  const seen = runs.length;

  assert.equal(logger.lines[0]?.level, 'error', 'the failed run was logged first');
  assert.match(logger.lines[0]!.message, /reconciliation failed; retrying next interval/);
  assert.ok(runs.every((r) => r.trigger === 'schedule'));
  for (const run of runs) {
    assert.deepEqual(run.findings.map((f) => [f.check, f.entity]), [['capture-without-order', stray]]);
  }
  const warnings = logger.lines.filter((l) => l.level === 'warn');
  assert.equal(warnings.length, runs.length, 'one warning per run with findings');
  assert.deepEqual(warnings[0]!.fields, { checks: ['capture-without-order: 1'] });
  assert.match(warnings[0]!.message, /GET \/analytics\/reconciliation/);
  // Each run was kept: the newest is the last one told.
  assert.equal((await reconciler.latest())?.runId, runs.at(-1)!.runId);

  // Stopped: no run starts again.
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(runs.length, seen, 'no run after stop');
});

test('a clean warehouse gives runs without a warning', async () => {
  const clean = await Warehouse.open(':memory:');
  try {
    const runs: ReconciliationRun[] = [];
    const reconciler = new Reconciler(clean, { graceSeconds: 0, sagaDeadlineSeconds: 300, onRun: (run) => runs.push(run) });
    const logger = recordingLogger();
    const job = scheduleReconciliation(reconciler, { intervalMs: 20, logger });
    job.start();
    await until(() => runs.length >= 1, 'a scheduled run');
    await job.stop();
    assert.deepEqual(runs[0]!.findings, []);
    assert.deepEqual(logger.lines, []);
  } finally {
    await clean.close();
  }
});

test('the first run comes soon after start, the next only an interval after it', async () => {
  const clean = await Warehouse.open(':memory:');
  try {
    const runs: ReconciliationRun[] = [];
    const reconciler = new Reconciler(clean, { graceSeconds: 0, sagaDeadlineSeconds: 300, onRun: (run) => runs.push(run) });
    // An interval no test waits out: only the first run can come.
    const job = scheduleReconciliation(reconciler, { intervalMs: 3_600_000, firstRunAfterMs: 10, logger: recordingLogger() });
    job.start();
    try {
      await until(() => runs.length >= 1, 'the first run');
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await job.stop();
    }
    assert.equal(runs.length, 1, 'one run: the next waits its interval');
  } finally {
    await clean.close();
  }
});
