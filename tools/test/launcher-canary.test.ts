/**
 * `npm start -- --canary catalog=0.5`: a second catalog process on its own port against the same
 * database, the gateway sending it requests, and Ctrl-C stopping both. Identity runs because catalog
 * and the gateway read its keys.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { adminDatabaseUrl } from '@bazaar/platform/testing';
import { dropBrokerUsers, dropProvisioned } from '../src/provision.js';
import { cleanBroker } from '../src/testing/system.js';
import { getsServed } from '../src/testing/http.js';
import { repoRoot } from '../src/services.js';
import { parseCanaryOption } from '../src/canary.js';

// Clear of the other launcher tests' offsets (2500, 3500, 4500) and of the test systems' (5000 and up).
const OFFSET = 600;
const SERVICES = ['identity', 'catalog', 'gateway'];

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

/** Requests a service answered on a route, from its metrics port. */
const served = (metricsPort: number, route: string) => getsServed(`http://127.0.0.1:${metricsPort}/metrics`, route);

test('--canary takes services and optional shares, and refuses anything else', () => {
  assert.deepEqual(parseCanaryOption('catalog'), [{ service: 'catalog', share: 0.1 }]);
  assert.deepEqual(parseCanaryOption('catalog=0.5, orders=1'), [{ service: 'catalog', share: 0.5 }, { service: 'orders', share: 1 }]);
  for (const bad of ['catalog=', 'catalog=2', 'catalog=-1', 'catalog=half', 'Catalog', 'catalog=0.1=2', '=0.5']) {
    assert.throws(() => parseCanaryOption(bad), /--canary takes service or service=share/, bad);
  }
});

test('npm start -- --canary catalog runs a second catalog on the same database, the gateway sends it requests, and Ctrl-C stops both', { timeout: 240_000 }, async () => {
  const prefix = `test_canary_${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bazaar-launch-'));
  chmodSync(dataDir, 0o755);
  const child = spawn(process.execPath, ['tools/dist/launcher.js', '--only', SERVICES.join(','), '--canary', 'catalog=0.5', '--port-offset', String(OFFSET), '--prefix', prefix, '--data-dir', dataDir, '--no-seed', '--no-couriers'], {
    cwd: repoRoot,
    env: { ...process.env, BAZAAR_DATABASE_POOL_MAX: '4' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => { output += c; });
  child.stderr.on('data', (c) => { output += c; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    for (let waited = 0; !output.includes('stop: Ctrl-C'); waited += 200) {
      if (child.exitCode !== null) throw new Error(`launcher exited early:\n${output}`);
      if (waited > 200_000) throw new Error(`launcher did not finish starting:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const rows = output.split('\n').map((line) => line.trim().split(/\s{2,}/)).filter((cells) => cells.length >= 5 && /^http:\/\//.test(cells[1]!));
    const row = (service: string) => rows.find((cells) => cells[0] === service);
    const canary = row('catalog-canary');
    assert.ok(canary, output);
    assert.equal(canary[1], `http://127.0.0.1:${9102 + OFFSET}`);
    assert.equal(canary[4], 'ready', output);
    assert.equal(canary[3], row('catalog')![3], 'the same database as catalog');
    assert.match(output, /catalog-canary: a second process on port 9702/);

    const health = await (await fetch(`${canary[1]}/health`)).json() as { service: string; checks: Record<string, { status: string }> };
    assert.equal(health.service, 'catalog');
    assert.equal(health.checks.database?.status, 'healthy');

    // The gateway knows the canary: a request that asks for it is answered there.
    const gateway = `http://127.0.0.1:${8080 + OFFSET}`;
    const before = await served(9152 + OFFSET, '/products');
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${gateway}/products?limit=1`, { headers: { 'x-bazaar-canary': 'always' } });
      assert.equal(response.status, 200, await response.text());
    }
    assert.equal(await served(9152 + OFFSET, '/products') - before, 3, "the canary's own metrics count the three reads");

    child.kill('SIGINT');
    assert.equal(await exited, 0, output);
    assert.equal(alive(Number(canary[2])), false, 'the canary stopped with the launcher');
    assert.equal(await portOpen(9102 + OFFSET), false, "the canary's port is closed");
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    await cleanBroker('amqp://guest:guest@127.0.0.1:5672', SERVICES, prefix.replace(/_/g, '-')).catch(() => undefined);
    for (const service of SERVICES) await dropProvisioned(adminDatabaseUrl(), service, { prefix }).catch(() => undefined);
    await dropBrokerUsers(SERVICES, { userPrefix: prefix });
    const redis = new Redis('redis://127.0.0.1:6379');
    for (const service of SERVICES) await redis.call('ACL', 'DELUSER', `${prefix}_${service}`).catch(() => undefined);
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
