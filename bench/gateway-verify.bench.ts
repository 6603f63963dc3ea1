/**
 * What the gateway costs: `GET /auth/verify` (seed 000's contract) against identity directly and
 * through the gateway, which verifies the token itself before forwarding, in the same run on the same
 * machine. Both services run as their own processes, as `npm start` runs them, on loopback only.
 *
 *   npm run bench -- gateway-verify        (BENCH_DURATION_S=10, BENCH_CONNECTIONS=20)
 *
 * Prints the figures and writes them to bench/results/gateway-verify.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build as buildHistogram } from 'hdr-histogram-js';
import { startTestSystem, type TestSystem } from '../tools/src/testing/system.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const WARMUP_S = 2;
/** A second pass on one connection shows the latency of the extra hop without queueing behind 20. */
const SINGLE_S = Math.max(2, Math.round(DURATION_S / 2));
const resultsFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'gateway-verify.md');

const say = (line: string) => console.log(`[bench] ${line}`);

interface Measurement {
  target: string;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/**
 * Runs autocannon against one URL. Latency is recorded from each response's own time in
 * microseconds (autocannon's built-in histogram keeps whole milliseconds, too coarse on loopback).
 */
async function measure(target: string, url: string, token: string, seconds: number, options: { connections?: number; quiet?: boolean } = {}): Promise<Measurement> {
  const connections = options.connections ?? CONNECTIONS;
  const histogram = buildHistogram({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  let finished!: (result: autocannon.Result) => void;
  let failed!: (error: Error) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => { finished = resolve; failed = reject; });
  const instance = autocannon(
    { url, connections, duration: seconds, headers: { authorization: `Bearer ${token}` } },
    (error, result) => (error ? failed(error) : finished(result)),
  );
  let lastSecond = 0;
  instance.on('response', (_client, status, _bytes, ms) => {
    lastSecond++;
    if (status >= 200 && status < 300) histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  });
  let second = 0;
  instance.on('tick', () => {
    second++;
    if (!options.quiet && second <= seconds && (second % 2 === 0 || second === seconds)) say(`  ${target}: ${second}/${seconds} s, ${lastSecond} answers in the last second`);
    lastSecond = 0;
  });
  const result = await done;
  const measurement: Measurement = {
    target,
    requests: result.requests.total,
    reqPerSec: result.requests.total / result.duration,
    p50: histogram.getValueAtPercentile(50) / 1000,
    p99: histogram.getValueAtPercentile(99) / 1000,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  if (measurement.non2xx || measurement.errors) say(`  warning: ${target} had ${measurement.non2xx} non-2xx answers and ${measurement.errors} errors`);
  return measurement;
}

function machine(): { os: string; cpu: string; cores: string; memory: string; node: string } {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: String(cpus.length),
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
  };
}

const ms = (value: number) => value.toFixed(2);

interface Figures {
  direct: Measurement;
  viaGateway: Measurement;
  directSingle: Measurement;
  gatewaySingle: Measurement;
  date: Date;
  loadBefore: number;
}

function report(f: Figures): string {
  const host = { ...machine(), 'load average (1 min), before / after': `${f.loadBefore.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)}` };
  const ratio = f.viaGateway.reqPerSec / f.direct.reqPerSec;
  const row = (m: Measurement) => `| ${m.target} | ${ms(m.p50)} | ${ms(m.p99)} | ${Math.round(m.reqPerSec)} | ${m.requests} | ${m.non2xx + m.errors} |`;
  const added = (a: Measurement, b: Measurement) => `p50 **${ms(b.p50 - a.p50)} ms**, p99 **${ms(b.p99 - a.p99)} ms**`;
  return `# Gateway overhead on GET /auth/verify

Measured ${f.date.toISOString()} with autocannon, ${CONNECTIONS} connections for ${DURATION_S} s per target after a ${WARMUP_S} s
warm-up, then 1 connection for ${SINGLE_S} s per target. identity and the gateway each run as their own process (as
\`npm start\` runs them) on 127.0.0.1. Through the gateway the token is verified at the gateway (locally, against
cached keys, verified tokens remembered briefly) and again by identity, which also checks the session in Redis.

| machine | |
|---|---|
${Object.entries(host).map(([k, v]) => `| ${k} | ${v} |`).join('\n')}

| target | p50 (ms) | p99 (ms) | req/s | requests | failed |
|---|---:|---:|---:|---:|---:|
${row(f.direct)}
${row(f.viaGateway)}
${row(f.directSingle)}
${row(f.gatewaySingle)}

- Added latency at the gateway, ${CONNECTIONS} connections: ${added(f.direct, f.viaGateway)}
- Added latency at the gateway, 1 connection (no queueing): ${added(f.directSingle, f.gatewaySingle)}
- Throughput through the gateway at ${CONNECTIONS} connections: **${(ratio * 100).toFixed(0)} %** of identity directly (ratio ${ratio.toFixed(2)})

The load generator, identity, Redis, PostgreSQL and the gateway share the same ${host.cores} cores. At ${CONNECTIONS}
connections every process is saturated, so the gateway's CPU competes with identity's and latency is mostly
queueing: the throughput ratio then says as much about the core count as about the gateway. The 1-connection
rows show the cost of the extra hop itself. A high load average means other work shared the machine.
Re-run: \`npm run bench -- gateway-verify\` (BENCH_DURATION_S, BENCH_CONNECTIONS).
`;
}

async function main(): Promise<void> {
  say('provisioning a throw-away database and Redis user, starting identity and the gateway…');
  let system: TestSystem | undefined;
  try {
    system = await startTestSystem({
      services: ['identity', 'gateway'],
      env: { gateway: { GATEWAY_RATE_LIMIT_MAX: '10000000', LOG_LEVEL: 'warn' }, identity: { LOG_LEVEL: 'warn' } },
      log: (line) => say(`  ${line}`),
    });
    const loadBefore = os.loadavg()[0]!;
    say(`identity at ${system.services.identity!.url}, gateway at ${system.services.gateway!.url}`);

    const registered = await fetch(`${system.services.identity!.url}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-${randomBytes(4).toString('hex')}@example.test`, name: 'Bench Mark', password: 'Correct-Horse-7' }),
    });
    if (registered.status !== 201) throw new Error(`register answered ${registered.status}: ${await registered.text()}`);
    const { token } = await registered.json() as { token: string };
    const check = await fetch(`${system.services.gateway!.url}/auth/verify`, { headers: { authorization: `Bearer ${token}` } });
    if (check.status !== 200) throw new Error(`verify through the gateway answered ${check.status}`);

    const directUrl = `${system.services.identity!.url}/auth/verify`;
    const gatewayUrl = `${system.services.gateway!.url}/auth/verify`;
    say(`warming up both (${WARMUP_S} s each)…`);
    await measure('identity', directUrl, token, WARMUP_S, { quiet: true });
    await measure('gateway', gatewayUrl, token, WARMUP_S, { quiet: true });

    say(`measuring identity directly: ${DURATION_S} s, ${CONNECTIONS} connections…`);
    const direct = await measure('identity directly', directUrl, token, DURATION_S);
    say(`measuring through the gateway: ${DURATION_S} s, ${CONNECTIONS} connections…`);
    const viaGateway = await measure('through the gateway', gatewayUrl, token, DURATION_S);
    say(`latency without queueing: ${SINGLE_S} s each on 1 connection…`);
    const directSingle = await measure('identity directly, 1 connection', directUrl, token, SINGLE_S, { connections: 1 });
    const gatewaySingle = await measure('through the gateway, 1 connection', gatewayUrl, token, SINGLE_S, { connections: 1 });

    const markdown = report({ direct, viaGateway, directSingle, gatewaySingle, date: new Date(), loadBefore });
    mkdirSync(path.dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, markdown);
    console.log(`\n${markdown}`);
    say(`written to ${path.relative(process.cwd(), resultsFile)}`);
  } finally {
    say('stopping and cleaning up…');
    await system?.stop();
  }
}

main().catch((error: Error) => {
  console.error(`[bench] failed: ${error.message}`);
  process.exitCode = 1;
});
