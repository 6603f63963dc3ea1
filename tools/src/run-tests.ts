/**
 * Runs every workspace's tests (`packages/*\/test`, `services/*\/test`, `tools/test`) with node:test
 * through tsx, from the sources (`--conditions=source`: `@bazaar/platform` and the other packages are
 * their src/ too), after checking that PostgreSQL, Redis and RabbitMQ answer and building what the
 * tests start as processes (the systems of tools/test run every service compiled, see
 * tools/src/testing/system.ts). Extra arguments are test
 * file paths or substrings to select files: `npm run test:only -- identity`. After a whole run (no
 * selection) first runs the ownership audit (`npm run audit:isolation -- --provision`) and, once the
 * tests passed, `npm run pact -- can-i-deploy`, which must say yes for every service.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { buildForRun } from './build.js';
import { repoRoot } from './services.js';
import type { RunCounts } from './test-counts-reporter.js';
import { infrastructureFromEnv, postgresAnswers, redisAnswers } from './system.js';

function testFiles(): string[] {
  const roots = ['packages', 'services'].flatMap((group) => {
    const dir = path.join(repoRoot, group);
    return existsSync(dir) ? readdirSync(dir).map((name) => path.join(dir, name, 'test')) : [];
  });
  roots.push(path.join(repoRoot, 'tools', 'test'));
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.test.ts')) files.push(full);
    }
  };
  roots.forEach(walk);
  return files;
}

async function amqpAnswers(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 5672), timeout: 2000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

const infra = infrastructureFromEnv();
const missing: string[] = [];
if (!(await postgresAnswers(infra.pgAdminUrl))) missing.push(`PostgreSQL at ${infra.pgAdminUrl} (set BAZAAR_PG_ADMIN_URL)`);
if (!(await redisAnswers(infra.redisUrl))) missing.push(`Redis at ${infra.redisUrl} (set BAZAAR_REDIS_URL)`);
if (!(await amqpAnswers(infra.amqpUrl))) missing.push(`RabbitMQ at ${infra.amqpUrl} (set BAZAAR_AMQP_URL)`);
if (missing.length) {
  console.error(`The tests run against real servers, and these do not answer:\n${missing.map((m) => `  - ${m}`).join('\n')}\nStart them and run again (npm test starts the local ones that are installed but stopped).`);
  process.exit(1);
}

buildForRun((line) => console.log(line));

const filters = process.argv.slice(2);
const tsx = createRequire(import.meta.url).resolve('tsx');
const runTool = (script: string, args: string[]) => new Promise<number>((resolve) => {
  spawn(process.execPath, [path.join(repoRoot, 'tools', 'dist', script), ...args], { cwd: repoRoot, stdio: 'inherit' })
    .on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
});

if (filters.length === 0) {
  // The ownership audit of the deployment npm start makes, provisioned as npm start would.
  console.log('audit:isolation: who can reach whose data');
  if ((await runTool('audit-cli.js', ['--provision'])) !== 0) {
    console.error('\nThe ownership audit found a breach (above): fix it before the tests run.');
    process.exit(1);
  }
}
const files = testFiles().filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
// Longest first, by the times of a recorded run (a file not recorded yet counts as long): two at a
// time, the run then ends with short files on both lanes rather than one long file alone.
const timingsFile = path.join(repoRoot, 'tools', 'test', 'timings.json');
const recorded: Record<string, number> = existsSync(timingsFile) ? JSON.parse(readFileSync(timingsFile, 'utf8')) as Record<string, number> : {};
const relative = files.map((f) => path.relative(repoRoot, f));
const ordered = [...relative].sort((a, b) => (recorded[b] ?? Infinity) - (recorded[a] ?? Infinity) || a.localeCompare(b));
// Files that mostly wait (for flagd, which looks at a flag file every 5 s, to see it change) say so
// in a line of their own near the top, `// npm test: mostly waits`. They run one at a time in a lane of
// their own beside the two, where they cost the machine little, instead of holding one of the two
// lanes while the other files queue behind them.
const WAITS = /^\/\/ npm test: mostly waits\b/m;
const waiting = ordered.filter((f) => WAITS.test(readFileSync(path.join(repoRoot, f), 'utf8').slice(0, 4000)));
const busy = ordered.filter((f) => !waiting.includes(f));
const beside = waiting.length > 0 && busy.length > 0;
console.log(beside
  ? `running ${files.length} test file(s): ${busy.length} two at a time, and beside them ${waiting.length} that mostly wait, one at a time (their report follows the others')`
  : `running ${files.length} test file(s)`);

const here = path.dirname(fileURLToPath(import.meta.url));
const reporter = (name: string) => path.join(here, `${name}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bazaar-tests-'));
const env = {
  ...process.env,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  // Node's cache of compiled modules, where the services keep theirs (tools/src/process.ts): each test
  // file is a process of its own that loads much the same modules, compiled once rather than per file.
  NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(repoRoot, 'node_modules', '.cache', 'node-compile-cache'),
};

/**
 * One node:test run over `list`: its spec report to the terminal (or to `reportFile`), its counts
 * to a file, and with BAZAAR_TEST_TIMINGS=<file> each file's time to `timingsFile` (the reporter beside
 * this one; copied to tools/test/timings.json, it orders the next runs).
 */
function nodeTest(list: string[], lane: { name: string; concurrency: string; reportFile?: string; timingsFile?: string }) {
  const countsFile = path.join(scratch, `${lane.name}.counts.json`);
  const reporters = [
    '--test-reporter=spec', `--test-reporter-destination=${lane.reportFile ?? 'stdout'}`,
    `--test-reporter=${reporter('test-counts-reporter')}`, `--test-reporter-destination=${countsFile}`,
    ...(lane.timingsFile ? [`--test-reporter=${reporter('test-timings-reporter')}`, `--test-reporter-destination=${lane.timingsFile}`] : []),
  ];
  const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, '--test', `--test-concurrency=${lane.concurrency}`, ...reporters, ...list], {
    cwd: repoRoot, stdio: 'inherit', env,
  });
  const code = new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  const counts = async (): Promise<RunCounts | null> => {
    await code;
    return existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) as RunCounts | null : null;
  };
  return { code, counts };
}

const timings = process.env.BAZAAR_TEST_TIMINGS ? path.resolve(process.env.BAZAAR_TEST_TIMINGS) : undefined;
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
let code: number;
if (!beside) {
  code = await nodeTest(ordered, { name: 'all', concurrency, ...(timings ? { timingsFile: timings } : {}) }).code;
} else {
  const besideReport = path.join(scratch, 'waiting.report.txt');
  const besideTimings = path.join(scratch, 'waiting.timings.json');
  const main = nodeTest(busy, { name: 'busy', concurrency, ...(timings ? { timingsFile: timings } : {}) });
  const side = nodeTest(waiting, { name: 'waiting', concurrency: '1', reportFile: besideReport, ...(timings ? { timingsFile: besideTimings } : {}) });
  const [mainCode, sideCode] = [await main.code, await side.code];
  console.log(`\nthe ${waiting.length} file(s) that mostly wait, run beside the others:`);
  if (existsSync(besideReport)) process.stdout.write(readFileSync(besideReport, 'utf8'));
  if (timings && existsSync(timings) && existsSync(besideTimings)) {
    const merged = { ...JSON.parse(readFileSync(timings, 'utf8')) as Record<string, number>, ...JSON.parse(readFileSync(besideTimings, 'utf8')) as Record<string, number> };
    writeFileSync(timings, `${JSON.stringify(Object.fromEntries(Object.entries(merged).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))), null, 2)}\n`);
  }
  // The two runs' counts as one summary, in node:test's words, so that it is the last one printed.
  const [a, b] = [await main.counts(), await side.counts()];
  if (a && b) {
    console.log('\nboth lanes together:');
    for (const key of ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'] as const) console.log(`ℹ ${key} ${a[key] + b[key]}`);
    console.log(`ℹ duration_ms ${Math.max(a.duration_ms, b.duration_ms)}`);
  }
  code = mainCode || sideCode;
}
rmSync(scratch, { recursive: true, force: true });
if (code !== 0 || filters.length > 0) process.exit(code);

// The whole suite ran, the consumer tests recorded their pacts and the providers verified theirs:
// every service must be deployable against the pacts of record.
console.log('\ncan-i-deploy: every service against the pacts of record');
process.exit(await runTool('pact-cli.js', ['can-i-deploy']));
