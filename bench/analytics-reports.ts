/**
 * The second half of bench/analytics.bench.ts: a year of orders (about a million order lines) in
 * the warehouse's own fact tables, the same rows copied into a throw-away PostgreSQL database, and
 * revenue-by-category run on both: the report's own `query()` on DuckDB, the same SQL in
 * PostgreSQL's dialect on PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '@bazaar/platform/testing';
import { reportNamed, type Period } from '../services/analytics/src/reports/reports.js';
import { Warehouse, type Row } from '../services/analytics/src/warehouse/warehouse.js';
import { percentile } from './machine.js';

export interface ReportScale {
  orders: number;
  products: number;
  categories: number;
  /** Timed runs per engine and period, after `warmup` untimed ones; `engineRuns` more of the SQL alone. */
  runs: number;
  engineRuns: number;
  warmup: number;
}

export interface ReportTiming {
  engine: string; period: string; rows: number; median: number; p95: number; min: number; max: number;
  /** The same SQL with its answer summed inside the engine (no rows to JavaScript): the engine's own time, median ms. */
  engineMedian: number;
}

export interface ReportOutcome {
  counts: { orders: number; lines: number; products: number; confirmed: number };
  revenueMinor: number;
  loadSeconds: { duckdb: number; copy: number; indexes: number };
  timings: ReportTiming[];
  /** Per period: whether both engines answered the same rows. */
  equal: Record<string, boolean>;
  warehouseBytes: number;
  postgresBytes: number;
}

/** 365 days ending 2026-11-30 (UTC). */
const FIRST_DAY = '2025-12-01';
export const PERIODS: Record<string, Period> = {
  '30 days': { from: '2026-11-01', to: '2026-11-30' },
  '365 days': { from: FIRST_DAY, to: '2026-11-30' },
};

/**
 * Realistic skews, not uniform noise: categories of very different sizes, product popularity close
 * to Zipf's (a few products sell most), log-normal prices, mostly one unit a line, 1–6 lines an
 * order (mean about 3.4), more orders late in the year and in the afternoon than at night; 78 % of
 * orders confirmed and kept, 4 % confirmed then cancelled, the rest rejected.
 */
function generationSql(scale: ReportScale): string[] {
  return [
    `CREATE TEMP TABLE bench_categories AS SELECT i AS n, uuid() AS category_id FROM range(${scale.categories}) t(i)`,
    `CREATE TEMP TABLE bench_products AS
       SELECT i AS n, uuid() AS product_id, 'SKU-' || lpad(i::VARCHAR, 5, '0') AS sku,
         floor(${scale.categories} * pow(random(), 1.7))::INTEGER AS category_n,
         -- log-normal around 25.00 (Box-Muller), ending in .99, between 0.99 and 999.99
         least(99999, greatest(99, (round(exp(ln(2500) + 0.9 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) / 100) * 100 - 1)::BIGINT)) AS price_minor
       FROM range(${scale.products}) t(i)`,
    `INSERT INTO dim_products (product_id, sku, name, category_id, price_minor, currency, version)
       SELECT p.product_id, p.sku, 'Product ' || p.sku, c.category_id, p.price_minor, 'EUR', 1
       FROM bench_products p JOIN bench_categories c ON c.n = p.category_n`,
    `CREATE TEMP TABLE bench_orders AS
       SELECT i AS n, uuid() AS order_id, r AS outcome_roll,
         1 + floor(6 * pow(random(), 1.1))::INTEGER AS n_lines,
         CASE WHEN random() < 0.85 THEN 'EUR' ELSE 'GBP' END AS currency,
         md5('user-' || floor(60000 * random())::INTEGER)::UUID AS user_id,
         TIMESTAMPTZ '${FIRST_DAY} 00:00:00+00'
           + to_days(floor(365 * pow(random(), 0.8))::INTEGER)
           + to_seconds(floor(86400 * (0.15 + 0.85 * (random() + random()) / 2))::INTEGER) AS placed_at
       FROM (SELECT i, random() AS r FROM range(${scale.orders}) t(i))`,
    `CREATE TEMP TABLE bench_lines AS
       SELECT o.order_id, l.line_no, p.product_id, p.sku,
         1 + floor(4 * pow(random(), 4))::INTEGER AS quantity, p.price_minor AS unit_price_minor
       FROM (SELECT order_id, unnest(range(1, n_lines + 1)) AS line_no,
               least(${scale.products - 1}, floor(${scale.products} * pow(random(), 2.5)))::INTEGER AS product_n
             FROM bench_orders) l
       JOIN bench_orders o USING (order_id)
       JOIN bench_products p ON p.n = l.product_n`,
    'INSERT INTO fact_order_lines SELECT order_id, line_no, product_id, sku, quantity, unit_price_minor FROM bench_lines',
    `INSERT INTO fact_orders (order_id, order_number, user_id, currency, total_minor, placed_at, confirmed_at, rejected_at, rejected_reason,
                              cancelled_at, cancelled_reason, refunded_minor, dispatched_at, delivered_at)
       SELECT o.order_id, 'BZ-' || lpad(o.n::VARCHAR, 7, '0'), o.user_id, o.currency, t.total, o.placed_at,
         CASE WHEN o.outcome_roll < 0.82 THEN o.placed_at + to_seconds(1 + (o.n % 5)) END,
         CASE WHEN o.outcome_roll >= 0.82 THEN o.placed_at + to_seconds(1 + (o.n % 3)) END,
         CASE WHEN o.outcome_roll >= 0.92 THEN 'out_of_stock' WHEN o.outcome_roll >= 0.82 THEN 'payment_declined' END,
         CASE WHEN o.outcome_roll >= 0.78 AND o.outcome_roll < 0.82 THEN o.placed_at + to_seconds(3600 + (o.n % 7200)) END,
         CASE WHEN o.outcome_roll >= 0.78 AND o.outcome_roll < 0.82 THEN 'customer_request' END,
         CASE WHEN o.outcome_roll >= 0.78 AND o.outcome_roll < 0.82 THEN t.total END,
         CASE WHEN o.outcome_roll < 0.78 THEN o.placed_at + to_seconds(300) END,
         CASE WHEN o.outcome_roll < 0.78 THEN o.placed_at + to_seconds(3600 + (o.n % 14400)) END
       FROM bench_orders o JOIN (SELECT order_id, sum(quantity * unit_price_minor) AS total FROM bench_lines GROUP BY order_id) t USING (order_id)`,
    'DROP TABLE bench_lines', 'DROP TABLE bench_orders', 'DROP TABLE bench_products', 'DROP TABLE bench_categories',
  ];
}

/** The three tables the report reads, as PostgreSQL DDL, keys added after the copy. */
const TABLES: { name: string; columns: [string, string][]; after: string[] }[] = [
  {
    name: 'dim_products',
    columns: [['product_id', 'uuid'], ['sku', 'text'], ['name', 'text'], ['category_id', 'uuid'], ['price_minor', 'bigint'], ['currency', 'text'], ['version', 'bigint'], ['discontinued_at', 'timestamptz']],
    after: ['ALTER TABLE dim_products ADD PRIMARY KEY (product_id)'],
  },
  {
    name: 'fact_orders',
    columns: [['order_id', 'uuid'], ['order_number', 'text'], ['user_id', 'uuid'], ['currency', 'text'], ['total_minor', 'bigint'], ['placed_at', 'timestamptz'],
      ['confirmed_at', 'timestamptz'], ['rejected_at', 'timestamptz'], ['rejected_reason', 'text'], ['cancelled_at', 'timestamptz'], ['cancelled_reason', 'text'],
      ['refunded_minor', 'bigint'], ['dispatched_at', 'timestamptz'], ['picked_up_at', 'timestamptz'], ['delivered_at', 'timestamptz'], ['returned_at', 'timestamptz']],
    // What the report filters on; the lines are reached through their key's leading order_id.
    after: ['ALTER TABLE fact_orders ADD PRIMARY KEY (order_id)', 'CREATE INDEX fact_orders_confirmed_at ON fact_orders (confirmed_at)'],
  },
  {
    name: 'fact_order_lines',
    columns: [['order_id', 'uuid'], ['line_no', 'integer'], ['product_id', 'uuid'], ['sku', 'text'], ['quantity', 'integer'], ['unit_price_minor', 'bigint']],
    after: ['ALTER TABLE fact_order_lines ADD PRIMARY KEY (order_id, line_no)'],
  },
];

/** revenue-by-category's SQL (reports.ts, without CDC's category names) in PostgreSQL's dialect. */
const POSTGRES_REVENUE = `
  SELECT to_char(o.confirmed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, p.category_id::text AS "categoryId", NULL AS "categoryName",
    o.currency, count(DISTINCT o.order_id) AS orders, sum(l.quantity) AS units, sum(l.quantity * l.unit_price_minor) AS "revenueMinor"
  FROM fact_orders o
  JOIN fact_order_lines l USING (order_id)
  LEFT JOIN dim_products p ON p.product_id = l.product_id
  WHERE o.confirmed_at >= $1::timestamptz AND o.confirmed_at < $2::timestamptz + interval '1 day' AND o.cancelled_at IS NULL
  GROUP BY 1, 2, o.currency
  ORDER BY 1, "revenueMinor" DESC, 2`;

/** revenue-by-category's SQL as reports.ts runs it without CDC (a copy, for the engine-only timing), in DuckDB's dialect. */
const DUCKDB_REVENUE = `
  SELECT strftime(o.confirmed_at AT TIME ZONE 'UTC', '%Y-%m-%d') AS day, p.category_id::VARCHAR AS "categoryId", NULL AS "categoryName",
    o.currency, count(DISTINCT o.order_id) AS orders, sum(l.quantity) AS units, sum(l.quantity * l.unit_price_minor) AS "revenueMinor"
  FROM fact_orders o
  JOIN fact_order_lines l USING (order_id)
  LEFT JOIN dim_products p ON p.product_id = l.product_id
  WHERE o.confirmed_at >= $1::TIMESTAMPTZ AND o.confirmed_at < $2::TIMESTAMPTZ + INTERVAL 1 DAY AND o.cancelled_at IS NULL
  GROUP BY 1, 2, o.currency
  ORDER BY 1, "revenueMinor" DESC, 2`;

/** Every figure of the answer summed where it is computed, so that no aggregate can be left out and nothing but one row leaves the engine. */
const insideEngine = (sql: string) => `SELECT count(*) AS n, sum(orders) AS o, sum(units) AS u, sum("revenueMinor") AS r FROM (${sql}) answer`;

/** Rows compared across engines: the key columns as text, the figures as numbers (PostgreSQL's bigint and numeric arrive as strings), in key order. */
function canonical(rows: Row[]): string {
  return JSON.stringify(rows
    .map((r) => [String(r.day), String(r.categoryId), String(r.currency), Number(r.orders), Number(r.units), Number(r.revenueMinor)] as const)
    .sort((a, b) => `${a[0]} ${a[1]} ${a[2]}`.localeCompare(`${b[0]} ${b[1]} ${b[2]}`)));
}

/**
 * DuckDB writes each column of a chunk as one PostgreSQL array literal, which PostgreSQL unnests:
 * the rows never become JavaScript objects (that costs seconds per 50,000 rows here), and every
 * value crosses as the engine's own text (timestamps to the microsecond).
 */
function arrayLiteral(column: string, type: string): string {
  const text = type === 'timestamptz' ? `strftime(${column} AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f') || '+00'` : `${column}::VARCHAR`;
  const quoted = `'"' || replace(replace(${text}, '\\', '\\\\'), '"', '\\"') || '"'`;
  return `'{' || string_agg(CASE WHEN ${column} IS NULL THEN 'NULL' ELSE ${quoted} END, ',' ORDER BY rowid) || '}' AS ${column}`;
}

async function copyTable(warehouse: Warehouse, db: pg.Pool, table: (typeof TABLES)[number], say: (line: string) => void): Promise<void> {
  const chunk = 100_000;
  const [{ n }] = await warehouse.all<{ n: number }>(`SELECT count(*) AS n FROM ${table.name}`) as [{ n: number }];
  const names = table.columns.map(([c]) => c);
  const select = table.columns.map(([c, type]) => arrayLiteral(c, type)).join(', ');
  const insert = `INSERT INTO ${table.name} (${names.join(', ')}) SELECT * FROM unnest(${table.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`;
  for (let offset = 0; offset < n; offset += chunk) {
    // rowid ranges: a table filled by inserts and never deleted from numbers its rows 0 … n-1.
    const [arrays] = await warehouse.all<Record<string, string>>(`SELECT ${select} FROM ${table.name} WHERE rowid >= ${offset} AND rowid < ${offset + chunk}`);
    await db.query(insert, names.map((c) => arrays![c]));
    if (n > chunk * 2) say(`    ${table.name}: ${Math.min(n, offset + chunk).toLocaleString('en-US')} / ${n.toLocaleString('en-US')}`);
  }
}

async function totals(query: (sql: string) => Promise<Row[]>): Promise<{ orders: number; lines: number; products: number; confirmed: number; revenue: number }> {
  const [row] = await query(`SELECT (SELECT count(*) FROM fact_orders) AS orders, (SELECT count(*) FROM fact_order_lines) AS lines,
    (SELECT count(*) FROM dim_products) AS products, (SELECT count(*) FROM fact_orders WHERE confirmed_at IS NOT NULL AND cancelled_at IS NULL) AS confirmed,
    (SELECT sum(quantity * unit_price_minor) FROM fact_order_lines) AS revenue`);
  return { orders: Number(row!.orders), lines: Number(row!.lines), products: Number(row!.products), confirmed: Number(row!.confirmed), revenue: Number(row!.revenue) };
}

/** Fills both engines, checks they hold the same rows, times the report on each. */
export async function measureReports(scale: ReportScale, say: (line: string) => void): Promise<ReportOutcome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-analytics-bench-'));
  const warehouse = await Warehouse.open(path.join(dir, 'warehouse.duckdb'));
  const database = await createTestDatabase('bench_analytics_reports');
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    say(`filling the warehouse: ${scale.orders.toLocaleString('en-US')} orders, ${scale.products.toLocaleString('en-US')} products in ${scale.categories} categories, 365 days…`);
    let started = performance.now();
    await warehouse.write(async (tx) => {
      for (const sql of generationSql(scale)) await tx.run(sql);
    });
    await warehouse.all('CHECKPOINT');
    const duckdbSeconds = (performance.now() - started) / 1000;
    const inWarehouse = await totals((sql) => warehouse.all(sql));
    say(`  ${inWarehouse.lines.toLocaleString('en-US')} order lines in ${duckdbSeconds.toFixed(1)} s; copying them to PostgreSQL (${database.name})…`);

    started = performance.now();
    for (const table of TABLES) await db.query(`CREATE TABLE ${table.name} (${table.columns.map(([c, t]) => `${c} ${t}`).join(', ')})`);
    for (const table of TABLES) await copyTable(warehouse, db, table, say);
    const copySeconds = (performance.now() - started) / 1000;
    started = performance.now();
    for (const table of TABLES) for (const sql of table.after) await db.query(sql);
    await db.query('VACUUM ANALYZE');
    const indexSeconds = (performance.now() - started) / 1000;
    const inPostgres = await totals(async (sql) => (await db.query(sql)).rows as Row[]);
    if (JSON.stringify(inWarehouse) !== JSON.stringify(inPostgres)) throw new Error(`the engines hold different data: DuckDB ${JSON.stringify(inWarehouse)}, PostgreSQL ${JSON.stringify(inPostgres)}`);
    say(`  copied in ${copySeconds.toFixed(1)} s, keys, index and VACUUM ANALYZE in ${indexSeconds.toFixed(1)} s; both hold ${JSON.stringify(inPostgres)}`);

    const report = reportNamed('revenue-by-category')!;
    // A session setting a reporting connection would be given; the server's default is 4 MB.
    const client = await db.connect();
    await client.query("SET work_mem = '64MB'");
    const params = (period: Period) => [`${period.from} 00:00:00+00`, `${period.to} 00:00:00+00`];
    const engines = {
      DuckDB: (period: Period) => report.query(warehouse, period),
      PostgreSQL: async (period: Period) => (await client.query(POSTGRES_REVENUE, params(period))).rows as Row[],
    };
    const alone = {
      DuckDB: (period: Period) => warehouse.all(insideEngine(DUCKDB_REVENUE), params(period)),
      PostgreSQL: async (period: Period) => (await client.query(insideEngine(POSTGRES_REVENUE), params(period))).rows as Row[],
    };
    const timings: ReportTiming[] = [];
    const equal: Record<string, boolean> = {};
    try {
      for (const [label, period] of Object.entries(PERIODS)) {
        const answers: Record<string, string> = {};
        const times: Record<string, number[]> = { DuckDB: [], PostgreSQL: [] };
        const rows: Record<string, number> = {};
        for (const run of Object.values(engines)) {
          for (let i = 0; i < scale.warmup; i++) await run(period);
        }
        // Alternating, so that a change in the machine's load weighs on both alike.
        for (let i = 0; i < scale.runs; i++) {
          for (const [engine, run] of Object.entries(engines)) {
            const t0 = performance.now();
            const result = await run(period);
            times[engine]!.push(performance.now() - t0);
            answers[engine] = canonical(result);
            rows[engine] = result.length;
          }
        }
        equal[label] = answers.DuckDB === answers.PostgreSQL;
        const engineTimes: Record<string, number[]> = { DuckDB: [], PostgreSQL: [] };
        for (let i = 0; i < scale.engineRuns; i++) {
          for (const [engine, run] of Object.entries(alone)) {
            const t0 = performance.now();
            await run(period);
            engineTimes[engine]!.push(performance.now() - t0);
          }
        }
        for (const engine of Object.keys(engines)) {
          const t = times[engine]!;
          timings.push({ engine, period: label, rows: rows[engine]!, median: percentile(t, 50), p95: percentile(t, 95), min: Math.min(...t), max: Math.max(...t), engineMedian: percentile(engineTimes[engine]!, 50) });
        }
        say(`  ${label}: DuckDB median ${percentile(times.DuckDB!, 50).toFixed(1)} ms, PostgreSQL median ${percentile(times.PostgreSQL!, 50).toFixed(1)} ms, ${rows.DuckDB} rows, ${equal[label] ? 'the same rows' : 'DIFFERENT rows'}`);
      }
    } finally {
      client.release();
    }
    const [{ bytes }] = (await db.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes')).rows as [{ bytes: string }];
    const [{ size }] = await warehouse.all<{ size: number }>("SELECT sum(total_blocks * block_size) AS size FROM pragma_database_size()") as [{ size: number }];
    return {
      counts: { orders: inWarehouse.orders, lines: inWarehouse.lines, products: inWarehouse.products, confirmed: inWarehouse.confirmed },
      revenueMinor: inWarehouse.revenue,
      loadSeconds: { duckdb: duckdbSeconds, copy: copySeconds, indexes: indexSeconds },
      timings, equal, warehouseBytes: Number(size), postgresBytes: Number(bytes),
    };
  } finally {
    await db.end();
    await database.drop();
    await warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
