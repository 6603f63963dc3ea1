import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MigrationError, migrate } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

let db: TestDatabase;
let dir: string;
const query = async (sql: string) => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

before(async () => {
  db = await createTestDatabase('migrate');
  dir = await mkdtemp(path.join(tmpdir(), 'bazaar-migrations-'));
  await writeFile(path.join(dir, '0001_create_things.sql'), 'CREATE TABLE things (id serial PRIMARY KEY, name text NOT NULL);');
  await writeFile(path.join(dir, '0002_add_colour.sql'), "ALTER TABLE things ADD COLUMN colour text NOT NULL DEFAULT 'red';");
});
after(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

test('migrations are applied in order and recorded in the database', async () => {
  const result = await migrate(db.url, dir);
  assert.deepEqual(result.applied.map((m) => m.file), ['0001_create_things.sql', '0002_add_colour.sql']);
  const rows = await query('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  assert.deepEqual(rows.map((r) => [r.version, r.name]), [[1, 'create_things'], [2, 'add_colour']]);
  assert.equal(rows[0].checksum.length, 64);
});

test('running them again changes nothing', async () => {
  const before = await query('SELECT version, applied_at FROM schema_migrations ORDER BY version');
  const result = await migrate(db.url, dir);
  assert.equal(result.applied.length, 0);
  assert.equal(result.alreadyApplied, 2);
  assert.deepEqual(await query('SELECT version, applied_at FROM schema_migrations ORDER BY version'), before);
});

test('a database ahead of the code (a newer release\'s expand migration applied first) is served, and reported', async () => {
  const older = await mkdtemp(path.join(tmpdir(), 'bazaar-migrations-older-'));
  try {
    await writeFile(path.join(older, '0001_create_things.sql'), 'CREATE TABLE things (id serial PRIMARY KEY, name text NOT NULL);');
    const lines: string[] = [];
    const result = await migrate(db.url, older, (line) => lines.push(line));
    assert.deepEqual(result.applied, []);
    assert.deepEqual(result.ahead, [{ version: 2, name: 'add_colour' }]);
    assert.match(lines.join('\n'), /ahead of .*: it records 2 \(add_colour\)/);
    assert.equal((await query('SELECT count(*)::int AS n FROM schema_migrations'))[0].n, 2, 'nothing is undone');
  } finally {
    await rm(older, { recursive: true, force: true });
  }
});

test('a broken migration fails with its file name and leaves the database as it was', async () => {
  await writeFile(
    path.join(dir, '0003_broken.sql'),
    'CREATE TABLE half_done (id int);\nALTER TABLE things ADD COLUMN size int;\nSELECT * FROM no_such_table;',
  );
  await assert.rejects(migrate(db.url, dir), (error: unknown) => {
    assert.ok(error instanceof MigrationError);
    assert.match(error.message, /0003_broken\.sql failed and was rolled back: relation "no_such_table" does not exist/);
    return true;
  });
  const tables = await query("SELECT table_name FROM information_schema.tables WHERE table_name = 'half_done'");
  assert.equal(tables.length, 0, 'the half of the migration that ran was rolled back');
  const columns = await query("SELECT column_name FROM information_schema.columns WHERE table_name = 'things' AND column_name = 'size'");
  assert.equal(columns.length, 0);
  assert.equal((await query('SELECT count(*)::int AS n FROM schema_migrations'))[0].n, 2);
  await rm(path.join(dir, '0003_broken.sql'));
});

test('editing an applied migration is refused (forward only)', async () => {
  await writeFile(path.join(dir, '0002_add_colour.sql'), "ALTER TABLE things ADD COLUMN colour text NOT NULL DEFAULT 'blue';");
  await assert.rejects(migrate(db.url, dir), /0002_add_colour\.sql was changed after it was applied/);
  await writeFile(path.join(dir, '0002_add_colour.sql'), "ALTER TABLE things ADD COLUMN colour text NOT NULL DEFAULT 'red';");
});

test('badly named files and gaps in versions are refused before anything runs', async () => {
  const bad = await mkdtemp(path.join(tmpdir(), 'bazaar-migrations-bad-'));
  try {
    await writeFile(path.join(bad, '0001_a.sql'), 'SELECT 1;');
    await writeFile(path.join(bad, '0003_c.sql'), 'SELECT 1;');
    await assert.rejects(migrate(db.url, bad), /0003_c\.sql: expected version 0002 next/);
    await rm(path.join(bad, '0003_c.sql'));
    await writeFile(path.join(bad, 'CreateUsers.sql'), 'SELECT 1;');
    await assert.rejects(migrate(db.url, bad), /must be named like 0001_create_users\.sql/);
  } finally {
    await rm(bad, { recursive: true, force: true });
  }
});

test('two runners at once apply each migration once', async () => {
  const fresh = await createTestDatabase('migrate_race');
  try {
    const results = await Promise.all([migrate(fresh.url, dir), migrate(fresh.url, dir)]);
    assert.equal(results[0].applied.length + results[1].applied.length, 2);
  } finally {
    await fresh.drop();
  }
});
