import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { adminDatabaseUrl } from '@bazaar/platform/testing';
import { brokerPermissions, dropBrokerUsers, dropProvisioned, rabbitmqctl, rabbitmqctlUsable } from '../src/provision.js';
import { cleanBroker } from '../src/testing/system.js';
import { discoverServices, repoRoot } from '../src/services.js';

interface Launch {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(args: string[], env: Record<string, string> = {}): Launch {
  // Compiled, as npm start runs it (the test runner builds first).
  const child = spawn(process.execPath, ['tools/dist/launcher.js', ...args], {
    cwd: repoRoot,
    // Other tests run whole systems on the same PostgreSQL at the same time: small pools.
    env: { ...process.env, BAZAAR_DATABASE_POOL_MAX: '4', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => { output += c; });
  child.stderr!.on('data', (c) => { output += c; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(l: Launch, marker: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!l.output().includes(marker)) {
    if (l.child.exitCode !== null) throw new Error(`launcher exited early:\n${l.output()}`);
    if (Date.now() > deadline) throw new Error(`launcher did not print "${marker}" within ${timeoutMs} ms:\n${l.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function tableRows(output: string): { service: string; url: string; pid: number; state: string }[] {
  return output.split('\n')
    .map((line) => line.trim().split(/\s{2,}/))
    .filter((cells) => cells.length >= 5 && /^http:\/\//.test(cells[1]!))
    .map((cells) => ({ service: cells[0]!, url: cells[1]!, pid: Number(cells[2]), state: cells[cells.length - 1]! }));
}

/** Whether the process runs: a zombie (exited, not yet reaped by whoever adopted it) does not. */
const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};
const portOpen = (port: number) => new Promise<boolean>((resolve) => {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
});

function scratchDir(): string {
  // Embedded PostgreSQL runs as the postgres OS user, which must be able to reach its data directory.
  const dir = mkdtempSync(path.join(tmpdir(), 'bazaar-launch-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** Ctrl-C, then a hard kill if the launcher has not finished stopping its services by then. */
async function shutDown(l: Launch): Promise<void> {
  if (l.child.exitCode !== null) return;
  l.child.kill('SIGINT');
  const timer = setTimeout(() => l.child.kill('SIGKILL'), 30_000);
  await l.exited;
  clearTimeout(timer);
}

async function cleanUp(prefix: string, services: string[], adminUrl = adminDatabaseUrl()): Promise<void> {
  await cleanBroker('amqp://guest:guest@127.0.0.1:5672', services, prefix.replace(/_/g, '-')).catch(() => undefined);
  for (const service of services) await dropProvisioned(adminUrl, service, { prefix }).catch(() => undefined);
  await dropBrokerUsers(services, { userPrefix: prefix });
  const redis = new Redis('redis://127.0.0.1:6379');
  for (const service of services) await redis.call('ACL', 'DELUSER', `${prefix}_${service}`).catch(() => undefined);
  redis.disconnect();
}

test('npm start brings every service up healthy, prints the table, and Ctrl-C leaves no process behind', { timeout: 180_000 }, async () => {
  const prefix = `test_launch_${randomBytes(3).toString('hex')}`;
  const dataDir = scratchDir();
  const services = discoverServices().map((s) => s.name);
  const l = launch(['--port-offset', '2500', '--prefix', prefix, '--data-dir', dataDir, '--no-seed']);
  try {
    await waitFor(l, 'stop: Ctrl-C', 150_000);
    const rows = tableRows(l.output());
    assert.deepEqual(rows.map((r) => r.service).sort(), [...services].sort(), 'one row per service');
    const metricsPorts = new Map(discoverServices().map((d) => [d.name, d.metricsPort + 2500]));
    for (const row of rows) {
      assert.equal(row.state, 'ready', `${row.service}:\n${l.output()}`);
      // Metrics only on the service's metrics port, never on the port clients reach.
      assert.equal((await fetch(`${row.url}/metrics`)).status, 404, `${row.service} serves /metrics publicly`);
      const metrics = await fetch(`http://127.0.0.1:${metricsPorts.get(row.service)}/metrics`);
      assert.equal(metrics.status, 200, `${row.service} metrics port`);
      assert.match(await metrics.text(), new RegExp(`^process_cpu_seconds_total\\{service="${row.service}"\\}`, 'm'));
      const response = await fetch(`${row.url}/health`);
      const health = await response.json() as Record<string, unknown>;
      assert.equal(response.status, 200, row.service);
      if (row.service === 'gateway') {
        // The public edge tells anyone only whether it is up; the full report is for admins.
        assert.deepEqual(Object.keys(health), ['status']);
        assert.match(String(health.status), /^(up|degraded)$/);
        assert.equal((await fetch(`${row.url}/health/ready`)).status, 200);
        continue;
      }
      assert.equal(health.service, row.service);
      assert.match(String(health.status), /^(healthy|degraded)$/);
      for (const key of ['version', 'uptime', 'timestamp', 'checks']) assert.ok(key in health, `${row.service} /health has ${key}`);
    }
    if (await rabbitmqctlUsable()) {
      // Each service that sends or receives messages logs in to the broker as a user of its own.
      for (const def of discoverServices().filter((d) => d.messaging)) {
        const granted = JSON.parse(await rabbitmqctl(['-q', 'list_user_permissions', `${prefix}_${def.name}`, '--formatter', 'json'])) as { vhost: string }[];
        assert.deepEqual(granted, [{ vhost: '/', ...brokerPermissions({ service: def.name, ...def.messaging! }, prefix.replace(/_/g, '-')) }], def.name);
      }
      assert.match(l.output(), /RabbitMQ: .*a user per service/);
    }
    l.child.kill('SIGINT');
    assert.equal(await l.exited, 0, l.output());
    for (const row of rows) {
      assert.equal(alive(row.pid), false, `${row.service} (pid ${row.pid}) still running after Ctrl-C`);
      assert.equal(await portOpen(Number(new URL(row.url).port)), false, `${row.service} port still open`);
      assert.equal(await portOpen(metricsPorts.get(row.service)!), false, `${row.service} metrics port still open`);
    }
    assert.match(l.output(), /all stopped/);
  } finally {
    await shutDown(l);
    await cleanUp(prefix, services);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('with no PostgreSQL at the admin URL, npm start runs on an embedded one', { timeout: 180_000 }, async () => {
  const prefix = `test_embed_${randomBytes(3).toString('hex')}`;
  const dataDir = scratchDir();
  const port = 20_000 + Math.floor(Math.random() * 10_000);
  const l = launch(['--only', 'identity', '--port-offset', '3500', '--prefix', prefix, '--data-dir', dataDir, '--no-seed'], {
    BAZAAR_PG_ADMIN_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
  });
  try {
    await waitFor(l, 'stop: Ctrl-C', 150_000);
    assert.match(l.output(), new RegExp(`No PostgreSQL answers at .*:${port}.*starting an embedded PostgreSQL`));
    const [row] = tableRows(l.output());
    assert.equal(row?.state, 'ready', l.output());
    assert.match(l.output(), new RegExp(`bazaar_identity|${prefix}_identity @ 127\\.0\\.0\\.1:${port}`));
    const health = await (await fetch(`${row!.url}/health`)).json() as { checks: Record<string, { status: string }> };
    assert.equal(health.checks.database?.status, 'healthy');
    l.child.kill('SIGINT');
    assert.equal(await l.exited, 0, l.output());
    assert.equal(await portOpen(port), false, 'the embedded PostgreSQL stopped with the launcher');
  } finally {
    await shutDown(l);
    await cleanBroker('amqp://guest:guest@127.0.0.1:5672', ['identity'], prefix.replace(/_/g, '-')).catch(() => undefined);
    await dropBrokerUsers(['identity'], { userPrefix: prefix });
    const redis = new Redis('redis://127.0.0.1:6379');
    await redis.call('ACL', 'DELUSER', `${prefix}_identity`).catch(() => undefined);
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a service whose launcher is killed (SIGKILL, no chance to stop it) stops by itself instead of living on', { timeout: 180_000 }, async () => {
  const prefix = `test_orphan_${randomBytes(3).toString('hex')}`;
  const dataDir = scratchDir();
  const l = launch(['--only', 'identity', '--port-offset', '4500', '--prefix', prefix, '--data-dir', dataDir, '--no-seed']);
  try {
    await waitFor(l, 'stop: Ctrl-C', 150_000);
    const [row] = tableRows(l.output());
    assert.equal(row?.state, 'ready', l.output());
    l.child.kill('SIGKILL');
    await l.exited;
    // The service's supervisor preload notices within a second and sends it SIGTERM; the wait is
    // long only so that a loaded machine does not fail the test.
    for (let i = 0; i < 150 && alive(row!.pid); i++) await new Promise((r) => setTimeout(r, 200));
    assert.equal(alive(row!.pid), false, `identity (pid ${row!.pid}) still running after its launcher was killed`);
    assert.equal(await portOpen(Number(new URL(row!.url).port)), false, 'identity port still open');
  } finally {
    await shutDown(l);
    await cleanUp(prefix, ['identity']);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
