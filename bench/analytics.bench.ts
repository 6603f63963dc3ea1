/**
 * The warehouse's two promises, in one run:
 *
 * 1. Freshness: events published at a steady BENCH_RATE a second to the real RabbitMQ (the events
 *    exchange of a namespace of this run's own), each stamped occurredAt as it goes out (the moment
 *    its source would have committed it), consumed by analytics' consumer, WarehouseInbox and
 *    Warehouse wired as main.ts wires them, in this process, on a DuckDB file; an event is fresh
 *    once the batch folding it has committed, when every report query sees it. Then the same load
 *    with ANALYTICS_BATCH_MAX=1 (one event a transaction), the inbox without its batches.
 * 2. A report at a million order lines: a year of orders in the warehouse's fact tables, the same
 *    rows in a throw-away PostgreSQL database, revenue-by-category over 30 and 365 days on both.
 *
 *   npm run bench -- analytics   (BENCH_RATE=1000, BENCH_WARMUP_SECONDS=3, BENCH_SECONDS=30,
 *                                 BENCH_BASELINE_SECONDS=10, BENCH_ORDERS=300000, BENCH_REPORT_RUNS=10,
 *                                 BENCH_ENGINE_RUNS=5)
 *
 * Writes bench/results/analytics.md.
 */
import os from 'node:os';
import { measureFreshness, type FreshnessResult } from './analytics-freshness.js';
import { measureReports, PERIODS, type ReportOutcome } from './analytics-reports.js';
import { percentile, writeResults } from './machine.js';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 10);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 300_000);
const REPORT_RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 10);
const ENGINE_RUNS = Number(process.env.BENCH_ENGINE_RUNS ?? 5);
const AMQP_URL = process.env.BAZAAR_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const say = (line: string) => console.log(`[bench] ${line}`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;

const loadBefore = os.loadavg();
say(`load average before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
const common = { rate: RATE, warmupSeconds: WARMUP_SECONDS, lingerMs: 20, amqpUrl: AMQP_URL };
const batched = await measureFreshness({ ...common, label: 'batched inbox (defaults)', maxBatch: 500, seconds: SECONDS, graceSeconds: 30, probe: true }, say);
say(`  p50 ${batched.p50} ms, p99 ${batched.p99} ms, max ${batched.max} ms; ${fmt(batched.commitRate)} events/s in ${batched.batches} batches of ${fmt(batched.meanBatch, 1)}`);
const single = await measureFreshness({ ...common, label: 'one event a transaction', maxBatch: 1, seconds: BASELINE_SECONDS, graceSeconds: 5, probe: false }, say);
say(`  ${fmt(single.commitRate)} events/s; of ${fmt(single.published)} counted, ${fmt(single.committed)} committed (p50 ${single.p50} ms, p99 ${single.p99} ms), ${fmt(single.unseen)} unseen at the end`);
const loadMiddle = os.loadavg();
const reports = await measureReports({ orders: ORDERS, products: 5000, categories: 40, runs: REPORT_RUNS, engineRuns: ENGINE_RUNS, warmup: 2 }, say);
const loadAfter = os.loadavg();
say(`load average after: ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`);

const ms = (r: FreshnessResult, value: number) => (r.committed ? fmt(value) : '–');
const freshnessRow = (name: string, r: FreshnessResult) =>
  `| ${name} | ${r.options.maxBatch} | ${fmt(r.publishRate)} | ${fmt(r.commitRate)} | ${fmt(r.committed)} / ${fmt(r.published)} | ${fmt(r.batches)} | ${fmt(r.meanBatch, 1)} | ${fmt(r.meanTransactionMs, 1)} | ${ms(r, r.p50)} | ${ms(r, r.p90)} | ${ms(r, r.p99)} | ${ms(r, r.max)} |`;
const timelineRows = (r: FreshnessResult) => r.timeline.map((t) => `${t.second} s: ${fmt(t.published)} published, ${fmt(t.committed)} committed, oldest in the last batch ${Number.isNaN(t.lagMs) ? '–' : `${fmt(t.lagMs)} ms`}`);
/** Whether it kept up: all folded, at the rate, and the lag at the end of publishing no worse than early on. */
const keptUp = (r: FreshnessResult) => {
  const lags = r.timeline.filter((t) => !Number.isNaN(t.lagMs)).map((t) => t.lagMs);
  return r.unseen === 0 && r.commitRate >= 0.95 * RATE && (lags.at(-1) ?? 0) <= 2 * (lags[0] ?? 0) + 500;
};
function verdict(r: FreshnessResult): string {
  if (keptUp(r)) return `kept up: every counted event was folded, at ${fmt(r.commitRate)} events/s`;
  const parts = [`did **not** keep up at ${RATE}/s: it committed ${fmt(r.commitRate)} events/s and its lag grew through the run (below)`];
  if (r.unseen === 0) parts.push(`every counted event was folded in the end, after publishing stopped`);
  else if (r.committed === 0) parts.push(`none of the ${fmt(r.published)} counted events had been committed when the run stopped it (it was still folding the warm-up's), the oldest published ${fmt(r.unseenOldestMs / 1000, 1)} s before`);
  else parts.push(`${fmt(r.unseen)} of the ${fmt(r.published)} counted events were still unseen when the run stopped it, the oldest ${fmt(r.unseenOldestMs / 1000, 1)} s after it was published; its percentiles are over the events it did commit, the earliest ones, so they flatter it`);
  return parts.join('; ');
}

/** The reading of part 1, from its figures. */
function freshnessMeaning(): string {
  const perEvent = single.meanTransactionMs;
  const perBatch = batched.meanTransactionMs;
  const out = [`a transaction of the inbox costs far less per event when it holds many (the duplicate check, the
fold's statements, DuckDB's commit to its WAL are paid once): ${fmt(perBatch, 1)} ms for a batch of ${fmt(batched.meanBatch, 1)} events on
average (${fmt(perBatch / batched.meanBatch, 2)} ms an event) against ${fmt(perEvent, 1)} ms for one event alone. One event a transaction caps
the inbox at about ${fmt(1000 / perEvent)} events/s on this machine as loaded (1000 / ${fmt(perEvent, 1)} ms), ${fmt(single.commitRate)} measured: far below
the load, so its backlog (in RabbitMQ) and its lag grow for as long as the load lasts.`];
  if (keptUp(batched)) {
    out.push(`Batched, the inbox kept up with ${RATE} events/s and an event was in the reports ${fmt(batched.p50)} ms after its
source committed it (p50; p99 ${fmt(batched.p99)} ms).`);
  } else {
    out.push(`Batched, it did not keep up with ${RATE} events/s in this run either: ${fmt(batched.commitRate)} events/s, so the p50 of
${fmt(batched.p50)} ms is mostly a queue's wait, not the path's (it grows with the run's length): at ${fmt(perBatch / batched.meanBatch, 2)} ms an event
its batches could fold about ${fmt(batched.meanBatch / perBatch * 1000)} events/s, with the machine's other load (above) on the same two cores.`);
  }
  return out.join('\n\n');
}

/** The reading of part 2, from its figures. */
function reportMeaning(o: ReportOutcome): string {
  const at = (engine: string, period: string) => o.timings.find((t) => t.engine === engine && t.period === period)!;
  const lines = Object.keys(PERIODS).map((period) => {
    const duck = at('DuckDB', period);
    const pg = at('PostgreSQL', period);
    const faster = duck.median <= pg.median ? `DuckDB answered in ${fmt(100 * duck.median / pg.median)} % of PostgreSQL's time` : `PostgreSQL answered in ${fmt(100 * pg.median / duck.median)} % of DuckDB's time`;
    return `- ${period} (${fmt(duck.rows)} rows): ${faster} (medians ${fmt(duck.median)} and ${fmt(pg.median)} ms); inside the engines alone ${fmt(duck.engineMedian)} against ${fmt(pg.engineMedian)} ms${duck.engineMedian >= 0.8 * duck.median && pg.engineMedian >= 0.8 * pg.median ? ', so nearly all of each answer\'s time is the engine\'s own, not the rows\' trip to JavaScript' : ''}.`;
  });
  return `over the same rows and the same question, with no index built for it in the warehouse:\n\n${lines.join('\n')}`;
}

const reportTable = (o: ReportOutcome) => Object.keys(PERIODS).map((period) => {
  const [duck, pg] = ['DuckDB', 'PostgreSQL'].map((engine) => o.timings.find((t) => t.engine === engine && t.period === period)!) as [typeof o.timings[number], typeof o.timings[number]];
  return `| ${period} | ${fmt(duck.rows)} | ${fmt(duck.median, 1)} | ${fmt(duck.p95, 1)} | ${fmt(pg.median, 1)} | ${fmt(pg.p95, 1)} | ${fmt(pg.median / duck.median, 2)} | ${fmt(duck.engineMedian, 1)} | ${fmt(pg.engineMedian, 1)} | ${o.equal[period] ? 'yes' : '**no**'} |`;
});

const body = `
Everything on one machine (${os.cpus().length} cores), in one process: the publisher, analytics' consumer, inbox and
warehouse (DuckDB ${'in-process'}, default threads and memory), next to RabbitMQ and PostgreSQL. Load average
(1/5/15 min) before: ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}; after the freshness runs: ${loadMiddle.map((l) => l.toFixed(2)).join(' / ')};
at the end: ${loadAfter.map((l) => l.toFixed(2)).join(' / ')}. Other work was running on the machine at the same time (the load
averages above, on ${os.cpus().length} cores): single runs move by tens of percent, the tails most.

## 1. Freshness at ${RATE} events/s

Valid envelopes of shopping days (test/day.ts: orders, payments, stock, shipments; about ten
events an order) published at ${RATE}/s to \`<namespace>.bazaar.events\` with publisher confirms, occurredAt
stamped at the publish. analytics' consumer (prefetch = 2 × ANALYTICS_BATCH_MAX, as main.ts sets it),
WarehouseInbox (linger 20 ms) and Warehouse on a new DuckDB file. Freshness of an event = the moment
its batch's COMMIT returned (the inbox's onBatch, its own freshness clock) − its occurredAt, ms, by
hdr-histogram; only events published after a ${WARMUP_SECONDS} s warm-up count. Baseline: the same service with
ANALYTICS_BATCH_MAX=1, i.e. one event per transaction (and prefetch 2), as an inbox that does not batch
would run, ${BASELINE_SECONDS} s counted, then ${5} s to catch up before it is stopped.

| inbox | ANALYTICS_BATCH_MAX | published/s | committed/s | committed / counted | batches | mean batch | mean transaction ms | p50 ms | p90 ms | p99 ms | max ms |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${freshnessRow('batched (the default)', batched)}
${freshnessRow('one event a transaction', single)}

- batched: ${verdict(batched)}; raw_events holds ${fmt(batched.rawEvents)} events (every one published, warm-up included, once).
- one event a transaction: ${verdict(single)}.
- seen by a query: ${batched.probes.length} probes (an order.placed each second, fact_orders polled every 5 ms
  from its publish until a reader connection saw the row): median ${fmt(percentile(batched.probes, 50))} ms, max ${fmt(Math.max(...batched.probes))} ms,
  against the batch timing's p50 of ${fmt(batched.p50)} ms: the commit is when a report sees it.

The lag as it went (every 5 s from the first publish):

- batched: ${timelineRows(batched).join('; ')}
- one event a transaction: ${timelineRows(single).join('; ')}

What it means: ${freshnessMeaning()}

## 2. revenue-by-category at ${fmt(reports.counts.lines)} order lines, DuckDB against PostgreSQL

${fmt(reports.counts.orders)} orders (${fmt(reports.counts.confirmed)} confirmed and not cancelled) with ${fmt(reports.counts.lines)} lines over 365 days (2025-12-01 …
2026-11-30), ${fmt(reports.counts.products)} products in 40 categories, generated in the warehouse's own tables
(fact_orders, fact_order_lines, dim_products) by SQL with skewed distributions (category sizes,
Zipf-like product popularity, log-normal prices, 1–6 lines an order, mostly one unit a line, more
orders late in the year and in the afternoon; 78 % confirmed and kept, 4 % cancelled, 18 % rejected).
The same rows were copied to a throw-away PostgreSQL ${'15'} database on the machine's server (DuckDB writes each
column as an array literal, PostgreSQL unnests it) and checked equal: the same row counts in the three
tables and the same total revenue, ${fmt(reports.revenueMinor)} minor units. Filling DuckDB took ${fmt(reports.loadSeconds.duckdb, 1)} s;
copying to PostgreSQL ${fmt(reports.loadSeconds.copy, 1)} s and its keys, index and VACUUM ANALYZE ${fmt(reports.loadSeconds.indexes, 1)} s.
On disk: the warehouse file ${mb(reports.warehouseBytes)}, the PostgreSQL database ${mb(reports.postgresBytes)}.

- DuckDB: the report's own \`query()\` (reports.ts) on the Warehouse: SQL, rows turned into JSON-ready
  objects, and its two look-ups of whether CDC's catalog tables exist. Keys as the warehouse declares
  them (primary keys of the three tables); no other index.
- PostgreSQL: the same SQL in PostgreSQL's dialect (to_char for the day) through node-postgres, with the
  primary keys, an index on fact_orders (confirmed_at), VACUUM ANALYZE after the load, the server's
  defaults (parallel query with 2 workers) and work_mem 64 MB for the session (the server's default is 4 MB).
- Each period: 2 untimed runs per engine, then ${REPORT_RUNS} timed, alternating the engines. "same rows": the two
  answers compared row by row (day, category, currency, orders, units, revenue).
- "SQL alone" (${ENGINE_RUNS} runs each, alternating): the same SQL with its answer summed inside the engine, so one
  row leaves it (DuckDB's is a copy of reports.ts's statement): the engine's own time, without the rows'
  trip to JavaScript (fewer runs: compare it with the full time loosely).

| period | rows | DuckDB median ms | DuckDB p95 ms | PostgreSQL median ms | PostgreSQL p95 ms | PostgreSQL / DuckDB (medians) | DuckDB SQL alone, median ms | PostgreSQL SQL alone, median ms | same rows |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${reportTable(reports).join('\n')}

What it means: ${reportMeaning(reports)}
`;
say(`wrote ${writeResults('analytics', 'Analytics: freshness at 1,000 events/s, and a report at a million order lines beside PostgreSQL', 'npm run bench -- analytics', body)}`);
process.exit(0);
