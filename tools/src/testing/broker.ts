/**
 * A RabbitMQ node of a test's own, so the test can stop the broker under a running system without
 * taking the machine's broker (and every test beside it) down. It runs the machine's
 * `rabbitmq-server` with its own node name, ports, data and logs in a temporary directory; started
 * as root, the server switches to the `rabbitmq` user, so that directory is world-writable.
 * `stopApp`/`startApp` stop and start the broker inside the node (durable queues and persistent
 * messages survive); `stop` ends the node and removes its directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import amqp from 'amqplib';

export interface PrivateBroker {
  /** `<name>@localhost` */
  node: string;
  port: number;
  url: string;
  dir: string;
  /** Stops the broker application (clients are disconnected; the node keeps running). */
  stopApp(): Promise<void>;
  /** Starts the broker application again and waits until it accepts AMQP connections. */
  startApp(): Promise<void>;
  /** Ends the node and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;

/** Why a private broker cannot be started on this machine, or undefined if it can. */
export function privateBrokerUnusable(): string | undefined {
  if (process.platform !== 'linux') return `a private RabbitMQ node is only set up on Linux (this is ${process.platform})`;
  if (!onPath('rabbitmq-server') || !onPath('rabbitmqctl')) return 'rabbitmq-server and rabbitmqctl are not installed (on the PATH)';
  if (process.getuid?.() !== 0) return 'a private RabbitMQ node is started as root (it runs as the rabbitmq user and uses its Erlang cookie); this process is not root';
  return undefined;
}

const portFree = (port: number) => new Promise<boolean>((resolve) => {
  const server = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function amqpAnswers(url: string): Promise<boolean> {
  try {
    const connection = await amqp.connect(url, { timeout: 2_000 });
    connection.on('error', () => undefined);
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

/** Starts a RabbitMQ node of its own and waits until it accepts AMQP connections (about 9 s). */
export async function startPrivateBroker(options: { log?: (line: string) => void; readyTimeoutMs?: number } = {}): Promise<PrivateBroker> {
  const unusable = privateBrokerUnusable();
  if (unusable) throw new Error(unusable);
  let port = 0;
  for (let tries = 0; tries < 30 && !port; tries++) {
    // AMQP on 11000–12699 and Erlang distribution 20000 above: both below the ephemeral range.
    const candidate = randomInt(11_000, 12_700);
    if ((await portFree(candidate)) && (await portFree(candidate + 20_000))) port = candidate;
  }
  if (!port) throw new Error('no free ports for a private RabbitMQ node');
  const node = `bazaar-test-${randomBytes(4).toString('hex')}@localhost`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-rabbit-'));
  chmodSync(dir, 0o777); // the server runs as the rabbitmq user
  const config = path.join(dir, 'rabbitmq.conf');
  writeFileSync(config, `listeners.tcp.1 = 127.0.0.1:${port}\nloopback_users = none\n`);
  chmodSync(config, 0o644);
  const url = `amqp://guest:guest@127.0.0.1:${port}`;
  const output = openSync(path.join(dir, 'server.out'), 'a');
  let child: ChildProcess | undefined;
  let exited = false;
  try {
    child = spawn('rabbitmq-server', [], {
      env: {
        ...process.env,
        RABBITMQ_NODENAME: node,
        RABBITMQ_CONFIG_FILE: config,
        RABBITMQ_DIST_PORT: String(port + 20_000),
        RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
        RABBITMQ_LOG_BASE: path.join(dir, 'log'),
        RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'plugins'),
        RABBITMQ_PID_FILE: path.join(dir, 'pid'),
      },
      stdio: ['ignore', output, output],
    });
  } finally {
    closeSync(output);
  }
  const exit = new Promise<void>((resolve) => child!.once('exit', () => { exited = true; resolve(); }));
  const ctl = (...args: string[]) => new Promise<void>((resolve, reject) => {
    const run = spawn('rabbitmqctl', ['-n', node, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    run.stdout!.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    run.stderr!.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    run.once('error', reject);
    run.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`rabbitmqctl -n ${node} ${args.join(' ')} exited with ${code}: ${text.trim().split('\n').slice(-3).join(' ')}`))));
  });
  const waitForAmqp = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`the private RabbitMQ node ${node} exited while starting:\n${tail(dir)}`);
      if (await amqpAnswers(url)) return;
      await sleep(250);
    }
    throw new Error(`the private RabbitMQ node ${node} did not accept AMQP connections on port ${port} within ${timeoutMs / 1000} s:\n${tail(dir)}`);
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      await ctl('stop').catch((error: Error) => options.log?.(`private broker: ${error.message}`));
      await Promise.race([exit, sleep(15_000)]);
    }
    if (!exited) {
      // rabbitmqctl could not reach the node: end the Erlang VM it wrote down, then the script that started it.
      const pid = Number(existsSync(path.join(dir, 'pid')) ? readFileSync(path.join(dir, 'pid'), 'utf8').trim() : NaN);
      if (Number.isInteger(pid) && pid > 1) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      child?.kill('SIGKILL');
      await Promise.race([exit, sleep(5_000)]);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const started = Date.now();
  try {
    await waitForAmqp(options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  options.log?.(`private RabbitMQ node ${node} accepts AMQP on 127.0.0.1:${port} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    node,
    port,
    url,
    dir,
    stopApp: () => ctl('stop_app'),
    startApp: async () => {
      await ctl('start_app');
      await waitForAmqp(30_000);
    },
    stop,
  };
}

function tail(dir: string): string {
  try {
    return readFileSync(path.join(dir, 'server.out'), 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '(no output)';
  }
}
