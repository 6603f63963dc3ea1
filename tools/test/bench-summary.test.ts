// The benchmarks' summary: medians over an invocation's runs, goals met or not, the previous run's
// figure beside each, and benchmarks not run now keeping their last recorded figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, meets, summarize, type FiguresFile, type Summary } from '../src/bench-summary.js';

const file = (benchmark: string, date: string, figures: FiguresFile['figures']): FiguresFile => ({
  benchmark, date, commit: 'abc123def456', machine: 'test machine', node: 'v26.0.0', figures,
});
const ratio = (value: number, detail = `split ${value}`) => ({
  id: 'checkout.throughput-ratio', measure: 'checkout against the monolith', value, unit: '×', goal: { op: '>=' as const, value: 0.33 }, detail,
});

test('median of odd and even counts, and goals in both directions', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
  assert.equal(meets(0.4, { op: '>=', value: 0.33 }), true);
  assert.equal(meets(0.2, { op: '>=', value: 0.33 }), false);
  assert.equal(meets(70, { op: '<=', value: 60 }), false);
  assert.equal(meets(5, undefined), undefined);
});

test('a figure run three times is their median, with the median run\'s detail and the previous figure beside it', () => {
  const previous: Summary = {
    date: '2026-12-01T00:00:00.000Z', command: 'npm run bench', machine: 'm',
    figures: [{ ...ratio(0.11), benchmark: 'checkout', values: [0.11], date: '2026-12-01T00:00:00.000Z', commit: 'old000000000', node: 'v24.0.0' }],
  };
  const runs = [0.3, 0.4, 0.35].map((v, i) => file('checkout', `2026-12-05T0${i}:00:00.000Z`, [ratio(v)]));
  const { summary, markdown } = summarize({
    previous, runsNow: new Map([['checkout', runs]]), latest: new Map([['checkout', runs[2]!]]), runs: 3, command: 'npm run bench -- --runs 3 checkout', machine: 'm',
  });
  const figure = summary.figures.find((f) => f.id === 'checkout.throughput-ratio')!;
  assert.equal(figure.value, 0.35);
  assert.deepEqual(figure.values, [0.3, 0.4, 0.35]);
  assert.equal(figure.detail, 'split 0.35');
  assert.deepEqual(figure.previous, { value: 0.11, date: '2026-12-01T00:00:00.000Z', commit: 'old000000000' });
  const row = markdown.split('\n').find((l) => l.startsWith('| checkout against the monolith'))!;
  assert.match(row, /\*\*0\.350×\*\*/);
  assert.match(row, /0\.300× – 0\.400×/);
  assert.match(row, /≥ 0\.330×/);
  assert.match(row, /\| yes \|/);
  assert.match(row, /\+218 % \(better\)/);
});

test('a figure that fell short of its goal and moved the wrong way says so', () => {
  const p50 = (value: number) => ({ id: 'checkout.p50-ms', measure: 'checkout p50', value, unit: 'ms', goal: { op: '<=' as const, value: 60 } });
  const previous: Summary = { date: 'd', command: 'c', machine: 'm', figures: [{ ...p50(50), benchmark: 'checkout', values: [50], date: 'd', commit: 'c', node: 'n' }] };
  const now = file('checkout', '2026-12-05T00:00:00.000Z', [p50(80)]);
  const { markdown } = summarize({ previous, runsNow: new Map([['checkout', [now]]]), latest: new Map([['checkout', now]]), runs: 1, command: 'c', machine: 'm' });
  const row = markdown.split('\n').find((l) => l.startsWith('| checkout p50'))!;
  assert.match(row, /\| \*\*no\*\* \|/);
  assert.match(row, /\+60 % \(worse\)/);
});

test('benchmarks not run now keep the figures the summary had, their own previous included', () => {
  const kept = { id: 'events.burst-ratio', measure: 'events burst', value: 0.5, unit: '×', benchmark: 'events', values: [0.5], date: 'then', commit: 'c0', node: 'n', previous: { value: 0.16, date: 'before', commit: 'c-1' } };
  const previous: Summary = { date: 'd', command: 'c', machine: 'm', figures: [kept] };
  const checkout = file('checkout', 'now', [ratio(0.4)]);
  const events = file('events', 'then', [{ id: 'events.burst-ratio', measure: 'events burst', value: 0.5, unit: '×' }]);
  const { summary } = summarize({
    previous, runsNow: new Map([['checkout', [checkout]]]), latest: new Map([['checkout', checkout], ['events', events]]), runs: 1, command: 'c', machine: 'm',
  });
  assert.deepEqual(summary.figures.find((f) => f.id === 'events.burst-ratio'), kept);
  // A benchmark the summary never had comes from its last figures file, with nothing to compare against.
  const fresh = summarize({ previous: undefined, runsNow: new Map(), latest: new Map([['events', events]]), runs: 1, command: 'c', machine: 'm' });
  assert.equal(fresh.summary.figures[0]!.previous, undefined);
  assert.match(fresh.markdown, /\| new \|/);
});
