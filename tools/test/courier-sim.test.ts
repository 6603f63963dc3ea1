// The courier simulator against a whole shop, every service its own process and every call through
// the gateway: its couriers sign up, become couriers and go on shift, where an operator finds them;
// an order placed by a customer is delivered by one of them; one whose account is deleted stops;
// stopping it ends their shifts. Without an admin it says so and runs nothing.
import { randomBytes } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { Shop, type ShopCast } from '../src/testing/shop.js';
import { startCourierSimulator, type CourierSimulator } from '../src/courier-sim/simulator.js';
import { AMSTERDAM } from '../src/courier-sim/movement.js';

const run = randomBytes(4).toString('hex');
const adminEmail = `ops-${run}@bazaar.test`;
const password = 'Courier-Sim-Test-2026';
const COURIERS = 3;

let system: TestSystem;
let shop: Shop;
let cast: ShopCast;
let simulator: CourierSimulator | undefined;
const lines: string[] = [];

const call = (method: string, path: string, token?: string) => shop.call('gateway', method, path, token ? { token } : {});
const nearby = async () => (await call('GET', `/couriers/nearby?latitude=${AMSTERDAM.center.latitude}&longitude=${AMSTERDAM.center.longitude}&radiusKm=15&limit=100`, cast.admin)).body.items as { courierId: string; distanceKm: number }[];
const couriers = async () => (await call('GET', '/couriers?limit=100', cast.admin)).body.items as { id: string; name: string; onShift: boolean; position: unknown }[];

before(async () => {
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'gateway'],
    parallel: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024' },
      shipping: { SHIPPING_DISPATCH_INTERVAL_MS: '250' },
    },
  });
  shop = Shop.throughGateway(system);
  cast = await shop.furnish({ adminEmail, customerEmail: `customer-${run}@bazaar.test`, password, slug: `sim-${run}`, sku: `SIM-${run.toUpperCase()}`, priceMinor: 1500, stock: 5 });
}, { timeout: 240_000 });

after(async () => {
  await simulator?.stop();
  await system?.stop();
});

test('without an admin to sign in as, the simulator says so and sets nothing up', { timeout: 60_000 }, async () => {
  const alone = startCourierSimulator({ gateway: system.url('gateway'), couriers: 2, admin: { email: adminEmail, password: 'not-the-password-1' }, log: (line) => lines.push(line) });
  const outcome = await alone.started;
  assert.ok('problem' in outcome, JSON.stringify(outcome));
  assert.match(outcome.problem, new RegExp(`cannot sign in as the admin ${adminEmail}.*COURIER_SIMULATOR_ADMIN_EMAIL`));
  await alone.stop();
  assert.deepEqual(await couriers(), []);
});

test('its couriers sign up, go on shift and are found near the centre by an operator', { timeout: 120_000 }, async () => {
  simulator = startCourierSimulator({ gateway: system.url('gateway'), couriers: COURIERS, acceleration: 60, failureRate: 0, tickMs: { min: 500, max: 1000 }, admin: { email: adminEmail, password }, log: (line) => lines.push(line) });
  assert.deepEqual(await simulator.started, { couriers: COURIERS }, lines.join('\n'));
  const found = await eventually(async () => {
    const listed = await nearby();
    return listed.length === COURIERS ? listed : undefined;
  }, { timeoutMs: 60_000, intervalMs: 500, message: `${COURIERS} couriers near the centre` });
  for (const c of found) assert.ok(c.distanceKm <= AMSTERDAM.radiusKm, `courier ${c.courierId} is ${c.distanceKm} km out`);
  const registered = await couriers();
  assert.deepEqual(registered.map((c) => c.name).sort(), ['Simulated courier 01', 'Simulated courier 02', 'Simulated courier 03']);
  assert.ok(registered.every((c) => c.onShift), JSON.stringify(registered));
  // They ride: a courier's next fresh position is elsewhere.
  const before = JSON.stringify(found.map((c) => [c.courierId, c.distanceKm]).sort());
  await eventually(async () => JSON.stringify((await nearby()).map((c) => [c.courierId, c.distanceKm]).sort()) !== before, { timeoutMs: 30_000, intervalMs: 500, message: 'couriers that move' });
});

test('an order placed in the shop is picked up and delivered by one of the simulated couriers', { timeout: 150_000 }, async () => {
  assert.ok(simulator, 'the simulator runs (previous test)');
  const placed = await shop.placeOrder(cast.customer, { items: [{ productId: cast.product.id, quantity: 1 }], paymentMethodId: cast.card });
  const orderId = placed.body.id as string;
  const shipment = await eventually(async () => {
    const found = (await call('GET', `/shipments?orderId=${orderId}`, cast.customer)).body.items?.[0] as { status: string; trackingNumber: string } | undefined;
    return found?.status === 'delivered' ? found : undefined;
  }, { timeoutMs: 120_000, intervalMs: 1000, message: `order ${orderId} delivered (simulator said:\n${lines.join('\n')})` });
  assert.ok(lines.some((line) => line.includes(`delivered ${shipment.trackingNumber}`)), lines.join('\n'));
  assert.ok(simulator.counts().delivered >= 1);
});

test('a courier whose account an operator deletes stops riding, says so once, and the others ride on', { timeout: 90_000 }, async () => {
  assert.ok(simulator, 'the simulator runs');
  const gone = (await couriers()).find((c) => c.name === 'Simulated courier 03')!;
  const { userId } = (await call('GET', `/couriers/${gone.id}`, cast.admin)).body as { userId: string };
  assert.equal((await call('DELETE', `/users/${userId}`, cast.admin)).status, 204);
  await eventually(async () => simulator!.counts().onShift === COURIERS - 1, { timeoutMs: 60_000, intervalMs: 500, message: `the deleted courier stopping (simulator said:\n${lines.join('\n')})` });
  const said = lines.filter((line) => line.startsWith('Simulated courier 03:') && line.includes('stops riding'));
  assert.equal(said.length, 1, lines.join('\n'));
  // Shipping took it off shift when the deletion reached it; the other two are still out there.
  const now = await couriers();
  assert.deepEqual(now.filter((c) => c.onShift).map((c) => c.name).sort(), ['Simulated courier 01', 'Simulated courier 02']);
  await eventually(async () => (await nearby()).length === COURIERS - 1, { timeoutMs: 30_000, intervalMs: 500, message: 'two couriers near the centre' });
});

test('stopping it ends every courier\'s shift: none is on shift or listed nearby any more', { timeout: 60_000 }, async () => {
  assert.ok(simulator, 'the simulator runs');
  await simulator.stop();
  simulator = undefined;
  const registered = await couriers();
  assert.equal(registered.length, COURIERS, 'the deleted courier\'s record stays, under "Former courier"');
  assert.ok(registered.every((c) => !c.onShift && c.position === null), JSON.stringify(registered));
  assert.deepEqual(await nearby(), []);
});
