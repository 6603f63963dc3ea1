/**
 * `npm run bench [-- name…]`: runs every `bench/*.bench.ts` (or those whose name contains one of the
 * arguments) one after another, each in its own process, from the sources through tsx (the packages
 * too: `--conditions=source`), after the incremental build: the systems benchmarks start run the
 * services compiled, as npm start and the image do. Each benchmark prints its progress and writes its
 * results, with the machine and date, to bench/results/<name>.md.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildForRun } from './build.js';
import { repoRoot } from './services.js';

const dir = path.join(repoRoot, 'bench');
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(' ')}; available: ${readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).join(', ')}`);
  process.exit(1);
}
buildForRun((line) => console.log(line));
const tsx = createRequire(import.meta.url).resolve('tsx');
let failed = 0;
for (const [i, file] of files.entries()) {
  console.log(`\n=== [${i + 1}/${files.length}] ${file}`);
  const result = spawnSync(process.execPath, ['--conditions=source', '--import', tsx, path.join(dir, file)], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } });
  if (result.status !== 0) {
    failed++;
    console.error(`${file} failed (exit ${result.status ?? result.signal})`);
  }
}
console.log(`\n${files.length - failed} of ${files.length} benchmark(s) finished; results in bench/results/`);
process.exit(failed ? 1 : 0);
