// A parcel's journey through shipping's real code, for the provider states of orders' pact on the
// delivery events: the saga's create-shipment, order.confirmed making it ready, the dispatcher giving
// it to a courier on shift (live position in Redis), and the courier's own calls on the HTTP API.
// One courier with room for every parcel, at the city's centre: the dispatcher gives it each one.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { contracts } from '@bazaar/contracts';
import { createEnvelope, createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { deliverMessage, publishedMessages, startKeyServer } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { Positions } from '../src/couriers/positions.js';
import { dispatchWaiting } from '../src/delivery/dispatcher.js';
import { createEventHandlers } from '../src/events.js';
import { SimulatedGeocoder } from '../src/geocoding/simulated-geocoder.js';
import { shippingKeys } from '../src/redis.js';
import { createCommand, shippingWith } from './fixtures.js';
import type { TestDb } from './support.js';

const CENTER = { latitude: 52.3676, longitude: 4.9041 };
/** Failed attempts after which shipping returns a parcel. */
export const MAX_ATTEMPTS = 3;

export interface Journeys {
  /** The order's shipment, created and made ready by the order's confirmation; the courier on shift. */
  confirmed(orderId: string): Promise<void>;
  /** The dispatcher's run: the waiting parcel goes to the courier. */
  dispatch(): Promise<void>;
  /** A courier's call on the current parcel (pickup, failed-attempts, delivered); it must succeed. */
  courier(action: 'pickup' | 'failed-attempts' | 'delivered', body?: { attempt: number; reason: string }): Promise<void>;
  /** The courier ends the shift (handing back every parcel not yet delivered) and starts another. */
  endShift(): Promise<void>;
  /** Runs `action` and returns the one message of `type` it made shipping write about the current order, as its outbox holds it. */
  messageOf(type: string, action: () => Promise<unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startJourneys(db: TestDb): Promise<Journeys> {
  const prefix = `shipping:pact-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(process.env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const keys = await startKeyServer();
  const logger = createLogger('shipping', 'silent');
  const positions = new Positions(redis, shippingKeys(prefix), 60_000);
  const geocoder = new SimulatedGeocoder(CENTER, 6);
  const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  const app: ServiceApp = await buildApp({ pool: db.pool, auth, logger, couriers: { positions, publish: db.publish, maxAttempts: MAX_ATTEMPTS } });

  const courierUser = randomUUID();
  const admin = await keys.token(randomUUID(), ['customer', 'admin']);
  const asCourier = async (method: 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${await keys.token(courierUser, ['customer', 'courier'])}` }, ...(payload ? { payload } : {}) });
  const registered = await app.inject({
    method: 'POST', url: '/couriers', headers: { authorization: `Bearer ${admin}` },
    payload: { userId: courierUser, name: 'Ana Courier', vehicle: 'cargo-bike', capacity: 50 },
  });
  assert.equal(registered.statusCode, 201, registered.body);
  assert.equal((await asCourier('PUT', '/couriers/me/shift', { onShift: true })).statusCode, 200);

  let current: { orderId: string; shipmentId: string } | undefined;
  const given = () => {
    assert.ok(current, 'no provider state set up a shipment');
    return current;
  };

  return {
    async confirmed(orderId) {
      const command = createCommand({ orderId });
      await shippingWith(db).create(command);
      await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers: createEventHandlers() }, createEnvelope('orders', 'order.confirmed', 1, {
        orderId, orderNumber: 'BZ-260314-7KQ2M', userId: command.userId, totalMinor: 9800, currency: 'EUR', confirmedAt: new Date().toISOString(),
      }));
      const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM shipments WHERE order_id_ref = $1', [orderId]);
      assert.ok(rows[0], 'the shipment was not created');
      current = { orderId, shipmentId: rows[0].id };
      // A fresh position: the dispatcher offers work only to couriers heard from lately.
      assert.equal((await asCourier('PUT', '/couriers/me/location', CENTER)).statusCode, 204);
    },
    async dispatch() {
      await dispatchWaiting({ pool: db.pool, positions, geocoder, publish: db.publish, logger, radiusKm: 15 });
      const { rows } = await db.pool.query<{ status: string }>('SELECT status FROM shipments WHERE id = $1', [given().shipmentId]);
      assert.equal(rows[0]?.status, 'dispatched', 'the parcel was not dispatched');
    },
    async courier(action, body) {
      const answer = await asCourier('POST', `/couriers/me/shipments/${given().shipmentId}/${action}`, body);
      assert.equal(answer.statusCode, 200, answer.body);
    },
    async endShift() {
      assert.equal((await asCourier('PUT', '/couriers/me/shift', { onShift: false })).statusCode, 200);
      assert.equal((await asCourier('PUT', '/couriers/me/shift', { onShift: true })).statusCode, 200);
    },
    async messageOf(type, action) {
      const before = (await publishedMessages(db.pool, { type, orderId: given().orderId })).length;
      await action();
      const written = (await publishedMessages(db.pool, { type, orderId: given().orderId })).slice(before);
      assert.equal(written.length, 1, `expected one ${type} about order ${given().orderId}, found ${written.length}`);
      return written[0]!.envelope;
    },
    async close() {
      await asCourier('PUT', '/couriers/me/shift', { onShift: false });
      await app.close();
      const left = await redis.keys(`${prefix}:*`);
      if (left.length) await redis.del(...left);
      redis.disconnect();
      await keys.close();
    },
  };
}
