import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { createJwtVerifier, createLogger, type ServiceApp } from '@bazaar/platform';
import { assertHostileSafe, published, startKeyServer, startTestDeadLetterQueue } from '@bazaar/platform/testing';
import { provisionRedisUser } from '../../../tools/src/provision.js';
import { buildApp } from '../src/app.js';
import { Positions } from '../src/couriers/positions.js';
import { shippingKeys } from '../src/redis.js';
import { createCommand, shippingWith } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

// shipping as deployed: couriers' positions in Redis under its own ACL user, its dead-letter routes on
// a real broker queue, a customer's shipment and a courier on shift, so generated requests reach
// real rows, keys and the dispatcher's tables.
const redisUrl = process.env.BAZAAR_REDIS_URL ?? 'redis://127.0.0.1:6379';
const tag = randomBytes(4).toString('hex');
const prefix = `shipping:test-${tag}`;
const customerId = randomUUID();
const courierUserId = randomUUID();
const adminId = randomUUID();
let db: TestDb;
let keys: Awaited<ReturnType<typeof startKeyServer>>;
let app: ServiceApp;
let dlq: Awaited<ReturnType<typeof startTestDeadLetterQueue>>;
let admin: Redis;
let asShipping: Redis;
let aclUser: string;
const known: Record<string, unknown[]> = {};

before(async () => {
  db = await setUpDatabase('shipping_hostile');
  keys = await startKeyServer();
  dlq = await startTestDeadLetterQueue('shipping');
  admin = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await admin.connect();
  const provisioned = await provisionRedisUser(redisUrl, { name: `shipping-${tag}`, redisPrefix: prefix }, randomBytes(16).toString('hex'), { userPrefix: 'test' });
  aclUser = provisioned.user;
  asShipping = new Redis(provisioned.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await asShipping.connect();
  const positions = new Positions(asShipping, shippingKeys(prefix), 60_000, () => new Date());
  const auth = createJwtVerifier({ jwksUrl: keys.jwksUrl, issuer: 'bazaar-identity', audience: 'bazaar' });
  app = await buildApp({ pool: db.pool, auth, logger: createLogger('shipping', 'silent'), couriers: { positions, publish: db.publish, maxAttempts: 3 }, deadLetters: dlq.deadLetters });

  const command = createCommand({ userId: customerId });
  await shippingWith(db).create(command);
  const [reply] = await published(db.pool, command.orderId);
  const as = async (userId: string, roles: string[]) => ({ authorization: `Bearer ${await keys.token(userId, roles)}` });
  const courier = await app.inject({ method: 'POST', url: '/couriers', headers: await as(adminId, ['customer', 'admin']), payload: { userId: courierUserId, name: 'Ana Pereira', vehicle: 'cargo-bike', capacity: 4 } });
  if (courier.statusCode !== 201) throw new Error(`courier: ${courier.statusCode} ${courier.body}`);
  await app.inject({ method: 'PUT', url: '/couriers/me/shift', headers: await as(courierUserId, ['courier']), payload: { onShift: true } });
  await app.inject({ method: 'PUT', url: '/couriers/me/location', headers: await as(courierUserId, ['courier']), payload: { latitude: 52.3791, longitude: 4.9003 } });
  const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM shipments WHERE order_id_ref = $1', [command.orderId]);
  Object.assign(known, {
    tracking: [reply!.payload.trackingNumber], id: [courier.json().id, ...rows.map((r) => r.id)], userId: [courierUserId],
    latitude: [52.3791], longitude: [4.9003], orderId: [command.orderId],
  });
});
after(async () => {
  await app?.close();
  await dlq?.close();
  asShipping?.disconnect();
  const left = await admin.keys(`${prefix}:*`);
  if (left.length) await admin.del(...left);
  await admin.call('ACL', 'DELUSER', aclUser);
  admin.disconnect();
  await keys?.close();
  await db?.close();
});

test('shipping: every route answers hostile requests with a 2xx or a problem+json 4xx, never a 5xx', async () => {
  const as = async (userId: string, roles: string[]) => ({ authorization: `Bearer ${await keys.token(userId, roles)}` });
  const auth = { user: await as(customerId, ['customer']), admin: await as(adminId, ['customer', 'admin']), courier: await as(courierUserId, ['courier']) };
  await assertHostileSafe(app, { auth, known });
});
