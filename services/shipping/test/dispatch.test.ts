// Dispatch and delivery on the real PostgreSQL and Redis: the nearest free courier gets the parcel,
// no courier ever carries beyond its capacity however many dispatchers run, and each courier call
// moves the shipment once, publishing its event in the same transaction.
import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { contracts } from '@bazaar/contracts';
import { ContractValidator, createEnvelope, createJwtVerifier, createLogger, createOrphanJob, createPool, type ServiceApp } from '@bazaar/platform';
import { deliverMessage, eventually, published, startKeyServer } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { Positions, type Point } from '../src/couriers/positions.js';
import { dispatchWaiting } from '../src/delivery/dispatcher.js';
import { COURIER_GONE } from '../src/delivery/hand-back.js';
import { createErasureHandlers, createEventHandlers } from '../src/events.js';
import { courierUserCheck } from '../src/orphans/courier-orphans.js';
import { eraseShippingUser, FORMER_COURIER } from '../src/shipments/erasure.handlers.js';
import { SimulatedGeocoder } from '../src/geocoding/simulated-geocoder.js';
import { shippingKeys } from '../src/redis.js';
import { createCommand, shippingWith } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

const redisUrl = process.env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CENTER = { latitude: 52.3676, longitude: 4.9041 };
const MAX_ATTEMPTS = 3;
const silent = createLogger('shipping', 'silent');
/** A point `km` east of `p`. */
const east = (p: Point, km: number): Point => ({ latitude: p.latitude, longitude: p.longitude + km / (111.32 * Math.cos((p.latitude * Math.PI) / 180)) });

describe('dispatch and delivery', () => {
  const prefix = `shipping:test-${randomBytes(4).toString('hex')}`;
  let db: TestDb;
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  let app: ServiceApp;
  let redis: Redis;
  let positions: Positions;
  const geocoder = new SimulatedGeocoder(CENTER, 6);
  const operator = randomUUID();
  const couriersOnShift: { as: Courier['as'] }[] = [];

  before(async () => {
    db = await setUpDatabase('shipping_dispatch');
    keys = await startKeyServer();
    redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    positions = new Positions(redis, shippingKeys(prefix), 60_000);
    const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
    app = await buildApp({ pool: db.pool, auth, logger: silent, couriers: { positions, publish: db.publish, maxAttempts: MAX_ATTEMPTS } });
  });
  afterEach(async () => {
    // Each test starts with no courier on shift and nothing waiting.
    for (const c of couriersOnShift.splice(0)) await c.as('PUT', '/couriers/me/shift', { onShift: false });
    await db.pool.query("UPDATE shipments SET ready_at = NULL WHERE courier_id IS NULL AND status IN ('created', 'dispatched')");
  });
  after(async () => {
    await app?.close();
    const left = await redis.keys(`${prefix}:*`);
    if (left.length) await redis.del(...left);
    redis.disconnect();
    await keys?.close();
    await db?.close();
  });

  interface Courier {
    id: string;
    userId: string;
    as(method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown): Promise<Awaited<ReturnType<ServiceApp['inject']>>>;
  }

  async function courierAt(point: Point | undefined, capacity = 1): Promise<Courier> {
    const userId = randomUUID();
    const token = await keys.token(userId, ['customer', 'courier']);
    const registered = await app.inject({ method: 'POST', url: '/couriers', headers: { authorization: `Bearer ${await keys.token(operator, ['customer', 'admin'])}` }, payload: { userId, name: `Courier ${userId.slice(0, 4)}`, vehicle: 'bicycle', capacity } });
    assert.equal(registered.statusCode, 201, registered.body);
    const as: Courier['as'] = (method, url, payload) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
    const courier = { id: registered.json().id as string, userId, as };
    if (point) {
      await as('PUT', '/couriers/me/shift', { onShift: true });
      couriersOnShift.push(courier);
      assert.equal((await as('PUT', '/couriers/me/location', point)).statusCode, 204);
    }
    return courier;
  }

  /** A shipment created by the saga's command, then made ready by its order's confirmation. */
  async function confirmedShipment(line1 = `${randomUUID().slice(0, 8)} Canal Street`) {
    const command = createCommand({}, { line1 });
    await shippingWith(db).create(command);
    await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers: createEventHandlers() }, createEnvelope('orders', 'order.confirmed', 1, {
      orderId: command.orderId, orderNumber: 'BZ-261205-TEST1', userId: command.userId, totalMinor: 1000, currency: 'EUR', confirmedAt: new Date().toISOString(),
    }));
    const { rows } = await db.pool.query('SELECT id, tracking_number FROM shipments WHERE order_id_ref = $1', [command.orderId]);
    const parcel = await geocoder.locate({ ...command.recipient, line2: null });
    return { orderId: command.orderId, userId: command.userId, shipmentId: rows[0].id as string, tracking: rows[0].tracking_number as string, parcel };
  }

  const dispatch = (pool = db.pool) => dispatchWaiting({ pool, positions, geocoder, publish: db.publish, logger: silent, radiusKm: 15 });
  const shipment = async (id: string) => (await db.pool.query('SELECT status, courier_id, version, dispatch_tries FROM shipments WHERE id = $1', [id])).rows[0];
  const loadOf = async (courierId: string) => (await db.pool.query('SELECT load FROM couriers WHERE id = $1', [courierId])).rows[0].load as number;
  const eventsOf = async (orderId: string) => (await published(db.pool, orderId)).filter((m) => m.type !== 'shipment.created');

  test('the nearest courier on shift gets the parcel, with its event', async () => {
    const s = await confirmedShipment();
    const far = await courierAt(east(s.parcel, 3));
    const near = await courierAt(east(s.parcel, 0.4));
    await courierAt(undefined); // registered, never on shift
    assert.deepEqual(await dispatch(), { dispatched: 1, waiting: 0 });
    assert.deepEqual(await shipment(s.shipmentId).then((r) => [r.status, r.courier_id]), ['dispatched', near.id]);
    assert.equal(await loadOf(near.id), 1);
    assert.equal(await loadOf(far.id), 0);
    const [event] = await eventsOf(s.orderId);
    assert.equal(event?.type, 'shipment.dispatched');
    assert.equal((event!.payload.courier as { courierId: string }).courierId, near.id);
  });

  test('with no courier in range the shipment waits, is visible as waiting, and goes once one is', async () => {
    const s = await confirmedShipment();
    await courierAt(east(s.parcel, 40)); // beyond the 15 km radius
    assert.deepEqual(await dispatch(), { dispatched: 0, waiting: 1 });
    const waiting = await shipment(s.shipmentId);
    assert.deepEqual([waiting.status, waiting.courier_id, waiting.dispatch_tries], ['created', null, 1]);
    assert.deepEqual(await dispatch(), { dispatched: 0, waiting: 0 }, 'not retried before its time');
    const arriving = await courierAt(east(s.parcel, 1));
    await db.pool.query('UPDATE shipments SET next_dispatch_at = now() WHERE id = $1', [s.shipmentId]); // its retry time has come
    assert.deepEqual(await dispatch(), { dispatched: 1, waiting: 0 });
    assert.equal((await shipment(s.shipmentId)).courier_id, arriving.id);
  });

  test('a courier whose position went stale is not offered work', async () => {
    const s = await confirmedShipment();
    const c = await courierAt(east(s.parcel, 0.5));
    const later = new Positions(redis, shippingKeys(prefix), 60_000, () => new Date(Date.now() + 61_000));
    const run = await dispatchWaiting({ pool: db.pool, positions: later, geocoder, publish: db.publish, logger: silent, radiusKm: 15 });
    assert.deepEqual(run, { dispatched: 0, waiting: 1 });
    assert.equal(await loadOf(c.id), 0);
  });

  test('50 confirmations, 10 couriers of capacity 1, two dispatchers at once: 10 dispatched, never a courier twice', async () => {
    const couriers = await Promise.all(Array.from({ length: 10 }, (_, i) => courierAt(east(CENTER, i * 0.3))));
    const shipments = await Promise.all(Array.from({ length: 50 }, () => confirmedShipment()));
    const replica = createPool(db.url, { applicationName: 'shipping-replica', max: 5 });
    try {
      const runs = await Promise.all([dispatch(), dispatch(replica), dispatch(), dispatch(replica)]);
      assert.equal(runs.reduce((n, r) => n + r.dispatched, 0), 10, JSON.stringify(runs));
    } finally {
      await replica.end();
    }
    const { rows } = await db.pool.query<{ courier_id: string; n: number }>(
      'SELECT courier_id, count(*)::int AS n FROM shipments WHERE id = ANY($1::uuid[]) AND courier_id IS NOT NULL GROUP BY courier_id',
      [shipments.map((s) => s.shipmentId)],
    );
    assert.equal(rows.length, 10, 'each courier got one');
    assert.ok(rows.every((r) => r.n === 1), JSON.stringify(rows));
    for (const c of couriers) assert.equal(await loadOf(c.id), 1);
  });

  test('pick up, a failed attempt, delivered: each once, repeats harmless, in order, with versions rising', async () => {
    const s = await confirmedShipment();
    const c = await courierAt(east(s.parcel, 0.2));
    const other = await courierAt(east(s.parcel, 30));
    await dispatch();
    const url = (action: string) => `/couriers/me/shipments/${s.shipmentId}/${action}`;
    assert.equal((await c.as('POST', url('delivered'))).statusCode, 409, 'delivered before pick-up');
    assert.equal((await other.as('POST', url('pickup'))).statusCode, 403, "another courier's parcel");
    const mine = (await c.as('GET', '/couriers/me/shipments')).json();
    assert.deepEqual(mine.items.map((i: { id: string }) => i.id), [s.shipmentId]);
    assert.ok(mine.items[0].destination.latitude, 'the courier knows where to go');
    assert.equal((await c.as('POST', url('pickup'))).json().status, 'picked_up');
    assert.equal((await c.as('POST', url('pickup'))).statusCode, 200, 'repeat');
    assert.equal((await c.as('POST', url('failed-attempts'), { attempt: 2, reason: 'nobody home' })).statusCode, 409, 'skips attempt 1');
    assert.equal((await c.as('POST', url('failed-attempts'), { attempt: 1, reason: 'nobody home' })).json().failedAttempts, 1);
    assert.equal((await c.as('POST', url('failed-attempts'), { attempt: 1, reason: 'nobody home' })).json().failedAttempts, 1, 'repeat');
    assert.equal((await c.as('POST', url('delivered'))).json().status, 'delivered');
    assert.equal((await c.as('POST', url('delivered'))).statusCode, 200, 'repeat');
    assert.equal((await c.as('POST', url('failed-attempts'), { attempt: 2, reason: 'late' })).statusCode, 409);
    const events = await eventsOf(s.orderId);
    assert.deepEqual(events.map((e) => e.type), ['shipment.dispatched', 'shipment.picked_up', 'shipment.attempt_failed', 'shipment.delivered']);
    const versions = events.map((e) => e.payload.version as number);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    assert.equal(new Set(versions).size, versions.length);
    assert.equal(await loadOf(c.id), 0, 'room again');
    assert.equal((await shippingWith(db).cancel(s.orderId)).type, 'shipment.cancel-refused', 'too late to cancel');
  });

  test(`after ${MAX_ATTEMPTS} failed attempts the parcel is returned, with its items`, async () => {
    const s = await confirmedShipment();
    const c = await courierAt(east(s.parcel, 0.2));
    await dispatch();
    await c.as('POST', `/couriers/me/shipments/${s.shipmentId}/pickup`);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const response = await c.as('POST', `/couriers/me/shipments/${s.shipmentId}/failed-attempts`, { attempt, reason: 'address not found' });
      assert.equal(response.json().status, attempt < MAX_ATTEMPTS ? 'picked_up' : 'returned');
    }
    const events = await eventsOf(s.orderId);
    const returned = events.find((e) => e.type === 'shipment.returned');
    assert.deepEqual(returned?.payload.items, [{ sku: 'BZR-0001', quantity: 2 }, { sku: 'BZR-0002', quantity: 1 }]);
    assert.equal(events.filter((e) => e.type === 'shipment.attempt_failed').length, MAX_ATTEMPTS);
    assert.equal(events.at(-2)!.payload.attemptsLeft, 0);
    assert.equal(await loadOf(c.id), 0);
    assert.equal((await shippingWith(db).cancel(s.orderId)).type, 'shipment.cancelled', 'nothing left to cancel');
  });

  test('a courier ending a shift mid-delivery hands the parcel back, says so, and another courier gets it', async () => {
    const s = await confirmedShipment();
    const first = await courierAt(east(s.parcel, 0.2));
    await dispatch();
    await first.as('POST', `/couriers/me/shipments/${s.shipmentId}/pickup`);
    await first.as('PUT', '/couriers/me/shift', { onShift: false });
    const handedBack = await shipment(s.shipmentId);
    assert.deepEqual([handedBack.status, handedBack.courier_id], ['dispatched', null]);
    // In the same transaction: the event names the courier who had it, with the version the shipment has now.
    const announced = (await eventsOf(s.orderId)).filter((e) => e.type === 'shipment.handed_back');
    assert.equal(announced.length, 1);
    const event = announced[0]!.payload;
    new ContractValidator(contracts).assertPayload('shipment.handed_back', 1, event);
    assert.deepEqual({ ...event, handedBackAt: undefined }, {
      shipmentId: s.shipmentId, orderId: s.orderId, trackingNumber: s.tracking, version: handedBack.version,
      courier: { courierId: first.id, name: (event.courier as { name: string }).name }, reason: 'the courier ended the shift', handedBackAt: undefined,
    });
    const pickedUp = (await eventsOf(s.orderId)).find((e) => e.type === 'shipment.picked_up')!;
    assert.ok(handedBack.version > (pickedUp.payload.version as number), 'newer than the pick-up, so a copy takes it');
    assert.equal(await loadOf(first.id), 0);
    assert.equal((await shippingWith(db).cancel(s.orderId)).type, 'shipment.cancel-refused', 'still past cancelling');
    const second = await courierAt(east(s.parcel, 1));
    assert.deepEqual(await dispatch(), { dispatched: 1, waiting: 0 });
    assert.equal((await shipment(s.shipmentId)).courier_id, second.id);
    const dispatched = (await eventsOf(s.orderId)).filter((e) => e.type === 'shipment.dispatched');
    assert.deepEqual(dispatched.map((e) => (e.payload.courier as { courierId: string }).courierId), [first.id, second.id]);
    assert.ok((dispatched[1]!.payload.version as number) > (dispatched[0]!.payload.version as number));
  });

  /** What a courier who is gone must leave: no parcel, no load, no shift, no position; and the parcel's one hand-back event. */
  async function assertRetired(gone: Courier, s: Awaited<ReturnType<typeof confirmedShipment>>, name: string) {
    const handedBack = await shipment(s.shipmentId);
    assert.deepEqual([handedBack.status, handedBack.courier_id], ['dispatched', null]);
    const announced = (await eventsOf(s.orderId)).filter((e) => e.type === 'shipment.handed_back');
    assert.equal(announced.length, 1);
    new ContractValidator(contracts).assertPayload('shipment.handed_back', 1, announced[0]!.payload);
    assert.deepEqual([announced[0]!.payload.courier, announced[0]!.payload.reason, announced[0]!.payload.version], [{ courierId: gone.id, name }, COURIER_GONE, handedBack.version]);
    const { rows } = await db.pool.query('SELECT on_shift, load FROM couriers WHERE id = $1', [gone.id]);
    assert.deepEqual(rows, [{ on_shift: false, load: 0 }]);
    assert.equal(await positions.positionOf(gone.id), undefined, 'their last position is forgotten');
    assert.equal(await redis.hget(shippingKeys(prefix).onShift(), gone.userId), null);
    // Another courier takes the parcel; the one who is gone is never offered one again.
    const next = await courierAt(east(s.parcel, 1));
    assert.deepEqual(await dispatch(), { dispatched: 1, waiting: 0 });
    assert.equal((await shipment(s.shipmentId)).courier_id, next.id);
  }

  test("a deleted courier's parcels go back to the queue, announced, their position forgotten, and another courier gets them", async () => {
    const s = await confirmedShipment();
    const gone = await courierAt(east(s.parcel, 0.2), 2);
    await dispatch();
    assert.equal((await gone.as('POST', `/couriers/me/shipments/${s.shipmentId}/pickup`)).statusCode, 200);
    const deleted = createEnvelope('identity', 'user.deleted', 1, { userId: gone.userId, deletedAt: new Date().toISOString(), deletedBy: 'admin' });
    const handlers = createErasureHandlers({ publish: db.publish, positions });
    assert.equal((await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers }, deleted)).duplicate, false);
    await assertRetired(gone, s, FORMER_COURIER);
    // Their token may still be accepted for a while (until it expires or the gateway hears of the
    // revocation): shipping no longer takes them for a courier.
    for (const [method, url, body] of [['PUT', '/couriers/me/shift', { onShift: true }], ['PUT', '/couriers/me/location', east(s.parcel, 0.2)], ['GET', '/couriers/me/shipments', undefined]] as const) {
      const answer = await gone.as(method, url, body);
      assert.equal(answer.statusCode, 404, `${method} ${url}: ${answer.body}`);
    }
    const confirmation = (await published(db.pool)).find((m) => m.type === 'user.erased' && m.payload.userId === gone.userId);
    assert.equal(confirmation?.payload.summary, '0 finished shipments blanked; courier name and position removed, 1 parcel handed back for another courier');
  });

  test("a shift start that read the courier just before the account's deletion committed is refused, not put back on shift", async () => {
    const c = await courierAt(undefined);
    const deleting = await db.pool.connect();
    try {
      // The deletion as shipping applies it, on a transaction held open: it holds the courier's row.
      await deleting.query('BEGIN');
      await eraseShippingUser({ publish: db.publish, positions }, deleting, { userId: c.userId, deletedAt: new Date().toISOString(), deletedBy: 'admin' });
      const starting = c.as('PUT', '/couriers/me/shift', { onShift: true });
      await eventually(async () => {
        const { rows } = await db.pool.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted AND a.datname = current_database()`,
        );
        return rows[0]!.waiting > 0;
      }, { timeoutMs: 10_000, message: "the shift start never waited for the deletion's lock" });
      await deleting.query('COMMIT');
      const answer = await starting;
      assert.equal(answer.statusCode, 404, answer.body);
    } finally {
      deleting.release();
    }
    const { rows } = await db.pool.query('SELECT on_shift FROM couriers WHERE id = $1', [c.id]);
    assert.deepEqual(rows, [{ on_shift: false }]);
  });

  test('the orphan check does the same for a courier whose account is gone and whose user.deleted never came', async () => {
    const s = await confirmedShipment();
    const gone = await courierAt(east(s.parcel, 0.2));
    await dispatch();
    const { name } = (await db.pool.query<{ name: string }>('SELECT name FROM couriers WHERE id = $1', [gone.id])).rows[0]!;
    // Identity (another service, reached over HTTP in production) has every account but this one.
    const identity = {
      name: 'identity',
      request: async <T>({ path }: { path: string }) => {
        const ids = new URL(path, 'http://identity').searchParams.get('ids')!.split(',');
        return { status: 200, headers: {}, body: { found: ids.filter((id) => id !== gone.userId) } as T };
      },
    };
    const job = createOrphanJob({ service: 'shipping', checks: [courierUserCheck(db.pool, identity, { publish: db.publish, positions })], logger: silent, intervalMs: 60_000 });
    const [result] = await job.runOnce();
    assert.deepEqual(result?.orphans.map((o) => [o.key, o.repaired]), [[gone.id, true]]);
    await assertRetired(gone, s, name);
  });

  test("the parcel's owner sees its courier and where they are, only while a courier has it", async () => {
    const s = await confirmedShipment();
    const c = await courierAt(east(s.parcel, 0.3));
    const asOwner = async () => app.inject({ method: 'GET', url: `/shipments/${s.tracking}/courier`, headers: { authorization: `Bearer ${await keys.token(s.userId)}` } });
    const notYet = await asOwner();
    assert.equal(notYet.statusCode, 404, 'no courier yet');
    assert.equal(notYet.json().detail, 'no courier has this parcel now');
    await dispatch();
    await c.as('POST', `/couriers/me/shipments/${s.shipmentId}/pickup`);
    const onTheWay = await asOwner();
    assert.equal(onTheWay.statusCode, 200, onTheWay.body);
    assert.equal(onTheWay.json().status, 'picked_up');
    assert.match(onTheWay.json().courier.name, /^Courier /);
    assert.ok(Math.abs(onTheWay.json().position.longitude - east(s.parcel, 0.3).longitude) < 1e-4);
    const stranger = await app.inject({ method: 'GET', url: `/shipments/${s.tracking}/courier`, headers: { authorization: `Bearer ${await keys.token(randomUUID())}` } });
    assert.equal(stranger.statusCode, 404, "someone else's parcel is not found");
    assert.equal(stranger.json().detail, 'the shipment was not found');
    await c.as('POST', `/couriers/me/shipments/${s.shipmentId}/delivered`);
    assert.equal((await asOwner()).statusCode, 404, 'delivered: no courier to show');
  });
});
