import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { migrate } from '@bazaar/platform';
import { adminDatabaseUrl, eventually } from '@bazaar/platform/testing';
import { provisionCdcRole } from '../src/cdc.js';
import { dropProvisioned, provisionDatabase, provisionRedisUser, type ProvisionedService } from '../src/provision.js';
import { repoRoot } from '../src/services.js';

const prefix = `test_iso_${randomBytes(3).toString('hex')}`;
const services = ['identity', 'catalog', 'orders'];
const provisioned = new Map<string, ProvisionedService>();

async function connect(url: string, database?: string): Promise<pg.Client> {
  const u = new URL(url);
  if (database) u.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  return client;
}

before(async () => {
  for (const service of services) provisioned.set(service, await provisionDatabase(adminDatabaseUrl(), service, `pw-${service}`, { prefix }));
  // Catalog's real migrations: its data product is the publication they create.
  await migrate(provisioned.get('catalog')!.url, path.join(repoRoot, 'services/catalog/migrations'));
});
after(async () => {
  for (const service of [...services, 'inventory']) await dropProvisioned(adminDatabaseUrl(), service, { prefix });
});

test('each service role connects to its own database and owns what it creates there', async () => {
  for (const [service, p] of provisioned) {
    const client = await connect(p.url);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS probe (id int)');
      const { rows } = await client.query("SELECT tableowner FROM pg_tables WHERE tablename = 'probe'");
      assert.equal(rows[0].tableowner, p.role, `${service}'s table is owned by its role`);
    } finally {
      await client.end();
    }
  }
});

test("every service role is refused when it connects to any other service's database", async () => {
  for (const [a, pa] of provisioned) {
    for (const [b, pb] of provisioned) {
      if (a === b) continue;
      await assert.rejects(connect(pa.url, pb.database), (error: Error) => {
        assert.match(error.message, new RegExp(`permission denied for database "?${pb.database}"?`), `${a} → ${b}`);
        return true;
      });
    }
  }
});

test('the PUBLIC pseudo-role has no CONNECT or TEMPORARY on any service database', async () => {
  const admin = await connect(adminDatabaseUrl());
  try {
    for (const p of provisioned.values()) {
      const { rows } = await admin.query(
        `SELECT has_database_privilege('public', $1, 'CONNECT') AS connect, has_database_privilege('public', $1, 'TEMPORARY') AS temp`,
        [p.database],
      );
      assert.deepEqual(rows[0], { connect: false, temp: false });
      const owner = await admin.query('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [p.database]);
      assert.equal(owner.rows[0].owner, p.role);
    }
  } finally {
    await admin.end();
  }
});

test('service roles hold no superuser, role-creating or database-creating powers', async () => {
  const admin = await connect(adminDatabaseUrl());
  try {
    // The services' own roles by name (a data product's CDC role, made later in this file, is checked on its own).
    const { rows } = await admin.query('SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = ANY($1)', [services.map((s) => `${prefix}_${s.replace(/-/g, '_')}`)]);
    assert.equal(rows.length, services.length);
    for (const row of rows) assert.deepEqual([row.rolsuper, row.rolcreatedb, row.rolcreaterole, row.rolbypassrls], [false, false, false, false], row.rolname);
  } finally {
    await admin.end();
  }
});

test('provisioning twice is harmless and keeps the data', async () => {
  const first = provisioned.get('orders')!;
  const client = await connect(first.url);
  await client.query('CREATE TABLE IF NOT EXISTS kept (v int)');
  await client.query('INSERT INTO kept VALUES (42)');
  await client.end();
  const again = await provisionDatabase(adminDatabaseUrl(), 'orders', 'pw-orders', { prefix });
  assert.equal(again.url, first.url);
  const check = await connect(again.url);
  try {
    assert.deepEqual((await check.query('SELECT v FROM kept')).rows, [{ v: 42 }]);
  } finally {
    await check.end();
  }
});

test("a service's Redis user may use only keys under its own prefix", async () => {
  const redisPrefix = `${prefix}-identity`;
  const user = await provisionRedisUser('redis://127.0.0.1:6379', { name: `${prefix}-identity`, redisPrefix }, 'redis-pw', { userPrefix: 'test' });
  const admin = new Redis('redis://127.0.0.1:6379');
  const client = new Redis(user.url, { maxRetriesPerRequest: 0 });
  try {
    await client.set(`${redisPrefix}:session:1`, 'mine');
    assert.equal(await client.get(`${redisPrefix}:session:1`), 'mine');
    await assert.rejects(client.set('catalog:products', 'theirs'), /NOPERM/);
    await assert.rejects(client.get('orders:secret'), /NOPERM/);
    await assert.rejects(client.keys('*'), /NOPERM/);
    await assert.rejects(client.flushall(), /NOPERM/);
  } finally {
    client.disconnect();
    await admin.del(`${redisPrefix}:session:1`);
    await admin.call('ACL', 'DELUSER', user.user);
    admin.disconnect();
  }
});

// ---- A data product's CDC role ---------------------------------------------------------------------

const walLogical = async () => {
  const admin = await connect(adminDatabaseUrl());
  try {
    return (await admin.query('SHOW wal_level')).rows[0].wal_level === 'logical';
  } finally {
    await admin.end();
  }
};
const noLogical = 'the server runs without wal_level=logical (.ci/run configures it); tools/test/cdc-sources.test.ts covers that case';

/** What `role` holds on the tables of `database`, as `table:PRIVILEGE`, sorted. */
async function grantsOf(database: string, role: string): Promise<string[]> {
  const admin = await connect(adminDatabaseUrl(), database);
  try {
    const { rows } = await admin.query<{ g: string }>(
      `SELECT c.relname || ':' || a.privilege_type AS g FROM pg_class c, aclexplode(c.relacl) a
        WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1) ORDER BY 1`,
      [role],
    );
    return rows.map((r) => r.g);
  } finally {
    await admin.end();
  }
}

/** A replication connection (the walsender protocol, as a CDC reader uses it) as the role of `url`. */
async function replicationClient(url: string): Promise<pg.Client> {
  const u = new URL(url);
  u.searchParams.set('replication', 'database');
  const client = new pg.Client({ connectionString: u.toString() });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Streams `slot` by pgoutput; resolves once a message containing `marker` arrives. */
function streamUntil(client: pg.Client, slot: string, publication: string, marker: string): { seen: Promise<Buffer[]>; ended: Promise<unknown> } {
  const chunks: Buffer[] = [];
  const seen = new Promise<Buffer[]>((resolve) => {
    client.connection.on('copyData', ({ chunk }: { chunk: Buffer }) => {
      chunks.push(chunk);
      if (chunk.includes(marker)) resolve(chunks);
    });
  });
  const ended = client.query(`START_REPLICATION SLOT ${slot} LOGICAL 0/0 (proto_version '1', publication_names '${publication}')`).catch((error: unknown) => error);
  return { seen, ended };
}

test("a data product's CDC role may replicate, open its own database only and read exactly the published tables", { skip: !(await walLogical()) && noLogical }, async () => {
  const catalog = provisioned.get('catalog')!;
  const cdc = await provisionCdcRole(adminDatabaseUrl(), 'catalog', 'pw-cdc', { prefix, publication: 'data_product' });
  assert.equal(cdc.role, `${prefix}_catalog_cdc`);
  assert.deepEqual(cdc.tables, ['public.categories', 'public.products']);
  const admin = await connect(adminDatabaseUrl());
  try {
    const { rows } = await admin.query('SELECT rolcanlogin, rolreplication, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = $1', [cdc.role]);
    assert.deepEqual(rows[0], { rolcanlogin: true, rolreplication: true, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false });
    for (const p of provisioned.values()) {
      const { rows: [can] } = await admin.query("SELECT has_database_privilege($1, $2, 'CONNECT') AS connect, has_database_privilege($1, $2, 'CREATE') AS create", [cdc.role, p.database]);
      assert.deepEqual(can, { connect: p === catalog, create: false }, p.database);
    }
  } finally {
    await admin.end();
  }
  assert.deepEqual(await grantsOf(catalog.database, cdc.role), ['categories:SELECT', 'products:SELECT']);
  const reader = await connect(cdc.url);
  try {
    await reader.query('SELECT * FROM categories');
    await reader.query('SELECT * FROM products');
    for (const table of ['inbox', 'outbox', 'product_reviews', 'probe']) {
      await assert.rejects(reader.query(`SELECT * FROM ${table}`), /permission denied/, table);
    }
    await assert.rejects(reader.query('INSERT INTO categories (slug, name) VALUES ($1, $1)', ['nope']), /permission denied/);
  } finally {
    await reader.end();
  }
  for (const other of ['identity', 'orders']) {
    await assert.rejects(connect(cdc.url, provisioned.get(other)!.database), /permission denied for database/, other);
  }
});

test('the CDC role opens a logical replication slot and streams the published tables, and nothing else', { skip: !(await walLogical()) && noLogical }, async () => {
  const catalog = provisioned.get('catalog')!;
  const cdc = await provisionCdcRole(adminDatabaseUrl(), 'catalog', 'pw-cdc', { prefix, publication: 'data_product' });
  const slot = `${prefix}_probe_slot`;
  const owner = await connect(catalog.url);
  const replication = await replicationClient(cdc.url);
  try {
    await replication.query(`CREATE_REPLICATION_SLOT ${slot} LOGICAL pgoutput NOEXPORT_SNAPSHOT`);
    const { seen, ended } = streamUntil(replication, slot, 'data_product', 'published-marker');
    // An unpublished table changed first: were it streamed, its row would arrive before the marker.
    await owner.query('CREATE TABLE IF NOT EXISTS secret (v text)');
    await owner.query("INSERT INTO secret VALUES ('unpublished-marker')");
    await owner.query("INSERT INTO categories (slug, name) VALUES ('cdc-probe', 'published-marker')");
    const chunks = await seen;
    assert.ok(chunks.some((c) => c.includes('categories')), 'the relation message names categories');
    assert.ok(!chunks.some((c) => c.includes('unpublished-marker') || c.includes('secret')), 'nothing of the unpublished table was sent');
    await replication.end();
    await ended;
  } finally {
    await owner.end();
    const admin = await connect(adminDatabaseUrl());
    await admin.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [slot]).catch(() => undefined);
    await admin.end();
  }
});

test('provisioning the CDC role again follows the publication and takes back any other grant, also when two provisioners run at once', { skip: !(await walLogical()) && noLogical }, async () => {
  const catalog = provisioned.get('catalog')!;
  const role = `${prefix}_catalog_cdc`;
  const provision = () => provisionCdcRole(adminDatabaseUrl(), 'catalog', 'pw-cdc', { prefix, publication: 'data_product' });
  await provision();
  const admin = await connect(adminDatabaseUrl(), catalog.database);
  const owner = await connect(catalog.url);
  try {
    await admin.query(`GRANT SELECT ON inbox TO ${role}`);
    await admin.query(`GRANT INSERT, UPDATE ON categories TO ${role}`);
    await owner.query('ALTER PUBLICATION data_product DROP TABLE products');
    await Promise.all([provision(), provision()]);
    assert.deepEqual(await grantsOf(catalog.database, role), ['categories:SELECT']);
    await owner.query('ALTER PUBLICATION data_product ADD TABLE products');
    const again = await provision();
    assert.deepEqual(again.tables, ['public.categories', 'public.products']);
    assert.deepEqual(await grantsOf(catalog.database, role), ['categories:SELECT', 'products:SELECT']);
  } finally {
    await owner.end();
    await admin.end();
  }
});

test('a data product its migrations do not create is refused', async () => {
  await assert.rejects(
    provisionCdcRole(adminDatabaseUrl(), 'identity', 'pw-cdc', { prefix, publication: 'data_product' }),
    /identity declares the data product data_product but its database has no such publication/,
  );
});

test('dropping a provisioned service drops its replication slot, even one being streamed, its CDC role and its database', { skip: !(await walLogical()) && noLogical }, async () => {
  const inventory = await provisionDatabase(adminDatabaseUrl(), 'inventory', 'pw-inventory', { prefix });
  await migrate(inventory.url, path.join(repoRoot, 'services/inventory/migrations'));
  const cdc = await provisionCdcRole(adminDatabaseUrl(), 'inventory', 'pw-cdc', { prefix, publication: 'data_product' });
  assert.deepEqual(cdc.tables, ['public.stock_items', 'public.stock_movements']);
  const slot = `${prefix}_reader_inventory`;
  const replication = await replicationClient(cdc.url);
  await replication.query(`CREATE_REPLICATION_SLOT ${slot} LOGICAL pgoutput NOEXPORT_SNAPSHOT`);
  const { ended } = streamUntil(replication, slot, 'data_product', 'never-sent');
  const admin = await connect(adminDatabaseUrl());
  try {
    // Streaming: the slot is held by the reader's walsender.
    await eventually(async () => (await admin.query('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot])).rows[0]?.active, { message: 'the slot is streamed' });
    await dropProvisioned(adminDatabaseUrl(), 'inventory', { prefix });
    assert.ok(await ended instanceof Error, "the reader's stream was ended");
    const left = await admin.query(
      `SELECT (SELECT count(*)::int FROM pg_replication_slots WHERE slot_name = $1) AS slots,
              (SELECT count(*)::int FROM pg_database WHERE datname = $2) AS databases,
              (SELECT count(*)::int FROM pg_roles WHERE rolname IN ($2, $3)) AS roles`,
      [slot, inventory.database, cdc.role],
    );
    assert.deepEqual(left.rows[0], { slots: 0, databases: 0, roles: 0 });
  } finally {
    await admin.end();
    await replication.end().catch(() => undefined);
  }
});
