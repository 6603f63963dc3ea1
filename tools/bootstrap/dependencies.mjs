// The locked dependencies, installed with `npm ci` when node_modules is missing or no longer what
// package-lock.json says, and the build, when the workspace has one.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BootstrapError, npmCommand, runChild, say } from './output.mjs';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const packageName = (key) => key.replace(/^.*node_modules\//, '');

/**
 * Why node_modules needs a fresh `npm ci`, or undefined when it matches package-lock.json. npm keeps
 * what it installed in node_modules/.package-lock.json; every locked package must be there at the
 * locked version (optional ones for other platforms are skipped), and nothing else.
 *
 * The Node version is not part of the check: the native addons here (argon2, pact-core) are Node-API
 * builds, which load under every Node line, so switching between 24 and 26 needs no reinstall.
 */
export function whyReinstall(root) {
  if (!existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
  const hiddenFile = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(hiddenFile)) return 'node_modules was not installed by npm from the lockfile';
  const locked = readJson(path.join(root, 'package-lock.json')).packages ?? {};
  const installed = readJson(hiddenFile).packages ?? {};
  for (const [key, want] of Object.entries(locked)) {
    if (key === '') continue;
    const have = installed[key];
    if (!have) {
      if (want.optional) continue;
      return `${packageName(key)} is not installed`;
    }
    if (have.version !== want.version || have.resolved !== want.resolved) {
      return `package-lock.json wants ${packageName(key)} ${want.version ?? want.resolved}, node_modules has ${have.version ?? have.resolved}`;
    }
    if (!existsSync(path.join(root, key))) return `${packageName(key)} is missing from ${path.dirname(key)}`;
  }
  const extra = Object.keys(installed).find((key) => !(key in locked));
  return extra ? `${packageName(extra)} is installed but no longer locked` : undefined;
}

export async function ensureDependencies(root) {
  const reason = whyReinstall(root);
  if (!reason) return;
  say(`installing the locked dependencies with npm ci (${reason}); the first time takes a minute or two…`);
  const [command, args] = npmCommand(['ci', '--no-audit', '--no-fund']);
  const { code } = await runChild(command, args, { cwd: root });
  if (code !== 0) {
    throw new BootstrapError('npm ci failed (its output is above): fix what it names (network, registry, disk space) and run the command again');
  }
}

/** `npm run build` when package.json has one (tsc -b: quick when nothing changed). */
export async function build(root) {
  say('building (npm run build)…');
  const [command, args] = npmCommand(['run', '--silent', 'build']);
  const { code } = await runChild(command, args, { cwd: root });
  if (code !== 0) throw new BootstrapError('the build failed (errors above): fix them and run the command again');
}
