// The Prometheus files of deploy/prometheus, through promtool (Debian's prometheus package; CI
// installs it): the example configuration and the rules are valid, and the rules' unit tests
// (deploy/prometheus/tests) pass, each alert shown firing and not firing. The names are the agreed
// ones: the dashboard and whoever is paged read them.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../src/services.js';

const dir = path.join(repoRoot, 'deploy', 'prometheus');
const promtoolMissing = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).error
  ? 'promtool is not installed here (sudo apt-get install prometheus); CI installs it and runs these'
  : false;

function promtool(...args: string[]): { ok: boolean; output: string } {
  const run = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const names = (text: string, kind: 'alert' | 'record') => [...text.matchAll(new RegExp(`^\\s*- ${kind}: (\\S+)\\s*$`, 'gm'))].map((m) => m[1]!);
/** Every query of the Grafana dashboard, with Grafana's variables given values Prometheus accepts. */
const dashboardQueries = (): string[] => {
  const dashboard = JSON.parse(readFileSync(path.join(repoRoot, 'deploy', 'grafana', 'bazaar.json'), 'utf8')) as { panels: { targets?: { expr: string }[] }[] };
  return dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr.replaceAll('$__rate_interval', '5m').replaceAll('$service', '.*'));
};
const unitTests = readdirSync(path.join(dir, 'tests')).filter((f) => f.endsWith('.yml')).map((f) => path.join('tests', f));

describe('Prometheus rules and configuration (promtool)', { skip: promtoolMissing }, () => {
  test('the example configuration is valid, with its rule files', () => {
    const { ok, output } = promtool('check', 'config', 'prometheus.yml');
    assert.ok(ok, output);
  });

  test('the recording and alerting rules are valid', () => {
    const { ok, output } = promtool('check', 'rules', 'recording.yml', 'alerts.yml');
    assert.ok(ok, output);
  });

  test('every query of the Grafana dashboard parses', () => {
    const queries = dashboardQueries();
    assert.ok(queries.length >= 20, `only ${queries.length} queries in the dashboard`);
    // As recording rules, promtool parses each one.
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'bazaar-dashboard-'));
    try {
      const rules = { groups: [{ name: 'dashboard', rules: queries.map((expr, i) => ({ record: `dashboard_query_${i}`, expr })) }] };
      writeFileSync(path.join(tmp, 'dashboard.yml'), JSON.stringify(rules));
      const { ok, output } = promtool('check', 'rules', path.join(tmp, 'dashboard.yml'));
      assert.ok(ok, output);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('the rules\' unit tests pass', () => {
    assert.ok(unitTests.length >= 2, `no unit tests under ${dir}/tests`);
    const { ok, output } = promtool('test', 'rules', ...unitTests);
    assert.ok(ok, output);
  });
});

test('the rules carry the agreed names, and every alert is unit-tested firing and not firing', () => {
  assert.deepEqual(names(read('alerts.yml'), 'alert').sort(),
    ['CanaryRolledBack', 'CheckoutSagasStuck', 'DeadLettersNotEmpty', 'DualRunMismatches', 'HighErrorRatio', 'NotificationsBacklog', 'OrphanCheckNotCompleting', 'OrphansFound', 'OutboxLagging', 'ReconciliationFindings', 'ReconciliationNotRunning', 'ServiceDown']);
  assert.deepEqual(names(read('recording.yml'), 'record').sort(), [
    'service:http_errors:ratio_rate5m', 'service:http_requests:rate5m',
    'service:message_handler_duration_seconds:p99_5m', 'service_route:http_request_duration_seconds:p99_5m',
  ]);
  const tests = unitTests.map((f) => read(f)).join('\n');
  for (const alert of names(read('alerts.yml'), 'alert')) {
    // Not firing is written `{ eval_time: …, alertname: X, exp_alerts: [] }`; firing, `alertname: X`
    // then `exp_alerts:` listing the alert's labels.
    assert.match(tests, new RegExp(`alertname: ${alert}, exp_alerts: \\[\\] }`), `${alert}: no unit test where it does not fire`);
    assert.match(tests, new RegExp(`alertname: ${alert}\\n\\s*exp_alerts:\\n\\s*- exp_labels:`), `${alert}: no unit test where it fires`);
  }
});
