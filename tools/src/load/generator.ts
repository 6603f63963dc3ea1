/**
 * The load generator: an open loop of shoppers' tasks against a running shop's gateway, at a fixed
 * rate or stepping the rate up until a step breaks the criteria, with a line of progress a second,
 * the saga's invariants audited at the end and everything measured handed back for the report.
 * Open loop: task i of a phase is due at start + i / rate and starts then whatever the answers so
 * far, and its time counts from then.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { deadLetterDepths, judge, readAudit, type AuditData, type Invariant } from './audit.js';
import { seededRandom } from '../random.js';
import { Recorder, TASKS, type PhaseStats, type Second } from './recorder.js';
import { discontinue, prepareShop } from './setup.js';
import { Tasks, WEIGHTS, pickTask, type TaskSettings } from './tasks.js';

export interface Criteria { browseP99Ms: number; maxErrors: number; allCheckoutsTerminal: boolean }
export const DEFAULT_CRITERIA: Criteria = { browseP99Ms: 100, maxErrors: 0, allCheckoutsTerminal: true };

export interface LoadOptions {
  gateway: string;
  admin: { email: string; password: string };
  /** How many customers in the pool (each has the gateway's per-user rate limit to itself). */
  users: number;
  usersDomain?: string;
  /** Open loop at this many tasks per second for `durationMs`. Without `step`, required. */
  rate?: number;
  durationMs?: number;
  /** Step the rate up from `startRate` by `factor` every `stepMs`; with `durationMs`, then run that long at the rate found. */
  step?: { startRate: number; factor: number; stepMs: number; maxRate: number };
  criteria?: Criteria;
  tasks?: Partial<TaskSettings>;
  /** Seeds the choice of tasks, customers and products (default: a random seed, printed). */
  seed?: number;
  /** Take the run's products out of listings afterwards (default true). */
  discontinue?: boolean;
  log?: (line: string) => void;
  /** One line a second while tasks run (default: `log`). */
  progress?: (line: string) => void;
  signal?: AbortSignal;
}

export interface Verdict { phase: string; rate: number; pass: boolean; reasons: string[] }

export interface LoadResult {
  run: string;
  gateway: string;
  startedAt: string;
  finishedAt: string;
  users: number;
  weights: typeof WEIGHTS;
  criteria: Criteria;
  mode: 'rate' | 'step';
  /** The highest step rate that met the criteria (step mode). */
  foundRate: number | null;
  phases: (PhaseStats & { verdict?: Verdict })[];
  seconds: Second[];
  errors: Record<string, number>;
  invariants: Invariant[];
  /** What the audit read (left out of the report). */
  audit: AuditData;
  outcomes: Record<string, number>;
  notes: string[];
}

/** Whether a phase met the criteria, and if not, why. */
export function verdictOf(stats: PhaseStats, criteria: Criteria): Verdict {
  const reasons: string[] = [];
  if (stats.latency.browse.count === 0) reasons.push('no browse request completed');
  else if (stats.latency.browse.p99 > criteria.browseP99Ms) reasons.push(`browse p99 ${stats.latency.browse.p99} ms > ${criteria.browseP99Ms} ms`);
  const errors = Object.values(stats.errors).reduce((a, b) => a + b, 0);
  if (errors > criteria.maxErrors) reasons.push(`${errors} error(s): ${Object.entries(stats.errors).map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  if (criteria.allCheckoutsTerminal && stats.checkouts.notTerminal > 0) reasons.push(`${stats.checkouts.notTerminal} checkout(s) never ended`);
  return { phase: stats.name, rate: stats.rate, pass: reasons.length === 0, reasons };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

function progressLine(s: Second, recorder: Recorder, phase: string, rate: number): string {
  const k = s.kinds;
  const errors = Object.values(k).reduce((n, x) => n + x.errors, 0);
  const part = (name: string, x: Second['kinds']['browse']) => `${name} ${x.count}/s${x.count ? ` p50 ${fmt(x.p50)} p99 ${fmt(x.p99)}` : ''}`;
  return `${s.t.toFixed(0).padStart(4)} s  ${phase} @ ${rate}/s: offered ${s.offered}/s | ${part('browse', k.browse)} | ${part('cart', k.cart)} | ${part('checkout', k.checkout)} | ` +
    `errors ${errors} | checkouts in flight ${recorder.inFlight}, ended ${recorder.terminal}${k.terminal.count ? ` (p99 to end ${fmt(k.terminal.p99)} ms)` : ''}`;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const progress = options.progress ?? log;
  const criteria = options.criteria ?? DEFAULT_CRITERIA;
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const run = randomBytes(3).toString('hex').toUpperCase();
  const startedAt = new Date();
  if (!options.step && !(options.rate && options.rate > 0)) throw new Error('give a rate (tasks per second) or step mode');
  const shop = await prepareShop({ gateway: options.gateway, admin: options.admin, users: options.users, usersDomain: options.usersDomain ?? 'bazaar.test', run, say: log, signal });
  const notes = [...shop.notes];
  const deadLettersBefore = await deadLetterDepths(shop.gateway, shop.admin);
  const recorder = new Recorder();
  const settings: TaskSettings = { requestTimeoutMs: 10_000, followEveryMs: 300, followTimeoutMs: 120_000, ...options.tasks };
  const seed = options.seed ?? randomInt(2 ** 31);
  const random = seededRandom(seed);
  log(`tasks drawn from seed ${seed}`);
  const tasks = new Tasks(shop, recorder, settings, signal, random);
  const runStartedAt = Date.now();
  let current = { phase: 'setup', rate: 0 };
  recorder.startPhase('setup', 0);
  const ticker = setInterval(() => {
    const second = recorder.tick(current.phase);
    progress(progressLine(second, recorder, current.phase, current.rate));
  }, 1_000);

  /** One phase: tasks due on schedule for `ms`, then its checkouts followed to their end. */
  const phase = async (name: string, rate: number, ms: number): Promise<PhaseStats> => {
    recorder.startPhase(name, rate);
    current = { phase: name, rate };
    const start = recorder.now();
    const total = Math.floor((rate * ms) / 1000);
    const running = new Set<Promise<void>>();
    for (let i = 0; i < total && !signal.aborted; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - recorder.now();
      if (wait > 1) await sleep(wait);
      const task = tasks.run(pickTask(random), name, due).catch((error: Error) => log(`task failed: ${error.message}`)).finally(() => running.delete(task));
      running.add(task);
    }
    await Promise.allSettled([...running]);
    await tasks.settled();
    recorder.endPhase(name);
    return recorder.phaseStats(name);
  };

  let foundRate: number | null = null;
  const verdicts = new Map<string, Verdict>();
  try {
    if (options.step) {
      const { startRate, factor, stepMs, maxRate } = options.step;
      for (let rate = startRate, n = 1; rate <= maxRate && !signal.aborted; rate = Math.round(rate * factor * 10) / 10, n++) {
        log(`step ${n}: ${rate} tasks/s for ${stepMs / 1000} s`);
        const stats = await phase(`step ${n}`, rate, stepMs);
        const verdict = verdictOf(stats, criteria);
        verdicts.set(stats.name, verdict);
        log(`step ${n} at ${rate}/s: ${verdict.pass ? 'passes' : `fails (${verdict.reasons.join('; ')})`}`);
        if (!verdict.pass) break;
        foundRate = rate;
      }
      if (foundRate === null) notes.push(`no step met the criteria, not even the first at ${startRate}/s`);
      if (options.durationMs && foundRate !== null && !signal.aborted) {
        log(`the run at the rate found: ${foundRate} tasks/s for ${options.durationMs / 1000} s`);
        const stats = await phase('at found rate', foundRate, options.durationMs);
        verdicts.set(stats.name, verdictOf(stats, criteria));
      }
    } else {
      const stats = await phase(`${options.rate}/s`, options.rate!, options.durationMs ?? 60_000);
      verdicts.set(stats.name, verdictOf(stats, criteria));
    }
  } finally {
    clearInterval(ticker);
    // The part of a second since the last tick: its requests belong in the charts too.
    recorder.tick(current.phase);
  }
  recorder.endPhase('setup');
  const data = await readAudit(shop, tasks.placed, runStartedAt, deadLettersBefore, log);
  const invariants = judge(data, shop.products.map((p) => p.sku));
  for (const inv of invariants) log(`invariant ${inv.ok ? 'holds ' : 'BROKEN'} ${inv.name} (${inv.checked} checked)${inv.ok ? '' : `: ${inv.detail.slice(0, 5).join('; ')}`}`);
  if (options.discontinue !== false) await discontinue(shop, log);
  const outcomes: Record<string, number> = {};
  for (const o of data.orders.filter((order) => tasks.placed.some((p) => p.id === order.id))) outcomes[o.status] = (outcomes[o.status] ?? 0) + 1;
  const phases = recorder.allPhases().filter((p) => p.name !== 'setup').map((p) => ({ ...p, ...(verdicts.has(p.name) ? { verdict: verdicts.get(p.name)! } : {}) }));
  const result: LoadResult = {
    run, gateway: options.gateway, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), users: shop.users.length, weights: WEIGHTS, criteria,
    mode: options.step ? 'step' : 'rate', foundRate, phases, seconds: recorder.seconds, errors: { ...recorder.errors }, invariants, audit: data, outcomes, notes,
  };
  recorder.close();
  return result;
}

export { TASKS };
