// The stuck-checkout alert against what orders really reports. On real processes, payments is killed
// and checkouts are placed: each waits for an authorisation no one answers, then for the void that
// compensates it, and orders' `checkout_sagas_stuck` gauge counts it once a deadline has passed. The gauge is scraped at a fixed interval,
// as Prometheus would, until it has stayed up for longer than the alert's `for`; those samples become
// a promtool unit test (input_series at the same interval) run against deploy/prometheus/alerts.yml:
// CheckoutSagasStuck is pending before a minute and fires after it. Then payments comes back, the
// sagas move on and the gauge falls to zero, and the alert, fed those samples too, resolves.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop, watchForExits, type ShopCast } from '../src/testing/shop.js';
import { repoRoot } from '../src/services.js';

const run = randomBytes(3).toString('hex');
const say = (line: string) => console.log(`[stuck-saga-alert] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SCRAPE_S = 5;
/** The alert's `for` (alerts.yml), in scrapes: the gauge must be seen up this long, and one more. */
const FOR_SCRAPES = 60 / SCRAPE_S;
const CHECKOUTS = 3;
const alerts = path.join(repoRoot, 'deploy', 'prometheus', 'alerts.yml');
const promtoolMissing = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).error
  ? 'promtool is not installed here (sudo apt-get install prometheus); CI installs it and runs this'
  : false;

let system: TestSystem;
let shop: Shop;
let cast: ShopCast;
let crashed: string[] = [];

before(async () => {
  if (promtoolMissing) return;
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'gateway'],
    parallel: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: `stuck-ops-${run}@bazaar.test`, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      // A short step deadline: a second after payments stops answering, the authorisation is given up
      // and compensated with a void that payments does not answer either; sent again after its own
      // deadline, the saga counts as stuck (attempt > 1) until payments is back and answers.
      orders: { ORDERS_STEP_TIMEOUT_MS: '1000', ORDERS_DEADLINE_INTERVAL_MS: '250' },
    },
  });
  crashed = watchForExits(system, say);
  shop = Shop.throughGateway(system);
  cast = await shop.furnish({
    adminEmail: `stuck-ops-${run}@bazaar.test`, customerEmail: `stuck-${run}@bazaar.test`, password: 'Stuck-Saga-Alert-2026',
    slug: `stuck-${run}`, sku: `STK-${run.toUpperCase()}`, priceMinor: 2_500, stock: 50,
  });
}, { timeout: 240_000 });

after(async () => {
  await system?.stop();
});

/** orders' `checkout_sagas_stuck` now: its labels as exported, and its value. */
async function scrapeStuck(): Promise<{ labels: Record<string, string>; value: number }> {
  const text = await (await fetch(system.metricsUrl('orders'), { signal: AbortSignal.timeout(4_000) })).text();
  const line = /^checkout_sagas_stuck(?:\{([^}]*)\})? (\S+)$/m.exec(text);
  assert.ok(line, 'orders exports no checkout_sagas_stuck gauge on its metrics port');
  const labels = Object.fromEntries([...(line[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
  return { labels, value: Number(line[2]) };
}

/** Scrapes every SCRAPE_S seconds on a fixed schedule (from `samples.length` on) until `done` says so. */
async function scrapeUntil(samples: number[], started: number, done: (samples: number[]) => boolean, maxScrapes: number): Promise<Record<string, string>> {
  let labels: Record<string, string> = {};
  for (let i = 0; i < maxScrapes; i++) {
    const next = started + samples.length * SCRAPE_S * 1000;
    await sleep(Math.max(0, next - Date.now()));
    const scraped = await scrapeStuck();
    labels = scraped.labels;
    samples.push(scraped.value);
    if (done(samples)) return labels;
  }
  throw new Error(`gave up after ${maxScrapes} scrapes; seen: ${samples.join(' ')}`);
}

/** The alert's annotations as alerts.yml writes them, for the labels of this alert. */
function annotationsFor(alert: string, labels: Record<string, string>): Record<string, string> {
  const rules = readFileSync(alerts, 'utf8');
  const block = rules.slice(rules.indexOf(`- alert: ${alert}`)).split(/\n\s*- alert: /)[0]!;
  const render = (text: string) => text.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => labels[name] ?? '');
  return Object.fromEntries([...block.matchAll(/^\s+(summary|description): "(.*)"$/gm)].map((m) => [m[1]!, render(m[2]!)]));
}

test('payments down: the stuck-saga gauge rises, CheckoutSagasStuck fires on those samples, and both fall back once payments returns', { skip: promtoolMissing, timeout: 300_000 }, async () => {
  await system.services.payments!.kill();
  say('payments killed');
  const started = Date.now();
  const samples: number[] = [];
  for (let i = 0; i < CHECKOUTS; i++) {
    const placed = await shop.placeOrder(cast.customer, { items: [{ productId: cast.product.id, quantity: 1 }], paymentMethodId: cast.card });
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
  }
  say(`${CHECKOUTS} checkouts placed; scraping orders every ${SCRAPE_S} s`);

  // Up for the alert's `for` and one scrape beyond it, without a dip.
  const runOfUp = (s: number[]) => { let n = 0; for (let i = s.length - 1; i >= 0 && s[i]! > 0; i--) n++; return n; };
  const labels = await scrapeUntil(samples, started, (s) => runOfUp(s) > FOR_SCRAPES, 40);
  const firstUp = samples.length - runOfUp(samples);
  assert.ok(Math.max(...samples) >= 1 && Math.max(...samples) <= CHECKOUTS, `the gauge counts at most the ${CHECKOUTS} checkouts: ${samples.join(' ')}`);
  say(`stuck, as scraped: ${samples.join(' ')}`);

  // Scraped on schedule while payments starts again, as Prometheus would go on scraping.
  const beforeRestart = samples.length;
  let back = false;
  const restarted = system.restart('payments').then(() => { back = true; say('payments restarted'); });
  await scrapeUntil(samples, started, (s) => back && s.at(-1) === 0, 24);
  await restarted;
  const firstZero = samples.length - 1;
  say(`after payments came back: ${samples.slice(beforeRestart).join(' ')}`);
  assert.deepEqual(crashed, []);

  // The same samples as promtool input, at the interval they were taken; alerts.yml as it is.
  const series = `checkout_sagas_stuck{${Object.entries({ ...labels, instance: 'orders' }).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
  const alertLabels = { service: labels.service ?? '', severity: 'page' };
  const at = (index: number) => `${index * SCRAPE_S}s`;
  const unitTest = {
    rule_files: [alerts],
    evaluation_interval: `${SCRAPE_S}s`,
    tests: [{
      interval: `${SCRAPE_S}s`,
      input_series: [{ series, values: samples.join(' ') }],
      alert_rule_test: [
        { eval_time: at(firstUp), alertname: 'CheckoutSagasStuck', exp_alerts: [] },
        { eval_time: at(firstUp + FOR_SCRAPES - 1), alertname: 'CheckoutSagasStuck', exp_alerts: [] },
        { eval_time: at(firstUp + FOR_SCRAPES), alertname: 'CheckoutSagasStuck', exp_alerts: [{ exp_labels: alertLabels, exp_annotations: annotationsFor('CheckoutSagasStuck', alertLabels) }] },
        { eval_time: at(firstZero), alertname: 'CheckoutSagasStuck', exp_alerts: [] },
      ],
    }],
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-stuck-alert-'));
  try {
    // JSON is YAML: promtool reads it as it is.
    const file = path.join(dir, 'stuck-saga.test.yml');
    writeFileSync(file, JSON.stringify(unitTest, null, 2));
    const result = spawnSync('promtool', ['test', 'rules', file], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 0, `promtool test rules failed on the observed series:\n${result.stdout}${result.stderr}\n${JSON.stringify(unitTest, null, 2)}`);
    say(`promtool: CheckoutSagasStuck pending at ${at(firstUp)}, firing at ${at(firstUp + FOR_SCRAPES)}, resolved at ${at(firstZero)} of the observed series`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
