// Shipping keeps what its HTTP consumers recorded (pacts/<consumer>-shipping.json): the real app,
// listening on a real port over its own migrated database, verified by pact. Shipments are created by
// shipping's own handler of the create-shipment command, for one customer whose token, from this
// file's test issuer, replaces the one the pact recorded; the tracking number shipping assigned goes
// back to pact for the request path.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { replaceBearerToken, unhandledStates, verifyPacts } from '@bazaar/contract-testing';
import { Redis } from 'ioredis';
import { contracts } from '@bazaar/contracts';
import { createEnvelope, createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { deliverMessage } from '@bazaar/platform/testing';
import { buildApp } from '../src/app.js';
import { Positions } from '../src/couriers/positions.js';
import { dispatchWaiting } from '../src/delivery/dispatcher.js';
import { createEventHandlers } from '../src/events.js';
import { SimulatedGeocoder } from '../src/geocoding/simulated-geocoder.js';
import { shippingKeys } from '../src/redis.js';
import { createCommand, shippingWith } from './fixtures.js';
import { published, startKeyServer } from '@bazaar/platform/testing';
import { setUpDatabase, type TestDb } from './support.js';

let db: TestDb;
let keys: Awaited<ReturnType<typeof startKeyServer>>;
let app: ServiceApp;
let providerBaseUrl = '';
const customerId = randomUUID();
let token = '';
let redis: Redis;
let positions: Positions;
const redisPrefix = `shipping:pact-${randomUUID().slice(0, 8)}`;
const CENTRE = { latitude: 52.3676, longitude: 4.9041 };
const geocoder = new SimulatedGeocoder(CENTRE, 6);

before(async () => {
  db = await setUpDatabase('shipping_pact_http');
  keys = await startKeyServer();
  const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  redis = new Redis(process.env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  positions = new Positions(redis, shippingKeys(redisPrefix), 60_000);
  app = await buildApp({ pool: db.pool, auth, logger: createLogger('shipping', 'silent'), couriers: { positions, publish: db.publish, maxAttempts: 3 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  providerBaseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  token = await keys.token(customerId);
});
after(async () => {
  await app?.close();
  const left = await redis?.keys(`${redisPrefix}:*`);
  if (left?.length) await redis.del(...left);
  redis?.disconnect();
  await keys?.close();
  await db?.close();
});

/** A shipment of the customer's, created by shipping's own handler of the saga's command. */
async function customersShipment(orderId: string = randomUUID()) {
  const command = createCommand({ userId: customerId, orderId });
  await shippingWith(db).create(command);
  const [reply] = await published(db.pool, command.orderId);
  assert.equal(reply?.type, 'shipment.created');
  return { orderId: command.orderId, shipmentId: reply.payload.shipmentId as string, trackingNumber: reply.payload.trackingNumber as string };
}

const stateHandlers = {
  'the signed-in user has a shipment': async () => ({ trackingNumber: (await customersShipment()).trackingNumber }),
  'the signed-in user has a shipment for order 0190f1c2-7a3b-7c4d-8e5f-0000000000d2': async () => {
    await customersShipment('0190f1c2-7a3b-7c4d-8e5f-0000000000d2');
    return {};
  },
  // Through shipping's own code: the order confirmed, a courier registered, on shift near the
  // parcel, the dispatcher assigning it, the courier picking it up.
  "a courier has picked up the signed-in user's parcel": async () => {
    const shipment = await customersShipment();
    await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers: createEventHandlers() }, createEnvelope('orders', 'order.confirmed', 1, {
      orderId: shipment.orderId, orderNumber: 'BZ-261205-PACT2', userId: customerId, totalMinor: 4900, currency: 'EUR', confirmedAt: new Date().toISOString(),
    }));
    const courierUser = randomUUID();
    const asAdmin = { authorization: `Bearer ${await keys.token(randomUUID(), ['customer', 'admin'])}` };
    const asCourier = { authorization: `Bearer ${await keys.token(courierUser, ['customer', 'courier'])}` };
    const courier = await app.inject({ method: 'POST', url: '/couriers', headers: asAdmin, payload: { userId: courierUser, name: 'Ana', vehicle: 'cargo-bike', capacity: 2 } });
    assert.equal(courier.statusCode, 201, courier.body);
    await app.inject({ method: 'PUT', url: '/couriers/me/shift', headers: asCourier, payload: { onShift: true } });
    await app.inject({ method: 'PUT', url: '/couriers/me/location', headers: asCourier, payload: CENTRE });
    const run = await dispatchWaiting({ pool: db.pool, positions, geocoder, publish: db.publish, logger: createLogger('shipping', 'silent'), radiusKm: 15 });
    assert.equal(run.dispatched, 1);
    const pickup = await app.inject({ method: 'POST', url: `/couriers/me/shipments/${shipment.shipmentId}/pickup`, headers: asCourier });
    assert.equal(pickup.statusCode, 200, pickup.body);
    return { trackingNumber: shipment.trackingNumber };
  },
};

test('every provider state the HTTP pacts name has a handler', () => {
  // With no handlers at all, every state the pacts name is unhandled: there must be some.
  assert.notDeepEqual(unhandledStates('shipping', {}, { kind: 'http' }), [], 'the pacts name provider states');
  assert.deepEqual(unhandledStates('shipping', stateHandlers, { kind: 'http' }), []);
});

test('shipping keeps the pacts of its HTTP consumers', async () => {
  const results = await verifyPacts({ provider: 'shipping', providerBaseUrl, stateHandlers, kind: 'http', verifier: { requestFilter: replaceBearerToken(() => token) } });
  assert.deepEqual(results.map((r) => [r.consumer, r.success, r.error]), [['gateway', true, undefined]]);
});
