// The worked expand/contract change (products.name → products.title, README "Expand/contract: worked
// example") as it rolls out: the code of each release is taken from the repository's history (the
// commits marked "catalog release N/3"), and releases that a rollout runs side by side run here side
// by side, as real processes on one database, each with the migrations of its own commit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contracts } from '@bazaar/contracts';
import { createLogger, createMessaging, createPool, deleteTopology, migrate, type Pool } from '@bazaar/platform';
import { createTestDatabase, eventually, startTestIssuer, type TestDatabase, type TestIssuer } from '@bazaar/platform/testing';
import { schemaBeforeTitleContract, TITLE_CONTRACT } from '../src/products/product-title.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');
const MARKERS = ['catalog release 1/3 (expand)', 'catalog release 2/3 (backfill)', 'catalog release 3/3 (contract)'] as const;

const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The commits of releases 0 (the parent of release 1) to 3, or why they cannot be had. */
function releaseCommits(): { commits: string[] } | { skip: string } {
  try {
    if (git('rev-parse', '--is-shallow-repository') === 'true') return { skip: 'a shallow clone: the releases\' commits are not in its history (fetch with --unshallow to run it)' };
  } catch {
    return { skip: 'no git history here (not a git checkout, or git is not installed): the releases are read from it' };
  }
  // The subject starts with the marker (a basic regular expression: the parentheses are literal); the
  // oldest such commit, should a later message quote it at the start of a line.
  const found = MARKERS.map((marker) => git('log', `--grep=^${marker}`, '--format=%H', 'HEAD').split('\n').at(-1) ?? '');
  // A full history that lacks them is a failure, not a skip: the releases are part of this repository.
  found.forEach((commit, i) => assert.ok(commit, `no commit marked "${MARKERS[i]}" in the history`));
  return { commits: [git('rev-parse', `${found[0]}^`), ...found] };
}

const history = releaseCommits();
const skip = 'skip' in history ? history.skip : false;

let work: string;
let db: TestDatabase;
let pool: Pool;
let identity: TestIssuer;
let admin: { authorization: string };
// The releases share one messaging namespace of their own, as the pods of one service share its queues.
const amqpUrl = process.env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const namespace = `test_expand_contract_${randomUUID().slice(0, 8)}`;
const running = new Set<ChildProcess>();

/**
 * The code of releases 0 to 3. Release 3 is its commit's tree (`git archive` of catalog and of the
 * workspace packages it is built with, beside a link to the current install's node_modules whose
 * @bazaar entries point at the extracted packages); release 2 is that tree with release 3's commit
 * reverted (its diff in catalog's code and migrations, applied in reverse), release 1 with release 2's
 * reverted too, release 0 with release 1's. So the releases differ by this change alone. The trees of
 * the earlier commits themselves do not all run: other work committed between them left the shared
 * packages half-changed at some (the kit's index exporting a file committed a little later; a second
 * version of product.updated's contract before the kit could publish two versions).
 */
async function extract(): Promise<string[]> {
  const { commits } = history as { commits: string[] };
  const dirs: string[] = [];
  for (let release = 3; release >= 0; release--) {
    const dir = path.join(work, `release-${release}`);
    await mkdir(dir);
    execFileSync('tar', ['-x', '-C', dir], {
      input: execFileSync('git', ['archive', commits[3]!, 'services/catalog', 'packages', 'tsconfig.json', 'tsconfig.base.json'], { cwd: repo, maxBuffer: 256 * 1024 * 1024 }),
    });
    for (const later of [3, 2, 1].filter((r) => r > release)) {
      const change = execFileSync('git', ['show', '--format=', '--binary', commits[later]!, '--', 'services/catalog/src', 'services/catalog/migrations'], { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
      execFileSync('git', ['apply', '--reverse', '-'], { cwd: dir, input: change });
    }
    const modules = path.join(dir, 'node_modules');
    await mkdir(path.join(modules, '@bazaar'), { recursive: true });
    for (const entry of await readdir(path.join(repo, 'node_modules'))) {
      if (entry !== '@bazaar') await symlink(path.join(repo, 'node_modules', entry), path.join(modules, entry));
    }
    for (const entry of await readdir(path.join(dir, 'packages'))) await symlink(`../../packages/${entry}`, path.join(modules, '@bazaar', entry));
    dirs[release] = dir;
  }
  return dirs;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Release {
  name: string;
  dir: string;
  log(): string;
  call(method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  ready(): Promise<number>;
  health(): Promise<{ checks: { schema: { message: string } } }>;
  stop(): Promise<void>;
}

/** Migrates the database with a release's own migrations, as its rollout's Job does. */
const migrateTo = (release: { dir: string }) => migrate(db.url, path.join(release.dir, 'services/catalog/migrations'));

/** A release's catalog as a process, as Kubernetes runs it: MIGRATE_ON_START=false, the Job migrates. */
async function start(release: number, dir: string): Promise<Release> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, 'src/main.ts'], {
    cwd: path.join(dir, 'services/catalog'),
    env: {
      ...process.env, CATALOG_DATABASE_URL: db.url, IDENTITY_URL: identity.jwksUrl.replace(/\/\.well-known\/jwks\.json$/, ''),
      PORT: String(port), METRICS_PORT: String(metricsPort), MIGRATE_ON_START: 'false', AMQP_URL: amqpUrl, MESSAGING_NAMESPACE: namespace, LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  // Its log (warnings and errors only), for the message of a failed assertion.
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const name = `release ${release}`;
  let gone = false;
  void exited.then(() => { gone = true; });
  // Until it listens; a release that stops on its way fails at once, with its log.
  await eventually(() => gone || fetch(`${url}/health/live`).then((r) => r.ok, () => false), { timeoutMs: 60_000, message: `${name} did not start listening` });
  assert.ok(!gone, `${name} exited as it started:\n${log}`);
  return {
    name, dir, log: () => log,
    async call(method, route, body) {
      const response = await fetch(`${url}${route}`, {
        method, headers: { ...admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => undefined) };
    },
    ready: async () => (await fetch(`${url}/health/ready`)).status,
    health: async () => (await fetch(`${url}/health`)).json() as Promise<{ checks: { schema: { message: string } } }>,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      running.delete(child);
    },
  };
}

const word = () => `w${randomUUID().replace(/-/g, '').slice(0, 10)}`;
let skus = 0;
let categoryId: string;

/** What a product and a page of the listing show of a product, as far as this test looks. */
interface Shown { id: string; name: string }

async function ok<T = Shown>(release: Release, method: string, route: string, body: unknown, status: number): Promise<T> {
  const answer = await release.call(method, route, body);
  assert.equal(answer.status, status, `${release.name} ${method} ${route}: ${JSON.stringify(answer.body)}${answer.status >= 500 ? `\n${release.log()}` : ''}`);
  return answer.body as T;
}

/** A product created by one release: its name carries a word of its own, to search it by. */
async function create(by: Release): Promise<Shown> {
  const name = `Lantern ${word()}`;
  const product = await ok(by, 'POST', '/products', { sku: `EC-${++skus}`, name, description: 'A lamp for the garden', priceMinor: 1500, currency: 'EUR', categoryId }, 201);
  assert.equal(product.name, name);
  return { id: product.id, name };
}

async function rename(by: Release, product: Shown): Promise<void> {
  product.name = `Storm lantern ${word()}`;
  assert.equal((await ok(by, 'PATCH', `/products/${product.id}`, { name: product.name }, 200)).name, product.name);
}

/** What `reader` shows of each product: by id, in the category's listing, and found by its name's word. */
async function readsRight(reader: Release, products: Shown[]): Promise<void> {
  const listing = await ok<{ items: Shown[] }>(reader, 'GET', '/products?category=expand-contract&limit=100', undefined, 200);
  for (const product of products) {
    assert.equal((await ok(reader, 'GET', `/products/${product.id}`, undefined, 200)).name, product.name, `${reader.name} reads ${product.name} by id`);
    assert.equal(listing.items.find((item) => item.id === product.id)?.name, product.name, `${reader.name} lists ${product.name}`);
    const unique = product.name.split(' ').at(-1)!;
    const found = await ok<{ items: Shown[] }>(reader, 'GET', `/products?q=${unique}`, undefined, 200);
    assert.deepEqual(found.items.map((item) => [item.id, item.name]), [[product.id, product.name]], `${reader.name} finds ${product.name}`);
  }
}

/** Two releases side by side: each creates and renames; each reads what both wrote. */
async function sideBySide(old: Release, next: Release, earlier: Shown[]) {
  const byOld = await create(old);
  const byNext = await create(next);
  const renamedByOld = await create(next);
  const renamedByNext = await create(old);
  await rename(old, renamedByOld);
  await rename(next, renamedByNext);
  const all = [...earlier, byOld, byNext, renamedByOld, renamedByNext];
  await readsRight(old, all);
  await readsRight(next, all);
  return all;
}

before(async () => {
  if (skip) return;
  work = await mkdtemp(path.join(tmpdir(), 'bazaar-expand-contract-'));
  db = await createTestDatabase('catalog_expand_contract');
  pool = createPool(db.url, { applicationName: 'expand-contract-test', max: 2 });
  identity = await startTestIssuer();
  // One token for the whole file, which starts a dozen releases as processes: on a busy machine that
  // takes longer than the issuer's default five minutes, and the last releases' writes were 401s.
  admin = { authorization: `Bearer ${await identity.token({ roles: ['customer', 'admin'], expiresIn: '1h' })}` };
});

after(async () => {
  for (const child of running) child.kill('SIGKILL');
  if (skip) return;
  // The namespace's queues and exchanges, which the releases declared, through the kit's own topology.
  const bus = createMessaging({ service: 'catalog', pool, amqpUrl, logger: createLogger('catalog', 'silent'), contracts, namespace });
  await bus.start();
  const connection = bus.relay?.broker.current;
  if (connection) {
    const channel = await connection.createChannel();
    await deleteTopology(channel, bus.names, { exchanges: true });
    await channel.close();
  }
  await bus.stop();
  await identity?.close();
  await pool?.end();
  await db?.drop();
  await rm(work, { recursive: true, force: true });
});

test('products.name → products.title: each release runs beside the one before it on the schema between them, and the gate holds each back until its migration ran', { skip, timeout: 600_000 }, async (t) => {
  const dirs = await extract();

  // Release 0 serves on its own schema and writes a product before anything changed.
  await migrateTo({ dir: dirs[0]! });
  const r0 = await start(0, dirs[0]!);
  assert.equal(await r0.ready(), 200);
  categoryId = (await ok(r0, 'POST', '/categories', { slug: 'expand-contract', name: 'Expand and contract' }, 201)).id;
  let products = [await create(r0)];

  // Release 1's Job runs the expand migration while release 0 serves (a database ahead of it).
  await t.test('release 0 and release 1 side by side on the expanded schema (0005)', async () => {
    await migrateTo({ dir: dirs[1]! });
    const r1 = await start(1, dirs[1]!);
    assert.equal(await r1.ready(), 200);
    assert.equal(await r0.ready(), 200, 'release 0 serves on a schema ahead of it');
    products = await sideBySide(r0, r1, products);
    // What release 0 wrote after the expand has its title too (the trigger), before any backfill.
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM products WHERE title IS DISTINCT FROM name AND created_at > (SELECT applied_at FROM schema_migrations WHERE version = 5)');
    assert.equal(rows[0]!.n, 0);
    await r1.stop();
  });

  await t.test('release 2 is not ready on a database at release 1\'s schema, and says what it lacks', async () => {
    const r2 = await start(2, dirs[2]!);
    assert.equal(await r2.ready(), 503);
    assert.match((await r2.health()).checks.schema.message, /lacks 0006_product_title_backfill\.sql/);
    await r2.stop();
  });

  await r0.stop();
  const r1 = await start(1, dirs[1]!);

  await t.test('release 1 and release 2 side by side on the backfilled schema (0006); release 2 turns ready once its Job ran', async () => {
    const r2 = await start(2, dirs[2]!);
    assert.equal(await r2.ready(), 503);
    await migrateTo({ dir: dirs[2]! });
    await eventually(async () => (await r2.ready()) === 200, { timeoutMs: 30_000, message: 'release 2 did not turn ready after its migration' });
    assert.equal(await r1.ready(), 200);
    products = await sideBySide(r1, r2, products);
    await r2.stop();
  });

  await r1.stop();
  const r2 = await start(2, dirs[2]!);

  await t.test('release 3 is ready on 0006 without its contract migration and runs beside release 2; once release 2 is gone, 0007 drops name under it', async () => {
    const r3 = await start(3, dirs[3]!);
    assert.equal(await r3.ready(), 200, 'release 3 does not need 0007 to serve');
    products = await sideBySide(r2, r3, products);
    await r2.stop();
    await migrateTo({ dir: dirs[3]! });
    const { rows } = await pool.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'products' AND column_name IN ('name', 'title')");
    assert.deepEqual(rows.map((r) => r.column_name), ['title']);
    assert.equal(await r3.ready(), 200);
    assert.match((await r3.health()).checks.schema.message, /schema at version 7/);
    const after = await create(r3);
    await rename(r3, products[0]!);
    await readsRight(r3, [...products, after]);
    await r3.stop();
  });
});

test('release 3 needs the schema before its contract migration only while that is the newest; a later migration makes it every file again', async () => {
  const migration = (version: number, name: string) => ({ version, name, file: `${String(version).padStart(4, '0')}_${name}.sql`, sql: '', checksum: '' });
  const upTo = (...names: string[]) => {
    const migrations = names.map((name, i) => migration(i + 1, name));
    return { dir: 'migrations', migrations, requires: migrations.length };
  };
  const release3 = upTo('catalog', 'messaging', 'reviewer_names_and_purchases', 'data_product', 'product_title_expand', 'product_title_backfill', TITLE_CONTRACT);
  assert.equal(schemaBeforeTitleContract(release3).requires, 6);
  const later = upTo(...release3.migrations.map((m) => m.name), 'something_later');
  assert.equal(schemaBeforeTitleContract(later).requires, 8);
  // A release that declared less already keeps what it declared.
  assert.equal(schemaBeforeTitleContract({ ...release3, requires: 5 }).requires, 5);
});
