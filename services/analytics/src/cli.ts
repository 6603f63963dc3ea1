/**
 * `npm run analytics -- <command>`: the warehouse's maintenance, on its file, while analytics is
 * stopped (DuckDB lets one process open a file for writing; the running service answers the same
 * through POST /analytics/rebuild and POST /analytics/reconciliation/runs).
 *
 *   npm run analytics -- rebuild      derive every fact table again from raw_events
 *   npm run analytics -- reconcile    run the cross-service checks and print the findings
 *   npm run analytics -- status       what the warehouse holds
 *
 *   --file PATH       the warehouse (default <data-dir>/analytics/warehouse.duckdb, as npm start has it)
 *   --data-dir DIR    npm start's --data-dir (default .data)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FACT_TABLES } from './ingest/fold.js';
import { rebuild } from './ingest/rebuild.js';
import { Reconciler } from './reconciliation/reconciler.js';
import { Warehouse } from './warehouse/warehouse.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string' },
    'data-dir': { type: 'string' },
    'grace-seconds': { type: 'string', default: '300' },
    'saga-deadline-seconds': { type: 'string', default: '300' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const command = positionals[0];
const say = (line: string) => console.log(`[analytics] ${line}`);

if (values.help || !command || !['rebuild', 'reconcile', 'status'].includes(command)) {
  console.log('usage: npm run analytics -- rebuild | reconcile | status [--file PATH] [--data-dir DIR]');
  process.exit(values.help ? 0 : 2);
}

const file = values.file ?? process.env.ANALYTICS_WAREHOUSE_FILE ?? path.join(path.resolve(repoRoot, values['data-dir'] ?? '.data'), 'analytics', 'warehouse.duckdb');
let warehouse: Warehouse;
try {
  warehouse = await Warehouse.open(file);
} catch (error) {
  console.error(`[analytics] ${(error as Error).message}`);
  console.error('[analytics] stop analytics first (Ctrl-C npm start), or ask the running service: POST /analytics/rebuild or POST /analytics/reconciliation/runs through the gateway as an admin');
  process.exit(1);
}

try {
  if (command === 'status') {
    for (const table of ['raw_events', ...FACT_TABLES]) say(`${table}: ${(await warehouse.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n} rows`);
  } else if (command === 'rebuild') {
    const [{ n }] = (await warehouse.all<{ n: number }>('SELECT count(*) AS n FROM raw_events')) as [{ n: number }];
    say(`${file}: rebuilding the fact tables from ${n} raw events (one transaction)…`);
    const result = await rebuild(warehouse);
    for (const [table, rows] of Object.entries(result.tables)) say(`  ${table}: ${rows} rows`);
    say(`done in ${result.seconds.toFixed(1)} s`);
  } else {
    const grace = Number(values['grace-seconds']);
    const deadline = Number(values['saga-deadline-seconds']);
    if (!Number.isInteger(grace) || grace < 0 || !Number.isInteger(deadline) || deadline < 1) throw new Error('--grace-seconds must be a whole number ≥ 0 and --saga-deadline-seconds ≥ 1');
    const run = await new Reconciler(warehouse, { graceSeconds: grace, sagaDeadlineSeconds: deadline }).run('request');
    for (const check of run.checks) say(`${check.status === 'ok' ? 'ok      ' : check.status === 'skipped' ? 'skipped ' : 'FINDINGS'} ${check.title}${check.findings ? `: ${check.findings}` : ''}${check.note ? ` (${check.note})` : ''}`);
    for (const finding of run.findings.slice(0, 50)) say(`  ${finding.check} ${finding.entity}: ${finding.detail}`);
    if (run.findings.length > 50) say(`  … and ${run.findings.length - 50} more (GET /analytics/reconciliation lists them)`);
    process.exitCode = run.findings.length ? 1 : 0;
  }
} catch (error) {
  console.error(`[analytics] ${command} failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await warehouse.close();
}
