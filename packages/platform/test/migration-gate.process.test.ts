import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMigrateCli } from '../src/index.js';
import { createTestDatabase, eventually, type TestDatabase } from '../src/testing/index.js';

// The gate in a real service process, as Kubernetes sees it: MIGRATE_ON_START=false, probes over
// HTTP, the migration Job run beside it.
const tsx = createRequire(import.meta.url).resolve('tsx');
const fixture = fileURLToPath(new URL('./fixtures/gated-service.ts', import.meta.url));

let db: TestDatabase;
let dir: string;
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startService(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', tsx, fixture], {
    env: { ...process.env, PORT: String(port), GATED_DATABASE_URL: db.url, GATED_MIGRATIONS_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const service = { output: '', get: (route: string) => fetch(`http://127.0.0.1:${port}${route}`) };
  child.stdout!.on('data', (chunk: Buffer) => { service.output += chunk.toString(); });
  // Its port answers before its background work starts, so the test waits on liveness, not stdout.
  await eventually(() => service.get('/health/live').then((r) => r.ok, () => false), { timeoutMs: 20_000, message: 'the service did not start listening' });
  return service;
}

before(async () => {
  db = await createTestDatabase('migration_gate_process');
  dir = await mkdtemp(path.join(tmpdir(), 'bazaar-gated-'));
  await writeFile(path.join(dir, '0001_create_things.sql'), 'CREATE TABLE things (id serial PRIMARY KEY, name text NOT NULL);');
  await writeFile(path.join(dir, '0002_add_colour.sql'), "ALTER TABLE things ADD COLUMN colour text NOT NULL DEFAULT 'red';");
});
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

test('with MIGRATE_ON_START=false a service waits for the Job: alive, not ready, no background work; ready and working once migrated, without a restart', async () => {
  const service = await startService({ MIGRATE_ON_START: 'false' });
  assert.equal((await service.get('/health/live')).status, 200);
  assert.equal((await service.get('/health/ready')).status, 503);
  const health = await (await service.get('/health')).json() as { checks: { schema: { message: string } } };
  assert.match(health.checks.schema.message, /lacks 0001_create_things\.sql, 0002_add_colour\.sql/);
  assert.doesNotMatch(service.output, /background-started/, 'consumers and jobs wait for the schema');

  const out: string[] = [];
  assert.equal(await runMigrateCli([dir], { DATABASE_URL: db.url }, { log: (line) => out.push(line), error: (line) => out.push(line) }), 0, out.join('\n'));

  await eventually(async () => (await service.get('/health/ready')).status === 200, { timeoutMs: 20_000, message: 'the service did not turn ready after the migration' });
  await eventually(() => service.output.includes('background-started'), { timeoutMs: 20_000, message: 'background work did not start after the migration' });
});

test('by default a service migrates its own database as it starts (npm start, the tests), and is ready at once', async () => {
  const fresh = await createTestDatabase('migration_gate_process_default');
  try {
    const service = await startService({ GATED_DATABASE_URL: fresh.url });
    assert.equal((await service.get('/health/ready')).status, 200);
    const health = await (await service.get('/health')).json() as { checks: { schema: { message: string } } };
    assert.equal(health.checks.schema.message, 'schema at version 2, as the code needs');
    await eventually(() => service.output.includes('background-started'), { timeoutMs: 20_000 });
  } finally {
    children.at(-1)?.kill('SIGKILL');
    await fresh.drop();
  }
});
