/**
 * What the gateway costs per proxied request, against a minimal pass-through proxy on undici doing the
 * same hop to the same upstream in the same run:
 *
 *  (a) CPU per request: a fixed number of requests at a fixed rate (BENCH_RATE/s over BENCH_CONNECTIONS
 *      connections) through each proxy; the proxy process's CPU time (utime + stime from
 *      /proc/<pid>/stat) over the requests it served. The rate is the same for both and below what
 *      either saturates at: a saturated process batches its work (several answers per wake-up, per
 *      write) and costs less per request, which would flatter the slower one.
 *  (b) latency of the hop: 1 connection, one request after another; p50 straight to the upstream,
 *      through the minimal proxy and through the gateway. Added p50 = gateway − direct.
 *
 * The upstream is a small fixed server in its own process (a product listing's worth of JSON, the
 * key set and revocation list a real identity serves): a real service's own cost and variance (its
 * database, its logging) would be many times the proxy's and drown it. The gateway runs compiled
 * (`dist/main.bundle.js` with the platform's preload, as npm start runs it) at its default log level, with
 * only the rate limit raised. Every process is its own; the load comes from this one.
 *
 *   npm run bench -- gateway        (BENCH_REQUESTS=6000, BENCH_RATE=500, BENCH_CONNECTIONS=10, BENCH_LATENCY_REQUESTS=3000, BENCH_ROUNDS=5)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Client } from 'undici';
import { percentile, recordFigures, writeResults } from './machine.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 6000);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LATENCY_REQUESTS = Number(process.env.BENCH_LATENCY_REQUESTS ?? 3000);
// Five rounds: on a shared machine a single round of either proxy can be half as much again as the
// next (a neighbour's load, the JIT still compiling), and the median of five is steadier than of three.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const GATEWAY_LOG_LEVEL = process.env.BENCH_GATEWAY_LOG_LEVEL ?? 'info';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line: string) => console.log(`[bench] ${line}`);
const TICK_US = 1e6 / 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

/** The fixed upstream: any path answers the same listing; identity's two well-known documents too. */
const UPSTREAM_SOURCE = `
import http from 'node:http';
const items = Array.from({ length: 12 }, (_, i) => ({ id: '00000000-0000-4000-8000-' + String(i).padStart(12, '0'), slug: 'product-' + i, name: 'Product ' + i, priceMinor: 1000 + i, currency: 'EUR', categoryId: null, rating: 4.5 }));
const listing = Buffer.from(JSON.stringify({ items, total: items.length, limit: 12, offset: 0 }));
const jwks = Buffer.from(JSON.stringify({ keys: [JSON.parse(process.env.BENCH_JWK)] }));
const revoked = Buffer.from(JSON.stringify({ revoked: [] }));
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = req.url === '/.well-known/jwks.json' ? jwks : req.url === '/.well-known/revoked-sessions' ? revoked : listing;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, 'cache-control': 'public, max-age=30' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
`;

/**
 * The minimal pass-through proxy: method, path, headers (hop-by-hop ones dropped) and body to the
 * upstream through an undici Pool, status, headers and body streamed back.
 */
const PROXY_SOURCE = `
import http from 'node:http';
import { pipeline } from 'node:stream';
import { Pool } from 'undici';
const pool = new Pool(process.env.BENCH_UPSTREAM, { connections: 64, keepAliveTimeout: 60_000 });
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);
const server = http.createServer((req, res) => {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP.has(name)) headers[name] = value;
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  pool.request({ method: req.method, path: req.url, headers, body: hasBody ? req : null }).then((answer) => {
    const out = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!HOP.has(name)) out[name] = value;
    res.writeHead(answer.statusCode, out);
    pipeline(answer.body, res, () => {});
  }, () => { res.writeHead(502).end(); });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
`;

interface Started { child: ChildProcess; url: string }

/** Starts a process and waits for it to say its port (`listening N`) or, for the gateway, to answer /health/live. */
async function startInline(name: string, source: string, env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening (\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening`)));
  });
  child.stdout!.resume();
  return { child, url: `http://127.0.0.1:${port}` };
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function startGateway(upstream: string, main = 'dist/main.bundle.js'): Promise<Started> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const dir = path.join(repoRoot, 'services', 'gateway');
  // BENCH_GATEWAY_PROFILE=<dir> writes the gateway's CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_GATEWAY_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_GATEWAY_PROFILE)] : [];
  const child = spawn(process.execPath, [...profile, '--import', '@bazaar/platform/register', main], {
    cwd: dir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1', PORT: String(port), METRICS_HOST: '127.0.0.1', METRICS_PORT: String(metricsPort),
      LOG_LEVEL: GATEWAY_LOG_LEVEL,
      CATALOG_URL: upstream, IDENTITY_URL: upstream,
      GATEWAY_RATE_LIMIT_MAX: '10000000',
      // No trace collector in the bench (tools/src/process.ts passes OTEL_* on; here none is set).
      OTEL_TRACES_EXPORTER: process.env.OTEL_TRACES_EXPORTER ?? 'none',
    },
    // The log lines go to a pipe that is read and dropped, as the launcher reads them.
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.resume();
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the gateway exited (${child.exitCode}); is it built? run npm run build`);
    try {
      if ((await fetch(`${url}/health/live`)).ok) return { child, url };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the gateway did not answer /health/live within 20 s');
}

/** CPU time (user + system) of a process so far, in µs. */
function cpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

interface Load { requests: number; cpuUsPerRequest: number; upstreamCpuUsPerRequest: number; reqPerSec: number; failed: number }

async function load(target: Started, upstream: Started, path: string, headers: Record<string, string>, amount: number): Promise<Load> {
  const before = cpuUs(target.child.pid!);
  const upstreamBefore = cpuUs(upstream.child.pid!);
  const result = await autocannon({ url: `${target.url}${path}`, connections: CONNECTIONS, amount, overallRate: RATE, headers });
  const requests = result.requests.total;
  return {
    requests,
    cpuUsPerRequest: (cpuUs(target.child.pid!) - before) / requests,
    upstreamCpuUsPerRequest: (cpuUs(upstream.child.pid!) - upstreamBefore) / requests,
    reqPerSec: requests / result.duration,
    failed: result.non2xx + result.errors,
  };
}

/** One connection, one request after another: the time of each, in ms. */
async function sequential(client: Client, path: string, headers: Record<string, string>, count: number, into: number[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    const response = await client.request({ method: 'GET', path, headers });
    await response.body.arrayBuffer();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.statusCode !== 200) throw new Error(`${path} answered ${response.statusCode}`);
    into.push(ms);
  }
}

const median = (values: number[]) => percentile(values, 50);
const us = (v: number) => v.toFixed(0);
const ms2 = (v: number) => v.toFixed(3);

async function main(): Promise<void> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256', use: 'sig' };
  const token = await new SignJWT({ email: 'bench@example.test', roles: ['customer'], sid: 'bench-session' })
    .setProtectedHeader({ alg: 'ES256', kid: 'bench' })
    .setIssuer('bazaar-identity').setAudience('bazaar').setSubject('00000000-0000-4000-8000-00000000beef')
    .setIssuedAt().setExpirationTime('2h')
    .sign(privateKey);
  const auth = { authorization: `Bearer ${token}` };

  const started: Started[] = [];
  try {
    say('starting the fixed upstream, the minimal undici proxy and the gateway (compiled), each its own process…');
    const upstream = await startInline('upstream', UPSTREAM_SOURCE, { BENCH_JWK: JSON.stringify(jwk) });
    started.push(upstream);
    const minimal = await startInline('minimal proxy', PROXY_SOURCE, { BENCH_UPSTREAM: upstream.url });
    started.push(minimal);
    const gateway = await startGateway(upstream.url);
    started.push(gateway);
    say(`upstream ${upstream.url}, minimal proxy ${minimal.url}, gateway ${gateway.url} (LOG_LEVEL=${GATEWAY_LOG_LEVEL})`);
    // BENCH_BASELINE_GATEWAY=<another build's main.js, under services/gateway/>: measured beside, for a before/after in one run.
    const baseline = process.env.BENCH_BASELINE_GATEWAY ? await startGateway(upstream.url, path.resolve(process.env.BENCH_BASELINE_GATEWAY)) : undefined;
    if (baseline) started.push(baseline);

    const publicPath = '/products?limit=12';
    const userPath = '/users/me';
    for (const [url, headers] of [[`${gateway.url}${publicPath}`, {}], [`${gateway.url}${userPath}`, auth], [`${minimal.url}${publicPath}`, {}]] as const) {
      const answer = await fetch(url, { headers });
      if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}: ${await answer.text()}`);
    }

    say('warming up (JIT, connection pools)…');
    for (const target of [gateway, minimal, ...(baseline ? [baseline] : [])]) await load(target, upstream, publicPath, {}, Math.min(5000, REQUESTS));
    await load(gateway, upstream, userPath, auth, Math.min(5000, REQUESTS));

    // (a) CPU per request, interleaved: each round runs every case once, the order alternating.
    const cases = [
      { name: 'minimal proxy, GET /products', target: minimal, path: publicPath, headers: {} },
      { name: 'gateway, GET /products (public)', target: gateway, path: publicPath, headers: {} },
      { name: 'gateway, GET /users/me (token verified)', target: gateway, path: userPath, headers: auth },
      ...(baseline ? [{ name: 'baseline gateway, GET /products (public)', target: baseline, path: publicPath, headers: {} }] : []),
    ];
    const loads = new Map<string, Load[]>(cases.map((c) => [c.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 ? cases : [...cases].reverse();
      for (const c of order) {
        const result = await load(c.target, upstream, c.path, c.headers, REQUESTS);
        loads.get(c.name)!.push(result);
        say(`  round ${round}/${ROUNDS}: ${c.name}: ${us(result.cpuUsPerRequest)} µs CPU/request, ${Math.round(result.reqPerSec)} req/s${result.failed ? `, ${result.failed} FAILED` : ''}`);
      }
    }

    // (b) latency on one connection, in blocks of 100 taking turns, so that drift hits all alike.
    say(`latency: ${LATENCY_REQUESTS} sequential requests per target on 1 connection, ${ROUNDS} rounds…`);
    const clients = { direct: new Client(upstream.url), minimal: new Client(minimal.url), gateway: new Client(gateway.url) };
    const p50s = { direct: [] as number[], minimal: [] as number[], gateway: [] as number[], gatewayUser: [] as number[] };
    try {
      for (const client of Object.values(clients)) await sequential(client, publicPath, {}, 500, []);
      for (let round = 1; round <= ROUNDS; round++) {
        const times = { direct: [] as number[], minimal: [] as number[], gateway: [] as number[], gatewayUser: [] as number[] };
        for (let done = 0; done < LATENCY_REQUESTS; done += 100) {
          await sequential(clients.direct, publicPath, {}, 100, times.direct);
          await sequential(clients.minimal, publicPath, {}, 100, times.minimal);
          await sequential(clients.gateway, publicPath, {}, 100, times.gateway);
          await sequential(clients.gateway, userPath, auth, 100, times.gatewayUser);
        }
        for (const key of Object.keys(times) as (keyof typeof times)[]) p50s[key].push(median(times[key]));
        say(`  round ${round}/${ROUNDS}: p50 direct ${ms2(median(times.direct))} ms, minimal proxy ${ms2(median(times.minimal))} ms, gateway ${ms2(median(times.gateway))} ms, gateway with token ${ms2(median(times.gatewayUser))} ms`);
      }
    } finally {
      await Promise.all(Object.values(clients).map((c) => c.close()));
    }

    const cpu = (name: string) => median(loads.get(name)!.map((l) => l.cpuUsPerRequest));
    const upstreamCpu = (name: string) => median(loads.get(name)!.map((l) => l.upstreamCpuUsPerRequest));
    const rate = (name: string) => median(loads.get(name)!.map((l) => l.reqPerSec));
    const failed = [...loads.values()].flat().reduce((sum, l) => sum + l.failed, 0);
    const [minimalCpu, gatewayCpu, gatewayUserCpu] = cases.map((c) => cpu(c.name)) as [number, number, number];
    const ratio = gatewayCpu / minimalCpu;
    const userRatio = gatewayUserCpu / minimalCpu;
    const p50 = { direct: median(p50s.direct), minimal: median(p50s.minimal), gateway: median(p50s.gateway), gatewayUser: median(p50s.gatewayUser) };
    const added = p50.gateway - p50.direct;
    const spread = (values: number[]) => `${ms2(Math.min(...values))}–${ms2(Math.max(...values))}`;
    const cpuSpread = (name: string) => loads.get(name)!.map((l) => us(l.cpuUsPerRequest)).join(', ');

    const body = `
Gateway CPU per proxied request against a minimal pass-through proxy on undici (\`Pool.request\`, headers
copied, hop-by-hop dropped, body streamed back) doing the same hop to the same fixed upstream, and the
latency the hop adds on one connection. Each of the upstream, the minimal proxy and the gateway (compiled,
\`LOG_LEVEL=${GATEWAY_LOG_LEVEL}\`, rate limit raised, no trace collector) is its own process; the load comes
from the benchmark's process (autocannon, ${REQUESTS} requests per case at ${RATE}/s over ${CONNECTIONS} connections, a rate
below what either proxy saturates at, so that neither batches its work more than the other; then
undici, 1 connection). CPU is utime + stime of the proxy's process from /proc (10 ms ticks) over the
requests it answered. ${ROUNDS} interleaved rounds; the figures are the medians.

## CPU per request (${REQUESTS} requests per case and round at ${RATE}/s, ${CONNECTIONS} connections)

| case | CPU µs/request (median) | rounds | upstream CPU µs/request | req/s |
|---|---:|---|---:|---:|
${cases.map((c) => `| ${c.name} | ${us(cpu(c.name))} | ${cpuSpread(c.name)} | ${us(upstreamCpu(c.name))} | ${Math.round(rate(c.name))} |`).join('\n')}

- gateway / minimal proxy, public route: **${ratio.toFixed(2)}×** (goal ≤ 1.3×)
- gateway / minimal proxy, route needing a verified token: **${userRatio.toFixed(2)}×**
- failed requests: ${failed}

## Latency on 1 connection (${LATENCY_REQUESTS} requests per target and round, in blocks of 100 taking turns)

| target | p50 ms (median of rounds) | p50 of each round |
|---|---:|---|
| upstream directly | ${ms2(p50.direct)} | ${spread(p50s.direct)} |
| minimal proxy | ${ms2(p50.minimal)} | ${spread(p50s.minimal)} |
| gateway, GET /products | ${ms2(p50.gateway)} | ${spread(p50s.gateway)} |
| gateway, GET /users/me with a token | ${ms2(p50.gatewayUser)} | ${spread(p50s.gatewayUser)} |

- added p50 at the gateway: **${ms2(added)} ms** (goal ≤ 0.3 ms); minimal proxy adds ${ms2(p50.minimal - p50.direct)} ms
- load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores; the machine is shared, so wall
  times are noisy; the CPU ratio, measured in the same run, much less so.
`;
    const settings = ['BENCH_REQUESTS', 'BENCH_RATE', 'BENCH_CONNECTIONS', 'BENCH_LATENCY_REQUESTS', 'BENCH_ROUNDS', 'BENCH_GATEWAY_LOG_LEVEL', 'BENCH_BASELINE_GATEWAY', 'OTEL_SDK_DISABLED']
      .filter((name) => process.env[name] !== undefined).map((name) => `${name}=${process.env[name]} `).join('');
    const file = writeResults('gateway', 'Gateway cost per proxied request', `${settings}npm run bench -- gateway`, body);
    recordFigures('gateway', [
      { id: 'gateway.cpu-ratio', measure: 'gateway, CPU per proxied GET against a minimal undici proxy', value: Number(ratio.toFixed(3)), unit: '×', goal: { op: '<=', value: 1.3 }, detail: `gateway ${us(gatewayCpu)} µs, minimal proxy ${us(minimalCpu)} µs; with a token ${us(gatewayUserCpu)} µs` },
      { id: 'gateway.added-p50-ms', measure: 'gateway, p50 added over calling the upstream directly, 1 connection', value: Number(added.toFixed(3)), unit: 'ms', goal: { op: '<=', value: 0.3 }, detail: `direct ${ms2(p50.direct)} ms, minimal proxy ${ms2(p50.minimal)} ms, gateway ${ms2(p50.gateway)} ms` },
    ]);
    console.log(readFileSync(file, 'utf8'));
    say(`written to ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const s of started.reverse()) {
      const exited = new Promise((resolve) => s.child.once('exit', resolve));
      s.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
  }
}

main().catch((error: Error) => {
  console.error(`[bench] failed: ${error.message}`);
  process.exitCode = 1;
});
