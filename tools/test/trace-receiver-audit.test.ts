// The trace receiver as the gateway's `traces` upstream: alive, documented, and serving the isolation
// audit the launcher runs (one run at a time, in the background, its failure kept as its error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAuditRunner } from '../src/audit-runner.js';
import type { Finding } from '../src/audit.js';
import { startTraceReceiver } from '../src/trace-receiver.js';

const findings: Finding[] = [
  { service: 'orders', area: 'postgres', check: "catalog's role connects to orders' database", outcome: 'ok' },
  { service: 'orders', area: 'redis', check: 'no key outside orders:*', outcome: 'breach', detail: 'wrote catalog:x' },
  { service: 'analytics', area: 'rabbitmq', check: 'cannot read orders.events', outcome: 'skipped', detail: 'no rabbitmqctl' },
];

/** An audit that finishes when the test says so, counting its runs. */
function controlledAudit() {
  let runs = 0;
  let finish!: (result: Finding[] | Error) => void;
  const audit = () => {
    runs += 1;
    return new Promise<Finding[]>((resolve, reject) => {
      finish = (result) => (result instanceof Error ? reject(result) : resolve(result));
    });
  };
  return { audit, finish: (result: Finding[] | Error) => finish(result), runs: () => runs };
}

test('GET /audit is the latest run; POST /audit runs it again in the background, one run at a time', async () => {
  const control = controlledAudit();
  const runner = createAuditRunner(control.audit);
  const receiver = await startTraceReceiver({ audit: runner });
  try {
    const read = async () => (await fetch(`${receiver.url}/audit`)).json() as Promise<Record<string, unknown>>;
    assert.deepEqual(await read(), { running: false, startedAt: null, finishedAt: null, durationMs: null, error: null, summary: { ok: 0, breach: 0, skipped: 0 }, findings: [] });

    const started = await fetch(`${receiver.url}/audit`, { method: 'POST' });
    assert.equal(started.status, 202);
    assert.equal(((await started.json()) as { running: boolean }).running, true);
    await fetch(`${receiver.url}/audit`, { method: 'POST' });
    assert.equal(control.runs(), 1, 'a run under way is not started twice');

    control.finish(findings);
    await runner.idle();
    const done = await read();
    assert.equal(done.running, false);
    assert.deepEqual(done.findings, findings);
    assert.deepEqual(done.summary, { ok: 1, breach: 1, skipped: 1 });
    assert.ok(typeof done.finishedAt === 'string' && typeof done.durationMs === 'number');

    await fetch(`${receiver.url}/audit`, { method: 'POST' });
    control.finish(new Error('no PostgreSQL answers'));
    await runner.idle();
    const failed = await read();
    assert.deepEqual([failed.error, failed.findings], ['no PostgreSQL answers', []]);
    assert.equal(control.runs(), 2);
    assert.equal((await fetch(`${receiver.url}/audit`, { method: 'DELETE' })).status, 405);
  } finally {
    await receiver.close();
  }
});

test('without an audit /audit is a 404; /health/live and /openapi.json answer for the gateway', async () => {
  const receiver = await startTraceReceiver();
  try {
    const audit = await fetch(`${receiver.url}/audit`);
    assert.equal(audit.status, 404);
    assert.match(audit.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal((await fetch(`${receiver.url}/health/live`)).status, 200);
    const doc = (await (await fetch(`${receiver.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    assert.deepEqual(Object.keys(doc.paths).sort(), ['/audit', '/traces', '/traces/{traceId}']);
  } finally {
    await receiver.close();
  }
});
