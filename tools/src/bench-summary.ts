/**
 * The benchmarks' summary (bench/results/README.md): each figure the benchmarks recorded, the median
 * of this invocation's runs, its goal, and the previous run's figure beside it. Pure: `run-bench`
 * reads and writes the files.
 */

/** One figure a benchmark measured (bench/machine.ts `recordFigures` writes them). */
export interface Figure {
  /** Stable across runs (the previous run's figure is found by it), e.g. `checkout.throughput-ratio`. */
  id: string;
  /** What it measures, as the summary's table says it. */
  measure: string;
  value: number;
  /** `×`, `ms`, `/s`, `MiB`, `s`, `%`. */
  unit: string;
  /** The goal it is held to, when there is one: `>=` or `<=` that value. */
  goal?: { op: '>=' | '<='; value: number };
  /** The absolute figures behind a ratio, e.g. `split 29.1/s, monolith 270/s`. */
  detail?: string;
}

/** The figures file of one benchmark run: bench/results/<benchmark>.figures.json. */
export interface FiguresFile {
  benchmark: string;
  date: string;
  commit: string;
  machine: string;
  node: string;
  figures: Figure[];
}

export interface SummaryFigure extends Figure {
  benchmark: string;
  /** Every run's value behind `value` (their median), in run order. */
  values: number[];
  date: string;
  commit: string;
  node: string;
  /** This figure as the summary before this one had it, when it had it. */
  previous?: { value: number; date: string; commit: string };
}

export interface Summary {
  date: string;
  command: string;
  machine: string;
  figures: SummaryFigure[];
}

export interface SummaryInput {
  previous: Summary | undefined;
  /** The figures files of each benchmark run in this invocation, per benchmark, in run order. */
  runsNow: Map<string, FiguresFile[]>;
  /** The last figures file of every benchmark, for those not run now. */
  latest: Map<string, FiguresFile>;
  runs: number;
  command: string;
  machine: string;
  now?: Date;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Whether a value meets its goal; undefined when there is none. */
export function meets(value: number, goal: Figure['goal']): boolean | undefined {
  if (!goal) return undefined;
  return goal.op === '>=' ? value >= goal.value : value <= goal.value;
}

export function summarize(input: SummaryInput): { summary: Summary; markdown: string } {
  const previousById = new Map((input.previous?.figures ?? []).map((f) => [f.id, f]));
  const figures: SummaryFigure[] = [];
  const benchmarks = [...new Set([...input.latest.keys(), ...input.runsNow.keys()])].sort();
  for (const benchmark of benchmarks) {
    const now = input.runsNow.get(benchmark);
    if (now && now.length > 0) {
      const last = now[now.length - 1]!;
      // A figure's median over the runs that recorded it; its words and goal from the last run.
      for (const figure of last.figures) {
        const values = now.flatMap((run) => run.figures.filter((f) => f.id === figure.id).map((f) => f.value));
        const value = median(values);
        // The run whose value is the median (the lower middle for an even count) gives the detail.
        const nearest = now.flatMap((run) => run.figures.filter((f) => f.id === figure.id)).sort((a, b) => Math.abs(a.value - value) - Math.abs(b.value - value))[0];
        const before = previousById.get(figure.id);
        figures.push({
          ...figure, ...(nearest?.detail ? { detail: nearest.detail } : {}), value, values, benchmark,
          date: last.date, commit: last.commit, node: last.node,
          ...(before ? { previous: { value: before.value, date: before.date, commit: before.commit } } : {}),
        });
      }
    } else {
      // Not run now: what the summary had (its previous kept), else the benchmark's last file.
      const kept = input.previous?.figures.filter((f) => f.benchmark === benchmark) ?? [];
      if (kept.length > 0) figures.push(...kept);
      else {
        const last = input.latest.get(benchmark)!;
        for (const figure of last.figures) figures.push({ ...figure, values: [figure.value], benchmark, date: last.date, commit: last.commit, node: last.node });
      }
    }
  }
  const summary: Summary = { date: (input.now ?? new Date()).toISOString(), command: input.command, machine: input.machine, figures };
  return { summary, markdown: render(summary, new Set(input.runsNow.keys()), input.runs) };
}

const format = (value: number, unit: string) => {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit === '' ? text : unit === '×' ? `${text}×` : unit === '%' ? `${text} %` : unit === '/s' ? `${text}/s` : `${text} ${unit}`;
};

/** The change from the previous figure, in words a reader can act on: better or worse against the goal's direction. */
function change(figure: SummaryFigure): string {
  const before = figure.previous;
  if (!before) return 'new';
  if (before.value === figure.value) return 'same';
  const ratio = before.value === 0 ? Number.POSITIVE_INFINITY : (figure.value - before.value) / Math.abs(before.value);
  const percent = Number.isFinite(ratio) ? `${ratio > 0 ? '+' : ''}${(ratio * 100).toFixed(0)} %` : 'from 0';
  if (!figure.goal) return percent;
  const better = figure.goal.op === '>=' ? figure.value > before.value : figure.value < before.value;
  return `${percent} (${better ? 'better' : 'worse'})`;
}

function render(summary: Summary, runNow: Set<string>, runs: number): string {
  const lines = [
    '# Benchmark summary',
    '',
    `Written by \`${summary.command}\` on ${summary.date.slice(0, 10)}; machine: ${summary.machine}.`,
    '',
    'Each figure is the median of the runs of one invocation of `npm run bench` (the spread is their lowest and',
    'highest), and each ratio is taken against a baseline measured in the same run on the same machine: absolute',
    'times on a shared machine are noisy, a ratio much less so. "previous" is the figure this summary had before',
    `it was last rewritten. Benchmarks run now: ${[...runNow].sort().join(', ') || 'none'}${runs > 1 ? ` (${runs} runs each)` : ''}; the others`,
    'show their last recorded figures with their own date and commit. Each benchmark\'s own file says how it',
    'measures and what the figure means.',
    '',
    '| measure | now | spread | goal | met | previous | change | measured |',
    '|---|---:|---|---|---|---:|---|---|',
  ];
  for (const f of summary.figures) {
    const met = meets(f.value, f.goal);
    const spread = f.values.length > 1 ? `${format(Math.min(...f.values), f.unit)} – ${format(Math.max(...f.values), f.unit)}` : '';
    const goal = f.goal ? `${f.goal.op === '>=' ? '≥' : '≤'} ${format(f.goal.value, f.unit)}` : '';
    const previous = f.previous ? format(f.previous.value, f.unit) : '';
    const measured = `[${f.benchmark}](${f.benchmark}.md) ${f.date.slice(0, 10)} ${f.commit.split(' ')[0]}${f.commit.includes('uncommitted') ? '+' : ''}, ${f.node}`;
    const detail = f.detail ? `<br><sub>${f.detail.replaceAll('|', '\\|')}</sub>` : '';
    lines.push(`| ${f.measure.replaceAll('|', '\\|')}${detail} | **${format(f.value, f.unit)}** | ${spread} | ${goal} | ${met === undefined ? '' : met ? 'yes' : '**no**'} | ${previous} | ${change(f)} | ${measured} |`);
  }
  lines.push('', 'A commit marked + had uncommitted changes on top when it was measured.', '');
  return lines.join('\n');
}
