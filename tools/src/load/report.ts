/**
 * The load test's report: one HTML file that needs nothing from the network when opened (uPlot's
 * script and style are inlined, the run's data is embedded as JSON in `<script id="load-data">`),
 * with latency over time (p50 and p99 per kind of request), throughput over time, each phase against
 * the criteria, the rate found, and the invariants audited.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { KINDS } from './recorder.js';
import type { LoadResult } from './generator.js';

const require = createRequire(import.meta.url);
const asset = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON safe inside a script element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export const KIND_LABELS: Record<(typeof KINDS)[number], string> = {
  browse: 'browse', cart: 'add to cart', checkout: 'checkout (POST /orders → 202)', follow: 'order page (GET /orders/:id)', terminal: 'checkout to its end',
};

/** The time series the charts draw: x in seconds since the run began; one array per series. */
export function chartData(result: LoadResult) {
  const t = result.seconds.map((s) => s.t);
  const per = (kind: (typeof KINDS)[number], field: 'p50' | 'p99' | 'count' | 'errors') => result.seconds.map((s) => (s.kinds[kind].count || field === 'errors' ? s.kinds[kind][field] : null));
  return {
    t,
    p99: Object.fromEntries(KINDS.map((k) => [k, per(k, 'p99')])),
    p50: Object.fromEntries(KINDS.map((k) => [k, per(k, 'p50')])),
    throughput: { offered: result.seconds.map((s) => s.offered), ...Object.fromEntries(KINDS.filter((k) => k !== 'terminal').map((k) => [k, result.seconds.map((s) => s.kinds[k].count)])) },
    errors: result.seconds.map((s) => KINDS.reduce((n, k) => n + s.kinds[k].errors, 0)),
  };
}

function phaseRows(result: LoadResult): string {
  return result.phases.map((p) => {
    const l = p.latency;
    const errors = Object.values(p.errors).reduce((a, b) => a + b, 0);
    const verdict = p.verdict ? (p.verdict.pass ? '<span class="ok">meets</span>' : `<span class="bad">fails</span>: ${escapeHtml(p.verdict.reasons.join('; '))}`) : '';
    return `<tr><td>${escapeHtml(p.name)}</td><td>${p.rate}</td><td>${p.seconds}</td><td>${p.tasks.browse} / ${p.tasks.cart} / ${p.tasks.checkout}</td>` +
      `<td>${l.browse.p50} / ${l.browse.p99}</td><td>${l.cart.p50} / ${l.cart.p99}</td><td>${l.checkout.p50} / ${l.checkout.p99}</td><td>${l.follow.p50} / ${l.follow.p99}</td>` +
      `<td>${l.terminal.p50} / ${l.terminal.p99}</td><td>${errors}</td>` +
      `<td>${p.checkouts.placed}: ${p.checkouts.confirmed} confirmed, ${p.checkouts.cancelled} cancelled, ${p.checkouts.rejected} rejected, ${p.checkouts.notTerminal} not ended</td><td>${verdict}</td></tr>`;
  }).join('\n');
}

function invariantRows(result: LoadResult): string {
  return result.invariants.map((i) => `<tr><td>${i.ok ? '<span class="ok">holds</span>' : '<span class="bad">BROKEN</span>'}</td><td><code>${escapeHtml(i.name)}</code></td>` +
    `<td>${escapeHtml(i.rule)}</td><td>${i.checked}</td><td>${i.detail.map(escapeHtml).join('<br>')}</td></tr>`).join('\n');
}

const CHART_SCRIPT = `
const data = JSON.parse(document.getElementById('load-data').textContent);
const c = data.chart;
const colours = { browse: '#1f77b4', cart: '#2ca02c', checkout: '#d62728', follow: '#9467bd', terminal: '#ff7f0e', offered: '#7f7f7f', errors: '#000000' };
const labels = data.labels;
const width = () => Math.min(1100, document.body.clientWidth - 40);
const axes = (unit) => [{ label: 'seconds since the run began' }, { label: unit, size: 60 }];
function chart(id, title, unit, names, columns, log) {
  const opts = {
    title, width: width(), height: 300,
    scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
    axes: axes(unit),
    series: [{ label: 's' }, ...names.map((n) => ({ label: labels[n] || n, stroke: colours[n], width: n === 'offered' ? 1 : 1.5, dash: n === 'offered' ? [6, 4] : undefined, spanGaps: false }))],
  };
  new uPlot(opts, [c.t, ...columns], document.getElementById(id));
}
const lat = ['browse', 'cart', 'checkout', 'follow'];
chart('p99', 'p99 latency per second (ms, log scale)', 'ms', lat, lat.map((k) => c.p99[k]), true);
chart('p50', 'p50 latency per second (ms, log scale)', 'ms', lat, lat.map((k) => c.p50[k]), true);
chart('throughput', 'throughput: tasks offered and requests answered per second', 'per second', ['offered', ...lat, 'errors'], [c.throughput.offered, ...lat.map((k) => c.throughput[k]), c.errors], false);
chart('terminal', 'checkout from due to its end (ms): p50 and p99 of those ending each second', 'ms', ['terminal', 'terminal'], [c.p50.terminal, c.p99.terminal], true);
`;

export function renderReport(result: LoadResult, context: { command?: string; machine?: string } = {}): string {
  const { audit: _audit, ...shown } = result;
  const data = { ...shown, chart: chartData(result), labels: { ...KIND_LABELS, offered: 'tasks offered', errors: 'errors' } };
  const errors = Object.entries(result.errors);
  const broken = result.invariants.filter((i) => !i.ok).length;
  const headline = result.mode === 'step'
    ? `Highest rate meeting the criteria: <strong>${result.foundRate === null ? 'none' : `${result.foundRate} tasks/s`}</strong>`
    : `Open loop at <strong>${result.phases[0]?.rate ?? '?'} tasks/s</strong>: ${result.phases[0]?.verdict?.pass ? '<span class="ok">meets the criteria</span>' : `<span class="bad">does not meet the criteria</span>`}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bazaar load test ${escapeHtml(result.run)}</title>
<style>${asset('uPlot.min.css')}</style>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 20px; color: #222; }
table { border-collapse: collapse; margin: 8px 0 20px; } td, th { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f3f3f3; } .ok { color: #17702a; font-weight: 600; } .bad { color: #b00020; font-weight: 600; } .chart { margin: 12px 0 24px; }
code { background: #f3f3f3; padding: 0 3px; }
</style></head>
<body>
<h1>Bazaar load test</h1>
<p>${headline}. Invariants: ${broken === 0 ? '<span class="ok">all hold</span>' : `<span class="bad">${broken} broken</span>`}.</p>
<p>Run ${escapeHtml(result.run)} against <code>${escapeHtml(result.gateway)}</code>, ${escapeHtml(result.startedAt)} to ${escapeHtml(result.finishedAt)};
${result.users} customers; tasks weighted browse ${result.weights.browse}, add to cart ${result.weights.cart}, checkout ${result.weights.checkout}; open loop, times from when each task was due.
${context.command ? `<br>Command: <code>${escapeHtml(context.command)}</code>` : ''}${context.machine ? `<br>Machine: ${escapeHtml(context.machine)}` : ''}</p>
<p>Criteria: browse p99 ≤ ${result.criteria.browseP99Ms} ms, at most ${result.criteria.maxErrors} errors, ${result.criteria.allCheckoutsTerminal ? 'every checkout ended (confirmed, cancelled or rejected)' : 'checkouts may be left unended'}.</p>
<h2>Phases</h2>
<table><tr><th>phase</th><th>rate (tasks/s)</th><th>s</th><th>tasks browse / cart / checkout</th><th>browse p50 / p99 ms</th><th>cart p50 / p99</th><th>checkout p50 / p99</th><th>order page p50 / p99</th><th>to end p50 / p99</th><th>errors</th><th>checkouts</th><th>criteria</th></tr>
${phaseRows(result)}
</table>
<h2>Latency over time</h2>
<div id="p99" class="chart"></div>
<div id="p50" class="chart"></div>
<div id="terminal" class="chart"></div>
<h2>Throughput over time</h2>
<div id="throughput" class="chart"></div>
<h2>Invariants audited after the run</h2>
<table><tr><th></th><th>invariant</th><th>rule</th><th>checked</th><th>detail</th></tr>
${invariantRows(result)}
</table>
<p>Orders of the run by status at the audit: ${Object.entries(result.outcomes).map(([s, n]) => `${escapeHtml(s)} ${n}`).join(', ') || 'none'}.</p>
<h2>Errors</h2>
${errors.length ? `<table><tr><th>request, status</th><th>count</th></tr>${errors.map(([k, n]) => `<tr><td>${escapeHtml(k)}</td><td>${n}</td></tr>`).join('')}</table>` : '<p>None.</p>'}
${result.notes.length ? `<h2>Notes</h2><ul>${result.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}
<script id="load-data" type="application/json">${scriptJson(data)}</script>
<script>${asset('uPlot.iife.min.js')}</script>
<script>${CHART_SCRIPT}</script>
</body></html>
`;
}
