/**
 * `npm run bench [-- --runs N] [name…]`: runs every `bench/*.bench.ts` (or those whose name contains
 * one of the arguments) N times (default 1), one after another, each in its own process, from the
 * sources through tsx (the packages too: `--conditions=source`), after the incremental build: the
 * systems benchmarks start run the services compiled, as npm start and the image do. Each benchmark
 * prints its progress and writes its results, with the machine and date, to bench/results/<name>.md,
 * and its figures to bench/results/<name>.figures.json.
 *
 * Then the summary: bench/results/README.md, every figure of every benchmark (the median of this
 * invocation's runs, with their spread, for those run now; the last recorded for the others), its
 * goal, and the previous run's figure beside it so a regression shows. bench/results/summary.json
 * keeps the figures the next run compares against.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildForRun } from './build.js';
import { repoRoot } from './services.js';
import { summarize, type FiguresFile, type Summary } from './bench-summary.js';

const dir = path.join(repoRoot, 'bench');
const results = path.join(dir, 'results');

const usage = 'usage: npm run bench [-- --runs N] [name…]   (e.g. npm run bench -- --runs 3 checkout events)';
const args = process.argv.slice(2);
let runs = 1;
const filters: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--runs' || arg.startsWith('--runs=')) {
    const value = arg.includes('=') ? arg.slice('--runs='.length) : args[++i];
    runs = Number(value);
    if (!Number.isInteger(runs) || runs < 1 || runs > 20) {
      console.error(`--runs wants a whole number from 1 to 20, not ${value ?? 'nothing'}\n${usage}`);
      process.exit(2);
    }
  } else if (arg === '--help' || arg === '-h') {
    console.log(usage);
    process.exit(0);
  } else if (arg.startsWith('-')) {
    console.error(`unknown option ${arg}\n${usage}`);
    process.exit(2);
  } else filters.push(arg);
}

const available = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
const files = available.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(' ')}; available: ${available.join(', ')}`);
  process.exit(1);
}
buildForRun((line) => console.log(line));
const tsx = createRequire(import.meta.url).resolve('tsx');
const collected = new Map<string, FiguresFile[]>();
let failed = 0;
const total = files.length * runs;
let step = 0;
for (let run = 1; run <= runs; run++) {
  for (const file of files) {
    step++;
    const name = file.slice(0, -'.bench.ts'.length);
    console.log(`\n=== [${step}/${total}] ${file}${runs > 1 ? ` (run ${run} of ${runs})` : ''}`);
    const figuresFile = path.join(results, `${name}.figures.json`);
    const before = existsSync(figuresFile) ? readFileSync(figuresFile, 'utf8') : undefined;
    const result = spawnSync(process.execPath, ['--conditions=source', '--import', tsx, path.join(dir, file)], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } });
    if (result.status !== 0) {
      failed++;
      console.error(`${file} failed (exit ${result.status ?? result.signal})`);
      continue;
    }
    const after = existsSync(figuresFile) ? readFileSync(figuresFile, 'utf8') : undefined;
    if (after === undefined || after === before) continue; // a benchmark that records no figures
    collected.set(name, [...(collected.get(name) ?? []), JSON.parse(after) as FiguresFile]);
  }
}

// The summary: this invocation's figures (medians), the others' last recorded, the previous beside.
const summaryFile = path.join(results, 'summary.json');
const previous = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary) : undefined;
const latest = new Map<string, FiguresFile>();
for (const f of readdirSync(results).filter((x) => x.endsWith('.figures.json'))) {
  const content = JSON.parse(readFileSync(path.join(results, f), 'utf8')) as FiguresFile;
  latest.set(content.benchmark, content);
}
const { summary, markdown } = summarize({
  previous, runsNow: collected, latest, runs,
  command: `npm run bench -- ${[runs > 1 ? `--runs ${runs}` : '', ...filters].filter(Boolean).join(' ')}`.trim(),
  machine: `${os.type()} ${os.release()} ${os.arch()}, ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
});
if (collected.size > 0) {
  writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(path.join(results, 'README.md'), markdown);
  console.log(`\nsummary of ${summary.figures.length} figure(s) in bench/results/README.md`);
}
console.log(`\n${files.length * runs - failed} of ${files.length * runs} benchmark run(s) finished; results in bench/results/`);
process.exit(failed ? 1 : 0);
