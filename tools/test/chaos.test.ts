// Chaos for the checkout saga and the delivery: 200 checkouts with random declines, out-of-stock
// items, unshippable addresses and customer cancellations, while couriers on shift pick up, fail
// attempts, deliver and return parcels (sending some calls twice, ending shifts mid-round), and
// orders, payments, inventory and shipping, each running as two replicas (as `npm start -- --replicas`
// runs them: competing consumers on the same queues, relays and jobs sharing the same tables), are
// killed (SIGKILL) and restarted: for two of them one replica dies mid-saga while the other carries
// on, for the other two every replica dies at once, a whole outage (shipping while a shipment waits
// for its courier). Already-sent outbox rows are marked unsent so the relays
// deliver those messages again under the same ids (the inboxes must absorb them). Afterwards every
// saga must be settled, every parcel delivered or returned, and the invariants must hold, read
// straight from each service's own database:
//   - no CONFIRMED order without exactly one captured payment of its total, a live reservation of
//     its items and a shipment;
//   - no money kept (captured and not refunded) and no authorization left held for a CANCELLED or
//     REJECTED order, neither in payments nor at the (simulated) card processor;
//   - no stock below zero, reserved never above on hand, the ledger summing to the snapshots, and
//     reserved stock equal to what live reservations hold;
//   - at most one payment and one successful capture per order;
//   - nothing left unsent in any outbox, nothing parked in any dead-letter queue;
//   - every confirmed order delivered (or cancelled and refunded after its parcel was returned), its
//     stock committed exactly once (on dispatch, whatever was repeated or handed back), a returned
//     parcel's items received back exactly once, each order agreeing with its shipment.
// The run is driven by a seeded generator: the seed is printed, and CHAOS_SEED=<seed> replays the
// same plan (orders, cards, addresses, cancellations, which service dies after how many orders and
// for how long, when and how much is sent again; the couriers' choices come from a second stream of
// the same seed). Timing still varies from run to run, so a replay
// is the same plan, not the same interleaving. CHAOS_ORDERS and CHAOS_CONCURRENCY change the size
// (200 and 8 by default), CHAOS_COURIERS the couriers on shift (8, three parcels each),
// CHAOS_MAX_ATTEMPTS the deliveries before a failing message is parked (5), CHAOS_REPLICAS the
// processes of each killed service (2; with 1 every kill is an outage).
//
// A second test plants violations, one at a time, in a copy of the data the run left behind and
// checks that the audit reports each of them: the audit can fail, and it reads real rows.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../src/testing/system.js';
import type { JsonAnswer, JsonRequestOptions } from '../src/testing/http.js';
import { Shop, CARDS, type ShopCourier } from '../src/testing/shop.js';
import { CourierCrew } from '../src/testing/courier-crew.js';
import { seededRandom } from '../src/random.js';
import { DATABASE_SERVICES, SystemReader, audit, coverage, outcomeOf, quiet, showCounts, type Snapshot } from '../src/testing/invariants.js';

const SEED = process.env.CHAOS_SEED ? Number(process.env.CHAOS_SEED) : randomInt(1, 2 ** 31 - 1);
const ORDERS = Number(process.env.CHAOS_ORDERS ?? 200);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 8);
const COURIERS = Number(process.env.CHAOS_COURIERS ?? 8);
/** Failed attempts after which shipping returns a parcel (its SHIPPING_MAX_DELIVERY_ATTEMPTS here). */
const DELIVERY_ATTEMPTS = 3;
/** Where shipping's geocoder simulator puts every address (its default), and the couriers work. */
const CITY = { latitude: 52.3676, longitude: 4.9041 };
const STEP_TIMEOUT_MS = 5_000;
/**
 * Deliveries before a failing message is parked: the system's default (5). A handler's transient
 * refusal ("another operation on this payment is in flight") gets twelve times as many, so a void that
 * arrives while its authorization is still at the processor waits for it instead of being parked.
 */
const MAX_ATTEMPTS = Number(process.env.CHAOS_MAX_ATTEMPTS ?? 5);
const SETTLE_TIMEOUT_MS = 120_000;
const SUBMIT_RETRY_BUDGET_MS = 60_000;
/** How long a customer follows an order before placing the next one (it is audited all the same). */
const FOLLOW_MS = 30_000;
const KILLED = ['orders', 'payments', 'inventory', 'shipping'] as const;
const REPLICAS = Number(process.env.CHAOS_REPLICAS ?? 2);
const DATABASES = DATABASE_SERVICES;
/** Services whose outbox rows are marked unsent again: the saga's orchestrator and its participants. */
const RESENDERS = ['orders', 'payments', 'inventory', 'shipping'] as const;

const run = randomBytes(3).toString('hex').toUpperCase();
const adminEmail = `chaos-ops-${run.toLowerCase()}@bazaar.test`;
const password = 'Chaos-Saga-2026';
const say = (line: string) => console.log(`[chaos] ${line}`);

const random = seededRandom(SEED);
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The system and its parts

let system: TestSystem;
let admin: string;
/** Each service's own database and the broker's queues, read as the audit reads them. */
let reader: SystemReader;
const db = (service: string) => reader.db(service);
/** Every call straight to the service that serves it (the gateway is not part of this run). */
let shop: Shop;

type Answer = JsonAnswer;

const call = (service: string, method: string, path: string, options: JsonRequestOptions = {}): Promise<Answer> => shop.call(service, method, path, options);
const register = (email: string) => shop.register(email, password, 'Chaos Tester');
const saveCard = (token: string, number: string) => shop.saveCard(token, number);

type CardKind = keyof typeof CARDS;

interface Customer { email: string; token: string; cards: Record<CardKind, string> }
interface Product { id: string; sku: string; priceMinor: number; stock: number; scarce: boolean }

async function createProduct(categoryId: string, sku: string, priceMinor: number, stock: number, scarce: boolean): Promise<Product> {
  return { ...(await shop.createProduct(admin, { categoryId, sku, priceMinor, stock, name: `Chaos ${sku}` })), scarce };
}

// ---------------------------------------------------------------------------------------------
// The plan: every order, and what happens to the system while they are placed

interface PlannedOrder {
  n: number;
  key: string;
  customer: number;
  card: CardKind;
  items: { productId: string; sku: string; quantity: number }[];
  country: string;
  /** The client sends the same request again with the same key after it was accepted. */
  repeatPost: boolean;
  /** The customer cancels this long after the order was accepted. */
  cancelAfterMs: number | null;
}

function cardFor(r: number): CardKind {
  if (r < 0.56) return 'approve';
  if (r < 0.72) return 'approveMastercard';
  if (r < 0.82) return 'decline';
  if (r < 0.88) return 'insufficientFunds';
  if (r < 0.96) return 'captureDeclined';
  return 'processorTimeout';
}

function planOrders(products: Product[], customers: number): PlannedOrder[] {
  const plenty = products.filter((p) => !p.scarce);
  const scarce = products.filter((p) => p.scarce);
  return Array.from({ length: ORDERS }, (_, n) => {
    const lines = new Map<string, PlannedOrder['items'][number]>();
    const count = between(1, 3);
    for (let i = 0; i < count; i++) {
      const wantsScarce = random() < 0.2;
      const product = pick(wantsScarce ? scarce : plenty);
      if (lines.has(product.id)) continue;
      // Scarce lines sometimes ask for more than was ever received.
      const quantity = wantsScarce ? (random() < 0.1 ? product.stock + between(1, 3) : between(1, 2)) : between(1, 4);
      lines.set(product.id, { productId: product.id, sku: product.sku, quantity });
    }
    const order: PlannedOrder = {
      n,
      key: `chaos-${run}-${SEED}-${n}`,
      customer: between(0, customers - 1),
      card: cardFor(random()),
      items: [...lines.values()],
      country: random() < 0.06 ? 'XX' : pick(['DE', 'FR', 'GB', 'NL', 'SE']),
      repeatPost: random() < 0.1,
      cancelAfterMs: random() < 0.05 ? between(0, 2_500) : null,
    };
    // Whatever the draw, a few orders are sure to reach the shipment step and fail there.
    if (n % 25 === 7) Object.assign(order, { card: 'approve', country: 'XX', items: order.items.filter((i) => !scarce.some((p) => p.id === i.productId)) });
    if (order.items.length === 0) order.items.push({ productId: plenty[0]!.id, sku: plenty[0]!.sku, quantity: 1 });
    return order;
  });
}

type ChaosEvent =
  /** `replica`: one process of the service (its `replica`-th); `service`: all of them. */
  | { at: number; kind: 'kill'; service: (typeof KILLED)[number]; downMs: number; scope: 'replica' | 'service'; replica: number }
  | { at: number; kind: 'resend'; fraction: number; max: number };

function planChaos(): ChaosEvent[] {
  const scale = ORDERS / 200;
  const victims = shuffled(KILLED);
  // One outage shorter than a step's deadline (the saga just waits), one longer (steps time out and
  // are compensated while replies may still be on their way), two anywhere between.
  const outages = shuffled([between(300, 1_500), STEP_TIMEOUT_MS + between(1_000, 3_000), between(300, STEP_TIMEOUT_MS + 3_000), between(300, STEP_TIMEOUT_MS + 3_000)]);
  // With replicas, two of the kills take one replica (the saga goes on on the other), two the whole service.
  const scopes = REPLICAS > 1 ? shuffled(['replica', 'replica', 'service', 'service'] as const) : (['service', 'service', 'service', 'service'] as const);
  const kill = (at: number, i: number): ChaosEvent => ({ at: Math.round(at * scale), kind: 'kill', service: victims[i]!, downMs: outages[i]!, scope: scopes[i]!, replica: between(1, REPLICAS) });
  return [
    kill(35, 0),
    { at: Math.round(60 * scale), kind: 'resend', fraction: 0.25, max: 60 },
    kill(85, 1),
    { at: Math.round(110 * scale), kind: 'resend', fraction: 0.25, max: 60 },
    kill(130, 2),
    kill(155, 3),
    { at: Math.round(175 * scale), kind: 'resend', fraction: 0.25, max: 60 },
  ];
}

// ---------------------------------------------------------------------------------------------
// What the run saw

const seen = {
  accepted: 0,
  postRetries: 0,
  replays: 0,
  replayMismatches: [] as string[],
  unexpected: [] as string[],
  cancels: { accepted: 0, refused: 0, retries: 0 },
  kills: [] as { service: string; atSubmitted: number; downMs: number; restartMs: number; parcels?: string }[],
  resends: [] as { atSubmitted: number; rows: Record<string, number> }[],
  /** Inbox outcomes counted by the services' own metrics (scraped before each kill and at the end). */
  handled: {} as Record<string, Record<string, number>>,
};

/** Adds up the inbox outcomes a process counted; each process is scraped once in its life (before it is killed, or at the end). */
async function scrapeHandled(service: string, process: string): Promise<void> {
  const response = await fetch(system.metricsUrl(process), { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
  if (!response?.ok) return;
  const text = await response.text();
  const counts = (seen.handled[service] ??= {});
  for (const match of text.matchAll(/^messages_handled_total\{([^}]*)\}\s+([0-9.e+]+)$/gm)) {
    const outcome = /outcome="([^"]+)"/.exec(match[1]!)?.[1];
    if (outcome) counts[outcome] = (counts[outcome] ?? 0) + Number(match[2]);
  }
}

const checkoutRequest = (plan: PlannedOrder, customer: Customer) => ({
  items: plan.items.map(({ productId, quantity }) => ({ productId, quantity })),
  shippingAddress: { name: `Customer ${plan.customer}`, line1: `${plan.n} Chaos Street`, city: 'Entropy', postalCode: '10115', country: plan.country },
  paymentMethodId: customer.cards[plan.card],
});

/** POST /orders until it is accepted: 503 or a refused connection while orders is down is expected. */
async function submit(plan: PlannedOrder, customer: Customer): Promise<string> {
  const body = checkoutRequest(plan, customer);
  const deadline = Date.now() + SUBMIT_RETRY_BUDGET_MS;
  for (let attempt = 1; ; attempt++) {
    let answer: Answer | undefined;
    try {
      answer = await call('orders', 'POST', '/orders', { token: customer.token, body, headers: { 'idempotency-key': plan.key } });
    } catch {
      answer = undefined; // connection refused or reset: orders is down
    }
    if (answer?.status === 202) return answer.body.id as string;
    if (answer && answer.status !== 502 && answer.status !== 503 && answer.status !== 504) {
      throw new Error(`order #${plan.n}: POST /orders answered ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    if (Date.now() > deadline) throw new Error(`order #${plan.n}: POST /orders not accepted within ${SUBMIT_RETRY_BUDGET_MS / 1000} s (last: ${answer?.status ?? 'no answer'})`);
    seen.postRetries++;
    await sleep(Math.min(1_000, 100 * attempt));
  }
}

async function repeatPost(plan: PlannedOrder, customer: Customer, orderId: string): Promise<void> {
  const body = checkoutRequest(plan, customer);
  const deadline = Date.now() + SUBMIT_RETRY_BUDGET_MS;
  for (;;) {
    const answer = await call('orders', 'POST', '/orders', { token: customer.token, body, headers: { 'idempotency-key': plan.key } }).catch(() => undefined);
    if (answer?.status === 202) {
      seen.replays++;
      if (answer.body.id !== orderId || answer.headers.get('idempotent-replayed') !== 'true') {
        seen.replayMismatches.push(`#${plan.n}: first ${orderId}, again ${answer.body.id} (replayed: ${answer.headers.get('idempotent-replayed')})`);
      }
      return;
    }
    if (answer && answer.status < 500) {
      seen.unexpected.push(`#${plan.n}: the repeated POST answered ${answer.status} ${JSON.stringify(answer.body)}`);
      return;
    }
    if (Date.now() > deadline) {
      seen.unexpected.push(`#${plan.n}: the repeated POST was never answered`);
      return;
    }
    await sleep(300);
  }
}

async function cancel(plan: PlannedOrder, customer: Customer, orderId: string): Promise<void> {
  await sleep(plan.cancelAfterMs ?? 0);
  const deadline = Date.now() + SUBMIT_RETRY_BUDGET_MS;
  for (;;) {
    const answer = await call('orders', 'POST', `/orders/${orderId}/cancel`, { token: customer.token }).catch(() => undefined);
    if (answer?.status === 202) {
      seen.cancels.accepted++;
      return;
    }
    // 409: already rejected, or dispatched to a courier: the cancellation is refused.
    if (answer?.status === 409) {
      seen.cancels.refused++;
      return;
    }
    if (answer && answer.status < 500) {
      seen.unexpected.push(`#${plan.n}: cancel answered ${answer.status} ${JSON.stringify(answer.body)}`);
      return;
    }
    if (Date.now() > deadline) {
      seen.unexpected.push(`#${plan.n}: cancel was never answered`);
      return;
    }
    seen.cancels.retries++;
    await sleep(300);
  }
}

/** Marks a sample of already-sent outbox rows unsent: the relay sends them again with the same ids. */
async function resendSample(event: Extract<ChaosEvent, { kind: 'resend' }>, atSubmitted: number): Promise<void> {
  const rows: Record<string, number> = {};
  for (const service of RESENDERS) {
    const { rows: sent } = await db(service).query<{ id: string }>('SELECT id FROM outbox WHERE sent_at IS NOT NULL ORDER BY id');
    const chosen = shuffled(sent.map((r) => r.id)).slice(0, Math.min(event.max, Math.ceil(sent.length * event.fraction)));
    const { rowCount } = await db(service).query('UPDATE outbox SET sent_at = NULL, next_attempt_at = now() WHERE id = ANY($1::uuid[]) AND sent_at IS NOT NULL', [chosen]);
    rows[service] = rowCount ?? 0;
  }
  seen.resends.push({ atSubmitted, rows });
  say(`duplicates: after ${atSubmitted} orders, outbox rows marked unsent again: ${Object.entries(rows).map(([s, n]) => `${s} ${n}`).join(', ')}`);
}

/** Shipping's parcels by status, for the kill's line of the summary. */
async function parcelsUnderWay(): Promise<Record<string, number>> {
  const { rows } = await db('shipping').query<{ status: string; n: number }>(
    "SELECT status, count(*)::int AS n FROM shipments WHERE status IN ('created', 'dispatched', 'picked_up') GROUP BY status",
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function killAndRestart(event: Extract<ChaosEvent, { kind: 'kill' }>, atSubmitted: number): Promise<void> {
  const replicas = system.replicasOf(event.service);
  const victims = event.scope === 'service' ? replicas : [replicas[(event.replica - 1) % replicas.length]!];
  for (const victim of victims) await scrapeHandled(event.service, victim);
  let parcels: string | undefined;
  if (event.service === 'shipping') {
    // Mid-dispatch: a shipment is waiting for its courier (up to 5 s for one to appear).
    const deadline = Date.now() + 5_000;
    while ((await parcelsUnderWay()).created === undefined && Date.now() < deadline) await sleep(20);
    parcels = showCounts(await parcelsUnderWay());
  }
  const what = victims.length === replicas.length ? `${event.service}${replicas.length > 1 ? ` (all ${replicas.length} replicas)` : ''}` : `${victims[0]} (one of ${replicas.length} replicas)`;
  say(`kill: SIGKILL ${what} after ${atSubmitted} orders submitted${parcels ? ` (parcels: ${parcels})` : ''}; down for ${event.downMs} ms`);
  await Promise.all(victims.map((victim) => system.services[victim]!.kill()));
  await sleep(event.downMs);
  const started = Date.now();
  await Promise.all(victims.map((victim) => system.restart(victim)));
  const restartMs = Date.now() - started;
  seen.kills.push({ service: what, atSubmitted, downMs: event.downMs, restartMs, ...(parcels ? { parcels } : {}) });
  say(`kill: ${what} ready again ${restartMs} ms after its restart`);
}

const statusCounts = () => reader.statusCounts();

// ---------------------------------------------------------------------------------------------

let snapshot: Snapshot | undefined;
let crew: CourierCrew | undefined;

before(async () => {
  say(`seed ${SEED} (replay with CHAOS_SEED=${SEED}); ${ORDERS} orders, ${CONCURRENCY} at a time; ${REPLICAS} replicas of ${KILLED.join(', ')}; step deadline ${STEP_TIMEOUT_MS} ms, messages retried every 500 ms up to ${MAX_ATTEMPTS} deliveries`);
  const messaging = { MESSAGING_RETRY_DELAY_MS: '500', MESSAGING_MAX_ATTEMPTS: String(MAX_ATTEMPTS) };
  system = await startTestSystem({
    services: [...DATABASES],
    replicas: Object.fromEntries(KILLED.map((service) => [service, REPLICAS])),
    env: {
      ...Object.fromEntries(DATABASES.map((service) => [service, messaging])),
      identity: { ...messaging, IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' },
      // Steps answer in milliseconds here, so a 5 s deadline is only missed around a kill.
      orders: { ...messaging, ORDERS_STEP_TIMEOUT_MS: String(STEP_TIMEOUT_MS), ORDERS_DEADLINE_INTERVAL_MS: '250' },
      shipping: { ...messaging, SHIPPING_DISPATCH_INTERVAL_MS: '200', SHIPPING_MAX_DELIVERY_ATTEMPTS: String(DELIVERY_ATTEMPTS) },
    },
  });
  reader = new SystemReader(system, DATABASES, { deliveries: true });
  shop = Shop.direct(system);
  admin = await register(adminEmail);
}, { timeout: 180_000 });

after(async () => {
  await crew?.stop();
  await reader?.close();
  await system?.stop();
});

test(`chaos: ${ORDERS} checkouts and their deliveries while orders, payments, inventory and shipping (${REPLICAS} replicas each) are killed, a replica or all of them, and messages and courier calls are sent twice; every saga and every parcel's journey ends and the invariants hold`, { timeout: 300_000 }, async () => {
  const started = Date.now();
  // Set-up: a category, six products (three with a handful of units), four customers with every kind of card.
  const category = await call('catalog', 'POST', '/categories', { token: admin, body: { slug: `chaos-${run.toLowerCase()}`, name: 'Chaos' } });
  assert.equal(category.status, 201, JSON.stringify(category.body));
  const products = [
    await createProduct(category.body.id, `CH${run}-LAMP`, 4_900, 1_000, false),
    await createProduct(category.body.id, `CH${run}-MUG`, 1_250, 1_000, false),
    await createProduct(category.body.id, `CH${run}-RUG`, 12_900, 1_000, false),
    await createProduct(category.body.id, `CH${run}-CHAIR`, 33_000, 4, true),
    await createProduct(category.body.id, `CH${run}-VASE`, 2_500, 8, true),
    await createProduct(category.body.id, `CH${run}-DESK`, 79_900, 12, true),
  ];
  const customers: Customer[] = [];
  for (let i = 0; i < 4; i++) {
    const email = `chaos-${i}-${run.toLowerCase()}@bazaar.test`;
    const token = await register(email);
    const cards = {} as Record<CardKind, string>;
    for (const kind of Object.keys(CARDS) as CardKind[]) cards[kind] = await saveCard(token, CARDS[kind]);
    customers.push({ email, token, cards });
  }
  // The couriers: accounts given the courier role, registered at shipping, on shift in the city.
  const couriers: ShopCourier[] = [];
  for (let i = 0; i < COURIERS; i++) {
    const courier = await shop.newCourier(admin, { email: `chaos-courier-${i}-${run.toLowerCase()}@bazaar.test`, password, name: `Courier ${i}`, capacity: 3 });
    await shop.startShift(courier, CITY);
    couriers.push(courier);
  }
  crew = new CourierCrew(shop, couriers, {
    random: seededRandom((SEED ^ 0x5bd1e995) >>> 0), centre: CITY, maxAttempts: DELIVERY_ATTEMPTS,
    returnShare: 0.1, failShare: 0.15, repeatShare: 0.2, shiftBreakShare: 0.05, roundMs: 250,
  });
  const plans = planOrders(products, customers.length);
  const chaos = planChaos();
  const setupMs = Date.now() - started;
  const mix = (key: (p: PlannedOrder) => string) => Object.entries(plans.reduce<Record<string, number>>((m, p) => ({ ...m, [key(p)]: (m[key(p)] ?? 0) + 1 }), {})).map(([k, n]) => `${k} ${n}`).join(', ');
  say(`set-up done in ${(setupMs / 1000).toFixed(1)} s; cards: ${mix((p) => p.card)}`);
  say(`plan: ${plans.filter((p) => p.items.some((i) => products.find((x) => x.sku === i.sku)!.scarce)).length} orders want scarce stock, ${plans.filter((p) => p.country === 'XX').length} ship to XX, ${plans.filter((p) => p.repeatPost).length} are posted twice, ${plans.filter((p) => p.cancelAfterMs !== null).length} are cancelled by the customer`);
  say(`chaos: ${chaos.map((e) => (e.kind === 'kill' ? `kill ${e.scope === 'service' || REPLICAS === 1 ? e.service : `${e.service} replica ${e.replica}`} at ${e.at}` : `resend at ${e.at}`)).join(', ')}; ${COURIERS} couriers on shift`);

  // Run: workers place the orders; the chaos controller acts as the count of submitted orders passes its marks.
  const runStarted = Date.now();
  const orderIds = new Map<number, string>();
  const sideTasks: Promise<void>[] = [];
  let next = 0;
  let submitted = 0;
  let submitting = true;
  // A worker is a customer: it places an order and follows it until its checkout has settled (read
  // from orders' database, so it can follow while orders is down), then places the next. So at most
  // CONCURRENCY checkouts are in flight, as with that many shoppers. One that has not settled after
  // FOLLOW_MS is left to the settle phase.
  const following = new Map<string, () => void>();
  let polling = false;
  const poller = setInterval(() => {
    if (polling || following.size === 0) return;
    polling = true;
    db('orders').query<{ id: string }>(
      `SELECT o.id FROM orders o JOIN checkout_sagas s ON s.order_id = o.id
        WHERE o.id = ANY($1::uuid[]) AND o.status IN ('confirmed', 'shipped', 'delivered', 'cancelled', 'rejected') AND s.step IS NULL`,
      [[...following.keys()]],
    ).then(({ rows }) => { for (const { id } of rows) following.get(id)?.(); }, () => undefined).finally(() => { polling = false; });
  }, 100);
  let followedToTheEnd = 0;
  let leftToSettle = 0;
  const follow = async (id: string) => {
    const settled = await Promise.race([new Promise<boolean>((resolve) => following.set(id, () => resolve(true))), sleep(FOLLOW_MS).then(() => false)]);
    following.delete(id);
    if (settled) followedToTheEnd++;
    else leftToSettle++;
  };
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      const customer = customers[plan.customer]!;
      const id = await submit(plan, customer);
      orderIds.set(plan.n, id);
      submitted++;
      seen.accepted++;
      if (plan.repeatPost) sideTasks.push(repeatPost(plan, customer, id));
      if (plan.cancelAfterMs !== null) sideTasks.push(cancel(plan, customer, id));
      await follow(id);
    }
  };
  const controller = async () => {
    for (const event of chaos) {
      while (submitted < event.at && submitting) await sleep(25);
      if (submitted < event.at) return; // the workers stopped early: their error is the test's failure
      if (event.kind === 'kill') await killAndRestart(event, submitted);
      else await resendSample(event, submitted);
    }
  };
  const ticker = setInterval(() => {
    void statusCounts().then((c) => say(`t=${((Date.now() - runStarted) / 1000).toFixed(0)} s: ${submitted}/${ORDERS} accepted; ${showCounts(c)}`), () => undefined);
  }, 5_000);
  crew.start();
  try {
    const workers = Promise.all(Array.from({ length: CONCURRENCY }, worker)).finally(() => { submitting = false; });
    await Promise.all([workers, controller()]);
    await Promise.all(sideTasks);
  } finally {
    clearInterval(ticker);
    clearInterval(poller);
  }
  const submitMs = Date.now() - runStarted;
  say(`all ${ORDERS} orders accepted in ${(submitMs / 1000).toFixed(1)} s (${seen.postRetries} POST retries while orders was down); ${followedToTheEnd} followed until settled, ${leftToSettle} still open after ${FOLLOW_MS / 1000} s`);

  // Settle: every saga terminal, every parcel delivered or returned, every outbox empty, every queue
  // drained, nothing pending at payments; twice in a row. Then the couriers go home.
  const { last, ms: settleMs } = await reader.settle({ timeoutMs: SETTLE_TIMEOUT_MS, say });
  await crew.stop();
  for (const service of DATABASES) for (const process of system.replicasOf(service)) await scrapeHandled(service, process);

  snapshot = await reader.snapshot(ORDERS, undefined, { deliveriesComplete: true });
  const violations = audit(snapshot);
  const outcomes = snapshot.orders.reduce<Record<string, number>>((m, o) => ({ ...m, [outcomeOf(o)]: (m[outcomeOf(o)] ?? 0) + 1 }), {});
  const covered = coverage(snapshot);

  // What it did and what it observed.
  const lines = [
    `seed                     ${SEED}  (CHAOS_SEED=${SEED} replays the plan)`,
    `orders                   ${ORDERS} placed, ${seen.accepted} accepted, ${orderIds.size} distinct ids from the API, ${snapshot.orders.length} in orders' database`,
    `customers                ${followedToTheEnd} orders followed until settled, ${leftToSettle} still open after ${FOLLOW_MS / 1000} s (left to the settle phase)`,
    `client retries           ${seen.postRetries} POSTs retried while orders was down; ${seen.replays} repeated POSTs (same key) answered with the same order; ${seen.cancels.accepted} cancellations accepted, ${seen.cancels.refused} refused (409)`,
    ...seen.kills.map((k) => `kill                     ${k.service.padEnd(26)} SIGKILL after ${k.atSubmitted} orders${k.parcels ? ` (parcels ${k.parcels})` : ''}, down ${k.downMs} ms, ready ${k.restartMs} ms after restart`),
    `couriers                 ${COURIERS} on shift, ${crew.seen.rounds} rounds (${crew.seen.roundsWithParcels} holding parcels): ${crew.seen.pickups} pick-ups, ${crew.seen.failedAttempts} failed attempts, ${crew.seen.deliveries} deliveries, ${crew.seen.returns} returns; calls sent twice: ${crew.seen.repeats.together} together, ${crew.seen.repeats.after} after the answer; ${crew.seen.shiftBreaks} shifts ended mid-delivery, handing back ${crew.seen.handedBack} parcels; ${crew.seen.unreachable} calls that did not get through`,
    ...seen.resends.map((r) => `duplicates injected      after ${r.atSubmitted} orders: ${Object.entries(r.rows).map(([s, n]) => `${s} ${n}`).join(', ')}`),
    `inbox outcomes (metrics) ${Object.entries(seen.handled).filter(([, c]) => Object.values(c).some((n) => n > 0)).map(([s, c]) => `${s}: ${Object.entries(c).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(' ')}`).join('; ')}`,
    ...Object.entries(outcomes).sort().map(([k, n]) => `outcome                  ${String(n).padStart(4)}  ${k}`),
    `audited rows             ${Object.entries(covered).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `time                     set-up ${(setupMs / 1000).toFixed(1)} s, submitting ${(submitMs / 1000).toFixed(1)} s, settling ${(settleMs / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `violations               ${violations.length}`,
  ];
  say(`summary\n${lines.map((l) => `    ${l}`).join('\n')}`);
  for (const v of violations.slice(0, 40)) say(`VIOLATION ${v.rule}: ${v.detail}`);
  for (const orderId of Object.values(snapshot.deadLetters).flatMap((d) => d.orderIds).slice(0, 5)) say(`named by a parked message: ${await reader.explain(orderId)}`);

  assert.deepEqual(seen.unexpected, [], 'unexpected answers from the API');
  assert.deepEqual(crew.seen.unexpected, [], 'unexpected answers to the couriers (a repeated call must answer as the first did)');
  assert.deepEqual(seen.replayMismatches, [], 'a repeated POST with the same Idempotency-Key must return the same order');
  assert.equal(new Set(orderIds.values()).size, ORDERS, 'each Idempotency-Key must give an order of its own');
  assert.ok(quiet(last), `the system did not settle within ${SETTLE_TIMEOUT_MS / 1000} s: ${JSON.stringify(last)}`);
  assert.deepEqual(violations.map((v) => `${v.rule}: ${v.detail}`), [], `invariants broken (seed ${SEED})`);
  // The run exercised what it set out to: every ending, every kill, every injection.
  assert.equal(seen.kills.length, 4);
  assert.ok(seen.resends.length >= 2 && seen.resends.every((r) => Object.values(r.rows).reduce((a, b) => a + b, 0) > 0), 'duplicates were injected');
  assert.ok(covered.confirmed > 0 && (outcomes.rejected ?? 0) > 0 && (outcomes['cancelled: out of stock'] ?? 0) > 0 && (outcomes['cancelled: shipment failed'] ?? 0) > 0,
    `every ending should occur: ${JSON.stringify(outcomes)}`);
  assert.ok(covered.delivered > 0 && covered.returned > 0 && crew.seen.failedAttempts > crew.seen.returns, `deliveries, failed attempts and returns should occur: ${JSON.stringify(crew.seen)}`);
  assert.ok(crew.seen.repeats.together > 0 && crew.seen.repeats.after > 0 && crew.seen.shiftBreaks > 0, `repeated courier calls and shift breaks should occur: ${JSON.stringify(crew.seen)}`);
});

test('the audit catches each invariant broken on purpose in a copy of the run\'s data', { timeout: 30_000 }, (t) => {
  if (!snapshot) {
    t.skip('the chaos run left no data to audit');
    return;
  }
  const base: Snapshot = snapshot;
  const clean = audit(base);
  const copy = (): Snapshot => structuredClone(base);
  // Every confirmed order was delivered by the end of the run (or its parcel returned).
  const delivered = base.orders.find((o) => o.status === 'delivered');
  const confirmed = delivered;
  const returned = base.shipments.find((sh) => sh.status === 'returned');
  const cancelledPaid = base.orders.find((o) => o.status === 'cancelled' && base.payments.some((p) => p.orderId === o.id) && base.processor.some((a) => a.orderId === o.id));
  assert.ok(confirmed && cancelledPaid && delivered && returned, 'the run has a confirmed order, a cancelled one that was authorized, a delivered one and a returned parcel');
  const plants: { rule: string; what: string; plant: (s: Snapshot) => void }[] = [
    { rule: 'not-terminal', what: 'a saga left waiting', plant: (s) => { s.orders[0]!.status = 'pending'; s.orders[0]!.state = 'reserving'; s.orders[0]!.step = 'reserve-stock'; } },
    { rule: 'order-count', what: 'an order lost', plant: (s) => { s.orders.pop(); } },
    { rule: 'confirmed-payment', what: 'a confirmed order whose payment was voided', plant: (s) => { Object.assign(s.payments.find((p) => p.orderId === confirmed.id)!, { status: 'voided', capturedMinor: 0 }); } },
    { rule: 'confirmed-processor', what: 'a confirmed order never charged at the processor', plant: (s) => { s.processor = s.processor.filter((a) => a.orderId !== confirmed.id); } },
    { rule: 'confirmed-reservation', what: 'a confirmed order whose reservation was released', plant: (s) => { s.reservations.find((r) => r.id === confirmed.reservationId)!.status = 'released'; } },
    { rule: 'confirmed-shipment', what: 'a confirmed order without a shipment', plant: (s) => { s.shipments = s.shipments.filter((sh) => sh.orderId !== confirmed.id); } },
    { rule: 'money-kept', what: 'a cancelled order captured and never refunded', plant: (s) => { Object.assign(s.payments.find((p) => p.orderId === cancelledPaid.id)!, { status: 'captured', capturedMinor: cancelledPaid.totalMinor, refundedMinor: 0 }); } },
    { rule: 'authorization-held', what: 'a cancelled order whose authorization is still held at the processor', plant: (s) => { s.processor.find((a) => a.orderId === cancelledPaid.id)!.status = 'authorized'; } },
    { rule: 'double-reservation', what: 'a confirmed order holding a second reservation', plant: (s) => { s.reservations.push({ ...s.reservations.find((r) => r.id === confirmed.reservationId)!, id: randomUUID() }); } },
    { rule: 'stock-held', what: 'a cancelled order still holding stock', plant: (s) => { s.reservations.push({ id: randomUUID(), orderId: cancelledPaid.id, status: 'active', lines: cancelledPaid.items, committed: {} }); } },
    { rule: 'shipment-live', what: 'a cancelled order with a live shipment', plant: (s) => { s.shipments.push({ id: randomUUID(), orderId: cancelledPaid.id, status: 'created', trackingNumber: 'BZPLANTED22' }); } },
    { rule: 'commit-count', what: 'a delivered order\'s stock committed twice', plant: (s) => { const r = s.reservations.find((x) => x.id === delivered.reservationId)!; r.committed = Object.fromEntries(Object.entries(r.lines).map(([sku, q]) => [sku, 2 * q])); } },
    { rule: 'commit-count', what: 'stock committed for a released reservation', plant: (s) => { const r = s.reservations.find((x) => x.status === 'released')!; r.committed = { ...r.lines }; } },
    { rule: 'return-receipt', what: 'a returned parcel received back twice', plant: (s) => { const r = s.returnReceipts.find((x) => x.trackingNumber === returned.trackingNumber)!; r.items = Object.fromEntries(Object.entries(r.items).map(([sku, q]) => [sku, 2 * q])); } },
    { rule: 'return-receipt', what: 'items received back for a delivered parcel', plant: (s) => { s.returnReceipts.push({ trackingNumber: s.shipments.find((sh) => sh.orderId === delivered.id)!.trackingNumber, items: delivered.items }); } },
    { rule: 'delivery-mismatch', what: 'a delivered parcel whose order still shows it shipped', plant: (s) => { s.orders.find((o) => o.id === delivered.id)!.status = 'shipped'; } },
    { rule: 'not-delivered', what: 'a parcel left with its courier', plant: (s) => { s.shipments.find((sh) => sh.orderId === delivered.id)!.status = 'picked_up'; } },
    { rule: 'double-capture', what: 'a second successful capture', plant: (s) => { s.operations.push({ orderId: confirmed.id, kind: 'capture', outcome: 'succeeded', count: 1 }); } },
    { rule: 'double-payment', what: 'a second payment for one order', plant: (s) => { s.payments.push({ ...s.payments.find((p) => p.orderId === confirmed.id)! }); } },
    { rule: 'pending-operation', what: 'a payment operation left pending', plant: (s) => { s.operations.push({ orderId: confirmed.id, kind: 'refund', outcome: 'pending', count: 1 }); } },
    { rule: 'stock-negative', what: 'stock below zero', plant: (s) => { s.stock[0]!.onHand = -1; s.stock[0]!.ledgerOnHand = -1; } },
    { rule: 'stock-over-reserved', what: 'more reserved than on hand', plant: (s) => { const i = s.stock[0]!; i.onHand = i.reserved - 1; i.ledgerOnHand = i.onHand; } },
    { rule: 'ledger-mismatch', what: 'a snapshot that disagrees with its ledger', plant: (s) => { s.stock[0]!.ledgerOnHand += 1; } },
    { rule: 'reserved-mismatch', what: 'reserved units no reservation holds', plant: (s) => { const i = s.stock[0]!; i.reserved += 1; i.ledgerReserved += 1; i.onHand += 1; i.ledgerOnHand += 1; } },
    { rule: 'outbox-unsent', what: 'a message stuck in an outbox', plant: (s) => { s.unsent.payments = 1; } },
    { rule: 'dead-letters', what: 'a parked message', plant: (s) => { s.deadLetters.orders = { depth: 1, sample: ['payment.captured (planted)'], orderIds: [] }; } },
  ];
  for (const { rule, what, plant } of plants) {
    const planted = copy();
    plant(planted);
    const found = audit(planted).filter((v) => !clean.some((c) => c.rule === v.rule && c.detail === v.detail));
    assert.ok(found.some((v) => v.rule === rule), `planted ${what}: the audit should report ${rule}, it reported ${JSON.stringify(found)}`);
    say(`planted ${what}: caught as ${rule} (${found.find((v) => v.rule === rule)!.detail.slice(0, 110)})`);
  }
});
