/**
 * What the split costs at checkout: checkouts per second completed end to end and the time from
 * POST /orders to CONFIRMED, through the real saga (orders orchestrating payments, inventory and
 * shipping, each its own process with its own database, over RabbitMQ), beside a baseline in the same
 * run that does the same work in one process and one database transaction.
 *
 *   npm run bench -- checkout     (BENCH_CHECKOUTS=200, BENCH_CONCURRENCY=8, BENCH_WARMUP=24)
 *
 * Split: identity, catalog, inventory, payments, shipping and orders as real processes (as `npm
 * start` runs them, under a throw-away prefix). A closed loop of BENCH_CONCURRENCY customers each
 * POSTs an order (202 at once) and waits for it to be confirmed, then places the next. Completion is
 * read from orders' database (one query every 10 ms for every order in flight); the time to
 * CONFIRMED runs from just before the POST to the saga's `confirm-order` step as orders recorded it.
 *
 * Baseline: a Fastify app in this process (built with the same service kit, verifying the same
 * identity tokens) whose POST /orders does the whole checkout in ONE transaction of one throw-away
 * database: idempotency check, prices read, stock rows locked FOR UPDATE in SKU order and
 * decremented (a CHECK keeps them from going below zero), order and items inserted, payment
 * authorized then captured (with both operations logged), shipment with a tracking number inserted,
 * order confirmed, commit; it answers 201 with the confirmed order. The same carts, the same number
 * of checkouts, the same concurrency, over HTTP from the same client.
 *
 * Writes bench/results/checkout.md.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';
import { Type } from 'typebox';
import {
  AppError, createJwtVerifier, createLogger, createPool, createServiceApp, uuidv7, withTransaction, type Pool, type PoolClient, type ServiceApp,
} from '@bazaar/platform';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing';
import { startTestSystem, type TestSystem } from '../tools/src/testing/system.js';
import { requestJson, type JsonAnswer, type JsonRequestOptions } from '../tools/src/testing/http.js';
import { machineCpu, machineCpuSpent, percentile, recordFigures, writeResults, type Figure } from './machine.js';
import { perCheckout, profilePhase, serviceSampler, sleep, type ProfileSummary, type ServiceCounters } from './checkout-profile.js';
import { POLL_MS, carts, furnishCheckoutShop, type Cart, type Product } from './checkout-shop.js';

const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 24);
/** Checkouts of the profiled phase (services restarted with --cpu-prof after the measured runs); 0: none. */
const PROFILED = Number(process.env.BENCH_PROFILE_CHECKOUTS ?? 100);
const SERVICES = ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders'];
const say = (line: string) => console.log(`[bench] ${line}`);
const run = randomBytes(3).toString('hex').toUpperCase();


const ADDRESS = { name: 'Grace Hopper', line1: '1 Compiler Way', city: 'Arlington', postalCode: '22201', country: 'DE' };


type Answer = JsonAnswer;

const call = (url: string, method: string, options: JsonRequestOptions = {}): Promise<Answer> =>
  requestJson(url, method, { timeoutMs: 60_000, ...options });


interface Result {
  label: string;
  completed: number;
  failed: number;
  seconds: number;
  perSecond: number;
  /** Time from the POST to CONFIRMED, ms. */
  latencies: number[];
  /** Split only: time to the 202, ms. */
  accepted?: number[];
}

/** Runs `count` checkouts, `CONCURRENCY` at a time, each `one(i)` resolving to its latency or null (not confirmed). */
async function closedLoop(label: string, count: number, one: (i: number) => Promise<{ latency: number; accepted?: number } | null>, quiet = false): Promise<Result> {
  const latencies: number[] = [];
  const accepted: number[] = [];
  let failed = 0;
  let next = 0;
  let done = 0;
  const started = performance.now();
  const ticker = quiet ? undefined : setInterval(() => say(`  ${label}: ${done}/${count} confirmed (${((performance.now() - started) / 1000).toFixed(0)} s)`), 2_000);
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const outcome = await one(next++);
        done++;
        if (!outcome) failed++;
        else {
          latencies.push(outcome.latency);
          if (outcome.accepted !== undefined) accepted.push(outcome.accepted);
        }
      }
    }));
  } finally {
    clearInterval(ticker);
  }
  const seconds = (performance.now() - started) / 1000;
  return { label, completed: latencies.length, failed, seconds, perSecond: latencies.length / seconds, latencies, ...(accepted.length ? { accepted } : {}) };
}

// ---------------------------------------------------------------------------------------------
// The split: the real services

interface Split { system: TestSystem; token: string; paymentMethodId: string; products: Product[]; ordersDb: pg.Pool; stopPoller: () => void; pollQueries: () => number; confirmedAt: (orderId: string) => Promise<{ status: string; at: number }> }

async function startSplit(): Promise<Split> {
  const adminEmail = `bench-ops-${run.toLowerCase()}@bazaar.test`;
  say('starting identity, catalog, inventory, payments, shipping and orders as their own processes…');
  // Each service with its default pool of 10 connections (test systems use 5, so that several share a server).
  const services = SERVICES;
  const pools = Object.fromEntries(services.map((service) => [service, { DATABASE_POOL_MAX: '10' }]));
  const system = await startTestSystem({
    services,
    env: { ...pools, identity: { ...pools.identity, IDENTITY_ADMIN_EMAILS: adminEmail, IDENTITY_ARGON2_MEMORY_KIB: '1024', IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3600' } },
  });
  return { system, ...(await furnishCheckoutShop(system, run, adminEmail, say)) };
}

function splitCheckout(split: Split, cart: Cart) {
  return async (): Promise<{ latency: number; accepted: number } | null> => {
    const started = Date.now();
    const placed = await call(`${split.system.url('orders')}/orders`, 'POST', {
      token: split.token, headers: { 'idempotency-key': randomUUID() },
      body: { items: cart.items, shippingAddress: ADDRESS, paymentMethodId: split.paymentMethodId },
    });
    const accepted = Date.now() - started;
    if (placed.status !== 202) {
      say(`  POST /orders answered ${placed.status}: ${JSON.stringify(placed.body)}`);
      return null;
    }
    const settled = await split.confirmedAt(placed.body.id as string);
    if (settled.status !== 'confirmed') {
      say(`  order ${placed.body.id} ended ${settled.status}`);
      return null;
    }
    return { latency: settled.at - started, accepted };
  };
}

// ---------------------------------------------------------------------------------------------
// The baseline: one process, one database, one transaction

const BASELINE_SCHEMA = `
CREATE TABLE products (id uuid PRIMARY KEY, sku text NOT NULL UNIQUE, name text NOT NULL, price_minor bigint NOT NULL CHECK (price_minor >= 0), currency text NOT NULL);
CREATE TABLE stock (sku text PRIMARY KEY REFERENCES products (sku), available integer NOT NULL CHECK (available >= 0), updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE orders (
  id uuid PRIMARY KEY, order_number text NOT NULL UNIQUE, user_id uuid NOT NULL, status text NOT NULL CHECK (status IN ('pending', 'confirmed')),
  currency text NOT NULL, subtotal_minor bigint NOT NULL, total_minor bigint NOT NULL, idempotency_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), UNIQUE (user_id, idempotency_key));
CREATE TABLE order_items (
  order_id uuid NOT NULL REFERENCES orders (id), line_no integer NOT NULL, product_id uuid NOT NULL, sku text NOT NULL, product_name text NOT NULL,
  unit_price_minor bigint NOT NULL, quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 100), line_total_minor bigint NOT NULL, PRIMARY KEY (order_id, line_no));
CREATE TABLE payments (
  id uuid PRIMARY KEY, order_id uuid NOT NULL UNIQUE REFERENCES orders (id), payment_method_ref text NOT NULL, amount_minor bigint NOT NULL, currency text NOT NULL,
  status text NOT NULL CHECK (status IN ('authorized', 'captured')), captured_minor bigint NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE payment_operations (
  id uuid PRIMARY KEY, payment_id uuid NOT NULL REFERENCES payments (id), kind text NOT NULL CHECK (kind IN ('authorize', 'capture')),
  amount_minor bigint NOT NULL, outcome text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE shipments (
  id uuid PRIMARY KEY, order_id uuid NOT NULL UNIQUE REFERENCES orders (id), tracking_number text NOT NULL UNIQUE, recipient_name text NOT NULL,
  line1 text NOT NULL, city text NOT NULL, postal_code text NOT NULL, country text NOT NULL, carrier text NOT NULL, status text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE shipment_items (shipment_id uuid NOT NULL REFERENCES shipments (id), sku text NOT NULL, quantity integer NOT NULL, PRIMARY KEY (shipment_id, sku));
`;

const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const code = (length: number) => Array.from({ length }, () => TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)]).join('');

interface CheckoutBody {
  items: { productId: string; quantity: number }[];
  shippingAddress: { name: string; line1: string; city: string; postalCode: string; country: string };
  paymentMethodId: string;
}

/** The whole checkout in one transaction; the confirmed order. */
async function checkoutInOneTransaction(client: PoolClient, userId: string, key: string, body: CheckoutBody): Promise<{ id: string; number: string; status: string; totalMinor: number; trackingNumber: string }> {
  const earlier = await client.query<{ id: string; order_number: string; status: string; total_minor: string; tracking_number: string }>(
    'SELECT o.id, o.order_number, o.status, o.total_minor, s.tracking_number FROM orders o JOIN shipments s ON s.order_id = o.id WHERE o.user_id = $1 AND o.idempotency_key = $2',
    [userId, key],
  );
  const found = earlier.rows[0];
  if (found) return { id: found.id, number: found.order_number, status: found.status, totalMinor: Number(found.total_minor), trackingNumber: found.tracking_number };

  const { rows: products } = await client.query<{ id: string; sku: string; name: string; price_minor: string; currency: string }>(
    'SELECT id, sku, name, price_minor, currency FROM products WHERE id = ANY($1::uuid[])', [body.items.map((i) => i.productId)],
  );
  const byId = new Map(products.map((p) => [p.id, p]));
  const lines = body.items.map((item, index) => {
    const product = byId.get(item.productId);
    if (!product) throw AppError.invalid('unknown product', [{ field: `body.items.${index}.productId`, message: 'does not exist' }]);
    return { ...item, sku: product.sku, name: product.name, unitPriceMinor: Number(product.price_minor), currency: product.currency };
  });
  const bySku = new Map<string, number>();
  for (const line of lines) bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.quantity);
  const skus = [...bySku.keys()].sort();
  const { rows: stock } = await client.query<{ sku: string; available: number }>('SELECT sku, available FROM stock WHERE sku = ANY($1::text[]) ORDER BY sku FOR UPDATE', [skus]);
  for (const item of stock) {
    if (item.available < bySku.get(item.sku)!) throw new AppError('conflict', `${item.sku}: ${bySku.get(item.sku)} requested, ${item.available} available`);
  }
  await client.query(
    'UPDATE stock SET available = available - x.quantity, updated_at = now() FROM unnest($1::text[], $2::int[]) AS x(sku, quantity) WHERE stock.sku = x.sku',
    [skus, skus.map((sku) => bySku.get(sku)!)],
  );

  const orderId = uuidv7();
  const number = `BZ-${new Date().toISOString().slice(2, 10).replace(/-/g, '')}-${code(5)}`;
  const total = lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
  const currency = lines[0]!.currency;
  await client.query(
    `INSERT INTO orders (id, order_number, user_id, status, currency, subtotal_minor, total_minor, idempotency_key) VALUES ($1, $2, $3, 'pending', $4, $5, $5, $6)`,
    [orderId, number, userId, currency, total, key],
  );
  await client.query(
    `INSERT INTO order_items (order_id, line_no, product_id, sku, product_name, unit_price_minor, quantity, line_total_minor)
     SELECT $1, n, p, s, nm, u, q, u * q FROM unnest($2::int[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::int[]) AS x(n, p, s, nm, u, q)`,
    [orderId, lines.map((_, i) => i + 1), lines.map((l) => l.productId), lines.map((l) => l.sku), lines.map((l) => l.name), lines.map((l) => l.unitPriceMinor), lines.map((l) => l.quantity)],
  );
  const paymentId = uuidv7();
  await client.query(`INSERT INTO payments (id, order_id, payment_method_ref, amount_minor, currency, status) VALUES ($1, $2, $3, $4, $5, 'authorized')`, [paymentId, orderId, body.paymentMethodId, total, currency]);
  await client.query(`INSERT INTO payment_operations (id, payment_id, kind, amount_minor, outcome) VALUES ($1, $2, 'authorize', $3, 'succeeded')`, [uuidv7(), paymentId, total]);
  const shipmentId = uuidv7();
  const trackingNumber = `BZ${code(10)}`;
  const a = body.shippingAddress;
  await client.query(
    `INSERT INTO shipments (id, order_id, tracking_number, recipient_name, line1, city, postal_code, country, carrier, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'bazaar-courier', 'created')`,
    [shipmentId, orderId, trackingNumber, a.name, a.line1, a.city, a.postalCode, a.country.toUpperCase()],
  );
  await client.query('INSERT INTO shipment_items (shipment_id, sku, quantity) SELECT $1, s, q FROM unnest($2::text[], $3::int[]) AS x(s, q)', [shipmentId, skus, skus.map((sku) => bySku.get(sku)!)]);
  await client.query(`UPDATE payments SET status = 'captured', captured_minor = amount_minor, updated_at = now() WHERE id = $1`, [paymentId]);
  await client.query(`INSERT INTO payment_operations (id, payment_id, kind, amount_minor, outcome) VALUES ($1, $2, 'capture', $3, 'succeeded')`, [uuidv7(), paymentId, total]);
  await client.query(`UPDATE orders SET status = 'confirmed', updated_at = now() WHERE id = $1`, [orderId]);
  return { id: orderId, number, status: 'confirmed', totalMinor: total, trackingNumber };
}

interface Baseline { app: ServiceApp; url: string; pool: Pool; database: TestDatabase }

async function startBaseline(identityUrl: string, products: Product[]): Promise<Baseline> {
  const database = await createTestDatabase('checkout_baseline');
  const pool = createPool(database.url, { applicationName: 'checkout-baseline' });
  await pool.query(BASELINE_SCHEMA);
  for (const p of products) {
    await pool.query("INSERT INTO products (id, sku, name, price_minor, currency) VALUES ($1, $2, $3, $4, 'EUR')", [p.id, p.sku, p.name, p.priceMinor]);
    await pool.query('INSERT INTO stock (sku, available) VALUES ($1, 1000000)', [p.sku]);
  }
  const verifier = createJwtVerifier({ jwksUrl: `${identityUrl}/.well-known/jwks.json`, issuer: 'bazaar-identity', audience: 'bazaar' });
  const app = await createServiceApp({ name: 'checkout-baseline', version: '0.0.0', logger: createLogger('checkout-baseline', 'warn') });
  const Body = Type.Object({
    items: Type.Array(Type.Object({ productId: Type.String({ format: 'uuid' }), quantity: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }),
    shippingAddress: Type.Object({ name: Type.String({ minLength: 1 }), line1: Type.String({ minLength: 1 }), city: Type.String({ minLength: 1 }), postalCode: Type.String({ minLength: 1 }), country: Type.String({ pattern: '^[A-Za-z]{2}$' }) }),
    paymentMethodId: Type.String({ format: 'uuid' }),
  }, { additionalProperties: false });
  app.post('/orders', { schema: { body: Body }, preHandler: verifier.preHandler() }, async (request, reply) => {
    const user = await verifier.requireUser(request);
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !key) throw AppError.invalid('an Idempotency-Key header is required', [{ field: 'headers.idempotency-key', message: 'is required' }]);
    const order = await withTransaction(pool, (client) => checkoutInOneTransaction(client, user.userId, key, request.body as CheckoutBody));
    return reply.code(201).header('location', `/orders/${order.id}`).send(order);
  });
  await app.ready();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: address, pool, database };
}

function baselineCheckout(baseline: Baseline, token: string, paymentMethodId: string, cart: Cart) {
  return async (): Promise<{ latency: number } | null> => {
    const started = Date.now();
    const answer = await call(`${baseline.url}/orders`, 'POST', { token, headers: { 'idempotency-key': randomUUID() }, body: { items: cart.items, shippingAddress: ADDRESS, paymentMethodId } });
    const latency = Date.now() - started;
    if (answer.status !== 201 || answer.body.status !== 'confirmed') {
      say(`  baseline POST /orders answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return null;
    }
    return { latency };
  };
}

// ---------------------------------------------------------------------------------------------

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : 'n/a');

const ordinal = (n: number) => (n === 1 ? '' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`);

function row(r: Result): string {
  return `| ${r.label} | ${r.completed} | ${r.failed} | ${r.seconds.toFixed(2)} | **${r.perSecond.toFixed(1)}** | ${ms(percentile(r.latencies, 50))} | ${ms(percentile(r.latencies, 99))} | ${ms(Math.max(...r.latencies))} |`;
}

/** What each service spent per checkout of the measured split run, and (when profiled) where its CPU went. */
interface Costs {
  perService: Record<string, ServiceCounters>;
  benchCpuMs: number;
  profiles: ProfileSummary[] | string;
  profiledCheckouts: number;
  /** The whole machine's CPU over each measured run, and the bench process's own (CPU seconds). */
  machine: { split: MachineSpent; baseline: MachineSpent };
}
type MachineSpent = ReturnType<typeof machineCpuSpent> & { bench: number; checkouts: number };
/** CPU seconds spent over a run, as milliseconds per checkout of that run. */
const perCheckoutMs = (seconds: number, run: MachineSpent) => (seconds * 1000) / run.checkouts;

/** The whole machine's CPU per checkout of each run, split into PostgreSQL, RabbitMQ, the services, the bench and the rest. */
function machineTable(costs: Costs): string {
  const services = Object.values(costs.perService).reduce((sum, c) => sum + c.cpuMs, 0);
  const line = (label: string, m: MachineSpent, servicesMs: number | undefined) => {
    const per = (seconds: number) => perCheckoutMs(seconds, m);
    const rest = per(m.busy) - per(m.postgres) - per(m.broker) - per(m.bench) - (servicesMs ?? 0);
    return `| ${label} | **${num(per(m.busy))}** | ${num(per(m.postgres))} | ${num(per(m.broker))} | ${servicesMs === undefined ? '(idle, in the rest)' : num(servicesMs)} | ${num(per(m.bench))} | ${num(rest)} | ${(100 * m.utilisation).toFixed(0)}% |`;
  };
  return [
    '| run | machine CPU ms per checkout | PostgreSQL | RabbitMQ | the services | the bench process | the rest | cores busy |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    line('split', costs.machine.split, services),
    line('baseline', costs.machine.baseline, undefined),
  ].join('\n');
}

/**
 * What the machine's CPU per checkout says about the throughput goal: the most checkouts a second the
 * split could complete with every core busy, against the rate the goal asks for in this run.
 */
function machineVerdict(costs: Costs, split: Result, baseline: Result): string {
  const m = costs.machine.split;
  const cores = os.cpus().length;
  const perSplit = perCheckoutMs(m.busy, m);
  const perBaseline = perCheckoutMs(costs.machine.baseline.busy, costs.machine.baseline);
  const ceiling = (cores * 1000) / perSplit;
  const wanted = 0.33 * baseline.perSecond;
  return `The split spent **${(perSplit / perBaseline).toFixed(1)}×** the machine CPU per checkout that the baseline did. At ${num(perSplit)} ms
a checkout, ${cores} cores kept fully busy complete at most **${num(ceiling)} checkouts/s** (this run: ${num(split.perSecond)}/s with the cores
${(100 * m.utilisation).toFixed(0)} % busy); the goal of 0.33× this run's baseline is ${num(wanted)}/s, which needs at most
**${num((cores * 1000) / wanted)} ms** of machine CPU per checkout, all processes together${wanted > ceiling ? `: ${(perSplit / ((cores * 1000) / wanted)).toFixed(1)}× less than now` : ''}.`;
}

const num = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function costTable(costs: Costs): string {
  const rows = Object.entries(costs.perService);
  const total = (key: keyof ServiceCounters) => rows.reduce((sum, [, c]) => sum + c[key], 0);
  const line = (name: string, c: ServiceCounters) =>
    `| ${name} | ${num(c.cpuMs)} | ${num(c.commits)} | ${num(c.rollbacks)} | ${num(c.deadlocks, 0)} | ${num(c.statements)} | ${num(c.outbox)} | ${num(c.inbox)} | ${num(c.http)} |`;
  const sum: ServiceCounters = { cpuMs: total('cpuMs'), commits: total('commits'), rollbacks: total('rollbacks'), deadlocks: total('deadlocks'), statements: total('statements'), outbox: total('outbox'), inbox: total('inbox'), http: total('http') };
  return [
    '| service | CPU ms | commits | rollbacks | deadlocks (whole run) | statements | outbox messages | inbox messages | HTTP requests answered |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(([name, c]) => line(name, c)),
    line('**all services**', sum),
    `| bench process (HTTP client, poller) | ${num(costs.benchCpuMs)} | | | | | | | |`,
  ].join('\n');
}

function profileTables(costs: Costs): string {
  if (typeof costs.profiles === 'string') return costs.profiles;
  const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;
  return costs.profiles.map((p) => {
    const per = p.busyMs / costs.profiledCheckouts;
    return `**${p.service}**: ${num(per)} ms of sampled CPU per checkout (${num(p.busyMs, 0)} ms over ${costs.profiledCheckouts} checkouts).\n\n` +
      `| where | ms per checkout | share |\n|---|---:|---:|\n` +
      p.byCategory.slice(0, 8).map(([name, ms]) => `| ${name} | ${num(ms / costs.profiledCheckouts, 2)} | ${pct(ms, p.busyMs)} |`).join('\n') +
      `\n\nMost self time: ${p.top.slice(0, 6).map(([name, ms]) => `\`${name}\` ${pct(ms, p.busyMs)}`).join(', ')}.`;
  }).join('\n\n');
}

function report(split: Result, baseline: Result, loadBefore: number, costs: Costs): string {
  const throughput = baseline.perSecond / split.perSecond;
  const p50 = percentile(split.latencies, 50) / percentile(baseline.latencies, 50);
  const p99 = percentile(split.latencies, 99) / percentile(baseline.latencies, 99);
  return `
${CHECKOUTS} checkouts, ${CONCURRENCY} at a time (a closed loop: each of ${CONCURRENCY} customers places the next order once the
last is confirmed), after ${WARMUP} warm-up checkouts on each side that are not counted. The same carts on both sides
(1 to 3 lines of 1 to 3 units over five products), the approving test card, stock that never runs out.
Load average (1 min) before / after: ${loadBefore.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)}.

| path | confirmed | failed | seconds | checkouts/s | p50 ms to CONFIRMED | p99 ms | max ms |
|---|---:|---:|---:|---:|---:|---:|---:|
${row(split)}
${row(baseline)}

- **The split costs ${throughput.toFixed(1)}× in throughput** (the baseline completes ${throughput.toFixed(1)} checkouts for each one of the saga),
  and **${p50.toFixed(1)}× at p50, ${p99.toFixed(1)}× at p99** in time to CONFIRMED.
- Split, time to the \`202 Accepted\` of POST /orders (what the customer waits for before seeing "pending"):
  p50 ${ms(percentile(split.accepted ?? [], 50))} ms, p99 ${ms(percentile(split.accepted ?? [], 99))} ms.
- Throughput against the baseline: **${(split.perSecond / baseline.perSecond).toFixed(2)}×** (goal ≥ 0.33×); split p50 to CONFIRMED
  **${ms(percentile(split.latencies, 50))} ms** (goal ≤ 60 ms).
- With ${CHECKOUTS} checkouts p99 is the ${ordinal(CHECKOUTS - Math.ceil(0.99 * CHECKOUTS) + 1)} slowest; the baseline's whole run lasts about
  ${baseline.seconds.toFixed(1)} s, so its tail (a garbage collection, the client sharing its event loop) is the noisier figure.

How it was measured. **Split**: identity, catalog, inventory, payments, shipping and orders each run as their own
process (as \`npm start\` runs them) with their own database on one local PostgreSQL, over a local RabbitMQ, with
their default settings (pools of 10 connections; no step misses its deadline and no message is retried on this
path). POST /orders goes to orders directly (no gateway): it verifies the token, reads prices from catalog over
HTTP, writes the order, its saga and \`payments.authorize\` (to its outbox) in one transaction and answers 202.
The saga then takes four round trips through RabbitMQ (authorize, reserve, create shipment, capture), each a command
relayed from orders' outbox and a reply relayed from the participant's outbox, each applied under an inbox
row; payments also calls the card processor simulator, which keeps its own records. The time to CONFIRMED runs
from just before the POST to the \`confirm-order\` step orders recorded (both clocks are this machine's);
completion is noticed by polling orders' database every ${POLL_MS} ms, which only decides when the customer
places the next order. **Baseline**: a Fastify app built with the
same service kit, in the bench's own process, verifying the same identity tokens; its POST /orders does the whole
checkout in one transaction of one database (idempotency check, prices, stock rows locked FOR UPDATE in SKU order and
decremented under a CHECK that keeps them at or above zero, order and items, payment authorized then captured with
both operations logged, shipment with a tracking number, order confirmed) and answers 201 with the confirmed order.
It calls no card processor. Both sides are driven by the same HTTP client; the baseline's server shares its event
loop with that client, the split's services do not, and all of it shares the same ${os.cpus().length} cores.

## What one checkout costs each service

Measured over the ${split.completed} checkouts of the split run above (counters read before and after, divided by the
checkouts; the services' idle work in that time, relays and jobs polling, is in it). CPU: the process's user +
system time (/proc/<pid>/stat). Commits and rollbacks: pg_stat_database of the service's own database (the bench's
poller of orders' database and the sampling's own query taken off); deadlocks from the same view, counted over the
whole run (each one held its transactions for PostgreSQL's deadlock_timeout, a second). Statements: what the service's pools sent,
BEGIN and COMMIT included (\`db_client_queries\` on its /metrics). Outbox and inbox messages: rows written (a
message published; a message received and applied). HTTP requests: those it answered (health and metrics aside).

${costTable(costs)}

## What one checkout costs the whole machine

Over each measured run: the machine's busy CPU time on all its cores (/proc/stat: user, nice, system, irq,
softirq, steal), PostgreSQL's server processes and RabbitMQ's Erlang VM (/proc/<pid>/stat of every process named
\`postgres\` or \`beam.smp\`), the services (the table above) and the bench process; the rest is the kernel's work
outside those processes and anything else running. During the baseline run the split's services sit idle beside
it, and the baseline app runs in the bench process.

${machineTable(costs)}

${machineVerdict(costs, split, baseline)}

## Where the CPU goes (profiles)

${PROFILED > 0 ? `After the measured runs the six services are restarted with \`--cpu-prof\` and ${costs.profiledCheckouts} more checkouts run
${CONCURRENCY} at a time; only the samples taken during those checkouts count (idle excluded). Time is self time,
by library (from each function's file) and by function. Samples are wall-clock intervals in which the thread was not idle: on a loaded machine they include time the process waited for a core, so read the shares here and the CPU time in the table above.` : 'Not profiled this run (BENCH_PROFILE_CHECKOUTS=0).'}

${profileTables(costs)}

## What the split buys, and what it costs

Each service keeps its own data and fails on its own: payments, inventory or
shipping can be down, restarted or redeployed while orders still takes orders (the commands wait in RabbitMQ and the
saga resumes), a slow card processor holds no stock rows and blocks no one else's transaction, each database can be
sized, migrated and scaled for its own load, and no team's schema change breaks another's queries. It costs what the
figures show: the baseline's one commit becomes eleven in four databases (the order; for each of the four steps the
participant's handling and orders' handling of the reply; for the two payment steps the record committed before the
processor is called), plus the simulated processor's own and each relay marking its messages sent; eight saga
messages cross the broker, each waiting for a relay and a consumer. The customer sees "pending" at once but
"confirmed" only after the last hop. The split also moves the atomicity the baseline gets for free into code that
must be right under every crash: compensations, deadlines, idempotent receivers, and the chaos test that checks them
(\`tools/test/chaos.test.ts\`). The baseline needs none of that, but any slow or failed part of it stops every
checkout, and all of it must scale as one database.
`;
}

function figures(split: Result, baseline: Result, costs: Costs): Figure[] {
  const services = Object.entries(costs.perService);
  const sum = (key: keyof ServiceCounters) => services.reduce((total, [, c]) => total + c[key], 0);
  const round = (value: number, digits = 2) => Number(value.toFixed(digits));
  const each = (key: keyof ServiceCounters) => services.map(([name, c]) => `${name} ${num(c[key])}`).join(', ');
  return [
    {
      id: 'checkout.throughput-ratio', measure: 'checkout, completed/s of the saga against the one-transaction monolith', value: round(split.perSecond / baseline.perSecond),
      unit: '×', goal: { op: '>=', value: 0.33 }, detail: `split ${split.perSecond.toFixed(1)}/s, monolith ${baseline.perSecond.toFixed(1)}/s`,
    },
    {
      id: 'checkout.p50-ms', measure: 'checkout, p50 from POST /orders to CONFIRMED through the saga', value: round(percentile(split.latencies, 50), 0),
      unit: 'ms', goal: { op: '<=', value: 60 }, detail: `monolith p50 ${ms(percentile(baseline.latencies, 50))} ms; split p99 ${ms(percentile(split.latencies, 99))} ms`,
    },
    (() => {
      const { split: m, baseline: b } = costs.machine;
      const per = perCheckoutMs;
      return {
        id: 'checkout.machine-cpu-ratio', measure: 'checkout, the whole machine\'s CPU per checkout, saga against monolith', value: round(per(m.busy, m) / per(b.busy, b)), unit: '×',
        detail: `split ${num(per(m.busy, m))} ms (PostgreSQL ${num(per(m.postgres, m))}, RabbitMQ ${num(per(m.broker, m))}), monolith ${num(per(b.busy, b))} ms; cores busy ${(100 * m.utilisation).toFixed(0)} % and ${(100 * b.utilisation).toFixed(0)} %`,
      } satisfies Figure;
    })(),
    ...services.map(([name, c]): Figure => ({ id: `checkout.cpu-ms.${name}`, measure: `checkout, ${name}'s CPU per checkout`, value: round(c.cpuMs), unit: 'ms' })),
    { id: 'checkout.cpu-ms.all', measure: 'checkout, CPU of all six services per checkout', value: round(sum('cpuMs')), unit: 'ms' },
    { id: 'checkout.commits', measure: 'checkout, database commits per checkout (all services)', value: round(sum('commits')), unit: '', detail: each('commits') },
    { id: 'checkout.statements', measure: 'checkout, statements sent per checkout (all services)', value: round(sum('statements')), unit: '', detail: each('statements') },
    { id: 'checkout.messages', measure: 'checkout, messages published (outbox rows) per checkout', value: round(sum('outbox')), unit: '', detail: each('outbox') },
    { id: 'checkout.http-calls', measure: 'checkout, HTTP requests answered per checkout (all services)', value: round(sum('http')), unit: '', detail: each('http') },
    {
      id: 'checkout.deadlocks', measure: 'checkout, deadlocks PostgreSQL found in the services\' databases over the split run', value: sum('deadlocks'), unit: '',
      detail: services.filter(([, c]) => c.deadlocks > 0).map(([name, c]) => `${name} ${c.deadlocks}`).join(', ') || 'none',
    },
    // Per service, for the capacity model (bench/capacity.bench.ts): each database's commits and each work queue's deliveries.
    ...services.map(([name, c]): Figure => ({ id: `checkout.commits.${name}`, measure: `checkout, commits per checkout in ${name}'s database`, value: round(c.commits), unit: '' })),
    ...services.map(([name, c]): Figure => ({ id: `checkout.deliveries.${name}`, measure: `checkout, messages delivered to ${name} (inbox rows) per checkout`, value: round(c.inbox), unit: '' })),
  ];
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0]!;
  let split: Split | undefined;
  let baseline: Baseline | undefined;
  try {
    split = await startSplit();
    const all = carts(split.products.map((p) => p.id), WARMUP + CHECKOUTS + PROFILED);
    const warm = all.slice(0, WARMUP);
    const measured = all.slice(WARMUP, WARMUP + CHECKOUTS);
    const profiled = all.slice(WARMUP + CHECKOUTS);
    baseline = await startBaseline(split.system.url('identity'), split.products);
    say(`baseline app at ${baseline.url}, database ${baseline.database.name}`);

    say(`warming up: ${WARMUP} checkouts on each side…`);
    const s = split;
    const b = baseline;
    await closedLoop('split warm-up', WARMUP, (i) => splitCheckout(s, warm[i]!)(), true);
    await closedLoop('baseline warm-up', WARMUP, (i) => baselineCheckout(b, s.token, s.paymentMethodId, warm[i]!)(), true);

    // PostgreSQL publishes a backend's counts once it has been idle a moment (at most once a second).
    await sleep(1_500);
    const sampler = await serviceSampler(s.system, SERVICES);
    const before = await sampler.sample();
    const pollsBefore = s.pollQueries();
    const benchCpuBefore = process.cpuUsage();
    const machineBefore = machineCpu();
    say(`split: ${CHECKOUTS} checkouts through the saga, ${CONCURRENCY} at a time…`);
    const splitResult = await closedLoop('split: saga over 6 services (orders → payments → inventory → shipping → payments)', CHECKOUTS, (i) => splitCheckout(s, measured[i]!)());
    const splitMachine = machineCpuSpent(machineBefore, machineCpu());
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const polls = s.pollQueries() - pollsBefore;
    await sleep(1_500);
    const after = await sampler.sample();
    await sampler.close();
    say(`  ${splitResult.completed} confirmed in ${splitResult.seconds.toFixed(2)} s: ${splitResult.perSecond.toFixed(1)}/s, p50 ${ms(percentile(splitResult.latencies, 50))} ms, p99 ${ms(percentile(splitResult.latencies, 99))} ms`);
    say(`baseline: ${CHECKOUTS} checkouts in one transaction each, ${CONCURRENCY} at a time…`);
    const baselineBenchBefore = process.cpuUsage();
    const baselineMachineBefore = machineCpu();
    const baselineResult = await closedLoop('baseline: one process, one database, one transaction', CHECKOUTS, (i) => baselineCheckout(b, s.token, s.paymentMethodId, measured[i]!)());
    const baselineMachine = machineCpuSpent(baselineMachineBefore, machineCpu());
    const baselineBench = process.cpuUsage(baselineBenchBefore);
    say(`  ${baselineResult.completed} confirmed in ${baselineResult.seconds.toFixed(2)} s: ${baselineResult.perSecond.toFixed(1)}/s, p50 ${ms(percentile(baselineResult.latencies, 50))} ms, p99 ${ms(percentile(baselineResult.latencies, 99))} ms`);

    // Recorded all the same (the table's `failed` column says so), so that an overloaded machine's run still
    // tells where the time went; the run then fails at the end.
    const unconfirmed = splitResult.failed + baselineResult.failed;
    if (splitResult.completed === 0 || baselineResult.completed === 0) throw new Error(`${splitResult.failed} split and ${baselineResult.failed} baseline checkouts were not confirmed`);
    const costs: Costs = {
      perService: perCheckout(before, after, splitResult.completed, { orders: polls }),
      benchCpuMs: (benchCpu.user + benchCpu.system) / 1000 / splitResult.completed,
      profiles: 'Not profiled this run (BENCH_PROFILE_CHECKOUTS=0).',
      profiledCheckouts: PROFILED,
      machine: {
        split: { ...splitMachine, bench: (benchCpu.user + benchCpu.system) / 1e6, checkouts: splitResult.completed },
        baseline: { ...baselineMachine, bench: (baselineBench.user + baselineBench.system) / 1e6, checkouts: baselineResult.completed },
      },
    };
    const write = () => {
      const body = report(splitResult, baselineResult, loadBefore, costs);
      recordFigures('checkout', figures(splitResult, baselineResult, costs));
      return { body, file: writeResults('checkout', 'Checkout: the saga across services against one transaction in one process', 'npm run bench -- checkout', body) };
    };
    if (PROFILED > 0) {
      // Written once before the profiled phase (which restarts every service) and again after it.
      costs.profiles = 'The profiled phase did not finish.';
      write();
      try {
        costs.profiles = await profilePhase(s.system, SERVICES, async () => {
          const profiledRun = await closedLoop('split, profiled', PROFILED, (i) => splitCheckout(s, profiled[i]!)());
          if (profiledRun.failed) say(`${profiledRun.failed} profiled checkouts were not confirmed`);
          costs.profiledCheckouts = profiledRun.completed || 1;
        }, say);
      } catch (error) {
        costs.profiles = `The profiled phase failed: ${(error as Error).message}`;
        say(costs.profiles);
      }
    }
    const { body, file } = write();
    console.log(body);
    say(`written to ${file}`);
    if (unconfirmed) {
      say(`${splitResult.failed} split and ${baselineResult.failed} baseline checkouts were not confirmed (see above): the figures count only the confirmed ones`);
      process.exitCode = 1;
    }
  } finally {
    say('stopping and cleaning up…');
    split?.stopPoller();
    await split?.ordersDb.end().catch(() => undefined);
    await baseline?.app.close().catch(() => undefined);
    await baseline?.pool.end().catch(() => undefined);
    await baseline?.database.drop().catch(() => undefined);
    await split?.system.stop();
  }
}

main().catch((error: Error) => {
  console.error(`[bench] failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
