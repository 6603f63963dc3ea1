import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { discoverServices } from '../../../../tools/src/services.js';
import { ServiceProcess } from '../../../../tools/src/process.js';
import { infrastructureFromEnv, planPostgres, prepareServices } from '../../../../tools/src/system.js';
import { dropProvisioned } from '../../../../tools/src/provision.js';

export interface RunningSystem {
  identity: ServiceProcess;
  gateway: ServiceProcess;
  /** Sessions whose Redis keys `stop()` removes (identity keeps them under `identity:session…`). */
  sessions: string[];
  /** Stops both processes and removes the database, role, Redis user and keys they were given. */
  stop(): Promise<void>;
}

export interface SystemOptions {
  /** Extra variables for each process (on top of what the launcher gives it). */
  identityEnv?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
  log?: (line: string) => void;
}

const portFree = (port: number) => new Promise<boolean>((resolve) => {
  const server = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
});

/** A port offset under which both services' ports are free, away from the default ones. */
async function freeOffset(ports: number[]): Promise<number> {
  for (let tries = 0; tries < 20; tries++) {
    const offset = randomInt(20_000, 40_000);
    if ((await Promise.all(ports.map((p) => portFree(p + offset)))).every(Boolean)) return offset;
  }
  throw new Error('no free ports found for identity and the gateway');
}

/**
 * identity and the gateway as the launcher runs them, each its own process with only its own
 * environment, but under a throw-away prefix (database, role and Redis user `test_gw_…`) and ports
 * of their own, so this can run next to `npm start` and other tests and leaves nothing behind.
 */
export async function startIdentityAndGateway(options: SystemOptions = {}): Promise<RunningSystem> {
  const services = discoverServices();
  const identityDef = services.find((s) => s.name === 'identity');
  const gatewayDef = services.find((s) => s.name === 'gateway');
  if (!identityDef || !gatewayDef) throw new Error('services/identity and services/gateway must both declare themselves in their package.json');
  if (!existsSync(path.join(identityDef.dir, 'src', 'main.ts'))) throw new Error('services/identity/src/main.ts does not exist yet');

  const infra = infrastructureFromEnv();
  const prefix = `test_gw_${randomBytes(4).toString('hex')}`;
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'bazaar-gw-'));
  const portOffset = await freeOffset([identityDef.port, gatewayDef.port]);
  const plan = await planPostgres([identityDef], infra, { dataRoot, ...(options.log ? { log: options.log } : {}) });
  const adminUrl = plan.adminUrlFor.get('identity')!;

  const cleanups: (() => Promise<unknown>)[] = [];
  const processes: ServiceProcess[] = [];
  const sessions: string[] = [];
  const stop = async () => {
    for (const proc of processes.reverse()) await proc.stop().catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => options.log?.(`cleanup failed: ${error.message}`));
    rmSync(dataRoot, { recursive: true, force: true });
  };

  try {
    cleanups.push(async () => {
      for (const instance of plan.embedded) await instance.stop();
    });
    cleanups.push(() => dropProvisioned(adminUrl, 'identity', { prefix }));
    cleanups.push(() => cleanRedis(infra.redisUrl, `${prefix}_identity`, sessions));
    const { prepared, failed } = await prepareServices([identityDef, gatewayDef], plan, infra, {
      dataRoot,
      prefix,
      portOffset,
      logLevel: process.env.LOG_LEVEL && process.env.LOG_LEVEL !== 'silent' ? process.env.LOG_LEVEL : 'warn',
      ...(options.log ? { log: options.log } : {}),
    });
    if (failed.length) throw new Error(failed.map((f) => `${f.def.name}: ${f.error.message}`).join('; '));
    const envOf = (name: string) => prepared.find((p) => p.def.name === name)!.env;
    const identity = new ServiceProcess(identityDef, { ...envOf('identity'), ...options.identityEnv }, path.join(dataRoot, 'logs', 'identity.log'));
    const gateway = new ServiceProcess(gatewayDef, { ...envOf('gateway'), ...options.gatewayEnv }, path.join(dataRoot, 'logs', 'gateway.log'));
    for (const proc of [identity, gateway]) {
      processes.push(proc);
      proc.start();
      await proc.waitReady(60_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${proc.lastLines().join('\n')}`);
      });
    }
    return { identity, gateway, sessions, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function cleanRedis(redisUrl: string, user: string, sessions: string[]): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const keys = sessions.flatMap((id) => [`identity:session:${id}`, `identity:session-used:${id}`]);
    if (keys.length) await redis.del(...keys);
    await redis.call('ACL', 'DELUSER', user);
  } finally {
    redis.disconnect();
  }
}
