import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  createLogger, createPool, createServiceApp, migrate, migrateOnStart, MigrationError, registerDatabaseHealth, registerSchemaGate, schemaRequirement, waitForSchema,
  type Pool, type ServiceApp,
} from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const cliEntry = fileURLToPath(new URL('../src/db/migrate-main.ts', import.meta.url));
const logger = createLogger('migration-gate', 'silent');

const THINGS = 'CREATE TABLE things (id serial PRIMARY KEY, name text NOT NULL);';
const COLOUR = "ALTER TABLE things ADD COLUMN colour text NOT NULL DEFAULT 'red';";
const SIZE = 'ALTER TABLE things ADD COLUMN size integer;';

let db: TestDatabase;
let root: string;
let pool: Pool;
const cleanups: (() => Promise<unknown>)[] = [];

/** A release's migrations folder: `files` in order, named 0001_…, 0002_… */
async function release(name: string, files: [string, string][]): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [i, [what, sql]] of files.entries()) await writeFile(path.join(dir, `${String(i + 1).padStart(4, '0')}_${what}.sql`), sql);
  return dir;
}

/** A service app whose code ships the migrations in `dir`, gated on them. */
async function serviceOn(dir: string, options: { requires?: number } = {}): Promise<ServiceApp> {
  const app = await createServiceApp({ name: 'things', version: '1.0.0', logger });
  registerDatabaseHealth(app.health, pool);
  registerSchemaGate(app.health, pool, await schemaRequirement(dir, options), { logger });
  await app.ready();
  cleanups.push(() => app.close());
  return app;
}

async function schemaCheck(app: ServiceApp) {
  const response = await app.inject({ method: 'GET', url: '/health' });
  const body = response.json<{ checks: Record<string, { status: string; message?: string; details?: Record<string, unknown> }> }>();
  return body.checks.schema!;
}

/** The migration command as the Job runs it: its own process, the URL from the environment. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, cliEntry, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const recorded = async () => (await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);

before(async () => {
  db = await createTestDatabase('migration_gate');
  root = await mkdtemp(path.join(tmpdir(), 'bazaar-migration-gate-'));
  pool = createPool(db.url, { applicationName: 'migration-gate-test' });
});
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await pool.end();
  await db.drop();
  await rm(root, { recursive: true, force: true });
});

test('a database never migrated: not ready, every file named', async () => {
  const app = await serviceOn(await release('v1', [['create_things', THINGS]]));
  assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 503);
  assert.equal((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200, 'liveness ignores the schema: the pod is not restarted while it waits');
  const check = await schemaCheck(app);
  assert.equal(check.status, 'unhealthy');
  assert.match(check.message ?? '', /lacks 0001_create_things\.sql/);
});

test('a service whose database lacks its newest migration is not ready and says which; the Job migrating it makes it ready without a restart', async () => {
  await migrate(db.url, await release('v1', [['create_things', THINGS]]));
  const v2 = await release('v2', [['create_things', THINGS], ['add_colour', COLOUR]]);
  const app = await serviceOn(v2);

  const refused = await app.inject({ method: 'GET', url: '/health/ready' });
  assert.equal(refused.statusCode, 503);
  assert.equal(refused.json().status, 'not-ready');
  assert.deepEqual(refused.json().reasons.length, 1);
  assert.match(refused.json().reasons[0], /^schema: .*lacks 0002_add_colour\.sql/);
  const behind = await schemaCheck(app);
  assert.equal(behind.status, 'unhealthy');
  assert.match(behind.message ?? '', /needs version 2, database at 1\): the database lacks 0002_add_colour\.sql/);
  assert.deepEqual(behind.details?.missing, ['0002_add_colour.sql']);
  assert.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 503);

  const job = await runCli([v2], { DATABASE_URL: db.url });
  assert.equal(job.code, 0, job.stderr);
  assert.match(job.stdout, /applied 0002_add_colour\.sql/);
  assert.match(job.stdout, /1 migration\(s\) applied, 1 already; schema at version 2/);
  assert.doesNotMatch(job.stdout + job.stderr, /failed/);

  const ready = await app.inject({ method: 'GET', url: '/health/ready' });
  assert.equal(ready.statusCode, 200);
  assert.equal((await schemaCheck(app)).message, 'schema at version 2, as the code needs');
});

test('a database ahead of the code (a newer release expanded it first) stays ready, and says so', async () => {
  const v2 = await release('v2', [['create_things', THINGS], ['add_colour', COLOUR]]);
  const v3 = await release('v3', [['create_things', THINGS], ['add_colour', COLOUR], ['add_size', SIZE]]);
  const old = await serviceOn(v2);
  const job = await runCli([v3, '--url-env', 'THINGS_DATABASE_URL'], { THINGS_DATABASE_URL: db.url });
  assert.equal(job.code, 0, job.stderr);
  assert.deepEqual(await recorded(), [1, 2, 3]);

  assert.equal((await old.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
  const check = await schemaCheck(old);
  assert.equal(check.status, 'healthy');
  assert.match(check.message ?? '', /ahead of the code .*3 \(add_size\) from a newer release/);
  const current = await serviceOn(v3);
  assert.equal((await current.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
});

test('a failing migration: the command exits 1 naming the file and the reason, and the database keeps its schema', async () => {
  const broken = await release('v4-broken', [
    ['create_things', THINGS], ['add_colour', COLOUR], ['add_size', SIZE], ['bad_column', 'ALTER TABLE things ADD COLUMN weight integer NOT NULL CHECK (weight >;'],
  ]);
  const job = await runCli([broken], { DATABASE_URL: db.url });
  assert.equal(job.code, 1);
  assert.match(job.stderr, /0004_bad_column\.sql failed and was rolled back: syntax error/);
  assert.deepEqual(await recorded(), [1, 2, 3]);
  const app = await serviceOn(broken);
  assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 503, 'the new pods stay out of service');
  assert.match((await schemaCheck(app)).message ?? '', /lacks 0004_bad_column\.sql/);
});

test('the command refuses to run without a database URL, and never prints a password', async () => {
  const unset = await runCli([], {});
  assert.equal(unset.code, 2);
  assert.match(unset.stderr, /DATABASE_URL must hold the database's postgres:\/\/ URL but is not set/);
  const wrong = await runCli([], { DATABASE_URL: 'mysql://u:secret@h/d' });
  assert.equal(wrong.code, 2);
  assert.doesNotMatch(wrong.stderr, /secret/);
  const unreachable = await runCli([await release('v1', [['create_things', THINGS]])], { DATABASE_URL: 'postgres://someone:secret@127.0.0.1:1/nothing' });
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.stderr, /could not migrate: .*ECONNREFUSED/);
  assert.doesNotMatch(unreachable.stderr, /secret/);
});

test('an applied migration that differs from the code\'s file keeps the service out of service', async () => {
  const edited = await release('v2-edited', [['create_things', THINGS], ['add_colour', `${COLOUR} -- edited`]]);
  const app = await serviceOn(edited);
  assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 503);
  assert.match((await schemaCheck(app)).message ?? '', /0002_add_colour\.sql differ from the migrations the database applied/);
});

test('a service that declares it can run without its newest migration turns ready before it runs; the requirement cannot exceed its files', async () => {
  const v5 = await release('v5', [['create_things', THINGS], ['add_colour', COLOUR], ['add_size', SIZE], ['add_note', 'ALTER TABLE things ADD COLUMN note text;'], ['add_tag', 'ALTER TABLE things ADD COLUMN tag text;']]);
  assert.equal((await (await serviceOn(v5, { requires: 3 })).inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
  assert.equal((await (await serviceOn(v5, { requires: 4 })).inject({ method: 'GET', url: '/health/ready' })).statusCode, 503);
  await assert.rejects(schemaRequirement(v5, { requires: 6 }), MigrationError);
});

test('migrateOnStart migrates unless MIGRATE_ON_START=false, and returns the schema the code needs either way', async () => {
  const fresh = await createTestDatabase('migration_gate_start');
  cleanups.push(() => fresh.drop());
  const dir = await release('v2', [['create_things', THINGS], ['add_colour', COLOUR]]);
  const tables = async () => {
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    try {
      return (await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.name);
    } finally {
      await client.end();
    }
  };
  const skipped = await migrateOnStart(fresh.url, dir, logger, { MIGRATE_ON_START: 'false' });
  assert.equal(skipped.requires, 2);
  assert.deepEqual(await tables(), []);
  await assert.rejects(migrateOnStart(fresh.url, dir, logger, { MIGRATE_ON_START: 'maybe' }), /MIGRATE_ON_START: must be true or false/);
  const migrated = await migrateOnStart(fresh.url, dir, logger, {});
  assert.equal(migrated.requires, 2);
  assert.deepEqual(await tables(), ['schema_migrations', 'things']);
});

test('waitForSchema gives up when the process stops, and answers at once when the schema is there', async () => {
  const ahead = await schemaRequirement(await release('v1', [['create_things', THINGS]]));
  assert.equal(await waitForSchema(pool, ahead), true);
  const future = await schemaRequirement(await release('v6', [
    ['create_things', THINGS], ['add_colour', COLOUR], ['add_size', SIZE], ['add_note', 'SELECT 1;'], ['add_tag', 'SELECT 1;'], ['add_more', 'SELECT 1;'],
  ]));
  let checks = 0;
  assert.equal(await waitForSchema(pool, future, { intervalMs: 10, stopped: () => ++checks > 3 }), false);
});
