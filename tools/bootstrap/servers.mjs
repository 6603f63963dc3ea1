// PostgreSQL, Redis and RabbitMQ: does each answer, and if not, can it be started here (installed,
// at its usual local address, and we may run its start command), or what should be installed.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { URL } from 'node:url';
import { sayPart } from './output.mjs';

/** Sends `hello` and reports whether the first bytes back look like `isReply`; false on no answer. */
function exchange(host, port, hello, isReply, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    const finish = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => socket.write(hello));
    socket.once('data', (data) => finish(isReply(data)));
    socket.once('error', () => finish(false));
    socket.once('timeout', () => finish(false));
    socket.once('close', () => finish(false));
  });
}

const postgresVersions = () => (existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql').sort((a, b) => Number(a) - Number(b)) : []);

function onPath(command) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'];
  return dirs.some((dir) => dir && existsSync(path.join(dir, command)));
}

export const SERVERS = [
  {
    name: 'PostgreSQL', variable: 'BAZAAR_PG_ADMIN_URL', url: 'postgres://postgres@127.0.0.1:5432/postgres', port: 5432, waitSeconds: 30,
    // SSLRequest: a PostgreSQL server answers with one byte, S or N.
    answers: (host, port) => exchange(host, port, Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]), (data) => data[0] === 0x53 || data[0] === 0x4e),
    installed: () => postgresVersions().length > 0 && onPath('pg_ctlcluster'),
    start: () => [['pg_ctlcluster', '--skip-systemctl-redirect', postgresVersions().at(-1), 'main', 'start']],
    packages: { apt: 'postgresql', brew: 'postgresql' },
  },
  {
    name: 'Redis', variable: 'BAZAAR_REDIS_URL', url: 'redis://127.0.0.1:6379', port: 6379, waitSeconds: 20,
    // Any reply but "still loading" is a Redis that answers (-NOAUTH included).
    answers: (host, port) => exchange(host, port, 'PING\r\n', (data) => /^[+-]/.test(data.toString()) && !data.toString().startsWith('-LOADING')),
    installed: () => onPath('redis-server'),
    start: () => [
      ['mkdir', '-p', '/var/lib/redis', '/var/log/redis'],
      ['redis-server', '--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', '6379', '--save', '', '--appendonly', 'no', '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/bazaar.log'],
    ],
    packages: { apt: 'redis-server', brew: 'redis' },
  },
  {
    name: 'RabbitMQ', variable: 'BAZAAR_AMQP_URL', url: 'amqp://guest:guest@127.0.0.1:5672', port: 5672, waitSeconds: 90,
    // The AMQP 0-9-1 protocol header; a broker answers with a method frame (type 1).
    answers: (host, port) => exchange(host, port, Buffer.from('AMQP\x00\x00\x09\x01', 'latin1'), (data) => data[0] === 1),
    installed: () => onPath('rabbitmq-server'),
    start: () => [['rabbitmq-server', '-detached']],
    packages: { apt: 'rabbitmq-server', brew: 'rabbitmq' },
  },
];

function address(server) {
  const url = new URL(process.env[server.variable] || server.url);
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || server.port), custom: !!process.env[server.variable] };
}

const isLocalDefault = ({ host, port }, server) => ['127.0.0.1', 'localhost', '::1'].includes(host) && port === server.port;

/** Run as root, or through `sudo -n` when that needs no password; undefined when neither works. */
function privilegePrefix() {
  if (process.getuid?.() === 0) return [];
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : undefined;
}

export function installHint(server) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  if (onPath('apt-get')) return `${sudo}apt-get install ${server.packages.apt}`;
  if (onPath('brew')) return `brew install ${server.packages.brew}`;
  return `install ${server.name} from your system's packages`;
}

/** A command as a shell would need it typed (an empty argument shows as ""). */
const shown = (command) => command.map((arg) => (arg === '' ? '""' : arg)).join(' ');

async function startAndWait(server, where, prefix) {
  const commands = server.start();
  sayPart(`[bazaar] ${server.name} is installed but not running: starting it (${shown(commands.at(-1))})…`);
  for (const [command, ...args] of commands) {
    const all = [...prefix, command, ...args];
    const result = spawnSync(all[0], all.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (result.status !== 0) {
      sayPart(' failed\n');
      return `${server.name}: \`${shown(all)}\` failed${result.stderr ? `: ${result.stderr.trim().split('\n').at(-1)}` : ''}`;
    }
  }
  for (let second = 0; second < server.waitSeconds; second++) {
    if (await server.answers(where.host, where.port)) {
      sayPart(` up after ${second} s\n`);
      return undefined;
    }
    if (second % 5 === 4) sayPart('.');
    await sleep(1000);
  }
  sayPart(' no answer\n');
  return `${server.name} was started but did not answer on ${where.host}:${where.port} within ${server.waitSeconds} s: see its log`;
}

/**
 * Makes each server in `needed` answer, starting the ones installed here but stopped. Returns one
 * problem per server still not answering: its name, a line saying what to do, and whether it is
 * simply not installed (so that `npm start` can fall back to the embedded PostgreSQL).
 */
export async function ensureServers(needed) {
  const problems = [];
  for (const server of SERVERS.filter((s) => needed.includes(s.name))) {
    const where = address(server);
    if (await server.answers(where.host, where.port)) continue;
    const at = `${where.host}:${where.port}`;
    const problem = (line, missing = false) => problems.push({ name: server.name, line, missing });
    if (!isLocalDefault(where, server)) {
      problem(`${server.name} does not answer at ${at} (${server.variable}): start it there, or unset ${server.variable} to use a local one`);
    } else if (!server.installed()) {
      problem(`${server.name} does not answer at ${at} and is not installed: ${installHint(server)} (or set ${server.variable})`, true);
    } else {
      const prefix = privilegePrefix();
      const line = prefix ? await startAndWait(server, where, prefix) : `${server.name} is installed but not running, and starting it needs root: sudo ${shown(server.start().at(-1))}`;
      if (line) problem(line);
    }
  }
  return problems;
}
