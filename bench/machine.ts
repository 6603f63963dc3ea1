import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure, FiguresFile } from '../tools/src/bench-summary.js';

export type { Figure } from '../tools/src/bench-summary.js';

/** What a recorded result was measured on: every results file starts with this. */
export function machineDescription(): string {
  const cpus = os.cpus();
  return [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${os.type()} ${os.release()} ${os.arch()}, ${cpus[0]?.model ?? 'unknown cpu'} × ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
    `- node: ${process.version}`,
    `- commit: ${commitDescription()}`,
  ].join('\n');
}

/** The commit measured, and whether the working tree had changes on top of it. */
function commitDescription(): string {
  const git = (args: string[]) => spawnSync('git', args, { cwd: path.dirname(fileURLToPath(import.meta.url)), encoding: 'utf8' });
  const head = git(['rev-parse', '--short=12', 'HEAD']);
  if (head.status !== 0) return 'unknown (not a git checkout)';
  // The results files are left out: a benchmark run several times has rewritten them after its first run.
  const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', ':(top)', ':(top,exclude)bench/results']).stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' with uncommitted changes' : ''}`;
}

/** Writes `bench/results/<name>.md` with a title, the machine, the command and the body. */
export function writeResults(name: string, title: string, command: string, body: string): string {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.md`);
  writeFileSync(file, `# ${title}\n\n${machineDescription()}\n- command: \`${command}\`\n\n${body.trim()}\n`);
  return file;
}

/** p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/**
 * Writes `bench/results/<name>.figures.json`: the figures of this run with the machine, date and
 * commit. `npm run bench` collects these into bench/results/README.md.
 */
export function recordFigures(name: string, figures: Figure[]): string {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  const cpus = os.cpus();
  const file = path.join(dir, `${name}.figures.json`);
  const content: FiguresFile = {
    benchmark: name,
    date: new Date().toISOString(),
    commit: commitDescription(),
    machine: `${os.type()} ${os.release()} ${os.arch()}, ${cpus[0]?.model ?? 'unknown cpu'} × ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
    node: process.version,
    figures,
  };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return file;
}

const TICK_MS = 1000 / 100; // USER_HZ: /proc counts CPU in ticks of 10 ms on Linux

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * TICK_MS) / 1000;
  } catch {
    return 0;
  }
}

/** CPU seconds the processes `pids` have used together. */
export const cpuSecondsOf = (pids: number[]): number => pids.reduce((total, pid) => total + cpuSeconds(pid), 0);

/** The pids of the processes whose command name is `name` (postgres, beam.smp). */
export function pidsNamed(name: string): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
    } catch {
      return false;
    }
  });
}

/** CPU seconds so far: the whole machine's busy time (every core), PostgreSQL's server processes, RabbitMQ's VM. */
export interface MachineCpu { busy: number; wall: number; postgres: number; broker: number }

/**
 * A snapshot to subtract from a later one. Busy is /proc/stat's user, nice, system, irq, softirq and
 * steal over all cores (idle and I/O wait left out). A PostgreSQL backend that started in between
 * counts from zero; one that ended in between is lost (a pool keeps its connections, so few do).
 */
export function machineCpu(): MachineCpu {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number) as number[];
  return {
    busy: ((user! + nice! + system! + irq! + softirq! + steal!) * TICK_MS) / 1000,
    wall: performance.now() / 1000,
    postgres: cpuSecondsOf(pidsNamed('postgres')),
    broker: cpuSecondsOf(pidsNamed('beam.smp')),
  };
}

/** What was spent between two snapshots: CPU seconds each, and the share of the machine's cores kept busy. */
export function machineCpuSpent(before: MachineCpu, after: MachineCpu): MachineCpu & { utilisation: number } {
  const spent = { busy: after.busy - before.busy, wall: after.wall - before.wall, postgres: after.postgres - before.postgres, broker: after.broker - before.broker };
  return { ...spent, utilisation: spent.busy / (spent.wall * os.cpus().length) };
}
