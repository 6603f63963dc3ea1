/**
 * `npm start -- --observe`: a real Prometheus beside the services, scraping each one's metrics port
 * with the recording and alerting rules a deployment loads (deploy/prometheus).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './services.js';

/**
 * Prometheus (Debian's package) with a configuration written here: each service's metrics port, the
 * rules of deploy/prometheus (the ones a deployment loads), its data under <data-dir>/prometheus. Its
 * own output goes to logs/prometheus.log. Missing, it is a line saying how to install it, no more.
 */
export function startPrometheus(prepared: { def: { name: string; replicaOf?: string }; env: Record<string, string> }[], dataRoot: string, portOffset: number, say: (line: string) => void): ChildProcess | undefined {
  if (spawnSync('prometheus', ['--version'], { stdio: 'ignore' }).error) {
    say('Prometheus: not installed, so not started (sudo apt-get install prometheus); the rest starts without it');
    return undefined;
  }
  const dir = path.join(dataRoot, 'prometheus');
  const rules = path.join(repoRoot, 'deploy', 'prometheus');
  const address = `127.0.0.1:${9090 + portOffset}`;
  // Replicas of a service (orders-2, …) are more instances of it: the same service label, their own address.
  const targets = prepared.map((p) => `      - { targets: ['127.0.0.1:${p.env.METRICS_PORT}'], labels: { service: ${p.def.replicaOf ?? p.def.name} } }`);
  mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dataRoot, 'logs'), { recursive: true });
  const config = path.join(dir, 'prometheus.yml');
  // Scraped every 5 s rather than 15: a checkout's counters move while someone watches.
  writeFileSync(config, [
    '# Written by npm start -- --observe at every start; deploy/prometheus/prometheus.yml is the example for a deployment.',
    'global: { scrape_interval: 5s, evaluation_interval: 5s }',
    `rule_files: ['${path.join(rules, 'recording.yml')}', '${path.join(rules, 'alerts.yml')}']`,
    'scrape_configs:',
    '  - job_name: bazaar',
    '    honor_labels: true',
    '    static_configs:',
    ...targets,
    '',
  ].join('\n'));
  const log = createWriteStream(path.join(dataRoot, 'logs', 'prometheus.log'), { flags: 'a' });
  log.on('error', () => undefined);
  const child = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=${address}`, '--storage.tsdb.retention.time=7d'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  child.on('error', (error) => say(`Prometheus: cannot start: ${error.message}`));
  child.on('exit', (code, signal) => {
    if (code !== 0) say(`Prometheus stopped (${signal ?? `exit ${code}`}); see ${path.relative(process.cwd(), path.join(dataRoot, 'logs', 'prometheus.log'))}`);
  });
  return child;
}

/** SIGTERM, then SIGKILL after 10 s; resolves once it has exited. */
export async function stopPrometheus(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
