/**
 * What keyset pagination buys the catalog: listings over 1,000 and 1,000,000 products side by side, with an
 * OFFSET query at the same depth as the baseline. `npm run bench -- catalog` (BENCH_DURATION_S=8,
 * BENCH_CONNECTIONS=10, BENCH_SIZES=1000,1000000). Each size gets a throw-away database filled with
 * generate_series; catalog runs as its own process, as `npm start` runs it, loaded by autocannon over loopback;
 * OFFSET and keyset at the same position are timed in SQL. Writes bench/results/catalog.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build as buildHistogram } from 'hdr-histogram-js';
import { createPool, migrate, type Pool, type Queryable } from '@bazaar/platform';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR } from '../services/catalog/src/app.js';
import { listProducts } from '../services/catalog/src/products/product-listing.store.js';
import type { ListingQuery } from '../services/catalog/src/products/product-listing.js';
import { percentile, writeResults } from './machine.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SIZES = (process.env.BENCH_SIZES ?? '1000,1000000').split(',').map(Number);
const CHUNK = 100_000;
const DEEP_PAGE = 50;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line: string) => console.log(`[bench] ${line}`);

interface Row { scenario: string; p50: number; p99: number; reqPerSec: number; failed: number }
interface SizeResult { size: number; loadSeconds: number; http: Row[]; sql: Row[]; plans: string[] }

const WORDS = `
  adj AS (SELECT ARRAY['Classic','Everyday','Heritage','Nordic','Studio','Field','Coastal','Urban','Alpine','Essential','Artisan','Compact'] AS a),
  mat AS (SELECT ARRAY['walnut','oak','bamboo','brass','linen','leather','steel','ceramic','wool','glass'] AS a),
  noun AS (SELECT ARRAY['Lamp','Chair','Table','Bowl','Mug','Vase','Shelf','Basket','Rug','Cushion','Clock','Mirror','Tray','Jar',
    'Kettle','Pan','Knife','Board','Bottle','Backpack','Wallet','Scarf','Boot','Jacket','Tent','Stove','Helmet','Mat','Pen',
    'Notebook','Speaker','Headphones','Keyboard','Stand','Hub','Strap','Tripod','Trowel','Shears','Planter'] AS a),
  use AS (SELECT ARRAY['everyday use','long trips','small kitchens','reading corners','quiet mornings','busy offices','summer evenings',
    'the balcony','weekend walks','gift giving','home workouts','family dinners','city commutes','rainy days','slow Sundays'] AS a),
  cats AS (SELECT array_agg(id ORDER BY slug) AS a FROM categories WHERE parent_category_id IS NOT NULL)`;

async function loadProducts(pool: Pool, size: number): Promise<number> {
  const started = Date.now();
  await pool.query(`INSERT INTO categories (slug, name) SELECT 'top-' || t, 'Top ' || t FROM generate_series(1, 6) t`);
  await pool.query(`INSERT INTO categories (slug, name, parent_category_id)
    SELECT 'leaf-' || t || '-' || c, 'Leaf ' || t || '.' || c, (SELECT id FROM categories WHERE slug = 'top-' || t)
    FROM generate_series(1, 6) t, generate_series(1, 3) c`);
  for (let from = 1; from <= size; from += CHUNK) {
    const to = Math.min(size, from + CHUNK - 1);
    await pool.query(`WITH ${WORDS}
      INSERT INTO products (sku, title, description, price_minor, currency, category_id, created_at, updated_at, rating_sum, review_count)
      SELECT 'BN-' || lpad(g::text, 7, '0'),
        adj.a[1 + g % 12] || ' ' || initcap(mat.a[1 + (g / 12) % 10]) || ' ' || noun.a[1 + (g / 120) % 40],
        'A ' || lower(noun.a[1 + (g / 120) % 40]) || ' in ' || mat.a[1 + (g / 12) % 10] || ', made for ' || use.a[1 + (g / 7) % 15] || '.',
        99 + (g::bigint * 7919) % 50000, 'EUR', cats.a[1 + g % 18],
        timestamptz '2024-01-01' + g * interval '20 seconds', timestamptz '2024-01-01' + g * interval '20 seconds',
        (g % 4) * (1 + g % 5), g % 4
      FROM generate_series($1::int, $2::int) g, adj, mat, noun, use, cats`, [from, to]);
    await pool.query(`INSERT INTO product_images (product_id, image_url, alt, display_order)
      SELECT id, '/images/products/' || lower(sku) || '-1.jpg', title, 0 FROM products WHERE sku BETWEEN $1 AND $2`,
    [`BN-${String(from).padStart(7, '0')}`, `BN-${String(to).padStart(7, '0')}`]);
    await pool.query(`INSERT INTO product_availability (sku, available, version, updated_at)
      SELECT 'BN-' || lpad(g::text, 7, '0'), g % 5, 1, now() FROM generate_series($1::int, $2::int) g`, [from, to]);
    say(`  ${to.toLocaleString('en')} / ${size.toLocaleString('en')} products (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  say('  VACUUM ANALYZE, CHECKPOINT…');
  await pool.query('VACUUM ANALYZE');
  // So that writing out the load does not run under the measurements.
  await pool.query('CHECKPOINT');
  return (Date.now() - started) / 1000;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startCatalog(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // Compiled, as npm start and the image run it (npm run bench builds first).
  const child = spawn(process.execPath, [path.join(root, 'services/catalog/dist/main.bundle.js')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { PATH: process.env.PATH ?? '', CATALOG_DATABASE_URL: databaseUrl, IDENTITY_URL: 'http://127.0.0.1:9', PORT: String(port), LOG_LEVEL: 'warn' },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`catalog exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGTERM');
  throw new Error('catalog did not become ready');
}

/** autocannon against one URL; latency from each response's own time in microseconds. */
async function load(scenario: string, url: string, seconds: number): Promise<Row> {
  const histogram = buildHistogram({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds }, (error: Error | null, done: autocannon.Result) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status === 200) histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
    });
  });
  const failed = result.non2xx + result.errors;
  if (failed) say(`  warning: ${scenario}: ${failed} failed requests`);
  return { scenario, p50: histogram.getValueAtPercentile(50) / 1000, p99: histogram.getValueAtPercentile(99) / 1000, reqPerSec: result.requests.total / result.duration, failed };
}

async function pageUrl(base: string, query: string, page: number): Promise<string> {
  let url = `${base}/products?${query}`;
  for (let i = 1; i < page; i++) {
    const body = await (await fetch(url)).json() as { nextCursor: string | null };
    if (!body.nextCursor) break;
    url = `${base}/products?${query}&cursor=${body.nextCursor}`;
  }
  return url;
}

async function httpScenarios(base: string): Promise<Row[]> {
  const scenarios: [string, Promise<string>][] = [
    ['first page, newest', Promise.resolve(`${base}/products?sort=newest&limit=20`)],
    [`page ${DEEP_PAGE}, newest (cursor)`, pageUrl(base, 'sort=newest&limit=20', DEEP_PAGE)],
    ['price 100.00–200.00, price_asc', Promise.resolve(`${base}/products?minPrice=10000&maxPrice=20000&sort=price_asc&limit=20`)],
    ['search "walnut lamp", relevance', Promise.resolve(`${base}/products?q=walnut%20lamp&limit=20`)],
    ['search "walnut", sort newest', Promise.resolve(`${base}/products?q=walnut&sort=newest&limit=20`)],
  ];
  const rows: Row[] = [];
  for (const [scenario, url] of scenarios) {
    const target = await url;
    await load(scenario, target, 2);
    say(`  ${scenario}: ${DURATION_S} s…`);
    const row = await load(scenario, target, DURATION_S);
    say(`    p50 ${row.p50.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms, ${Math.round(row.reqPerSec)} req/s`);
    rows.push(row);
  }
  return rows;
}

const OFFSET_SQL = `SELECT p.id, p.sku, p.title, p.price_minor, p.currency, p.category_id, p.rating_avg, p.review_count, p.created_at,
    a.available, (SELECT i.image_url FROM product_images i WHERE i.product_id = p.id ORDER BY i.display_order LIMIT 1) AS image_url
  FROM products p LEFT JOIN product_availability a ON a.sku = p.sku
  WHERE p.status = 'active' ORDER BY p.created_at DESC, p.id DESC OFFSET $1 LIMIT 21`;

/** Runs `run` sequentially for up to 3 s (at least 5 and at most 300 times). */
async function timeSql(scenario: string, run: () => Promise<unknown>): Promise<Row> {
  const times: number[] = [];
  const deadline = Date.now() + 3000;
  while (times.length < 5 || (Date.now() < deadline && times.length < 300)) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  const total = times.reduce((a, b) => a + b, 0) / 1000;
  return { scenario, p50: percentile(times, 50), p99: percentile(times, 99), reqPerSec: times.length / total, failed: 0 };
}

/** The position of the `offset`-th product newest first, as a keyset cursor would carry it. */
async function positionAt(pool: Pool, offset: number): Promise<{ key: string; id: string }> {
  const { rows } = await pool.query<{ created_at: Date; id: string }>(
    "SELECT created_at, id FROM products WHERE status = 'active' ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1", [offset - 1]);
  return { key: rows[0]!.created_at.toISOString(), id: rows[0]!.id };
}

async function sqlScenarios(pool: Pool, size: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [label, offset] of [[`page ${DEEP_PAGE}`, (DEEP_PAGE - 1) * 20], ['half-way', Math.floor(size / 2)]] as const) {
    const after = await positionAt(pool, offset);
    say(`  SQL at ${label} (offset ${offset.toLocaleString('en')})…`);
    rows.push(await timeSql(`${label}: OFFSET ${offset.toLocaleString('en')}`, () => pool.query(OFFSET_SQL, [offset])));
    rows.push(await timeSql(`${label}: keyset`, () => listProducts(pool, { sort: 'newest', limit: 20, after })));
  }
  return rows;
}

/** EXPLAIN ANALYZE of the very statement the listing store sends, captured through a stand-in client. */
async function plan(pool: Pool, query: ListingQuery): Promise<string> {
  let text = '';
  const explaining = {
    query: async (sql: string, params: unknown[]) => {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
      text = rows.map((r) => r['QUERY PLAN']).join('\n');
      return { rows: [] };
    },
  } as unknown as Queryable;
  await listProducts(explaining, query);
  return text;
}

/** The keyset position after the first `depth` products in a sort. */
async function positionIn(pool: Pool, sort: ListingQuery['sort'], depth: number): Promise<{ key: string | number; id: string }> {
  const last = (await listProducts(pool, { sort, limit: depth - 1 })).at(-1)!;
  return { key: last.key, id: last.item.id };
}

async function plans(pool: Pool, size: number): Promise<string[]> {
  const after = await positionAt(pool, Math.floor(size / 2));
  const out = [
    `keyset, newest, half-way:\n${await plan(pool, { sort: 'newest', limit: 20, after })}`,
    `keyset, price_desc, after 1,000:\n${await plan(pool, { sort: 'price_desc', limit: 20, after: await positionIn(pool, 'price_desc', 1000) })}`,
    `keyset, rating, after 1,000:\n${await plan(pool, { sort: 'rating', limit: 20, after: await positionIn(pool, 'rating', 1000) })}`,
    `price range, price_asc:\n${await plan(pool, { sort: 'price_asc', limit: 20, minPrice: 10000, maxPrice: 20000 })}`,
    `search "walnut lamp", relevance:\n${await plan(pool, { sort: 'relevance', limit: 20, q: 'walnut lamp' })}`,
  ];
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${OFFSET_SQL}`, [Math.floor(size / 2)]);
  out.push(`OFFSET, newest, half-way:\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  return out;
}

async function benchSize(size: number): Promise<SizeResult> {
  say(`${size.toLocaleString('en')} products: creating a throw-away database…`);
  let db: TestDatabase | undefined;
  let child: ChildProcess | undefined;
  const pool = { current: undefined as Pool | undefined };
  try {
    db = await createTestDatabase(`bench_catalog_${size}`);
    await migrate(db.url, MIGRATIONS_DIR);
    pool.current = createPool(db.url, { max: 2, statementTimeoutMs: 600_000 });
    const loadSeconds = await loadProducts(pool.current, size);
    say(`  loaded in ${loadSeconds.toFixed(1)} s; starting catalog…`);
    const started = await startCatalog(db.url);
    child = started.child;
    const http = await httpScenarios(started.url);
    const sql = await sqlScenarios(pool.current, size);
    return { size, loadSeconds, http, sql, plans: size >= 100_000 ? await plans(pool.current, size) : [] };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await pool.current?.end();
    await db?.drop();
  }
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');

function table(results: SizeResult[], pick: (r: SizeResult) => Row[]): string {
  const head = `| scenario | ${results.map((r) => `${r.size.toLocaleString('en')}: p50 ms | p99 ms | req/s`).join(' | ')} |`;
  const rule = `|---|${results.map(() => '---:|---:|---:').join('|')}|`;
  const names = [...new Set(results.flatMap((r) => pick(r).map((row) => row.scenario)))];
  const lines = names.map((name) => `| ${name} | ${results.map((r) => {
    const row = pick(r).find((x) => x.scenario === name);
    return row ? `${fmt(row.p50)} | ${fmt(row.p99)} | ${row.reqPerSec < 10 ? row.reqPerSec.toFixed(1) : Math.round(row.reqPerSec)}` : '– | – | –';
  }).join(' | ')} |`);
  return [head, rule, ...lines].join('\n');
}

function notes(results: SizeResult[]): string {
  const largest = results.at(-1)!;
  const p50 = (name: string) => largest.sql.find((r) => r.scenario.startsWith(name))?.p50 ?? Number.NaN;
  const offsetRow = largest.sql.filter((r) => r.scenario.includes('OFFSET')).at(-1)!;
  return `## Reading
- At ${largest.size.toLocaleString('en')} products a keyset page costs the same wherever it is (p50 ${fmt(p50(`page ${DEEP_PAGE}: keyset`))} ms at page ${DEEP_PAGE},
  ${fmt(p50('half-way: keyset'))} ms half-way), while OFFSET grows with the depth: ${fmt(p50(`page ${DEEP_PAGE}: OFFSET`))} ms at page ${DEEP_PAGE} and
  ${fmt(offsetRow.p50)} ms for "${offsetRow.scenario}", since every skipped row is read, joined and thrown away.
- Listings by sort, cursor and price range answer alike at both sizes: each is an index range scan that stops after the page.
- A search ordered by relevance ranks every match before it can keep a page (no index holds ts_rank order), so its cost
  follows the number of matches (about 2,500 for "walnut lamp" at 1M), not the page; the same search sorted newest
  is an index scan filtered by the search and stays flat.`;
}

function report(results: SizeResult[]): string {
  return `Load: ${results.map((r) => `${r.size.toLocaleString('en')} products (with one image and an availability row each) in ${r.loadSeconds.toFixed(1)} s`).join('; ')}.

## Through HTTP
catalog as its own process, autocannon with ${CONNECTIONS} connections for ${DURATION_S} s per scenario after a 2 s warm-up,
page size 20. Client, service and PostgreSQL share the machine's cores.

${table(results, (r) => r.http)}

## In SQL: OFFSET (the baseline) against keyset at the same position
Sequential, one connection; "req/s" is queries per second. Both fetch the same columns and joins as the listing.

${table(results, (r) => r.sql)}

${notes(results)}

## Plans at ${results.at(-1)!.size.toLocaleString('en')} products
${results.at(-1)!.plans.map((p) => `\`\`\`\n${p}\n\`\`\``).join('\n\n')}
`;
}

async function main(): Promise<void> {
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await benchSize(size));
  const body = report(results);
  console.log(`\n${body}`);
  const file = writeResults('catalog', 'Catalog listings: keyset pagination at 1K and 1M products', 'npm run bench -- catalog', body);
  say(`written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: Error) => {
  console.error(`[bench] failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
