import { within } from './time-limit.js';

/** The health of one dependency, as in seed 000's `HealthCheck`, with the time the probe took. */
export interface HealthCheck {
  status: 'healthy' | 'degraded' | 'unhealthy';
  /** How long the probe took, in milliseconds. */
  latency: number;
  message?: string;
  details?: Record<string, unknown>;
}

/** Seed 000's `HealthStatus`: what `GET /health` answers. */
export interface HealthStatus {
  status: 'healthy' | 'degraded' | 'unhealthy';
  service: string;
  version: string;
  /** Seconds since the process started serving. */
  uptime: number;
  timestamp: string;
  checks: Record<string, HealthCheck>;
}

/** What a probe returns; throwing means unhealthy. */
export type ProbeResult = void | { status?: HealthCheck['status']; message?: string; details?: Record<string, unknown> };

export interface ProbeOptions {
  /**
   * A critical dependency makes the service unhealthy (and not ready) when it fails; a non-critical
   * one only degrades it. Defaults to true.
   */
  critical?: boolean;
  timeoutMs?: number;
}

interface Probe extends Required<ProbeOptions> {
  run: () => Promise<ProbeResult>;
}

/** Collects named dependency probes and runs them concurrently, each with a timeout. */
export class HealthRegistry {
  private readonly probes = new Map<string, Probe>();
  private readonly startedAt = Date.now();

  constructor(private readonly service: string, private readonly version: string) {}

  register(name: string, run: () => Promise<ProbeResult>, options: ProbeOptions = {}): this {
    this.probes.set(name, { run, critical: options.critical ?? true, timeoutMs: options.timeoutMs ?? 2000 });
    return this;
  }

  /**
   * Runs the probes at once. `criticalOnly`: only those whose failure makes the service unready
   * (readiness: what the process itself needs, its database, never the services it calls).
   */
  async check(options: { criticalOnly?: boolean } = {}): Promise<HealthStatus> {
    const entries = await Promise.all(
      [...this.probes].filter(([, probe]) => probe.critical || !options.criticalOnly).map(async ([name, probe]) => [name, await runProbe(probe), probe.critical] as const),
    );
    let status: HealthStatus['status'] = 'healthy';
    const checks: Record<string, HealthCheck> = {};
    for (const [name, result, critical] of entries) {
      checks[name] = result;
      if (result.status === 'unhealthy' && critical) status = 'unhealthy';
      else if (result.status !== 'healthy' && status === 'healthy') status = 'degraded';
    }
    return {
      status,
      service: this.service,
      version: this.version,
      uptime: Math.round((Date.now() - this.startedAt) / 1000),
      timestamp: new Date().toISOString(),
      checks,
    };
  }
}

async function runProbe(probe: Probe): Promise<HealthCheck> {
  const started = performance.now();
  try {
    const result = (await within(probe.timeoutMs, probe.run())) ?? {};
    return {
      status: result.status ?? 'healthy',
      latency: elapsed(started),
      ...(result.message ? { message: result.message } : {}),
      ...(result.details ? { details: result.details } : {}),
    };
  } catch (error) {
    return { status: 'unhealthy', latency: elapsed(started), message: (error as Error).message };
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 100) / 100;
