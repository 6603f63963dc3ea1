// Couriers and their live positions, on the real PostgreSQL and Redis, through shipping's own Redis
// ACL user (provisioned as the launcher does).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { startKeyServer } from '@bazaar/platform/testing';
import { provisionRedisUser } from '../../../tools/src/provision.js';
import { buildApp } from '../src/app.js';
import { Positions } from '../src/couriers/positions.js';
import { shippingKeys } from '../src/redis.js';
import { setUpDatabase, type TestDb } from './support.js';

const redisUrl = process.env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAX_AGE_MS = 60_000;

// Amsterdam Centraal and points east of it, roughly 1, 3 and 30 km away.
const CENTRAAL = { latitude: 52.3791, longitude: 4.9003 };
const east = (km: number) => ({ latitude: CENTRAAL.latitude, longitude: CENTRAAL.longitude + km / 68 });

describe('couriers and live positions', () => {
  const tag = randomBytes(4).toString('hex');
  const prefix = `shipping:test-${tag}`;
  let db: TestDb;
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  let app: ServiceApp;
  let admin: Redis;
  let asShipping: Redis;
  let aclUser: string;
  let clock = Date.now();
  const operator = randomUUID();

  before(async () => {
    db = await setUpDatabase('shipping_couriers');
    keys = await startKeyServer();
    admin = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await admin.connect();
    const provisioned = await provisionRedisUser(redisUrl, { name: `shipping-${tag}`, redisPrefix: prefix }, randomBytes(16).toString('hex'), { userPrefix: 'test' });
    aclUser = provisioned.user;
    asShipping = new Redis(provisioned.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await asShipping.connect();
    const positions = new Positions(asShipping, shippingKeys(prefix), MAX_AGE_MS, () => new Date(clock));
    const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
    app = await buildApp({ pool: db.pool, auth, logger: createLogger('shipping', 'silent'), couriers: { positions, publish: db.publish, maxAttempts: 3 } });
  });
  after(async () => {
    await app?.close();
    asShipping?.disconnect();
    const left = await admin.keys(`${prefix}:*`);
    if (left.length) await admin.del(...left);
    await admin.call('ACL', 'DELUSER', aclUser);
    admin.disconnect();
    await keys?.close();
    await db?.close();
  });

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, userId: string, roles: string[], payload?: unknown) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${await keys.token(userId, roles)}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const asAdmin = (method: 'GET' | 'POST', url: string, payload?: unknown) => call(method, url, operator, ['customer', 'admin'], payload);

  /** Registers a courier for a new user and returns the user's id and the courier's. */
  async function newCourier(name: string, capacity = 1) {
    const userId = randomUUID();
    const response = await asAdmin('POST', '/couriers', { userId, name, vehicle: 'cargo-bike', capacity });
    assert.equal(response.statusCode, 201, response.body);
    const courier = response.json();
    const as = (method: 'GET' | 'PUT', url: string, payload?: unknown) => call(method, url, userId, ['customer', 'courier'], payload);
    return { userId, id: courier.id as string, as };
  }

  test('an admin registers a courier once; others may not', async () => {
    const userId = randomUUID();
    const body = { userId, name: '  Ana Pereira ', vehicle: 'scooter', capacity: 3 };
    const created = await asAdmin('POST', '/couriers', body);
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().name, 'Ana Pereira');
    assert.equal(created.json().onShift, false);
    assert.equal(created.headers.location, `/couriers/${created.json().id}`);
    const again = await asAdmin('POST', '/couriers', body);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().field, 'userId');
    assert.equal((await call('POST', '/couriers', randomUUID(), ['customer'], { ...body, userId: randomUUID() })).statusCode, 403);
    assert.equal((await call('POST', '/couriers', randomUUID(), ['customer', 'courier'], { ...body, userId: randomUUID() })).statusCode, 403);
    const badVehicle = await asAdmin('POST', '/couriers', { ...body, userId: randomUUID(), vehicle: 'horse' });
    assert.equal(badVehicle.statusCode, 400);
    assert.match(badVehicle.json().detail, /body\.vehicle/);
    assert.equal((await asAdmin('POST', '/couriers', { ...body, userId: randomUUID(), capacity: '3' })).statusCode, 400, 'no coercion');
    assert.equal((await asAdmin('GET', `/couriers/${created.json().id}`)).json().userId, userId);
  });

  test('a position counts only during a shift, and ending the shift forgets it', async () => {
    const c = await newCourier('Bo');
    const before = await c.as('PUT', '/couriers/me/location', CENTRAAL);
    assert.equal(before.statusCode, 409);
    assert.match(before.json().detail, /not on shift/);
    assert.equal((await c.as('PUT', '/couriers/me/shift', { onShift: true })).json().onShift, true);
    assert.equal((await c.as('PUT', '/couriers/me/location', CENTRAAL)).statusCode, 204);
    const me = (await c.as('GET', '/couriers/me')).json();
    assert.deepEqual([me.position.latitude.toFixed(4), me.position.longitude.toFixed(4)], [CENTRAAL.latitude.toFixed(4), CENTRAAL.longitude.toFixed(4)]);
    const near = (await asAdmin('GET', `/couriers/nearby?latitude=${CENTRAAL.latitude}&longitude=${CENTRAAL.longitude}&radiusKm=1`)).json();
    assert.ok(near.items.some((i: { courierId: string }) => i.courierId === c.id));
    // The admins' list and one courier's record carry the same last fresh position.
    const listed = async () => {
      const found: { id: string; position: { latitude: number } | null }[] = [];
      for (let after: string | undefined, page; (page = (await asAdmin('GET', `/couriers?limit=100${after ? `&after=${after}` : ''}`)).json()); after = page.next) {
        found.push(...page.items);
        if (!page.next) break;
      }
      return found.find((i) => i.id === c.id)!;
    };
    assert.equal((await listed()).position?.latitude.toFixed(4), CENTRAAL.latitude.toFixed(4));
    assert.equal((await asAdmin('GET', `/couriers/${c.id}`)).json().position.latitude.toFixed(4), CENTRAAL.latitude.toFixed(4));

    assert.equal((await c.as('PUT', '/couriers/me/shift', { onShift: false })).json().onShift, false);
    assert.equal((await c.as('PUT', '/couriers/me/location', CENTRAAL)).statusCode, 409);
    const after = (await asAdmin('GET', `/couriers/nearby?latitude=${CENTRAAL.latitude}&longitude=${CENTRAAL.longitude}&radiusKm=1`)).json();
    assert.ok(!after.items.some((i: { courierId: string }) => i.courierId === c.id));
    assert.equal((await c.as('GET', '/couriers/me')).json().position, null);
    assert.equal((await listed()).position, null);
  });

  test('nearby lists the nearest first, within the radius only', async () => {
    // Far from every other test's couriers, so this search sees only its own.
    const here = { latitude: 48.8566, longitude: 2.3522 };
    const at = (km: number) => ({ latitude: here.latitude, longitude: here.longitude + km / 73 });
    const couriers = await Promise.all(['far', 'near', 'middle', 'outside'].map((name) => newCourier(name)));
    const distances = [3, 0.5, 1.5, 30];
    for (const [i, c] of couriers.entries()) {
      await c.as('PUT', '/couriers/me/shift', { onShift: true });
      assert.equal((await c.as('PUT', '/couriers/me/location', at(distances[i]!))).statusCode, 204);
    }
    const response = await asAdmin('GET', `/couriers/nearby?latitude=${here.latitude}&longitude=${here.longitude}&radiusKm=10&limit=10`);
    assert.equal(response.statusCode, 200);
    const items = response.json().items as { courierId: string; distanceKm: number }[];
    assert.deepEqual(items.map((i) => i.courierId), [couriers[1]!.id, couriers[2]!.id, couriers[0]!.id]);
    assert.ok(Math.abs(items[0]!.distanceKm - 0.5) < 0.05, `distance ${items[0]!.distanceKm}`);
    const one = (await asAdmin('GET', `/couriers/nearby?latitude=${here.latitude}&longitude=${here.longitude}&radiusKm=10&limit=1`)).json();
    assert.deepEqual(one.items.map((i: { courierId: string }) => i.courierId), [couriers[1]!.id]);
  });

  test('a position older than the limit is not offered, and comes back when refreshed', async () => {
    const here = { latitude: 40.4168, longitude: -3.7038 };
    const c = await newCourier('Cy');
    await c.as('PUT', '/couriers/me/shift', { onShift: true });
    await c.as('PUT', '/couriers/me/location', here);
    const search = async () => (await asAdmin('GET', `/couriers/nearby?latitude=${here.latitude}&longitude=${here.longitude}&radiusKm=1`)).json().items.map((i: { courierId: string }) => i.courierId);
    assert.deepEqual(await search(), [c.id]);
    clock += MAX_AGE_MS + 1_000;
    assert.deepEqual(await search(), [], 'stale');
    assert.equal((await c.as('GET', '/couriers/me')).json().position, null);
    await c.as('PUT', '/couriers/me/location', here);
    assert.deepEqual(await search(), [c.id], 'fresh again');
  });

  test('bad coordinates are a 400 naming the field', async () => {
    const c = await newCourier('Di');
    await c.as('PUT', '/couriers/me/shift', { onShift: true });
    const cases: [unknown, string][] = [
      [{ latitude: 91, longitude: 4 }, 'body.latitude'],
      [{ latitude: 86, longitude: 4 }, 'body.latitude'],
      [{ latitude: 52, longitude: -180.5 }, 'body.longitude'],
      [{ latitude: '52', longitude: 4 }, 'body.latitude'],
      [{ latitude: null, longitude: 4 }, 'body.latitude'],
      [{ latitude: 52 }, 'body.longitude'],
      [{ latitude: 52, longitude: 4, altitude: 3 }, 'body.altitude'],
    ];
    for (const [payload, field] of cases) {
      const response = await c.as('PUT', '/couriers/me/location', payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.ok(response.json().errors.some((e: { field: string }) => e.field === field), `${JSON.stringify(payload)}: ${response.body}`);
    }
    const nearby = await asAdmin('GET', '/couriers/nearby?latitude=Infinity&longitude=4');
    assert.equal(nearby.statusCode, 400);
    assert.equal((await asAdmin('GET', '/couriers/nearby?latitude=52&longitude=4&radiusKm=0')).statusCode, 400);
  });

  test('only couriers send positions; a courier unknown here is told to get registered', async () => {
    assert.equal((await call('PUT', '/couriers/me/location', randomUUID(), ['customer'], CENTRAAL)).statusCode, 403);
    assert.equal((await call('PUT', '/couriers/me/location', randomUUID(), ['customer', 'admin'], CENTRAAL)).statusCode, 403);
    const unregistered = await call('PUT', '/couriers/me/location', randomUUID(), ['customer', 'courier'], CENTRAAL);
    assert.equal(unregistered.statusCode, 404);
    assert.equal(unregistered.json().detail, 'a courier for your account was not found; ask an operator to register you as a courier');
    assert.equal((await call('GET', '/couriers/nearby?latitude=52&longitude=4', randomUUID(), ['customer', 'courier'])).statusCode, 403, 'nearby is for operators');
  });

  test('a shift survives Redis losing its index: the database is asked and Redis put right', async () => {
    const c = await newCourier('Ed');
    await c.as('PUT', '/couriers/me/shift', { onShift: true });
    await admin.del(shippingKeys(prefix).onShift());
    assert.equal((await c.as('PUT', '/couriers/me/location', east(1))).statusCode, 204);
    assert.equal(await admin.hget(shippingKeys(prefix).onShift(), c.userId), c.id);
  });

  test("shipping's ACL user works only under shipping:*, and no other service's user reaches in", async () => {
    await assert.rejects(asShipping.set(`identity:acl-${tag}`, 'x'), /NOPERM/);
    await assert.rejects(asShipping.geoadd(`catalog:acl-${tag}`, 4.9, 52.37, 'x'), /NOPERM/);
    const identity = await provisionRedisUser(redisUrl, { name: `identity-${tag}`, redisPrefix: `identity:acl-${tag}` }, randomBytes(16).toString('hex'), { userPrefix: 'test' });
    const asIdentity = new Redis(identity.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await asIdentity.connect();
      await assert.rejects(asIdentity.zrange(shippingKeys(prefix).positions(), '0', '-1'), /NOPERM/);
      await assert.rejects(asIdentity.hset(shippingKeys(prefix).onShift(), 'x', 'y'), /NOPERM/);
    } finally {
      asIdentity.disconnect();
      await admin.call('ACL', 'DELUSER', identity.user);
    }
  });
});
