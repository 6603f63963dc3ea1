import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ServiceDef } from './services.js';

/** The module a service runs from when built: its bundle, which tools/bundle.mjs writes (its BUNDLE). */
export const SERVICE_BUNDLE = 'dist/main.bundle.js';

/**
 * What a service process runs: `dist`, its compiled code bundled (`node dist/main.bundle.js`, as in the image), or
 * `source`, its TypeScript through tsx (when the launcher itself runs from its sources: the startup
 * benchmark's baseline, how npm start worked before there was a build).
 */
export type ServiceRuntime = 'dist' | 'source';

/**
 * The preload that stops a service whose launcher is gone (supervised.ts), always the compiled one
 * (tools/dist), also when these tools themselves run from sources in tests: the service has no tsx.
 */
const supervisedPreload = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'supervised.js');

/**
 * The kit's tracing set-up, imported before the service's own modules so that the libraries it
 * instruments are patched as they load (as in the image's command). It resolves from the service's
 * folder: the compiled module, or its source under the `source` condition.
 */
const tracingPreload = '@bazaar/platform/register';

/**
 * V8's heap limits for a service npm start runs (test systems keep V8's defaults): the young
 * generation's semi-spaces at most 1 MiB (V8's default grows them to 16 MiB each, three of them, in
 * every process; a service's requests allocate little that lives, so scavenging a small one more often
 * costs little: catalog answering 200 product pages a second used as much CPU with 1 MiB as with 2,
 * 2.39 and 2.31 s against 2.39 and 2.30 s for 3,000 in two rounds after a warm-up, and 11 MiB less
 * memory), and the old generation capped at
 * 512 MiB, so that a leak ends one service with an out-of-memory error instead of the machine
 * swapping. BAZAAR_SERVICE_NODE_FLAGS replaces them (space-separated; empty for V8's defaults).
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=512'];
export const serviceNodeFlags = () => (process.env.BAZAAR_SERVICE_NODE_FLAGS !== undefined ? process.env.BAZAAR_SERVICE_NODE_FLAGS.split(/\s+/).filter(Boolean) : SERVICE_NODE_FLAGS);

/**
 * glibc's malloc gives each thread that allocates an arena of its own, and a service has about ten
 * (V8's workers, libuv's pool); two arenas are enough for one event loop and save about 3 MiB of
 * resident memory a service (measured at idle, catalog). A value in the environment wins.
 */
const MALLOC_ARENA_MAX = '2';

/** node's arguments for a service, run in its folder; fails naming the missing build. */
function nodeArguments(def: ServiceDef, runtime: ServiceRuntime, nodeFlags: string[]): string[] {
  if (!existsSync(supervisedPreload)) throw new Error(`${supervisedPreload} is missing: run npm run build`);
  if (runtime === 'source') {
    // The packages' `source` export condition: @bazaar/platform and contracts from their src/ too.
    return ['--conditions=source', '--import', createRequire(import.meta.url).resolve('tsx'), '--import', tracingPreload, '--import', supervisedPreload, 'src/main.ts'];
  }
  // The service bundled into one module by the build (tools/bundle.mjs): half the start's CPU and less memory.
  if (!existsSync(path.join(def.dir, SERVICE_BUNDLE))) throw new Error(`${def.name} is not built (no services/${def.name}/${SERVICE_BUNDLE}): run npm run build`);
  return [...nodeFlags, '--import', tracingPreload, '--import', supervisedPreload, SERVICE_BUNDLE];
}

/**
 * Where npm start's phases go when BAZAAR_START_TIMINGS names a file (the startup benchmark): one JSON
 * line per phase, `{"phase","start","end"}` in epoch milliseconds. Without it, nothing is written.
 */
const timingsFile = process.env.BAZAAR_START_TIMINGS;
const nowMs = () => performance.timeOrigin + performance.now();

/** Records one phase of the start (see timingsFile); `start` defaults to this process's own start. */
export function recordPhase(phase: string, start = performance.timeOrigin, end = nowMs()): void {
  if (!timingsFile) return;
  try {
    appendFileSync(timingsFile, `${JSON.stringify({ phase, start, end })}\n`);
  } catch {
    // A benchmark's bookkeeping never stops the start.
  }
}

/** Runs `work` and records it as `phase`. */
export async function timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const start = nowMs();
  try {
    return await work();
  } finally {
    recordPhase(phase, start);
  }
}

/**
 * Variables of whoever started the system that reach every service: OpenTelemetry's, the runtime's
 * memory and cache settings, and the database pools' switch for prepared statements (so
 * `DATABASE_PREPARED_STATEMENTS=off npm start` turns them off everywhere, to measure what they save).
 */
const PASSED_ON = new Set(['MALLOC_ARENA_MAX', 'NODE_COMPILE_CACHE', 'DATABASE_PREPARED_STATEMENTS']);
const passedOnVariables = () =>
  Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => (e[0].startsWith('OTEL_') || PASSED_ON.has(e[0])) && e[1] !== undefined));

/** One service running as its own OS process, its output kept in a log file and a short tail. */
export class ServiceProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  private readonly tail: string[] = [];
  private exited?: Promise<number | null>;
  exitCode: number | null = null;
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  private stopping = false;

  constructor(
    readonly def: ServiceDef,
    private readonly env: Record<string, string>,
    readonly logFile: string,
    readonly runtime: ServiceRuntime = 'dist',
    /** node's own flags before the service's (SERVICE_NODE_FLAGS under npm start); none by default. */
    private readonly nodeFlags: string[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT ?? this.def.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Fails if something already listens on the service's port or its metrics port: otherwise the
   * readiness check could be answered by that other process, or the service fail to start.
   */
  async ensurePortFree(): Promise<void> {
    const ports = [Number(this.env.PORT ?? this.def.port), Number(this.env.METRICS_PORT ?? this.def.metricsPort)];
    for (const port of ports) {
      const free = await new Promise<boolean>((resolve) => {
        const server = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
      });
      if (!free) throw new Error(`port ${port} for ${this.def.name} is already in use: stop what holds it, or start with --port-offset`);
    }
  }

  start(): void {
    mkdirSync(path.dirname(this.logFile), { recursive: true });
    const args = nodeArguments(this.def, this.runtime, this.nodeFlags);
    this.log = createWriteStream(this.logFile, { flags: 'a' });
    this.stopping = false;
    this.exitCode = null;
    const child = spawn(process.execPath, args, {
      cwd: this.def.dir,
      // OpenTelemetry's variables (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SDK_DISABLED, …), MALLOC_ARENA_MAX
      // and NODE_COMPILE_CACHE of whoever started the system reach every service unless its own settings
      // say otherwise. The supervisor pid is for the supervised.js preload, which stops the service once
      // this process is gone.
      env: { MALLOC_ARENA_MAX, ...passedOnVariables(), ...this.env, BAZAAR_SUPERVISOR_PID: String(process.pid) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const collect = (chunk: Buffer) => {
      this.log?.write(chunk);
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitCode = code;
        if (!this.stopping) this.onUnexpectedExit?.(code, signal);
        resolve(code);
      });
    });
  }

  /** The last lines the service wrote, for reporting a failure. */
  lastLines(count = 15): string[] {
    return this.tail.slice(-count);
  }

  /**
   * Polls `/health/ready` until it answers 200; fails at once if the process exits, or when time runs
   * out: long enough for services starting side by side on a busy two-core machine.
   */
  async waitReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.def.name} exited with code ${this.exitCode ?? this.child?.signalCode}`);
      try {
        const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(1000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${this.def.name} was not ready within ${timeoutMs / 1000} s`);
  }

  /** SIGTERM and wait for a graceful exit; SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.child || !this.running) return this.closeLog();
    this.stopping = true;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    this.closeLog();
  }

  /** SIGKILL: the crash the chaos tests inflict. */
  async kill(): Promise<void> {
    if (!this.child || !this.running) return;
    this.stopping = true;
    this.child.kill('SIGKILL');
    await this.exited;
    this.closeLog();
  }

  private closeLog(): void {
    this.log?.end();
    this.log = undefined;
  }
}
