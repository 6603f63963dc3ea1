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
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { buildForRun } from './build.js';
import { repoRoot } from './services.js';
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
console.log(`running ${files.length} test file(s)`);
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
// BAZAAR_TEST_TIMINGS=<file> also writes each file's time there (the reporter beside this file);
// copied to tools/test/timings.json, it orders the next runs.
const reporters = process.env.BAZAAR_TEST_TIMINGS
  ? ['--test-reporter=spec', '--test-reporter-destination=stdout', `--test-reporter=${path.join(path.dirname(fileURLToPath(import.meta.url)), `test-timings-reporter${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`)}`, `--test-reporter-destination=${path.resolve(process.env.BAZAAR_TEST_TIMINGS)}`]
  : ['--test-reporter=spec'];
const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, '--test', `--test-concurrency=${concurrency}`, ...reporters, ...ordered], {
  cwd: repoRoot,
  stdio: 'inherit',
  // Node's cache of compiled modules, where the services keep theirs (tools/src/process.ts): each test
  // file is a process of its own that loads much the same modules, compiled once rather than per file.
  env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(repoRoot, 'node_modules', '.cache', 'node-compile-cache') },
});
const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
if (code !== 0 || filters.length > 0) process.exit(code);

// The whole suite ran, the consumer tests recorded their pacts and the providers verified theirs:
// every service must be deployable against the pacts of record.
console.log('\ncan-i-deploy: every service against the pacts of record');
process.exit(await runTool('pact-cli.js', ['can-i-deploy']));
