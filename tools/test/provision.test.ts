import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { adminDatabaseUrl } from '@bazaar/platform/testing';
import { dropProvisioned, provisionDatabase, provisionRedisUser, type ProvisionedService } from '../src/provision.js';

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
});
after(async () => {
  for (const service of services) await dropProvisioned(adminDatabaseUrl(), service, { prefix });
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
    const { rows } = await admin.query('SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname LIKE $1', [`${prefix}_%`]);
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
