// Fault isolation: RabbitMQ stops in the middle of checkouts. The system runs on a private RabbitMQ
// node of its own (the machine's broker is never touched: the tests beside this one use it). Sagas
// are in flight when the broker stops; while it is down the shop still answers reads and accepts
// orders, whose messages wait in orders' outbox (the backlog is read from orders' database). When the
// broker is back every saga completes, and every effect happens exactly once, as read from each
// service's own database.
import { randomBytes } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import { privateBrokerUnusable, startPrivateBroker, type PrivateBroker } from '../src/testing/broker.js';
import { Shop, watchForExits, type ShopProduct } from '../src/testing/shop.js';
import { SystemReader, audit, outcomeOf, showCounts } from '../src/testing/invariants.js';
import type { JsonAnswer } from '../src/testing/http.js';

const run = randomBytes(3).toString('hex');
const adminEmail = `fault-mq-ops-${run}@bazaar.test`;
const customerEmail = `fault-mq-${run}@bazaar.test`;
const password = 'Fault-Broker-2026';
const WHILE_DOWN = 3;
const OUTAGE_MS = 10_000;
const say = (line: string) => console.log(`[fault-broker] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unusable = privateBrokerUnusable();

let broker: PrivateBroker | undefined;
let system: TestSystem | undefined;
let reader: SystemReader | undefined;
let gateway: Shop;
let direct: Shop;
let customer: string;
let card: string;
let product: ShopProduct;
let crashed: string[] = [];

before(async () => {
  if (unusable) {
    say(`skipped: ${unusable}`);
    return;
  }
  const started = Date.now();
  broker = await startPrivateBroker({ log: say });
  system = await startTestSystem({
    services: ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'gateway'],
    amqpUrl: broker.url,
    parallel: true,
    env: {
      identity: { IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      orders: { ORDERS_DEADLINE_INTERVAL_MS: '250' },
    },
  });
  say(`private broker and seven services up in ${seconds(Date.now() - started)}`);
  crashed = watchForExits(system, say);
  reader = new SystemReader(system);
  gateway = Shop.throughGateway(system);
  direct = Shop.direct(system);
  ({ customer, card, product } = await gateway.furnish({ adminEmail, customerEmail, password, slug: `fault-mq-${run}`, sku: `FMQ-${run.toUpperCase()}`, priceMinor: 2_500, stock: 100 }));
}, { timeout: 240_000 });

after(async () => {
  const started = Date.now();
  await reader?.close();
  await system?.stop();
  const systemStopped = Date.now();
  await broker?.stop();
  if (broker) say(`teardown: system stopped and removed in ${seconds(systemStopped - started)}, private broker node ended and removed in ${seconds(Date.now() - systemStopped)}`);
});

test('RabbitMQ stops mid-checkout: reads answer, orders are accepted and wait in the outbox; when it is back every saga completes, each effect once', { skip: unusable ?? false, timeout: 180_000 }, async () => {
  const r = reader!;
  const order = () => gateway.placeOrder(customer, { items: [{ productId: product.id, quantity: 1 }], paymentMethodId: card });
  const placed: string[] = [];
  const backlog = async () => r.unsent('orders');

  // Checkouts go on at a steady pace, and the broker stops under them.
  let placing = true;
  const placer = (async () => {
    while (placing) {
      placed.push((await order()).body.id as string);
      await sleep(100);
    }
  })();
  placer.catch(() => undefined); // its failure is the test's, when it is awaited below
  await sleep(1_500);
  const stopping = Date.now();
  await broker!.stopApp();
  placing = false;
  await placer;
  const downSince = Date.now();
  const { rows: inFlight } = await r.db('orders').query<{ id: string; step: string }>(
    "SELECT o.id, s.step FROM orders o JOIN checkout_sagas s ON s.order_id = o.id WHERE o.status = 'pending' ORDER BY o.created_at",
  );
  const steps = inFlight.reduce<Record<string, number>>((m, o) => ({ ...m, [o.step]: (m[o.step] ?? 0) + 1 }), {});
  say(`${placed.length} checkouts placed, one every ~0.1 s; the broker stopped under them (rabbitmqctl stop_app, ${downSince - stopping} ms)`);
  say(`  at the stop: ${showCounts(await r.statusCounts())}; sagas in flight by the step they wait on: ${JSON.stringify(steps)}; orders' outbox backlog ${await backlog()}`);
  assert.ok(inFlight.length > 0, 'some sagas were in flight when the broker stopped');

  // While it is down: reads answer, new orders are accepted and their messages wait.
  const expectOk = async (label: string, answer: Promise<JsonAnswer>) => {
    const value = await answer;
    assert.equal(value.status, 200, `${label}: ${JSON.stringify(value.body)}`);
    return value;
  };
  const backlogs = [await backlog()];
  for (let i = 0; i < WHILE_DOWN; i++) {
    const accepted = await order();
    placed.push(accepted.body.id as string);
    backlogs.push(await backlog());
    const products = await expectOk('catalog GET /products', gateway.call('catalog', 'GET', '/products'));
    const me = await expectOk('identity GET /users/me', gateway.call('identity', 'GET', '/users/me', { token: customer }));
    const mine = await expectOk('orders GET /orders/:id', gateway.call('orders', 'GET', `/orders/${placed[0]}`, { token: customer }));
    const latest = await expectOk('orders GET /orders/:id (the new one)', gateway.call('orders', 'GET', `/orders/${accepted.body.id}`, { token: customer }));
    say(`  down ${seconds(Date.now() - downSince)}: POST /orders -> ${accepted.status}; orders' outbox backlog ${backlogs.at(-1)}; reads: /products ${products.status} (${products.body.items.length} items), /users/me ${me.status} (${me.body.email}), first order ${mine.body.status}/${mine.body.checkout?.step ?? 'done'}, new order ${latest.body.status}/${latest.body.checkout?.step}`);
    assert.equal(me.body.email, customerEmail);
    assert.equal(latest.body.status, 'pending');
  }
  const health = await direct.call('orders', 'GET', '/health');
  say(`  down: orders /health -> ${health.status} ${health.body.status}; ${Object.entries(health.body.checks ?? {}).map(([name, c]) => `${name} ${(c as { status: string }).status}`).join(', ')}`);
  say(`  down: orders' outbox backlog ${backlogs.join(' -> ')} (rows not yet confirmed by the broker)`);
  assert.ok(backlogs.every((n, i) => i === 0 || n > backlogs[i - 1]!), `the backlog grows with each accepted order: ${backlogs.join(', ')}`);

  // The broker comes back.
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downSince)));
  const starting = Date.now();
  await broker!.startApp();
  say(`broker started again after ${seconds(starting - downSince)} down (rabbitmqctl start_app, accepting connections ${Date.now() - starting} ms later)`);
  const drained = Date.now();
  while ((await backlog()) > 0 && Date.now() - drained < 60_000) await sleep(100);
  say(`orders' outbox drained ${Date.now() - drained} ms after the broker was back`);

  const settled = await r.settle({ timeoutMs: 60_000, say: (line) => say(`  ${line}`) });
  const snapshot = await r.snapshot(placed.length, placed);
  const violations = audit(snapshot);
  const outcomes = snapshot.orders.reduce<Record<string, number>>((m, o) => ({ ...m, [outcomeOf(o)]: (m[outcomeOf(o)] ?? 0) + 1 }), {});
  say(`settled in ${seconds(settled.ms)}: ${placed.length} orders accepted, ${snapshot.orders.length} in orders' database; outcomes ${JSON.stringify(outcomes)}`);
  say(`effects: payments ${snapshot.payments.length} (captured ${snapshot.payments.filter((p) => p.status === 'captured').length}), reservations ${snapshot.reservations.length}, shipments ${snapshot.shipments.length}; unsent outbox rows ${Object.values(snapshot.unsent).reduce((a, b) => a + b, 0)}; parked ${Object.values(snapshot.deadLetters).reduce((a, d) => a + d.depth, 0)}`);
  for (const v of violations) say(`VIOLATION ${v.rule}: ${v.detail}`);
  assert.deepEqual(crashed, [], 'no service process exited');
  assert.ok(settled.quiet, `the system did not settle: ${JSON.stringify(settled.last)}`);
  assert.deepEqual(violations.map((v) => `${v.rule}: ${v.detail}`), [], 'an effect was lost or doubled');
  assert.deepEqual(outcomes, { confirmed: placed.length }, 'every checkout completes');
});
