// A feature flag flipped under a running service: identity and shipping as real processes (their own
// databases, Redis users and broker queues), shipping reading npm start's flag store, two couriers on
// shift. Parcels made ready by the saga's messages, sent to shipping's own queues, go to the nearest
// courier; an admin flips courier-dispatch-strategy to least-loaded through the flag store's API (a
// file renamed into place) and, the same shipping process still running, the next parcels go to the
// idle courier; flipped back, to the nearest again.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import amqp from 'amqplib';
import pg from 'pg';
import { createEnvelope, topologyNames } from '@bazaar/platform';
import { eventually } from '@bazaar/platform/testing';
import { databaseUrlOf, startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop, type ShopCourier } from '../src/testing/shop.js';
import { startFlagStore, type FlagStore } from '../src/flags-server.js';

const run = randomBytes(4).toString('hex');
const adminEmail = `ops-${run}@bazaar.test`;
const password = 'Flags-Dispatch-2026';
const CENTRE = { latitude: 52.3676, longitude: 4.9041 };
const SETTLE = { timeoutMs: 45_000, intervalMs: 250 };
/** A point `km` east of the centre. */
const east = (km: number) => ({ latitude: CENTRE.latitude, longitude: CENTRE.longitude + km / (111.32 * Math.cos((CENTRE.latitude * Math.PI) / 180)) });

let dataRoot: string;
let store: FlagStore;
let system: TestSystem;
let shop: Shop;
let admin: string;
let shippingDb: pg.Pool;
let near: ShopCourier;
let far: ShopCourier;

before(async () => {
  dataRoot = await mkdtemp(path.join(tmpdir(), 'bazaar-flags-dispatch-'));
  // The flag file as npm start keeps it: a copy of deploy/flags/flags.json (strategy: nearest).
  store = await startFlagStore({ dataRoot, port: 0, log: () => undefined });
  system = await startTestSystem({
    services: ['identity', 'shipping'],
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024' },
      shipping: {
        FLAGS_FILE: store.file,
        SHIPPING_DISPATCH_INTERVAL_MS: '200',
        // Every parcel at the centre (the geocoder simulator's city a few metres wide), and couriers'
        // positions fresh for the whole test however slow the machine.
        SHIPPING_GEOCODER_RADIUS_KM: '0.001',
        SHIPPING_POSITION_MAX_AGE_SECONDS: '3600',
      },
    },
  });
  await store.close();
  // Now with identity to check admins' tokens: the admin server over the same file.
  store = await startFlagStore({ dataRoot, port: 0, identityUrl: system.url('identity'), log: () => undefined });
  shop = Shop.direct(system);
  admin = await shop.register(adminEmail, password, 'Flags Operator');
  near = await shop.newCourier(admin, { email: `near-${run}@bazaar.test`, password, name: 'Nadia Near', capacity: 5 });
  far = await shop.newCourier(admin, { email: `far-${run}@bazaar.test`, password, name: 'Farid Far', capacity: 5 });
  await shop.startShift(near, east(0.5));
  await shop.startShift(far, east(3));
  shippingDb = new pg.Pool({ connectionString: databaseUrlOf(system, 'shipping'), max: 2 });
}, { timeout: 240_000 });

after(async () => {
  await shippingDb?.end();
  await store?.close();
  await system?.stop();
  if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
});

/** Sends one message to shipping's own queue, as the broker would deliver it. */
async function send(queue: 'commands' | 'events', type: string, payload: Record<string, unknown>): Promise<void> {
  const envelope = createEnvelope('orders', type, 1, payload);
  const connection = await amqp.connect(system.amqpUrl);
  try {
    const channel = await connection.createConfirmChannel();
    channel.sendToQueue(topologyNames('shipping', system.namespace).queues[queue], Buffer.from(JSON.stringify(envelope)), {
      persistent: true, contentType: 'application/json', messageId: envelope.id, type,
    });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

/** A parcel as the checkout saga makes one (create, then the order's confirmation); the courier it is dispatched to. */
async function dispatchedTo(): Promise<string> {
  const orderId = randomUUID();
  const userId = randomUUID();
  await send('commands', 'shipping.create-shipment', {
    shipmentRequestId: randomUUID(), orderId, userId,
    recipient: { name: 'Ada Lovelace', line1: `${run} Prinsengracht`, city: 'Amsterdam', postalCode: '1015 DZ', country: 'NL' },
    items: [{ sku: 'FLAG-0001', quantity: 1 }],
  });
  await eventually(async () => (await shippingDb.query('SELECT 1 FROM shipments WHERE order_id_ref = $1', [orderId])).rowCount === 1, { ...SETTLE, message: `shipping never made the shipment of ${orderId}` });
  await send('events', 'order.confirmed', { orderId, orderNumber: `BZ-FLAGS-${run}`, userId, totalMinor: 1000, currency: 'EUR', confirmedAt: new Date().toISOString() });
  return eventually(async () => {
    const { rows } = await shippingDb.query<{ courier_id: string | null }>('SELECT courier_id FROM shipments WHERE order_id_ref = $1', [orderId]);
    return rows[0]?.courier_id ?? undefined;
  }, { ...SETTLE, message: `the shipment of ${orderId} was never dispatched` });
}

interface FlagsCheck { status: string; details: { provider: string; changesApplied: number; lastChangeAt: string | null } }
const flagsCheck = async () => (await shop.call('shipping', 'GET', '/health')).body.checks.flags as FlagsCheck;

/** An admin sets the strategy through the flag store's API; resolves once shipping has applied the change. */
async function flipTo(strategy: 'nearest' | 'least-loaded'): Promise<void> {
  const before = (await flagsCheck()).details.changesApplied;
  const response = await fetch(`${store.url}/flags/courier-dispatch-strategy`, {
    method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ defaultVariant: strategy }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  assert.equal(((await response.json()) as { defaultVariant: string }).defaultVariant, strategy);
  await eventually(async () => (await flagsCheck()).details.changesApplied > before, { ...SETTLE, message: `shipping never applied ${strategy}` });
}

test('flipping courier-dispatch-strategy changes which courier shipping picks, without restarting it', { timeout: 240_000 }, async () => {
  const pid = system.services.shipping!.pid;
  const first = await flagsCheck();
  assert.equal(first.status, 'healthy');
  assert.deepEqual(first.details, { provider: 'ready', changesApplied: 0, lastChangeAt: null });

  assert.equal(await dispatchedTo(), near.id, 'nearest: the nearest courier');
  assert.equal(await dispatchedTo(), near.id, 'nearest: the nearest again, though it carries one');

  await flipTo('least-loaded');
  assert.equal(await dispatchedTo(), far.id, 'least-loaded: the idle courier (carrying 0 against 2)');
  assert.equal(await dispatchedTo(), far.id, 'least-loaded: 1 against 2');
  assert.equal(await dispatchedTo(), near.id, 'least-loaded: 2 each, the nearer');

  await flipTo('nearest');
  assert.equal(await dispatchedTo(), near.id, 'nearest again, though it carries 3 against 2');

  assert.equal(system.services.shipping!.pid, pid, 'the same shipping process throughout');
  // The store's log says who flipped what.
  const flips = await eventually(async () => {
    const lines = (await readFile(path.join(dataRoot, 'logs', 'flags.log'), 'utf8').catch(() => '')).split('\n').filter((l) => l.includes('"flag changed"'));
    return lines.length === 2 ? lines.map((l) => JSON.parse(l) as { flag: string; defaultVariant: string; by: { email: string } }) : undefined;
  }, { ...SETTLE, message: "the flag store's log never had both flips" });
  assert.deepEqual(flips.map((f) => [f.flag, f.defaultVariant, f.by.email]), [['courier-dispatch-strategy', 'least-loaded', adminEmail], ['courier-dispatch-strategy', 'nearest', adminEmail]]);
  assert.equal((await flagsCheck()).details.changesApplied, 2);
});
