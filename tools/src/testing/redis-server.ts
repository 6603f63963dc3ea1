/**
 * A Redis server of a test's own: the machine's `redis-server` binary on a free port, keeping nothing
 * on disk (as the shop's Redis runs), with ACL users given on its command line, as a deployment's ACL
 * file would give them: a restart loses every key and keeps the users. For a service run on a second
 * Redis instance, and for a Redis restart that must not touch the machine's shared server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';

export interface RedisAclUser {
  name: string;
  password: string;
  /** ACL rules after `on >password`, e.g. `['~notifications:*', '&notifications:*', '+@all', '-@admin', '-@dangerous']`. */
  rules: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export class RedisServer {
  private child: ChildProcess | undefined;
  private output = '';

  private constructor(readonly port: number, private readonly users: RedisAclUser[]) {}

  /** Starts a server with `users` (and the default user, for the test's own admin connection). */
  static async start(users: RedisAclUser[] = []): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), users);
    await server.startProcess();
    return server;
  }

  /** A redis:// URL for `user` (the default user when absent). */
  url(user?: string): string {
    const account = this.users.find((u) => u.name === user);
    return account ? `redis://${encodeURIComponent(account.name)}:${encodeURIComponent(account.password)}@127.0.0.1:${this.port}` : `redis://127.0.0.1:${this.port}`;
  }

  /** SIGKILL, then the same server again on the same port: every key gone, the users back. */
  async restart(): Promise<void> {
    await this.kill();
    await this.startProcess();
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = undefined;
  }

  async stop(): Promise<void> {
    await this.kill();
  }

  private async startProcess(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'];
    for (const user of this.users) args.push('--user', user.name, 'on', `>${user.password}`, ...user.rules);
    this.output = '';
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => { this.output = (this.output + chunk.toString()).slice(-4000); });
    child.stderr!.on('data', (chunk: Buffer) => { this.output = (this.output + chunk.toString()).slice(-4000); });
    this.child = child;
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}) on port ${this.port}: ${this.output.trim()}`);
      const redis = new Redis(this.url(), { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      redis.on('error', () => undefined);
      const ready = await redis.connect().then(() => redis.ping()).then(() => true, () => false);
      redis.disconnect();
      if (ready) return;
      if (Date.now() - started > 10_000) throw new Error(`redis-server did not answer on port ${this.port} within 10 s: ${this.output.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
