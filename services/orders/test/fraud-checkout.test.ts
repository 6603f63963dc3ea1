// The fraud screening through one running orders: its routes, its flags reading a real flag file
// (flagd's in-process provider, re-read when the file changes), its database, its screening job with
// the scorer simulator, and replies delivered as the consumer delivers them. The flag file is absent
// when orders starts, then written off, then rewritten to 100 %, back to off and to 50 %, all under the
// same instance. The screening job is run a pass at a time, so each test knows when a verdict is in.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { contracts, type Messages } from '@bazaar/contracts';
import {
  createEnvelope, createFlags, createJwtVerifier, createLogger, uuidv5, uuidv7, type Flags, type ServiceApp,
} from '@bazaar/platform';
import { createServiceTestDatabase, deliverMessage, eventually, startTestIssuer, type ServiceTestDatabase, type TestIssuer } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR, buildApp } from '../src/app.js';
import { FRAUD_REJECTION } from '../src/checkout/saga.js';
import { createReplyHandler, replyHandlers, type SagaRunnerDeps } from '../src/checkout/saga.runner.js';
import type { SagaMessage } from '../src/checkout/saga.types.js';
import { createScreeningJob, type ScreeningJob } from '../src/checkout/screening.job.js';
import { FRAUD_CHECK_FLAG, flaggedScreening } from '../src/checkout/screening.js';
import type { FraudAssessment, FraudScorer } from '../src/fraud/fraud-scorer.js';
import { FAILING_POSTAL_CODE, SimulatedFraudScorer, WATCHED_POSTAL_CODE } from '../src/fraud/simulated-scorer.js';
import { createCatalog, type Catalog } from '../src/orders/catalog.client.js';
import { orderRecords } from '../src/orders/order-records.store.js';
import { StandInCatalog, checkoutBody, settings, type Sent } from './support.js';

const logger = createLogger('orders', 'silent');
/** flagd polls the file's status (about every 5 s): a change is waited for generously, never measured. */
const FLAG_CHANGE = { timeoutMs: 60_000, intervalMs: 250 };
/** Fixed user ids, the same on every run: the 50 % split among them is the same every time. */
const FIXED_USERS = Array.from({ length: 40 }, (_, n) => uuidv5(`fraud-rollout-user-${n}`, '6ba7b811-9dad-11d1-80b4-00c04fd430c8'));

let db: ServiceTestDatabase<Messages>;
let app: ServiceApp;
let catalog: StandInCatalog;
let catalogClient: Catalog;
let issuer: TestIssuer;
let flags: Flags;
let runner: SagaRunnerDeps;
let screener: ScreeningJob;
let handlers: ReturnType<typeof replyHandlers>;
let dir: string;
let flagFile: string;
let lamp: string;
let bigTicket: string;
/** What the app's screening policy calls once a checkout that screens has committed (main.ts: the job's wake). */
let onQueued = (): void => {};

before(async () => {
  db = await createServiceTestDatabase({ service: 'orders', label: 'orders_fraud', migrationsDir: MIGRATIONS_DIR, contracts });
  catalog = new StandInCatalog();
  await catalog.start();
  lamp = catalog.add({ sku: 'LAMP-001', priceMinor: 4_900 }).id;
  // Above the simulator's 5 000.00: rejected on its total alone.
  bigTicket = catalog.add({ sku: 'PIANO-001', name: 'Grand piano', priceMinor: 600_000 }).id;
  issuer = await startTestIssuer();
  dir = await mkdtemp(join(tmpdir(), 'orders-flags-'));
  flagFile = join(dir, 'flags.json');
  // The file does not exist yet: every flag is at its fallback until it appears.
  flags = await createFlags({ service: 'orders', file: flagFile, logger, retryMs: 200 });
  const screening = { ...flaggedScreening(flags), queued: () => onQueued() };
  catalogClient = createCatalog({ baseUrl: catalog.url, timeoutMs: 1000 });
  const verifier = createJwtVerifier({ jwksUrl: issuer.jwksUrl });
  const now = () => new Date();
  app = await buildApp({ pool: db.pool, logger, verifier, catalog: catalogClient, settings, now, publish: db.publish, screening, flags });
  runner = { settings, now, publish: db.publish, orders: orderRecords, screening, logger };
  handlers = replyHandlers(createReplyHandler(runner));
  screener = screeningJob(new SimulatedFraudScorer());
});

after(async () => {
  await screener?.stop();
  await app?.close();
  await flags?.close();
  await catalogClient?.close();
  await catalog?.stop();
  await issuer?.close();
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function screeningJob(scorer: FraudScorer, timeoutMs = 2_000, intervalMs = 50): ScreeningJob {
  return createScreeningJob({ pool: db.pool, deps: runner, logger, scorer, timeoutMs, rejectScore: 70, intervalMs, batchSize: 100 });
}

/** Writes the flag file as a deploy would: beside it, then renamed over it. `percent` undefined: the flag is off for everyone. */
async function writeFlag(percent?: number): Promise<void> {
  const flag: Record<string, unknown> = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' };
  if (percent !== undefined) flag.targeting = { fractional: [['on', percent], ['off', 100 - percent]] };
  const temporary = `${flagFile}.tmp`;
  await writeFile(temporary, JSON.stringify({ $schema: 'https://flagd.dev/schema/v0/flags.json', flags: { [FRAUD_CHECK_FLAG]: flag } }, null, 2));
  await rename(temporary, flagFile);
}

/** What the flag answers for each of these users now. */
const answers = (users: readonly string[]) => Promise.all(users.map((u) => flags.boolean(FRAUD_CHECK_FLAG, false, { targetingKey: u })));

/** Waits until orders' flags answer `on` for every one of the fixed users (or none). */
async function flagIsEverywhere(on: boolean): Promise<void> {
  await eventually(async () => (await answers(FIXED_USERS)).every((a) => a === on), { ...FLAG_CHANGE, message: `the flag ${on ? 'on' : 'off'} for everyone` });
}

interface Placed {
  id: string;
  userId: string;
  token: string;
}

async function checkout(options: { userId?: string; productId?: string; postalCode?: string } = {}): Promise<Placed> {
  const userId = options.userId ?? randomUUID();
  const token = await issuer.token({ userId, roles: ['customer'] });
  const body = checkoutBody([options.productId ?? lamp]);
  if (options.postalCode) body.shippingAddress = { ...body.shippingAddress, postalCode: options.postalCode };
  const response = await app.inject({ method: 'POST', url: '/orders', payload: body, headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() } });
  assert.equal(response.statusCode, 202, response.body);
  return { id: response.json().id, userId, token };
}

async function view(order: Placed) {
  const response = await app.inject({ method: 'GET', url: `/orders/${order.id}`, headers: { authorization: `Bearer ${order.token}` } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as {
    status: string; statusReason: string | null; checkout: { state: string; step: string | null };
    timeline: { step: string; status: string; detail: string | null }[];
  };
}

/** The screening's verdict detail, as an operator reads it (the customer's view leaves it out). */
async function screeningDetail(order: Placed): Promise<string | null | undefined> {
  const token = await issuer.token({ userId: randomUUID(), roles: ['admin'] });
  const response = await app.inject({ method: 'GET', url: `/admin/sagas/${order.id}`, headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.statusCode, 200, response.body);
  const steps = (response.json() as { steps: { step: string; status: string; detail: string | null }[] }).steps;
  return steps.find((e) => e.step === 'screen-fraud' && e.status !== 'started')?.detail;
}

/** Whether the saga was decided to screen, as stored with it. */
async function fraudCheckOf(orderId: string): Promise<boolean> {
  const { rows } = await db.pool.query<{ fraud_check: boolean }>('SELECT fraud_check FROM checkout_sagas WHERE order_id = $1', [orderId]);
  assert.ok(rows[0], `no saga for ${orderId}`);
  return rows[0].fraud_check;
}

/** What orders wrote to its outbox about an order, oldest first. */
async function sent(orderId: string): Promise<Sent[]> {
  const { rows } = await db.pool.query<{ id: string; type: string; envelope: { payload: Record<string, unknown> } }>('SELECT id, type, envelope FROM outbox ORDER BY id');
  return rows.filter((r) => r.envelope.payload.orderId === orderId).map((r) => ({ id: r.id, type: r.type, payload: r.envelope.payload }));
}
const typesSent = async (orderId: string) => (await sent(orderId)).map((m) => m.type);

async function command(orderId: string, type: string): Promise<Record<string, unknown>> {
  const found = (await sent(orderId)).filter((m) => m.type === type).at(-1);
  assert.ok(found, `orders never sent ${type}`);
  return found.payload;
}

const SOURCES: Record<string, string> = { payment: 'payments', stock: 'inventory', shipment: 'shipping' };

async function deliver(type: SagaMessage['type'], payload: Record<string, unknown>): Promise<void> {
  const id = uuidv7();
  const envelope = { ...createEnvelope(SOURCES[type.split('.')[0]!]!, type, 1, payload), id, correlationId: id, causationId: id };
  await deliverMessage({ pool: db.pool, contracts, kind: 'events', handlers }, envelope);
}

/** Answers the checkout's commands as payments, inventory and shipping would when all goes well. */
async function confirm(order: Placed): Promise<void> {
  const orderId = order.id;
  const paymentId = randomUUID();
  const money = { amountMinor: 4_900, currency: 'EUR' };
  await deliver('payment.authorized', { operationId: (await command(orderId, 'payments.authorize')).operationId, orderId, paymentId, ...money, cardBrand: 'visa', cardLast4: '4242', version: 2 });
  const reserve = await command(orderId, 'inventory.reserve');
  await deliver('stock.reserved', { reservationId: reserve.reservationId, orderId, items: reserve.items });
  const create = await command(orderId, 'shipping.create-shipment');
  await deliver('shipment.created', { shipmentRequestId: create.shipmentRequestId, orderId, shipmentId: randomUUID(), trackingNumber: 'BZ7K3M9QX2PA', carrier: 'bazaar-courier', status: 'created', version: 1 });
  await deliver('payment.captured', { operationId: (await command(orderId, 'payments.capture')).operationId, orderId, paymentId, ...money, version: 3 });
}

const screenSteps = (timeline: { step: string; status: string }[]) => timeline.filter((e) => e.step === 'screen-fraud').map((e) => e.status);

describe('the fraud screening, rolled out by its flag in one running orders', () => {
  test('no flag file: no checkout is screened (the flag is at its fallback, off)', async () => {
    assert.notEqual(flags.status(), 'ready');
    const order = await checkout();
    assert.equal(await fraudCheckOf(order.id), false);
    const v = await view(order);
    assert.equal(v.checkout.state, 'authorizing');
    assert.deepEqual(screenSteps(v.timeline), []);
    assert.deepEqual(await typesSent(order.id), ['order.placed', 'payments.authorize', 'inventory.reserve']);
    // Nothing for the screening job to do.
    assert.equal(await screener.runOnce(), 0);
    const health = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(health.statusCode, 200, 'flags are not critical: orders still serves');
    assert.equal(health.json().checks.flags.status, 'degraded');
  });

  test('the flag file written with the flag off: still none', async () => {
    await writeFlag(undefined);
    await eventually(() => flags.status() === 'ready', { ...FLAG_CHANGE, message: 'the flag file loaded' });
    assert.equal((await app.inject({ method: 'GET', url: '/health' })).json().checks.flags.status, 'healthy');
    const order = await checkout({ postalCode: WATCHED_POSTAL_CODE });
    assert.equal(await fraudCheckOf(order.id), false);
    assert.deepEqual(screenSteps((await view(order)).timeline), []);
    assert.deepEqual(await typesSent(order.id), ['order.placed', 'payments.authorize', 'inventory.reserve']);
  });

  let startedOff: Placed;

  test('rewritten to 100 %: the next checkout screens, without a restart; one started before keeps its decision and is never screened', async () => {
    startedOff = await checkout({ postalCode: WATCHED_POSTAL_CODE });
    assert.equal(await fraudCheckOf(startedOff.id), false);

    await writeFlag(100);
    await flagIsEverywhere(true);

    const order = await checkout();
    assert.equal(await fraudCheckOf(order.id), true);
    const v = await view(order);
    assert.equal(v.status, 'pending');
    assert.deepEqual({ state: v.checkout.state, step: v.checkout.step }, { state: 'screening', step: 'screen-fraud' });
    assert.deepEqual(screenSteps(v.timeline), ['started']);
    assert.deepEqual(await typesSent(order.id), ['order.placed'], 'nothing is asked of payments before the screening');
    const admin = await issuer.token({ userId: randomUUID(), roles: ['admin'] });
    const sagaOf = async (o: Placed) => (await app.inject({ method: 'GET', url: `/admin/sagas/${o.id}`, headers: { authorization: `Bearer ${admin}` } })).json<{ fraudCheck: boolean; state: string }>();
    assert.deepEqual(await sagaOf(order), { ...(await sagaOf(order)), fraudCheck: true, state: 'screening' });
    assert.equal((await sagaOf(startedOff)).fraudCheck, false, "operators see each saga's decision");

    // The one started with the flag off goes on unscreened, though its address would be rejected.
    assert.equal(await screener.runOnce(), 1, 'only the new checkout waits on a screening');
    await confirm(startedOff);
    const before = await view(startedOff);
    assert.equal(before.status, 'confirmed');
    assert.deepEqual(screenSteps(before.timeline), []);
    assert.equal(await fraudCheckOf(startedOff.id), false);
  });

  test('at 100 %: a suspicious order is rejected, fraud-suspected, with nothing charged or reserved', async () => {
    const watched = await checkout({ postalCode: WATCHED_POSTAL_CODE });
    const piano = await checkout({ productId: bigTicket });
    assert.equal(await screener.runOnce(), 2);
    for (const order of [watched, piano]) {
      const v = await view(order);
      assert.equal(v.status, 'rejected');
      assert.equal(v.statusReason, FRAUD_REJECTION);
      assert.match(v.statusReason, /fraud-suspected/);
      assert.equal(v.checkout.state, 'rejected');
      assert.deepEqual(v.timeline.map((e) => `${e.step} ${e.status}`), ['screen-fraud started', 'screen-fraud failed', 'reject-order succeeded']);
      assert.match(await screeningDetail(order) ?? '', /^score \d+, at or above 70: fraud suspected/);
      // The customer sees the step, not the score and reasons that would teach how to pass it.
      assert.ok(v.timeline.filter((e) => e.step === 'screen-fraud').every((e) => e.detail === null));
      // No authorization, reservation or shipment was ever asked for: nothing to undo.
      assert.deepEqual(await typesSent(order.id), ['order.placed', 'order.rejected']);
      const rejected = await command(order.id, 'order.rejected');
      assert.equal(rejected.reason, FRAUD_REJECTION);
      assert.equal(rejected.userId, order.userId);
    }
    assert.match(await screeningDetail(watched) ?? '', /watch list/);
    assert.match(await screeningDetail(piano) ?? '', /very large order \(EUR 6000\.00\)/);
  });

  test('at 100 %: a normal order passes its screening, is authorized next and confirmed', async () => {
    const order = await checkout();
    assert.equal(await screener.runOnce(), 1);
    assert.deepEqual(await typesSent(order.id), ['order.placed', 'payments.authorize', 'inventory.reserve']);
    await confirm(order);
    const v = await view(order);
    assert.equal(v.status, 'confirmed');
    assert.deepEqual(v.timeline.slice(0, 4).map((e) => `${e.step} ${e.status}`), ['screen-fraud started', 'screen-fraud succeeded', 'authorize-payment started', 'reserve-stock started']);
    assert.equal(await screeningDetail(order), 'score 5, below 70: passed');
    assert.equal(v.timeline[1]!.detail, null);
    assert.deepEqual(await typesSent(order.id), ['order.placed', 'payments.authorize', 'inventory.reserve', 'shipping.create-shipment', 'payments.capture', 'order.confirmed']);
  });

  test('at 100 %: a scorer that fails or does not answer in time lets the order through unscreened, and the step log says so', async () => {
    const failing = await checkout({ postalCode: FAILING_POSTAL_CODE });
    assert.equal(await screener.runOnce(), 1);
    const silent = await checkout();
    const deaf: FraudScorer = { score: () => new Promise<FraudAssessment>(() => undefined) };
    assert.equal(await screeningJob(deaf, 200).runOnce(), 1);
    for (const [order, status] of [[failing, 'failed'], [silent, 'timed_out']] as const) {
      const v = await view(order);
      assert.equal(v.status, 'pending');
      assert.equal(v.checkout.state, 'authorizing');
      const verdict = v.timeline.find((e) => e.step === 'screen-fraud' && e.status !== 'started');
      assert.equal(verdict?.status, status);
      assert.match(await screeningDetail(order) ?? '', /let through unscreened$/);
      assert.deepEqual(await typesSent(order.id), ['order.placed', 'payments.authorize', 'inventory.reserve']);
    }
  });

  test('a crash in the middle of a screening (its connection gone, its transaction with it): the next run screens it, once', async () => {
    const order = await checkout();
    let called!: () => void;
    const calledOnce = new Promise<void>((resolve) => { called = resolve; });
    let answer!: (a: FraudAssessment) => void;
    const stuck: FraudScorer = { score: () => { called(); return new Promise<FraudAssessment>((resolve) => { answer = resolve; }); } };
    const crashing = screeningJob(stuck, 600_000).runOnce();
    await calledOnce;
    // The database ends the crashed instance's session: its transaction is rolled back, its lock let go.
    const { rows } = await db.pool.query<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'`,
    );
    assert.deepEqual(rows.map((r) => r.terminated), [true]);
    assert.equal((await view(order)).checkout.state, 'screening', 'the crashed screening left nothing behind');

    // The instance after the restart finds it and screens it.
    assert.equal(await screener.runOnce(), 1);
    answer({ score: 99, reasons: ['answered to a crashed instance'] });
    await assert.rejects(crashing);

    const v = await view(order);
    assert.equal(v.checkout.state, 'authorizing');
    assert.deepEqual(screenSteps(v.timeline), ['started', 'succeeded']);
    assert.deepEqual(await typesSent(order.id), ['order.placed', 'payments.authorize', 'inventory.reserve']);
  });

  test('the interval job screens on its own', async () => {
    const order = await checkout({ postalCode: WATCHED_POSTAL_CODE });
    screener.start();
    try {
      await eventually(async () => (await view(order)).status === 'rejected', { timeoutMs: 30_000, message: 'the order screened by the running job' });
    } finally {
      await screener.stop();
    }
    assert.equal((await view(order)).statusReason, FRAUD_REJECTION);
  });

  test('a checkout that screens wakes the running job as it commits: screened long before the job\'s interval comes round', async () => {
    // The interval (and so the first scheduled run) is ten minutes away: only the wake can screen it in time.
    const woken = screeningJob(new SimulatedFraudScorer(), 2_000, 600_000);
    woken.start();
    onQueued = () => woken.wake();
    try {
      const order = await checkout({ postalCode: WATCHED_POSTAL_CODE });
      await eventually(async () => (await view(order)).status === 'rejected', { timeoutMs: 30_000, message: 'the order screened by the woken job' });
      assert.equal((await view(order)).statusReason, FRAUD_REJECTION);
    } finally {
      onQueued = () => {};
      await woken.stop();
    }
  });

  test('turned off again: a saga started at 100 % still screens (its decision is kept); a new one does not', async () => {
    const startedOn = await checkout({ postalCode: WATCHED_POSTAL_CODE });
    assert.equal(await fraudCheckOf(startedOn.id), true);
    await writeFlag(undefined);
    await flagIsEverywhere(false);

    const after = await checkout({ postalCode: WATCHED_POSTAL_CODE });
    assert.equal(await fraudCheckOf(after.id), false);
    assert.deepEqual(await typesSent(after.id), ['order.placed', 'payments.authorize', 'inventory.reserve']);

    assert.equal(await screener.runOnce(), 1);
    const v = await view(startedOn);
    assert.equal(v.status, 'rejected');
    assert.equal(v.statusReason, FRAUD_REJECTION);
    assert.deepEqual(await typesSent(startedOn.id), ['order.placed', 'order.rejected']);
  });

  test('at 50 %: fixed users split the same way every time, each one always screened or never', async () => {
    await writeFlag(50);
    await eventually(async () => new Set(await answers(FIXED_USERS)).size === 2, { ...FLAG_CHANGE, message: 'the 50 % rollout loaded' });

    const first = await Promise.all(FIXED_USERS.map(async (userId) => fraudCheckOf((await checkout({ userId })).id)));
    const again = await Promise.all(FIXED_USERS.map(async (userId) => fraudCheckOf((await checkout({ userId })).id)));
    assert.deepEqual(again, first, 'the same user gets the same answer');
    assert.deepEqual(await answers(FIXED_USERS), first, 'each saga kept what the flag answers its user');
    const screened = first.filter(Boolean).length;
    // 40 fixed ids at 50 %: the split is fixed by the ids; these bounds say it is a split, not all or none.
    assert.ok(screened >= 10 && screened <= 30, `${screened} of ${FIXED_USERS.length} screened`);
  });
});
