// The CDC reader against the real PostgreSQL (wal_level=logical) and DuckDB: a throw-away source
// database with a publication and a role that may replicate and read the published tables only.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import pg from 'pg';
import { HealthRegistry } from '@bazaar/platform';
import { Registry } from 'prom-client';
import { registerCdcHealth, registerCdcMetrics } from '../src/cdc/observability.js';
import { startCdc, type CdcHandle } from '../src/cdc/reader.js';
import { Warehouse } from '../src/warehouse/warehouse.js';

const ADMIN = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Source {
  name: string;
  slot: string;
  url: string;
  db: pg.Client;
  /** Ends the walsender streaming the slot, as a PostgreSQL restart would. */
  cutStream(): Promise<number>;
  dropSlot(): Promise<void>;
  cleanup: (() => Promise<unknown>)[];
}

/** A database of its own, its publication of two tables (a third is not published) and its CDC role. */
async function sourceDatabase(t: TestContext): Promise<Source> {
  const suffix = randomBytes(4).toString('hex');
  const database = `cdc_test_${suffix}`;
  const role = `cdc_test_${suffix}_reader`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  const cleanup: (() => Promise<unknown>)[] = [];
  const slot = `cdc_test_${suffix}`;
  const dropSlot = async () => {
    // The walsender may hold the slot a moment after it was told to end, or the reader take it back: tried until it is gone.
    for (let tries = 0; ; tries++) {
      const { rows } = await admin.query<{ pid: number | null }>('SELECT active_pid AS pid FROM pg_replication_slots WHERE slot_name = $1', [slot]);
      if (rows.length === 0) return;
      if (rows[0]!.pid !== null) await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      const dropped = await admin.query('SELECT pg_drop_replication_slot($1)', [slot]).then(() => true, () => false);
      if (dropped) return;
      if (tries > 300) throw new Error(`slot ${slot} stayed in use`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  t.after(async () => {
    for (const step of cleanup.reverse()) await step().catch((error) => console.error('cleanup:', error));
    await dropSlot();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.query(`REVOKE CONNECT ON DATABASE ${database} FROM PUBLIC`);
  await admin.query(`CREATE ROLE ${role} LOGIN REPLICATION`);
  await admin.query(`GRANT CONNECT ON DATABASE ${database} TO ${role}`);
  const db = new pg.Client({ connectionString: ADMIN.replace(/\/[^/]*$/, `/${database}`) });
  await db.connect();
  cleanup.push(() => db.end());
  await db.query(`
    CREATE TABLE products (
      id uuid PRIMARY KEY, name text NOT NULL, price numeric(12,2) NOT NULL, active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(), released_on date, attrs jsonb,
      name_upper text GENERATED ALWAYS AS (upper(name)) STORED);
    CREATE TABLE movements (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sku varchar(64) NOT NULL, quantity integer NOT NULL,
      small smallint, at timestamptz NOT NULL DEFAULT clock_timestamp(), note text);
    CREATE TABLE secrets (id integer PRIMARY KEY, secret text);
    CREATE PUBLICATION shop_data FOR TABLE products, movements;
    GRANT USAGE ON SCHEMA public TO ${role};
    GRANT SELECT ON products, movements TO ${role};`);
  const url = `postgres://${role}@127.0.0.1:5432/${database}`;
  const cutStream = async () => {
    const { rows } = await admin.query<{ pid: number }>('SELECT active_pid AS pid FROM pg_replication_slots WHERE slot_name = $1 AND active_pid IS NOT NULL', [slot]);
    assert.equal(rows.length, 1, 'the slot is being streamed');
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    return rows[0]!.pid;
  };
  return { name: `shop-${suffix}`, slot, url, db, cutStream, dropSlot, cleanup };
}

async function seed(db: pg.Client, products: number, movements: number): Promise<void> {
  for (let i = 0; i < products; i++) {
    await db.query('INSERT INTO products (id, name, price, released_on, attrs) VALUES ($1, $2, $3, $4, $5)', [randomUUID(), `product ${i}`, `${10 + i}.${i % 10}5`, i % 2 ? null : '2026-01-0' + ((i % 9) + 1), i % 3 ? JSON.stringify({ colour: 'red', size: i }) : null]);
  }
  for (let i = 0; i < movements; i++) await db.query('INSERT INTO movements (sku, quantity, small, note) VALUES ($1, $2, $3, $4)', [`SKU-${i % 4}`, i - 2, i % 2 ? i : null, i % 3 ? null : `note ${i}`]);
}

/** Every row of both tables, each value as text, from the source and from the mirror. */
async function bothSides(source: Source, warehouse: Warehouse): Promise<{ source: unknown[]; mirror: unknown[] }> {
  const schema = `cdc_${source.name.replace(/-/g, '_')}`;
  const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
  const pgRows = [
    ...(await source.db.query(`SELECT 'p' AS t, id::text AS id, name, price::text AS price, active::text AS active, (extract(epoch FROM created_at) * 1000000)::bigint::text AS at, released_on::text AS day, attrs::text AS attrs FROM products`)).rows,
    ...(await source.db.query(`SELECT 'm' AS t, id::text AS id, sku, quantity::text AS quantity, small::text AS small, (extract(epoch FROM at) * 1000000)::bigint::text AS at, note FROM movements`)).rows,
  ];
  const mirrorRows = (await warehouse.hasTable(schema, 'products'))
    ? [
        ...(await warehouse.all(`SELECT 'p' AS t, id::VARCHAR AS id, name, price::VARCHAR AS price, active::VARCHAR AS active, epoch_us(created_at)::VARCHAR AS at, released_on::VARCHAR AS day, attrs::VARCHAR AS attrs FROM ${schema}.products`)),
        ...(await warehouse.all(`SELECT 'm' AS t, id::VARCHAR AS id, sku, quantity::VARCHAR AS quantity, small::VARCHAR AS small, epoch_us("at")::VARCHAR AS at, note FROM ${schema}.movements`)),
      ]
    : [];
  return { source: sorted(pgRows), mirror: sorted(mirrorRows) };
}

/** Waits (30 s at most) for `check` to hold; a wait, not a timing: the failure says what never happened. */
async function eventually(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function inSync(source: Source, warehouse: Warehouse, cdc: CdcHandle): Promise<void> {
  let last: { source: unknown[]; mirror: unknown[] } | undefined;
  await eventually('the mirror equals the source', async () => {
    last = await bothSides(source, warehouse);
    return cdc.status()[0]?.state === 'streaming' && JSON.stringify(last.source) === JSON.stringify(last.mirror);
  }).catch((error) => {
    assert.deepEqual(last?.mirror, last?.source, `${(error as Error).message} (${JSON.stringify(cdc.status())})`);
    throw error;
  });
}

function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (_fields: object, message: string) => void lines.push({ level, message });
  return { lines, info: at('info'), warn: at('warn'), debug: at('debug') };
}

function reader(source: Source, warehouse: Warehouse, logger = recordingLogger()): CdcHandle {
  const cdc = startCdc({ sources: [{ source: source.name, url: source.url, publication: 'shop_data', slot: source.slot }], warehouse, logger });
  source.cleanup.push(() => cdc.stop());
  return cdc;
}

test('the CDC role reads the published tables and nothing else', async (t) => {
  const source = await sourceDatabase(t);
  const role = new pg.Client({ connectionString: source.url });
  await role.connect();
  source.cleanup.push(() => role.end());
  assert.equal((await role.query('SELECT count(*)::int AS n FROM products')).rows[0].n, 0);
  await assert.rejects(role.query('SELECT * FROM secrets'), /permission denied/);
});

test('copies the published tables, then streams inserts, updates and deletes, each applied once', async (t) => {
  const source = await sourceDatabase(t);
  await seed(source.db, 4, 6);
  const warehouse = await Warehouse.open(':memory:');
  source.cleanup.push(() => warehouse.close());
  const logger = recordingLogger();
  const cdc = reader(source, warehouse, logger);
  await inSync(source, warehouse, cdc);
  assert.deepEqual([cdc.status()[0]!.copies, cdc.status()[0]!.changesApplied], [1, 0]);
  const columns = await warehouse.all<{ column_name: string; data_type: string }>('SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position', [`cdc_${source.name.replace(/-/g, '_')}`, 'products']);
  assert.deepEqual(columns.map((c) => `${c.column_name} ${c.data_type}`), ['id UUID', 'name VARCHAR', 'price DECIMAL(12,2)', 'active BOOLEAN', 'created_at TIMESTAMP WITH TIME ZONE', 'released_on DATE', 'attrs JSON'], 'the generated column is not there');

  const [first, second, third] = (await source.db.query<{ id: string }>('SELECT id FROM products ORDER BY name')).rows.map((r) => r.id);
  await source.db.query("INSERT INTO products (id, name, price, attrs) VALUES ($1, 'new one', 0.5, '{\"tags\": [\"a\", \"b\"]}')", [randomUUID()]);
  await source.db.query("UPDATE products SET price = 99.99, active = false, released_on = '2026-12-24' WHERE id = $1", [first]);
  await source.db.query('DELETE FROM products WHERE id = $1', [second]);
  await source.db.query('BEGIN');
  await source.db.query("INSERT INTO movements (sku, quantity) VALUES ('SKU-9', 5), ('SKU-9', -2)");
  await source.db.query('UPDATE products SET id = $2 WHERE id = $1', [third, randomUUID()]);
  await source.db.query('COMMIT');
  await inSync(source, warehouse, cdc);
  await eventually('every change counted', () => cdc.status()[0]!.changesApplied === 6);

  // One source transaction touching the same rows again and again ends as it did at the source.
  const again = randomUUID();
  await source.db.query('BEGIN');
  await source.db.query("INSERT INTO products (id, name, price) VALUES ($1, 'twice', 1)", [again]);
  await source.db.query('UPDATE products SET price = 2 WHERE id = $1', [again]);
  await source.db.query('DELETE FROM products WHERE id = $1', [again]);
  await source.db.query("INSERT INTO products (id, name, price) VALUES ($1, 'twice again', 3)", [again]);
  await source.db.query("UPDATE products SET name = 'the second' WHERE name = 'new one'");
  await source.db.query('COMMIT');
  await eventually('the transaction counted', () => cdc.status()[0]!.changesApplied === 11);
  await inSync(source, warehouse, cdc);
  const schema = `cdc_${source.name.replace(/-/g, '_')}`;

  const rows = await warehouse.all(`SELECT count(*) AS n FROM ${schema}.products`);
  await source.db.query("UPDATE products SET name = 'renamed' WHERE id = $1", [first]);
  await eventually('the rename applied', async () => (await warehouse.all(`SELECT 1 FROM ${schema}.products WHERE name = 'renamed'`)).length === 1);
  assert.deepEqual(await warehouse.all(`SELECT count(*) AS n FROM ${schema}.products`), rows, 'an update adds no row');
  // Counted once the warehouse commit has returned to the reader, a moment after the row shows.
  await eventually('the rename counted', () => cdc.status()[0]!.changesApplied >= 12);
  assert.equal(cdc.status()[0]!.changesApplied, 12, 'the update is applied once');
  const [position] = await warehouse.all<{ lsn: string; changes_applied: number }>('SELECT lsn, changes_applied FROM cdc_positions WHERE source = $1', [source.name]);
  assert.deepEqual(position, { lsn: cdc.status()[0]!.lastAppliedLsn, changes_applied: 12 });

  // Acknowledged only what the warehouse holds, and all of it: the slot lets the WAL before it go.
  await eventually('the slot confirms the last applied commit', async () => {
    const [slot] = (await source.db.query<{ caught_up: boolean }>('SELECT confirmed_flush_lsn >= $2::pg_lsn AS caught_up FROM pg_replication_slots WHERE slot_name = $1', [source.slot, cdc.status()[0]!.lastAppliedLsn])).rows;
    return slot?.caught_up === true;
  });

  const health = new HealthRegistry('analytics', 'test');
  const registry = new Registry();
  registerCdcHealth(health, cdc);
  registerCdcMetrics(registry, cdc);
  assert.equal((await health.check()).checks.cdc?.status, 'healthy');
  const metrics = await registry.metrics();
  assert.match(metrics, new RegExp(`cdc_source_up\\{source="${source.name}"\\} 1`));
  assert.match(metrics, new RegExp(`cdc_changes_applied_total\\{source="${source.name}"\\} 12`));
  assert.match(metrics, new RegExp(`cdc_lag_seconds\\{source="${source.name}"\\} 0\\n`));

  // A lost connection (as when PostgreSQL restarts): one warning, then streaming again.
  const cut = await source.cutStream();
  await source.db.query("INSERT INTO movements (sku, quantity) VALUES ('SKU-after', 1)");
  await eventually('a new walsender streams the slot', async () => (await source.db.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active_pid NOT IN ($2)', [source.slot, cut])).rowCount === 1);
  await inSync(source, warehouse, cdc);
  assert.equal(logger.lines.filter((l) => l.level === 'warn').length, 1, JSON.stringify(logger.lines));
  assert.ok(logger.lines.some((l) => l.level === 'info' && /streaming again/.test(l.message)));
  // The reader counts a change once its warehouse commit has returned, which can be a moment after
  // another connection (this test's) already sees the row: wait for the count, then compare it.
  await eventually('the change after the reconnect counted', () => cdc.status()[0]!.changesApplied >= 13);
  assert.deepEqual([cdc.status()[0]!.copies, cdc.status()[0]!.changesApplied], [1, 13]);
});

test('a column added at the source appears in the mirror; TRUNCATE empties it; a lost slot is copied afresh', async (t) => {
  const source = await sourceDatabase(t);
  await seed(source.db, 3, 3);
  const warehouse = await Warehouse.open(':memory:');
  source.cleanup.push(() => warehouse.close());
  const logger = recordingLogger();
  const cdc = reader(source, warehouse, logger);
  await inSync(source, warehouse, cdc);
  const schema = `cdc_${source.name.replace(/-/g, '_')}`;

  // A value stored out of line (TOAST) and left unchanged by an update is not sent again: the mirror keeps it.
  const long = randomBytes(12_000).toString('base64');
  await source.db.query("UPDATE products SET attrs = jsonb_build_object('blob', $1::text) WHERE name = 'product 2'", [long]);
  await inSync(source, warehouse, cdc);
  await source.db.query("UPDATE products SET price = 42 WHERE name = 'product 2'");
  await inSync(source, warehouse, cdc);
  assert.deepEqual(await warehouse.all(`SELECT price::VARCHAR AS price, attrs->>'blob' = $1 AS kept FROM ${schema}.products WHERE name = 'product 2'`, [long]), [{ price: '42.00', kept: true }]);

  await source.db.query('ALTER TABLE products ADD COLUMN weight_grams integer');
  await source.db.query("UPDATE products SET weight_grams = 750 WHERE name = 'product 1'");
  await eventually('the new column is mirrored', async () => (await warehouse.all(`SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'weight_grams'`, [schema])).length === 1);
  await inSync(source, warehouse, cdc);
  assert.deepEqual(await warehouse.all(`SELECT name, weight_grams FROM ${schema}.products ORDER BY name`), [
    { name: 'product 0', weight_grams: null },
    { name: 'product 1', weight_grams: 750 },
    { name: 'product 2', weight_grams: null },
  ]);

  await source.db.query('TRUNCATE movements');
  await eventually('the mirror is emptied', async () => (await warehouse.all(`SELECT 1 FROM ${schema}.movements`)).length === 0);
  await inSync(source, warehouse, cdc);

  // The slot dropped under the reader: a warning, a new slot and a full copy over the emptied mirror.
  await source.dropSlot();
  await source.db.query("INSERT INTO movements (sku, quantity) VALUES ('SKU-new', 3)");
  await eventually('a second copy', () => cdc.status()[0]!.copies === 2);
  await inSync(source, warehouse, cdc);
  assert.ok(logger.lines.some((l) => l.level === 'warn' && /disappeared/.test(l.message)), JSON.stringify(logger.lines));
});

test('stopped, changed at the source and started again on the same file, it resumes from its slot: nothing lost, nothing doubled', async (t) => {
  const source = await sourceDatabase(t);
  await seed(source.db, 3, 5);
  const dir = mkdtempSync(path.join(tmpdir(), 'analytics-cdc-'));
  source.cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'warehouse.duckdb');

  const before = await Warehouse.open(file);
  const first = reader(source, before);
  await inSync(source, before, first);
  await source.db.query("INSERT INTO movements (sku, quantity) VALUES ('SKU-v', 7), ('SKU-w', 8)");
  await source.db.query("UPDATE products SET name = 'product 1 renamed' WHERE name = 'product 1'");
  await inSync(source, before, first);
  await eventually('the three changes applied', () => first.status()[0]!.changesApplied === 3);
  await first.stop();
  await before.close();

  const [gone] = (await source.db.query<{ id: string }>("SELECT id FROM products WHERE name = 'product 0'")).rows;
  await source.db.query("INSERT INTO movements (sku, quantity) VALUES ('SKU-x', 1), ('SKU-y', 2), ('SKU-z', 3)");
  await source.db.query("UPDATE products SET price = 1.25 WHERE name = 'product 2'");
  await source.db.query('DELETE FROM products WHERE id = $1', [gone!.id]);

  const after = await Warehouse.open(file);
  source.cleanup.push(() => after.close());
  const second = reader(source, after);
  await inSync(source, after, second);
  await eventually('the five changes applied', () => second.status()[0]!.changesApplied >= 5);
  assert.deepEqual([second.status()[0]!.copies, second.status()[0]!.changesApplied], [0, 5], 'no copy, and exactly the changes made while it was stopped: none streamed before is applied again');
});

test('a source it cannot reach degrades health, naming it, and is said once in the log however often it is tried', async (t) => {
  const warehouse = await Warehouse.open(':memory:');
  const logger = recordingLogger();
  const name = `nowhere-${randomBytes(4).toString('hex')}`;
  const cdc = startCdc({ sources: [{ source: name, url: `postgres://postgres@127.0.0.1:5432/${name.replace(/-/g, '_')}`, publication: 'none', slot: name.replace(/-/g, '_') }], warehouse, logger });
  t.after(async () => {
    await cdc.stop();
    await warehouse.close();
  });
  await eventually('two more tries', () => logger.lines.filter((l) => l.level === 'debug').length >= 2);
  assert.equal(logger.lines.filter((l) => l.level === 'warn').length, 1, JSON.stringify(logger.lines));
  const health = new HealthRegistry('analytics', 'test');
  registerCdcHealth(health, cdc);
  const registry = new Registry();
  registerCdcMetrics(registry, cdc);
  const status = await health.check();
  assert.equal(status.status, 'degraded');
  assert.equal(status.checks.cdc?.status, 'degraded');
  assert.match(status.checks.cdc?.message ?? '', new RegExp(`^${name} reconnecting \\(.*does not exist\\)$`));
  assert.match(await registry.metrics(), new RegExp(`cdc_source_up\\{source="${name}"\\} 0`));
});
