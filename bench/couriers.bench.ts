/**
 * Live courier positions: what shipping's API costs over Redis GEO itself, in the same run, on the
 * same Redis, as the same ACL user.
 *
 *   1. location updates/s: `PUT /couriers/me/location` (token check, one Lua script: on-shift lookup,
 *      GEOADD, last-seen ZADD) from 100 couriers, against a raw `GEOADD` loop;
 *   2. nearby search at 10,000 couriers: `GET /couriers/nearby` (admin token, one Lua script: drop
 *      stale positions, GEOSEARCH … ASC COUNT 10, a ZSCORE per result) against a raw `GEOSEARCH`.
 *
 *   npm run bench -- couriers        (BENCH_DURATION_S=10, BENCH_CONNECTIONS=20)
 *
 * identity (for tokens) and shipping run as their own processes, as `npm start` runs them.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import { build as buildHistogram } from 'hdr-histogram-js';
import { Redis } from 'ioredis';
import { startTestSystem } from '../tools/src/testing/system.js';
import { writeResults } from './machine.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const COURIERS = 100;
const FLEET = 10_000;
const CENTER = { latitude: 52.3676, longitude: 4.9041 };
const RADIUS_KM = 5;
const PASSWORD = 'Bench-Couriers-2026';
const say = (line: string) => console.log(`[bench] ${line}`);

interface Measurement { target: string; ops: number; perSec: number; p50: number; p99: number; failed: number }

const newHistogram = () => buildHistogram({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });

/** A point drawn uniformly from the city's disc (as the geocoder simulator spreads addresses). */
function somewhere(radiusKm = 6): { latitude: number; longitude: number } {
  const d = radiusKm * Math.sqrt(Math.random());
  const a = 2 * Math.PI * Math.random();
  return { latitude: CENTER.latitude + (d * Math.cos(a)) / 111.32, longitude: CENTER.longitude + (d * Math.sin(a)) / (111.32 * Math.cos((CENTER.latitude * Math.PI) / 180)) };
}

/** autocannon against shipping; `setup` shapes each request. Latency from each response, in µs. */
async function overHttp(target: string, url: string, setup: (request: { headers?: Record<string, string>; body?: string; path?: string }) => typeof request, method: 'GET' | 'PUT'): Promise<Measurement> {
  const histogram = newHistogram();
  let failed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url, connections: CONNECTIONS, duration: DURATION_S,
      requests: [{ method, setupRequest: (request) => setup(request as never) as never }],
    }, (error, res) => (error ? reject(error) : resolve(res)));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
      else failed++;
    });
  });
  return { target, ops: result.requests.total, perSec: result.requests.total / result.duration, p50: histogram.getValueAtPercentile(50) / 1000, p99: histogram.getValueAtPercentile(99) / 1000, failed: failed + result.errors };
}

/** `CONNECTIONS` Redis connections, each running `command` one at a time for the duration, as the HTTP clients do. */
async function overRedis(target: string, redisUrl: string, command: (redis: Redis) => Promise<unknown>): Promise<Measurement> {
  const histogram = newHistogram();
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    return redis;
  }));
  let ops = 0;
  let failed = 0;
  const started = performance.now();
  const end = started + DURATION_S * 1000;
  await Promise.all(clients.map(async (redis) => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        await command(redis);
        histogram.recordValue(Math.max(1, Math.round((performance.now() - t) * 1000)));
        ops++;
      } catch {
        failed++;
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  for (const redis of clients) redis.disconnect();
  return { target, ops, perSec: ops / seconds, p50: histogram.getValueAtPercentile(50) / 1000, p99: histogram.getValueAtPercentile(99) / 1000, failed };
}

async function call(url: string, method: string, body?: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) as Record<string, unknown> : {} };
}

function expect<T extends { status: number; json: Record<string, unknown> }>(answer: T, status: number, what: string): Record<string, unknown> {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
}

const run = randomUUID().slice(0, 8);
const adminEmail = `bench-ops-${run}@bazaar.test`;
say('starting identity and shipping as their own processes…');
const loadBefore = os.loadavg()[0]!;
const system = await startTestSystem({
  services: ['identity', 'shipping'],
  env: {
    identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600', DATABASE_POOL_MAX: '10' },
    shipping: { DATABASE_POOL_MAX: '10' },
  },
});
try {
  const identity = (path: string) => `${system.url('identity')}${path}`;
  const shipping = system.url('shipping');
  const redisUrl = system.env.shipping!.SHIPPING_REDIS_URL!;
  const prefix = system.env.shipping!.SHIPPING_REDIS_KEY_PREFIX ?? 'shipping';
  const admin = expect(await call(identity('/auth/register'), 'POST', { email: adminEmail, password: PASSWORD, name: 'Bench Operator' }), 201, 'admin').token as string;

  say(`registering ${COURIERS} couriers and starting their shifts…`);
  const tokens: string[] = [];
  for (let batch = 0; batch < COURIERS; batch += 10) {
    tokens.push(...await Promise.all(Array.from({ length: Math.min(10, COURIERS - batch) }, async (_, i) => {
      const email = `bench-courier-${run}-${batch + i}@bazaar.test`;
      const user = expect(await call(identity('/auth/register'), 'POST', { email, password: PASSWORD, name: `Courier ${batch + i}` }), 201, 'courier sign-up').user as { id: string };
      expect(await call(identity(`/users/${user.id}/role`), 'PUT', { role: 'courier' }, admin), 200, 'courier role');
      expect(await call(`${shipping}/couriers`, 'POST', { userId: user.id, name: `Courier ${batch + i}`, vehicle: 'bicycle', capacity: 2 }, admin), 201, 'courier');
      const token = expect(await call(identity('/auth/login'), 'POST', { email, password: PASSWORD }), 200, 'courier login').token as string;
      expect(await call(`${shipping}/couriers/me/shift`, 'PUT', { onShift: true }, token), 200, 'shift');
      return token;
    })));
  }

  let next = 0;
  say(`1/4 PUT /couriers/me/location, ${CONNECTIONS} connections, ${DURATION_S} s…`);
  const apiUpdates = await overHttp('PUT /couriers/me/location (shipping)', shipping, (request) => {
    const token = tokens[next++ % tokens.length]!;
    return { ...request, path: '/couriers/me/location', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(somewhere()) };
  }, 'PUT');
  say(`2/4 raw GEOADD, ${CONNECTIONS} connections, ${DURATION_S} s…`);
  const benchKey = `${prefix}:bench:positions`;
  const rawUpdates = await overRedis('GEOADD (Redis directly)', redisUrl, (redis) => {
    const p = somewhere();
    return redis.geoadd(benchKey, p.longitude, p.latitude, `c-${next++ % COURIERS}`);
  });

  say(`placing ${FLEET} couriers in the city…`);
  const writer = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await writer.connect();
  const positions = `${prefix}:couriers:positions`;
  const seen = `${prefix}:couriers:positions-seen`;
  // Seen in an hour's time: fresh for the whole run, so the search's stale-position sweep finds nothing to drop.
  const freshUntil = Date.now() + 3_600_000;
  for (let i = 0; i < FLEET; i += 1000) {
    const pipeline = writer.pipeline();
    for (let j = i; j < Math.min(FLEET, i + 1000); j++) {
      const id = randomUUID();
      const p = somewhere();
      pipeline.geoadd(positions, p.longitude, p.latitude, id).zadd(seen, freshUntil, id);
    }
    await pipeline.exec();
  }
  const fleetSize = await writer.zcard(positions);
  const query = () => {
    const p = somewhere(3);
    return `latitude=${p.latitude.toFixed(5)}&longitude=${p.longitude.toFixed(5)}&radiusKm=${RADIUS_KM}&limit=10`;
  };
  say(`3/4 GET /couriers/nearby at ${fleetSize} couriers, ${CONNECTIONS} connections, ${DURATION_S} s…`);
  const apiNearby = await overHttp(`GET /couriers/nearby (shipping)`, shipping, (request) => ({ ...request, path: `/couriers/nearby?${query()}`, headers: { authorization: `Bearer ${admin}` } }), 'GET');
  say(`4/4 raw GEOSEARCH at ${fleetSize} couriers, ${CONNECTIONS} connections, ${DURATION_S} s…`);
  const rawNearby = await overRedis('GEOSEARCH (Redis directly)', redisUrl, (redis) => {
    const p = somewhere(3);
    return redis.call('GEOSEARCH', positions, 'FROMLONLAT', p.longitude, p.latitude, 'BYRADIUS', RADIUS_KM, 'km', 'ASC', 'COUNT', 10, 'WITHDIST', 'WITHCOORD');
  });
  writer.disconnect();

  const row = (m: Measurement) => `| ${m.target} | ${Math.round(m.perSec)} | ${m.p50.toFixed(2)} | ${m.p99.toFixed(2)} | ${m.ops} | ${m.failed} |`;
  const header = '| target | ops/s | p50 (ms) | p99 (ms) | operations | failed |\n|---|---:|---:|---:|---:|---:|';
  const body = `
${CONNECTIONS} connections for ${DURATION_S} s per target, one after another, on the same Redis as shipping's own ACL
user. HTTP load from autocannon straight to shipping (not through the gateway); Redis load from ${CONNECTIONS}
ioredis connections, each sending one command at a time. Load average (1 min) before / after: ${loadBefore.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)}.

## Location updates (${COURIERS} couriers on shift, random points in a 6 km disc)

${header}
${row(apiUpdates)}
${row(rawUpdates)}

Through the API: **${(apiUpdates.perSec / rawUpdates.perSec * 100).toFixed(0)} %** of raw GEOADD's rate.

## Nearby search at ${fleetSize} couriers (radius ${RADIUS_KM} km, nearest 10)

${header}
${row(apiNearby)}
${row(rawNearby)}

p99 through the API: **${apiNearby.p99.toFixed(2)} ms** against **${rawNearby.p99.toFixed(2)} ms** for GEOSEARCH alone.

Everything (the load generators, identity, shipping, Redis and PostgreSQL) shares the machine's
${os.cpus().length} cores, so the API's figures include the HTTP server, the JWT check and the JSON on
the same cores that Redis uses; the raw loops pay none of that. The location update makes no database
call (the on-shift index is in Redis); the search's cost grows with the couriers inside the radius,
which GEOSEARCH must sort before taking the nearest ten.
`;
  say(`wrote ${writeResults('couriers', 'Courier positions: shipping\'s API against Redis GEO', 'npm run bench -- couriers', body)}`);
  console.log(body);
} finally {
  await system.stop();
}
