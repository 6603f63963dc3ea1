/**
 * What the load generator measures: every request's latency by kind, in 1 s buckets over the run (for
 * the charts) and per phase (a step, or the run at one rate, for its criteria), and every error by
 * kind and status. Latencies are kept in HDR histograms (microseconds, 2 significant digits); a
 * second's histograms are folded into a few numbers when it ends, so a long run keeps little memory.
 */
import { build as buildHistogram, type Histogram } from 'hdr-histogram-js';

/** The kinds of request the generator times. `follow` is a customer reading their order until it ends; `terminal` is a checkout's time to its end. */
export const KINDS = ['browse', 'cart', 'checkout', 'follow', 'terminal'] as const;
export type Kind = (typeof KINDS)[number];
/** The kinds a task is made of (`follow` and `terminal` come with a checkout). */
export const TASKS = ['browse', 'cart', 'checkout'] as const;
export type Task = (typeof TASKS)[number];

const newHistogram = () => buildHistogram({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 2 });

export interface Percentiles { count: number; p50: number; p90: number; p99: number; max: number }

/** A histogram's summary, in milliseconds. */
function summarise(h: Histogram): Percentiles {
  if (h.totalCount === 0) return { count: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  // A percentile is the top of its HDR bucket, which can lie a little above the largest value recorded.
  const ms = (us: number) => Math.round(Math.min(us, h.maxValue) / 10) / 100;
  return { count: h.totalCount, p50: ms(h.getValueAtPercentile(50)), p90: ms(h.getValueAtPercentile(90)), p99: ms(h.getValueAtPercentile(99)), max: ms(h.maxValue) };
}

/** One second of the run: when it ended (s since the run began), the rate offered, and per kind its requests, errors and percentiles (ms). */
export interface Second {
  t: number;
  offered: number;
  phase: string;
  kinds: Record<Kind, Percentiles & { errors: number }>;
}

export interface PhaseStats {
  name: string;
  rate: number;
  startedAt: number;
  seconds: number;
  tasks: Record<Task, number>;
  latency: Record<Kind, Percentiles>;
  errors: Record<string, number>;
  checkouts: { placed: number; confirmed: number; cancelled: number; rejected: number; notTerminal: number };
}

class PhaseRecord {
  readonly histograms = Object.fromEntries(KINDS.map((k) => [k, newHistogram()])) as Record<Kind, Histogram>;
  readonly tasks: Record<Task, number> = { browse: 0, cart: 0, checkout: 0 };
  readonly errors: Record<string, number> = {};
  readonly checkouts = { placed: 0, confirmed: 0, cancelled: 0, rejected: 0, notTerminal: 0 };
  endedAt: number | undefined;
  constructor(readonly name: string, readonly rate: number, readonly startedAt: number) {}
}

export class Recorder {
  readonly seconds: Second[] = [];
  /** Errors of the whole run, by `kind status` (status 0: no answer, with the reason). */
  readonly errors: Record<string, number> = {};
  private readonly phases: PhaseRecord[] = [];
  private current = this.emptySecond();
  private offered = 0;
  private readonly t0 = performance.now();
  /** Checkouts placed and not yet ended, across phases. */
  inFlight = 0;
  terminal = 0;

  /** Milliseconds since the run began. */
  now(): number {
    return performance.now() - this.t0;
  }

  startPhase(name: string, rate: number): string {
    this.phases.push(new PhaseRecord(name, rate, this.now()));
    return name;
  }

  endPhase(name: string): void {
    const phase = this.phase(name);
    phase.endedAt ??= this.now();
  }

  /** A task started on schedule (offered load). */
  started(phaseName: string, task: Task): void {
    this.phase(phaseName).tasks[task]++;
    this.offered++;
  }

  /** One timed request (or, for `terminal`, one checkout's time to its end), with its error if it failed. */
  record(phaseName: string, kind: Kind, ms: number, error?: string): void {
    const us = Math.max(1, Math.round(ms * 1000));
    this.current.histograms[kind].recordValue(us);
    this.phase(phaseName).histograms[kind].recordValue(us);
    if (error) {
      const key = `${kind} ${error}`;
      this.current.errors[kind]++;
      this.errors[key] = (this.errors[key] ?? 0) + 1;
      const errors = this.phase(phaseName).errors;
      errors[key] = (errors[key] ?? 0) + 1;
    }
  }

  checkoutPlaced(phaseName: string): void {
    this.phase(phaseName).checkouts.placed++;
    this.inFlight++;
  }

  checkoutEnded(phaseName: string, outcome: 'confirmed' | 'cancelled' | 'rejected' | 'notTerminal'): void {
    this.phase(phaseName).checkouts[outcome]++;
    this.inFlight--;
    if (outcome !== 'notTerminal') this.terminal++;
  }

  /** Closes the current second: its numbers go into `seconds`, its histograms start again. */
  tick(phaseName: string): Second {
    const kinds = Object.fromEntries(KINDS.map((k) => [k, { ...summarise(this.current.histograms[k]), errors: this.current.errors[k] }])) as Second['kinds'];
    const second: Second = { t: Math.round(this.now() / 100) / 10, offered: this.offered, phase: phaseName, kinds };
    this.seconds.push(second);
    for (const h of Object.values(this.current.histograms)) h.reset();
    this.current.errors = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
    this.offered = 0;
    return second;
  }

  phaseStats(name: string): PhaseStats {
    const p = this.phase(name);
    const latency = Object.fromEntries(KINDS.map((k) => [k, summarise(p.histograms[k])])) as Record<Kind, Percentiles>;
    const seconds = Math.round(((p.endedAt ?? this.now()) - p.startedAt) / 100) / 10;
    return { name: p.name, rate: p.rate, startedAt: Math.round(p.startedAt / 100) / 10, seconds, tasks: { ...p.tasks }, latency, errors: { ...p.errors }, checkouts: { ...p.checkouts } };
  }

  allPhases(): PhaseStats[] {
    return this.phases.map((p) => this.phaseStats(p.name));
  }

  close(): void {
    for (const h of Object.values(this.current.histograms)) h.destroy();
    for (const p of this.phases) for (const h of Object.values(p.histograms)) h.destroy();
  }

  private phase(name: string): PhaseRecord {
    const phase = this.phases.find((p) => p.name === name);
    if (!phase) throw new Error(`no phase ${name}`);
    return phase;
  }

  private emptySecond() {
    return {
      histograms: Object.fromEntries(KINDS.map((k) => [k, newHistogram()])) as Record<Kind, Histogram>,
      errors: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>,
    };
  }
}
