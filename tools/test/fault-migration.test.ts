// Independent deployability, seed 001's migration validation: a schema change to one service's
// database while the other services serve. Catalog gets a new migration (a nullable column on
// products), rolled out expand first, code later: the migration is applied to catalog's database
// while the running catalog keeps serving, then only catalog is restarted (as a rolling restart or a
// rollback would, on the wider schema), and it serves again. Reads against identity, inventory and
// orders (directly and through the gateway) run the whole time and must all succeed, and no database
// but catalog's may change: each one's schema (tables, columns, indexes, applied migrations) is
// fingerprinted before and after.
//
// The new migration is never written under services/ (tests beside this one migrate catalog from
// services/catalog/migrations): it is applied with the kit's migrate() from a temporary copy of
// catalog's migrations plus the new file, as the release that ships it would at its start.
import { randomBytes, createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { migrate } from '@bazaar/platform';
import { eventually } from '@bazaar/platform/testing';
import { databaseUrlOf, startTestSystem, type TestSystem } from '../src/testing/system.js';
import { repoRoot } from '../src/services.js';
import { Shop, type ShopProduct } from '../src/testing/shop.js';
import { SystemReader } from '../src/testing/invariants.js';
import type { JsonAnswer } from '../src/testing/http.js';

const run = randomBytes(3).toString('hex');
const adminEmail = `fault-mig-ops-${run}@bazaar.test`;
const customerEmail = `fault-mig-${run}@bazaar.test`;
const password = 'Fault-Migration-2026';
const DATABASES = ['identity', 'catalog', 'inventory', 'orders'] as const;
const CHANGED = 'catalog';
/** The next version after catalog's own migrations, whatever they are by now. */
const nextVersion = () => {
  const versions = readdirSync(path.join(repoRoot, 'services', CHANGED, 'migrations')).map((f) => Number(/^(\d+)_/.exec(f)?.[1] ?? 0));
  return String(Math.max(0, ...versions) + 1).padStart(4, '0');
};
const MIGRATION = {
  file: `${nextVersion()}_product_subtitle.sql`,
  // Expand: a nullable column without a default changes only the catalog (no table rewrite), and
  // waits at most 5 s for its brief lock rather than queueing the readers behind it.
  sql: "SET LOCAL lock_timeout = '5s';\nALTER TABLE products ADD COLUMN subtitle text;\n",
};
const say = (line: string) => console.log(`[fault-migration] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timed = async <T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await fn();
  return { value, ms: Math.round(performance.now() - started) };
};

let system: TestSystem;
let reader: SystemReader;
let gateway: Shop;
let direct: Shop;
let admin: string;
let customer: string;
let lamp: ShopProduct;
let migrationsDir: string | undefined;
let categoryId: string;
/** The reads running through the rollout: stopped in `after` too, so a failed test does not leave them looping. */
let reads: ContinuousReads | undefined;

interface Schema { tables: string[]; columns: string[]; indexes: string[]; migrations: string[] }

/** What a database's schema is: its tables, columns, indexes and applied migrations, read with the service's own credentials. */
async function schemaOf(service: string): Promise<Schema> {
  const db = reader.db(service);
  const rows = async (sql: string) => (await db.query<{ line: string }>(sql)).rows.map((r) => r.line);
  return {
    tables: await rows("SELECT table_name AS line FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"),
    columns: await rows(`SELECT concat_ws(' ', table_name || '.' || column_name, data_type, CASE WHEN is_nullable = 'NO' THEN 'not null' END, 'default ' || column_default) AS line
                           FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`),
    indexes: await rows("SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"),
    migrations: await rows('SELECT version || \' \' || name || \' \' || checksum AS line FROM schema_migrations ORDER BY version'),
  };
}
const fingerprint = (schema: Schema) => createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 12);
const added = (before: string[], after: string[]) => after.filter((x) => !before.includes(x));
const removed = (before: string[], after: string[]) => before.filter((x) => !after.includes(x));

/** Reads that run in a loop until stopped, each result counted under the phase it happened in. */
class ContinuousReads {
  private running = true;
  private loops: Promise<void>[] = [];
  phase = 'before';
  readonly counts = new Map<string, { ok: number; errors: number; samples: string[] }>();

  start(targets: { name: string; read: () => Promise<JsonAnswer> }[]): void {
    this.loops = targets.map(async ({ name, read }) => {
      while (this.running) {
        const key = `${name}|${this.phase}`;
        const count = this.counts.get(key) ?? { ok: 0, errors: 0, samples: [] };
        this.counts.set(key, count);
        try {
          const answer = await read();
          if (answer.status === 200) count.ok++;
          else throw new Error(`${answer.status} ${answer.body.detail ?? ''}`);
        } catch (error) {
          count.errors++;
          if (count.samples.length < 2) count.samples.push((error as Error).message.slice(0, 120));
        }
        await sleep(40);
      }
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Totals for the targets whose name starts with `prefix`, in every phase or one. */
  total(prefix: string, phase?: string): { ok: number; errors: number; samples: string[] } {
    const sum = { ok: 0, errors: 0, samples: [] as string[] };
    for (const [key, c] of this.counts) {
      const [name, p] = key.split('|');
      if (!name!.startsWith(prefix) || (phase && p !== phase)) continue;
      sum.ok += c.ok;
      sum.errors += c.errors;
      sum.samples.push(...c.samples.map((s) => `${name} (${p}): ${s}`));
    }
    return sum;
  }
}

before(async () => {
  const started = Date.now();
  system = await startTestSystem({
    services: [...DATABASES, 'gateway'],
    parallel: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      // The readers below are one client reading in a loop, far above the per-client limit (600 a minute).
      gateway: { GATEWAY_RATE_LIMIT_MAX: '1000000' },
    },
  });
  say(`identity, catalog, inventory, orders and the gateway up in ${seconds(Date.now() - started)}`);
  reader = new SystemReader(system, DATABASES);
  gateway = Shop.throughGateway(system);
  direct = Shop.direct(system);
  admin = await gateway.register(adminEmail, password, 'Migration Ops');
  customer = await gateway.register(customerEmail, password, 'Migration Customer');
  categoryId = await gateway.createCategory(admin, `fault-mig-${run}`, 'Fault Migration');
  lamp = await gateway.createProduct(admin, { categoryId, sku: `FMG-${run.toUpperCase()}`, priceMinor: 1_900, stock: 10 });
}, { timeout: 240_000 });

after(async () => {
  await reads?.stop();
  if (migrationsDir) rmSync(migrationsDir, { recursive: true, force: true });
  await reader?.close();
  await system?.stop();
});

test('a migration added to catalog alone, applied while the others serve: no read fails, no other database changes, catalog serves again on the wider schema', { timeout: 120_000 }, async () => {
  const before = Object.fromEntries(await Promise.all(DATABASES.map(async (s) => [s, await schemaOf(s)] as const))) as Record<string, Schema>;
  say(`schemas before: ${DATABASES.map((s) => `${s} ${fingerprint(before[s]!)} (${before[s]!.tables.length} tables, ${before[s]!.columns.length} columns, migrations ${before[s]!.migrations.length})`).join('; ')}`);

  const live = new ContinuousReads();
  reads = live;
  const others = (shop: Shop, via: string) => [
    { name: `other:identity ${via}`, read: () => shop.call('identity', 'GET', '/users/me', { token: customer }) },
    { name: `other:inventory ${via}`, read: () => shop.call('inventory', 'GET', `/inventory/${lamp.sku}`, { token: admin }) },
    { name: `other:orders ${via}`, read: () => shop.call('orders', 'GET', '/orders?limit=5', { token: customer }) },
  ];
  live.start([
    ...others(direct, 'direct'),
    ...others(gateway, 'via gateway'),
    { name: 'catalog direct', read: () => direct.call('catalog', 'GET', `/products/${lamp.id}`) },
    { name: 'catalog via gateway', read: () => gateway.call('catalog', 'GET', `/products/${lamp.id}`) },
  ]);
  await sleep(1_000);

  // 1. Expand: catalog's database gets the column while the running catalog (the old code) serves.
  live.phase = 'expand';
  migrationsDir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-catalog-migrations-'));
  cpSync(path.join(system.services[CHANGED]!.def.dir, 'migrations'), migrationsDir, { recursive: true });
  writeFileSync(path.join(migrationsDir, MIGRATION.file), MIGRATION.sql);
  const expandStarted = performance.now();
  const expanded = await migrate(databaseUrlOf(system, CHANGED), migrationsDir);
  const expandMs = Math.round(performance.now() - expandStarted);
  assert.deepEqual(expanded.applied.map((m) => m.file), [MIGRATION.file]);
  const column = await reader.db(CHANGED).query("SELECT data_type, is_nullable FROM information_schema.columns WHERE table_name = 'products' AND column_name = 'subtitle'");
  assert.deepEqual(column.rows, [{ data_type: 'text', is_nullable: 'YES' }]);
  await sleep(1_000);
  const written = await gateway.call('catalog', 'POST', '/products', { token: admin, body: { sku: `FMG2-${run.toUpperCase()}`, name: 'Written by the old code on the new schema', priceMinor: 990, currency: 'EUR', categoryId } });
  assert.equal(written.status, 201, JSON.stringify(written.body));
  const expand = live.total('catalog', 'expand');

  // 2. Only catalog restarts, still the old code, on the wider schema.
  live.phase = 'restart';
  const pid = system.services[CHANGED]!.pid;
  const otherPids = Object.fromEntries(Object.entries(system.services).filter(([name]) => name !== CHANGED).map(([name, proc]) => [name, proc.pid]));
  const restartStarted = performance.now();
  await system.services[CHANGED]!.stop();
  await system.restart(CHANGED);
  const restartMs = Math.round(performance.now() - restartStarted);
  const aheadLine = system.services[CHANGED]!.lastLines(40).find((line) => line.includes('migrations this code does not know'));
  // The gateway's breaker on catalog opened while it was down; it lets a trial call through after a while.
  const breaker = await timed(() => eventually(async () => (await gateway.call('catalog', 'GET', `/products/${lamp.id}`)).status === 200, { timeoutMs: 30_000, intervalMs: 250, message: 'catalog never answered through the gateway again' }));
  live.phase = 'after';
  await sleep(1_500);

  // 3. Code later: the release that ships the migration finds it applied and changes nothing.
  const release = await migrate(databaseUrlOf(system, CHANGED), migrationsDir);
  await live.stop();

  const after = Object.fromEntries(await Promise.all(DATABASES.map(async (s) => [s, await schemaOf(s)] as const))) as Record<string, Schema>;
  const restart = live.total('catalog', 'restart');
  const afterwards = live.total('catalog', 'after');
  const otherReads = live.total('other:');
  say('rollout of catalog\'s new migration, expand first, code later:');
  say(`  1. expand: ${MIGRATION.file} (${MIGRATION.sql.trim().replace(/\n/g, ' ')}) applied to catalog's database alone by migrate() from a copy of its migrations, in ${expandMs} ms, while the running catalog served: ${expand.ok} catalog reads, ${expand.errors} failed; the old code wrote a product on the new schema (${written.status})`);
  say(`  2. restart of catalog alone on the wider schema (pid ${pid} -> ${system.services[CHANGED]!.pid}), ready after ${restartMs} ms, through the gateway again ${breaker.ms} ms later (its breaker); meanwhile ${restart.ok} catalog reads answered, ${restart.errors} failed (one replica: it is down between stop and ready); it says: ${aheadLine ? JSON.parse(aheadLine).msg : '(no line)'}`);
  say(`  3. code later: the release shipping ${MIGRATION.file} runs migrate at its start: ${release.applied.length} applied, ${release.alreadyApplied} already; after the restart ${afterwards.ok} catalog reads, ${afterwards.errors} failed`);
  say(`  4. contract (a later release, when no code reads what it removes): nothing to remove for an added column`);
  say(`reads against the other services the whole time: ${otherReads.ok} answered, ${otherReads.errors} failed (${[...live.counts.keys()].filter((k) => k.startsWith('other:')).map((k) => k.split('|')[0]).filter((v, i, a) => a.indexOf(v) === i).join(', ')})`);
  for (const service of DATABASES) {
    const b = before[service]!;
    const a = after[service]!;
    const changes = [
      ...added(b.tables, a.tables).map((t) => `+table ${t}`), ...removed(b.tables, a.tables).map((t) => `-table ${t}`),
      ...added(b.columns, a.columns).map((c) => `+column ${c}`), ...removed(b.columns, a.columns).map((c) => `-column ${c}`),
      ...added(b.indexes, a.indexes).map((i) => `+index ${i}`), ...removed(b.indexes, a.indexes).map((i) => `-index ${i}`),
      ...added(b.migrations, a.migrations).map((m) => `+migration ${m.slice(0, 40)}…`), ...removed(b.migrations, a.migrations).map((m) => `-migration ${m.slice(0, 40)}…`),
    ];
    say(`schema of ${service}: ${fingerprint(b)} -> ${fingerprint(a)}${changes.length ? `: ${changes.join('; ')}` : ' (unchanged)'}`);
    if (service === CHANGED) {
      assert.deepEqual(changes.map((c) => c.split(' ').slice(0, 3).join(' ')), ['+column products.subtitle text', `+migration ${Number(MIGRATION.file.slice(0, 4))} ${MIGRATION.file.slice(5, -4)}`]);
    } else {
      assert.deepEqual(a, b, `${service}'s database must not change`);
    }
  }
  for (const [name, oldPid] of Object.entries(otherPids)) assert.equal(system.services[name]!.pid, oldPid, `${name} was not restarted`);
  assert.deepEqual(otherReads.samples, [], 'reads against the other services fail');
  assert.equal(otherReads.errors, 0);
  assert.ok(otherReads.ok > 100, `the reads ran (${otherReads.ok})`);
  assert.deepEqual(expand.samples, [], 'catalog keeps serving while its database is expanded');
  assert.ok(expand.ok > 0);
  assert.deepEqual(afterwards.samples, [], 'catalog serves again after its restart');
  assert.ok(afterwards.ok > 0);
  assert.ok(aheadLine, 'catalog says its database is ahead of its code');
  assert.deepEqual(release.applied, []);
  assert.equal(release.alreadyApplied, Number(MIGRATION.file.slice(0, 4)), 'every migration, the new one included, already applied');
});
