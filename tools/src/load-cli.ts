/**
 * The load generator against a running shop (tools/src/load/README.md):
 *
 *   npm run load -- --rate 20 --duration 5m [--report bench/results/load.html]
 *   npm run load -- --step [--duration 5m]
 *
 * Ctrl-C stops starting tasks; what was measured is still audited and reported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_ADMIN } from './courier-sim/simulator.js';
import { DEFAULT_CRITERIA, runLoad } from './load/generator.js';
import { renderReport } from './load/report.js';

const usage = `usage: npm run load -- (--rate N | --step) [options]

  --gateway URL         the shop's gateway (default http://127.0.0.1:8080, as npm start serves it)
  --rate N              open loop: N tasks a second (browse 10 : add to cart 3 : checkout 1)
  --duration D          how long at that rate (default 60s; 90s, 5m, 1h); with --step, a run this long at the rate found
  --step                find the highest rate meeting the criteria: from --start-rate, times --factor every --step-duration
  --start-rate N        (default 2)   --factor F (default 1.5)   --step-duration D (default 30s)   --max-rate N (default 1000)
  --browse-p99 MS       the criterion on browse latency (default ${DEFAULT_CRITERIA.browseP99Ms})
  --users N             customers in the pool (default 10; identity lets one address sign up 10 per 10 minutes)
  --report FILE         write the HTML report there (default load-report.html)
  --keep-products       leave the run's products in the listings afterwards
The admin who makes the run's products is the demo one (admin@bazaar.test) unless LOAD_ADMIN_EMAIL and LOAD_ADMIN_PASSWORD name another.`;

const { values } = parseArgs({
  options: {
    gateway: { type: 'string', default: 'http://127.0.0.1:8080' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    step: { type: 'boolean', default: false },
    'start-rate': { type: 'string', default: '2' },
    factor: { type: 'string', default: '1.5' },
    'step-duration': { type: 'string', default: '30s' },
    'max-rate': { type: 'string', default: '1000' },
    'browse-p99': { type: 'string', default: String(DEFAULT_CRITERIA.browseP99Ms) },
    users: { type: 'string', default: '10' },
    report: { type: 'string', default: 'load-report.html' },
    'keep-products': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

/** "90", "90s", "5m", "1h" → milliseconds; NaN when it is none of these. */
function duration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  if (!match) return Number.NaN;
  return Number(match[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 's' | 'm' | 'h'];
}

const rate = values.rate === undefined ? undefined : Number(values.rate);
const durationMs = values.duration === undefined ? undefined : duration(values.duration);
const step = { startRate: Number(values['start-rate']), factor: Number(values.factor), stepMs: duration(values['step-duration']), maxRate: Number(values['max-rate']) };
const users = Number(values.users);
const browseP99 = Number(values['browse-p99']);
const problems = [
  !/^https?:\/\//.test(values.gateway) && '--gateway must be an http(s) URL',
  !values.step && rate === undefined && 'give --rate N or --step',
  values.step && rate !== undefined && '--rate and --step do not go together',
  rate !== undefined && !(rate > 0 && rate <= 10_000) && '--rate must be a number of tasks per second above 0',
  durationMs !== undefined && !(durationMs >= 1_000) && '--duration must be like 90s, 5m or 1h (at least 1s)',
  values.step && !(step.startRate > 0 && step.factor > 1 && step.stepMs >= 1_000 && step.maxRate >= step.startRate) && '--start-rate above 0, --factor above 1, --step-duration at least 1s, --max-rate at least the start rate',
  !(Number.isInteger(users) && users >= 1 && users <= 99) && '--users must be a whole number from 1 to 99',
  !(browseP99 > 0) && '--browse-p99 must be a number of milliseconds',
].filter(Boolean);
if (values.help || problems.length) {
  if (!values.help) for (const problem of problems) console.error(problem);
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const say = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} [load] ${line}`);
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  say('stopping: no new tasks; auditing what was done (Ctrl-C again to quit at once)');
  controller.abort();
});

try {
  const result = await runLoad({
    gateway: values.gateway.replace(/\/$/, ''),
    admin: { email: process.env.LOAD_ADMIN_EMAIL ?? DEMO_ADMIN.email, password: process.env.LOAD_ADMIN_PASSWORD ?? DEMO_ADMIN.password },
    users,
    ...(rate !== undefined ? { rate } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(values.step ? { step } : {}),
    criteria: { ...DEFAULT_CRITERIA, browseP99Ms: browseP99 },
    discontinue: !values['keep-products'],
    log: say,
    signal: controller.signal,
  });
  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
  const command = `npm run load -- ${process.argv.slice(2).join(' ')}`;
  mkdirSync(path.dirname(path.resolve(values.report)), { recursive: true });
  writeFileSync(values.report, renderReport(result, { command, machine }));
  const broken = result.invariants.filter((i) => !i.ok);
  if (result.mode === 'step') say(`highest rate meeting the criteria: ${result.foundRate === null ? 'none' : `${result.foundRate} tasks/s`}`);
  for (const p of result.phases) say(`${p.name} @ ${p.rate}/s: browse p50 ${p.latency.browse.p50} p99 ${p.latency.browse.p99} ms; ${p.verdict?.pass ? 'meets the criteria' : `fails: ${p.verdict?.reasons.join('; ')}`}`);
  say(`invariants: ${broken.length === 0 ? `all ${result.invariants.length} hold` : `${broken.length} broken (${broken.map((i) => i.name).join(', ')})`}`);
  say(`report: ${path.resolve(values.report)}`);
  process.exit(broken.length ? 1 : 0);
} catch (error) {
  say(`failed: ${(error as Error).message}`);
  process.exit(1);
}
