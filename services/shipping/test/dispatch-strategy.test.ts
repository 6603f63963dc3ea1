// The dispatch strategy on the real PostgreSQL and Redis, chosen by the kit's flags over a real flag
// file: `nearest` gives the parcel to the nearest courier with room, `least-loaded` to the courier
// carrying fewest parcels within the radius (the nearest of them on a tie); a flip of the file
// applies from the next dispatch on, with the same flags and dispatcher.
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { contracts } from '@bazaar/contracts';
import { createEnvelope, createFlags, createJwtVerifier, createLogger, type Flags, type ServiceApp } from '@bazaar/platform';
import { deliverMessage, eventually, startKeyServer } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { Positions, type Point } from '../src/couriers/positions.js';
import { dispatchWaiting } from '../src/delivery/dispatcher.js';
import { DISPATCH_STRATEGIES, DISPATCH_STRATEGY_FLAG, offerOrder, strategyFromFlags, type DispatchStrategy } from '../src/delivery/strategy.js';
import { createEventHandlers } from '../src/events.js';
import { SimulatedGeocoder } from '../src/geocoding/simulated-geocoder.js';
import { shippingKeys } from '../src/redis.js';
import { createCommand, shippingWith } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

const redisUrl = process.env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CENTER = { latitude: 52.3676, longitude: 4.9041 };
const silent = createLogger('shipping', 'silent');
const SHIPPED_FLAGS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../deploy/flags/flags.json');
/** A point `km` east of `p`. */
const east = (p: Point, km: number): Point => ({ latitude: p.latitude, longitude: p.longitude + km / (111.32 * Math.cos((p.latitude * Math.PI) / 180)) });

describe('the dispatch strategy flag', () => {
  const prefix = `shipping:test-${randomBytes(4).toString('hex')}`;
  let db: TestDb;
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  let app: ServiceApp;
  let redis: Redis;
  let positions: Positions;
  let dir: string;
  let flagFile: string;
  let flags: Flags;
  // Every parcel at the centre: the geocoder's city has a radius of a few metres here.
  const geocoder = new SimulatedGeocoder(CENTER, 0.001);
  const operator = randomUUID();
  const onShift: Courier[] = [];

  /** The shipped definitions with the strategy's default variant set, written as the flag store writes (a rename). */
  async function setStrategy(strategy: string): Promise<void> {
    const definitions = JSON.parse(await readFile(SHIPPED_FLAGS, 'utf8')) as { flags: Record<string, { defaultVariant: string; variants: Record<string, string> }> };
    const flag = definitions.flags[DISPATCH_STRATEGY_FLAG]!;
    if (!(strategy in flag.variants)) flag.variants[strategy] = strategy; // a variant this code does not know
    flag.defaultVariant = strategy;
    await writeFile(`${flagFile}.tmp`, JSON.stringify(definitions, null, 2));
    await rename(`${flagFile}.tmp`, flagFile);
  }
  const evaluated = () => flags.string(DISPATCH_STRATEGY_FLAG, 'nearest', [...DISPATCH_STRATEGIES, 'teleport'] as const);
  /** Flips the flag and waits until the flags in this process answer with it. */
  async function flip(strategy: DispatchStrategy | 'teleport'): Promise<void> {
    await setStrategy(strategy);
    await eventually(async () => (await evaluated()) === strategy, { timeoutMs: 30_000, intervalMs: 200, message: `the flag never read ${strategy}` });
  }

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shipping-flags-'));
    flagFile = path.join(dir, 'flags.json');
    await setStrategy('nearest');
    flags = await createFlags({ service: 'shipping', file: flagFile, logger: silent });
    db = await setUpDatabase('shipping_dispatch_strategy');
    keys = await startKeyServer();
    redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    positions = new Positions(redis, shippingKeys(prefix), 60_000);
    const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
    app = await buildApp({ pool: db.pool, auth, logger: silent, flags, couriers: { positions, publish: db.publish, maxAttempts: 3 } });
  });
  afterEach(async () => {
    for (const c of onShift.splice(0)) await c.as('PUT', '/couriers/me/shift', { onShift: false });
    await db.pool.query("UPDATE shipments SET ready_at = NULL WHERE courier_id IS NULL AND status IN ('created', 'dispatched')");
    await flip('nearest');
  });
  after(async () => {
    await app?.close();
    await flags?.close();
    const left = await redis.keys(`${prefix}:*`);
    if (left.length) await redis.del(...left);
    redis.disconnect();
    await keys?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  interface Courier {
    id: string;
    as(method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown): Promise<Awaited<ReturnType<ServiceApp['inject']>>>;
  }

  async function courierAt(point: Point, capacity = 5): Promise<Courier> {
    const userId = randomUUID();
    const token = await keys.token(userId, ['customer', 'courier']);
    const registered = await app.inject({ method: 'POST', url: '/couriers', headers: { authorization: `Bearer ${await keys.token(operator, ['customer', 'admin'])}` }, payload: { userId, name: `Courier ${userId.slice(0, 4)}`, vehicle: 'bicycle', capacity } });
    assert.equal(registered.statusCode, 201, registered.body);
    const as: Courier['as'] = (method, url, payload) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
    const courier = { id: registered.json().id as string, as };
    await as('PUT', '/couriers/me/shift', { onShift: true });
    onShift.push(courier);
    assert.equal((await as('PUT', '/couriers/me/location', point)).statusCode, 204);
    return courier;
  }

  /** A shipment made ready by its order's confirmation, dispatched by one run; the courier it went to. */
  async function dispatchOne(): Promise<string> {
    const command = createCommand();
    await shippingWith(db).create(command);
    await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers: createEventHandlers() }, createEnvelope('orders', 'order.confirmed', 1, {
      orderId: command.orderId, orderNumber: 'BZ-261205-FLAGS', userId: command.userId, totalMinor: 1000, currency: 'EUR', confirmedAt: new Date().toISOString(),
    }));
    assert.deepEqual(await dispatchWaiting({ pool: db.pool, positions, geocoder, publish: db.publish, logger: silent, radiusKm: 15, strategy: strategyFromFlags(flags) }), { dispatched: 1, waiting: 0 });
    const { rows } = await db.pool.query<{ courier_id: string }>('SELECT courier_id FROM shipments WHERE order_id_ref = $1', [command.orderId]);
    return rows[0]!.courier_id;
  }

  test('nearest piles parcels on the nearest courier; least-loaded, flipped in the file, spreads them, the nearest first on a tie; and back', async () => {
    const near = await courierAt(east(CENTER, 0.5));
    const far = await courierAt(east(CENTER, 3));
    assert.equal(await dispatchOne(), near.id, 'nearest: the nearest');
    assert.equal(await dispatchOne(), near.id, 'nearest: still the nearest, carrying one already');

    await flip('least-loaded');
    assert.equal(await dispatchOne(), far.id, 'least-loaded: the one carrying none (2 against 0)');
    assert.equal(await dispatchOne(), far.id, 'least-loaded: 2 against 1');
    assert.equal(await dispatchOne(), near.id, 'least-loaded: 2 each, the nearer of the two');

    await flip('nearest');
    assert.equal(await dispatchOne(), near.id, 'nearest again, though it carries more');
  });

  test('least-loaded passes over couriers that are full or beyond the radius', async () => {
    const full = await courierAt(east(CENTER, 0.2), 1);
    const busy = await courierAt(east(CENTER, 1), 3);
    await courierAt(east(CENTER, 40)); // idle, but 40 km away: outside the 15 km radius
    assert.equal(await dispatchOne(), full.id, 'nearest');
    assert.equal(await dispatchOne(), busy.id, 'the nearest is full now');
    await flip('least-loaded');
    assert.equal(await dispatchOne(), busy.id, 'the only one in range with room');
  });

  test('a variant this code does not know, or no flags at all, dispatches to the nearest', async () => {
    const near = await courierAt(east(CENTER, 0.5));
    await courierAt(east(CENTER, 2));
    await dispatchOne(); // the nearest now carries one, the other none
    await flip('teleport');
    assert.equal(await strategyFromFlags(flags)(randomUUID()), 'nearest');
    assert.equal(await dispatchOne(), near.id);
    assert.equal(await strategyFromFlags(undefined)(randomUUID()), 'nearest');
  });

  test("offerOrder: least-loaded orders by load, then distance, and drops those who cannot take the parcel; nearest keeps the positions' order", async () => {
    const a = await courierAt(east(CENTER, 0.1), 2);
    const b = await courierAt(east(CENTER, 0.2));
    const c = await courierAt(east(CENTER, 0.3));
    await db.pool.query('UPDATE couriers SET load = CASE id WHEN $1::uuid THEN 2 WHEN $2::uuid THEN 1 ELSE 1 END WHERE id = ANY($3::uuid[])', [a.id, b.id, [a.id, b.id, c.id]]);
    try {
      const candidates = await positions.nearby(CENTER, 15, 10);
      assert.deepEqual(candidates.map((x) => x.courierId), [a.id, b.id, c.id]);
      assert.deepEqual((await offerOrder(db.pool, 'nearest', candidates)).map((x) => x.courierId), [a.id, b.id, c.id]);
      assert.deepEqual((await offerOrder(db.pool, 'least-loaded', candidates)).map((x) => x.courierId), [b.id, c.id], 'a is full');
    } finally {
      await db.pool.query('UPDATE couriers SET load = 0 WHERE id = ANY($1::uuid[])', [[a.id, b.id, c.id]]);
    }
  });

  test("shipping's /health shows the flag provider's state", async () => {
    const health = await app.inject({ method: 'GET', url: '/health' });
    const check = health.json().checks.flags;
    assert.equal(check.status, 'healthy');
    assert.equal(check.details.provider, 'ready');
    assert.ok(check.details.changesApplied >= 1, 'the flips so far were applied');
  });
});
