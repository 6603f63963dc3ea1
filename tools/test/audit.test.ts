// The ownership audit against a deployment of its own (throw-away prefix, databases, roles, Redis and
// broker users, provisioned and migrated exactly as npm start does): clean, it finds no breach; each
// breach planted afterwards (a grant, a stray table, a stray key, a widened ACL, a widened broker
// permission, a cross-service import) is reported against the right service and check.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { Redis } from 'ioredis';
import { withDatabase } from '@bazaar/platform';
import { audit, formatReport, specifiersOf, type Finding } from '../src/audit.js';
import { dropBrokerUsers, dropProvisioned, rabbitmqctl, rabbitmqctlUsable } from '../src/provision.js';
import { discoverServices } from '../src/services.js';
import { infrastructureFromEnv, planPostgres, prepareServices } from '../src/system.js';

const services = discoverServices();
const infra = infrastructureFromEnv();
const prefix = `test_audit_${randomBytes(3).toString('hex')}`;
const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'bazaar-audit-'));
const strayKey = `stray:${prefix}`;
let brokerUsers = false;
let cdc = false;
const dataProducts = services.filter((s) => s.dataProduct).map((s) => s.name);

const run = (extra: { root?: string } = {}) => audit({ services, infra, prefix, dataRoot, rabbitmq: brokerUsers ? {} : false, ...extra });
const breaches = (findings: Finding[]) => findings.filter((f) => f.outcome === 'breach');
const admin = async <T>(database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: withDatabase(infra.pgAdminUrl, database) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

before(async () => {
  brokerUsers = await rabbitmqctlUsable();
  cdc = await admin('postgres', async (c) => (await c.query('SHOW wal_level')).rows[0].wal_level === 'logical');
  const plan = await planPostgres(services, infra, { dataRoot });
  const { failed } = await prepareServices(services, plan, infra, { dataRoot, prefix, brokerUsers: brokerUsers ? {} : false });
  assert.deepEqual(failed.map((f) => f.error.message), []);
});

after(async () => {
  for (const s of services.filter((d) => d.database)) await dropProvisioned(infra.pgAdminUrl, s.name, { prefix }).catch(() => undefined);
  const redis = new Redis(infra.redisUrl);
  for (const s of services.filter((d) => d.redisPrefix)) await redis.call('ACL', 'DELUSER', `${prefix}_${s.name}`).catch(() => undefined);
  await redis.del(strayKey);
  redis.disconnect();
  if (brokerUsers) await dropBrokerUsers(services.map((s) => s.name), { userPrefix: prefix });
  rmSync(dataRoot, { recursive: true, force: true });
});

test('a deployment as provisioned has no breach, and every area was checked', async () => {
  const findings = await run();
  assert.deepEqual(breaches(findings), [], formatReport(findings));
  const areas = new Set(findings.filter((f) => f.outcome === 'ok').map((f) => f.area));
  assert.deepEqual([...areas].sort(), brokerUsers ? ['code', 'postgres', 'rabbitmq', 'redis'] : ['code', 'postgres', 'redis']);
  // Every ordered pair of database services was tried.
  const withDb = services.filter((s) => s.database).length;
  assert.equal(findings.filter((f) => f.area === 'postgres' && /(?<!CDC) role cannot connect/.test(f.check) && f.outcome === 'ok').length, withDb * (withDb - 1));
  // Each data product's CDC role: checked, tried for real, and refused every other database.
  const cdcChecks = (service: string) => findings.filter((f) => f.service === service && f.outcome === 'ok' && /^its CDC role/.test(f.check)).map((f) => f.check);
  for (const service of dataProducts) {
    assert.equal(cdcChecks(service).length, cdc ? 3 : 0, `${service}: ${cdcChecks(service).join('; ')}`);
    if (cdc) assert.equal(findings.filter((f) => f.check === `${service}'s CDC role cannot connect to its database` && f.outcome === 'ok').length, withDb - 1);
  }
  assert.match(formatReport(findings), /no breach/);
});

test('each planted breach is reported against its service', async () => {
  // PostgreSQL: orders' role may open catalog's database; a table in payments' database owned by
  // someone else; an outbox in shipping's readable by everyone.
  await admin('postgres', (c) => c.query(`GRANT CONNECT ON DATABASE ${prefix}_catalog TO ${prefix}_orders`));
  await admin(`${prefix}_payments`, (c) => c.query('CREATE TABLE public.stray (id int)'));
  await admin(`${prefix}_shipping`, (c) => c.query('GRANT SELECT ON public.outbox TO PUBLIC'));
  // CDC: catalog's CDC role may read its inbox, outside the data product; inventory's may write
  // stock and create databases.
  if (cdc) {
    await admin(`${prefix}_catalog`, (c) => c.query(`GRANT SELECT ON public.inbox TO ${prefix}_catalog_cdc`));
    await admin(`${prefix}_inventory`, (c) => c.query(`GRANT INSERT ON public.stock_items TO ${prefix}_inventory_cdc`));
    await admin('postgres', (c) => c.query(`ALTER ROLE ${prefix}_inventory_cdc CREATEDB`));
    // What grants cannot stop: a slot decoding catalog's every change with test_decoding.
    await admin(`${prefix}_catalog`, (c) => c.query(`SELECT pg_create_logical_replication_slot('${prefix}_snoop', 'test_decoding')`));
  }
  // Redis: a key no service owns; identity's user widened to every key.
  const redis = new Redis(infra.redisUrl);
  await redis.set(strayKey, '1', 'EX', 120);
  await redis.call('ACL', 'SETUSER', `${prefix}_identity`, '~*');
  redis.disconnect();
  // RabbitMQ: payments may write anywhere.
  if (brokerUsers) await rabbitmqctl(['-q', 'set_permissions', '-p', '/', `${prefix}_payments`, '.*', '.*', '.*']);
  // Code: a copy of the layout where one service reaches into another and a package into a service.
  const root = mkdtempSync(path.join(os.tmpdir(), 'bazaar-audit-code-'));
  try {
    for (const [file, text] of Object.entries({
      'services/alpha/package.json': '{ "name": "@bazaar/alpha" }',
      'services/beta/package.json': '{ "name": "@bazaar/beta", "dependencies": { "@bazaar/alpha": "*" } }',
      'services/alpha/src/ok.ts': "import { x } from './own.js';\nimport pg from 'pg';\n",
      'services/alpha/src/reach.ts': "import { price } from '../../beta/src/prices.js';\n",
      'services/beta/src/prices.ts': "export const later = () => import('@bazaar/alpha');\n",
      'packages/kit/src/index.ts': "export * from '../../../services/alpha/src/ok.js';\n",
    })) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const findings = await run({ root });
    const found = breaches(findings).map((f) => `${f.service} ${f.area}: ${f.check}`);
    const expect = (pattern: RegExp) => assert.ok(found.some((f) => pattern.test(f)), `${pattern} not among:\n${found.join('\n')}`);
    expect(/^catalog postgres: orders' role cannot connect/);
    expect(/^catalog postgres: no other role may connect/);
    expect(/^payments postgres: every table, view and sequence belongs to its role/);
    expect(/^shipping postgres: no other role is granted anything/);
    if (cdc) {
      expect(/^catalog postgres: its CDC role may SELECT exactly the tables of data_product/);
      expect(/^catalog postgres: its CDC role, tried for real, reads its published tables and is refused the other/);
      expect(/^inventory postgres: its CDC role .* may replicate and nothing more/);
      expect(/^inventory postgres: its CDC role may SELECT exactly the tables of data_product/);
      assert.match(breaches(findings).find((f) => /^its CDC role, tried/.test(f.check))!.detail!, /public\.inbox: read, expected refused/);
      assert.match(breaches(findings).find((f) => f.service === 'inventory' && /SELECT exactly/.test(f.check))!.detail!, /INSERT on public\.stock_items/);
      expect(/^catalog postgres: its replication slots are its readers' own/);
      assert.match(breaches(findings).find((f) => /replication slots/.test(f.check))!.detail!, new RegExp(`slot ${prefix}_snoop \\(logical, test_decoding\\)`));
    }
    expect(/^\(all keys\) redis: every key belongs/);
    expect(/^identity redis: its user is refused reads and writes outside its prefix/);
    if (brokerUsers) {
      expect(/^payments rabbitmq: its user .* has exactly its permissions/);
      expect(/^payments rabbitmq: its user is refused other services' queues/);
      expect(/^payments rabbitmq: its user may publish only to/);
    }
    expect(/^alpha code: imports nothing of another service/);
    expect(/^beta code: imports nothing of another service/);
    expect(/^\(packages\) code: packages\/ import no service/);
    const beta = breaches(findings).find((f) => f.service === 'beta')!;
    assert.match(beta.detail!, /@bazaar\/alpha/);
    assert.match(beta.detail!, /package\.json depends on @bazaar\/alpha/);
    // Nothing else: the breaches are exactly the planted ones.
    assert.equal(found.length, (brokerUsers ? 12 : 9) + (cdc ? 5 : 0), found.join('\n'));
    assert.match(formatReport(findings), /BREACH/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('module specifiers are found in every form of import', () => {
  const source = [
    "import a from 'a';",
    "import type { B } from 'b';",
    "import {\n  c,\n  d,\n} from 'cd';",
    "export * from 'e';",
    "export { f } from 'f';",
    "import 'side-effect';",
    "const g = await import('g');",
    "const h = require('h');",
  ].join('\n');
  assert.deepEqual(specifiersOf(source).sort(), ['a', 'b', 'cd', 'e', 'f', 'g', 'h', 'side-effect']);
});
