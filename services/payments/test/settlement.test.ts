import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AppError } from '@bazaar/platform';
import { published } from '@bazaar/platform/testing';
import { TEST_CARDS, type SimulatedCardProcessor } from '../src/processor/simulated-processor.js';
import { LosesFirstCaptureAnswer, operationsOf, paymentOf, paymentsWith, simulatorOver } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

const types = async (db: TestDb, orderId: string) => (await published(db.pool, orderId)).map((r) => r.type);
const last = async (db: TestDb, orderId: string) => (await published(db.pool, orderId)).at(-1)!;

describe('payments.capture, payments.void, payments.refund', () => {
  let db: TestDb;
  before(async () => { db = await setUpDatabase('payments_settlement'); });
  after(() => db.close());

  async function authorized(card: string = TEST_CARDS.approve) {
    const payments = paymentsWith(db);
    const command = await payments.command({}, { number: card });
    await payments.authorize(command);
    return { payments, orderId: command.orderId, simulator: payments.processor as SimulatedCardProcessor };
  }

  test('capture takes the authorized amount; a second capture (new operation id) is a typed failure', async () => {
    const { payments, orderId, simulator } = await authorized();
    await payments.capture(orderId);
    await payments.capture(orderId);
    assert.deepEqual(await types(db, orderId), ['payment.authorized', 'payment.captured', 'payment.capture-failed']);
    assert.equal((await last(db, orderId)).payload.reason, 'already_captured');
    const payment = await paymentOf(db.pool, orderId);
    assert.deepEqual([payment?.status, payment?.captured_minor], ['captured', 2599]);
    assert.equal(simulator.calls.capture, 1, 'the refused capture never reached the processor');
    assert.equal((await simulator.authorizationsFor(orderId))[0]?.capturedMinor, 2599, 'money captured once');
    const captures = (await operationsOf(db.pool, orderId)).filter((o) => o.kind === 'capture');
    assert.deepEqual(captures.map((o) => o.outcome).sort(), ['declined', 'succeeded']);
  });

  test('a repeated capture command is answered again without a second processor call', async () => {
    const { payments, orderId, simulator } = await authorized();
    const operationId = randomUUID();
    await payments.capture(orderId, operationId);
    await payments.capture(orderId, operationId);
    assert.equal(simulator.calls.capture, 1);
    const [first, second] = (await published(db.pool, orderId)).filter((r) => r.type === 'payment.captured');
    assert.deepEqual(first?.payload, second?.payload);
  });

  test('void after capture is refused; refund after capture works; a refund over what is left is refused', async () => {
    const { payments, orderId, simulator } = await authorized();
    await payments.capture(orderId);
    await payments.void(orderId);
    assert.equal((await last(db, orderId)).type, 'payment.void-failed');
    assert.equal((await last(db, orderId)).payload.reason, 'already_captured');

    await payments.refund(orderId, 1000);
    const partial = await last(db, orderId);
    assert.equal(partial.type, 'payment.refunded');
    assert.deepEqual([partial.payload.amountMinor, partial.payload.status], [1000, 'partially_refunded']);

    await payments.refund(orderId, 1600);
    assert.equal((await last(db, orderId)).type, 'payment.refund-failed');
    assert.equal((await last(db, orderId)).payload.reason, 'exceeds_captured');

    await payments.refund(orderId);
    const rest = await last(db, orderId);
    assert.deepEqual([rest.type, rest.payload.amountMinor, rest.payload.status], ['payment.refunded', 1599, 'refunded']);
    const payment = await paymentOf(db.pool, orderId);
    assert.deepEqual([payment?.status, payment?.refunded_minor], ['refunded', 2599]);
    assert.equal((await simulator.authorizationsFor(orderId))[0]?.refundedMinor, 2599);

    await payments.refund(orderId);
    assert.equal((await last(db, orderId)).type, 'payment.refund-failed', 'nothing is left to refund');
  });

  test('refund before capture is refused', async () => {
    const { payments, orderId } = await authorized();
    await payments.refund(orderId, 100);
    assert.deepEqual([(await last(db, orderId)).type, (await last(db, orderId)).payload.reason], ['payment.refund-failed', 'not_captured']);
  });

  test('void releases an authorization; voiding again is a no-op success; capture after void is refused', async () => {
    const { payments, orderId, simulator } = await authorized();
    await payments.void(orderId);
    await payments.void(orderId);
    await payments.capture(orderId);
    const replies = await published(db.pool, orderId);
    assert.deepEqual(replies.map((r) => r.type), ['payment.authorized', 'payment.voided', 'payment.voided', 'payment.capture-failed']);
    assert.deepEqual(replies.slice(1, 3).map((r) => r.payload.effect), ['voided', 'nothing_held']);
    assert.equal(replies[3]!.payload.reason, 'not_authorized');
    assert.equal((await paymentOf(db.pool, orderId))?.status, 'voided');
    assert.equal((await simulator.authorizationsFor(orderId))[0]?.status, 'voided');
    assert.equal(simulator.calls.void, 1);
  });

  test('void of an unknown order is a no-op success, and an authorization arriving later is refused', async () => {
    const payments = paymentsWith(db);
    const simulator = payments.processor as SimulatedCardProcessor;
    const command = await payments.command();
    await payments.void(command.orderId);
    await payments.void(command.orderId);
    assert.deepEqual((await published(db.pool, command.orderId)).map((r) => [r.type, r.payload.paymentId, r.payload.effect]), [
      ['payment.voided', null, 'nothing_held'],
      ['payment.voided', null, 'nothing_held'],
    ]);
    await payments.authorize(command);
    const late = await last(db, command.orderId);
    assert.deepEqual([late.type, late.payload.reason], ['payment.declined', 'order_voided']);
    assert.equal(simulator.calls.authorize, 0, 'no money was ever held for the cancelled order');
  });

  test('void of a declined payment is a no-op success', async () => {
    const { payments, orderId, simulator } = await authorized(TEST_CARDS.decline);
    await payments.void(orderId);
    const reply = await last(db, orderId);
    assert.deepEqual([reply.type, reply.payload.effect], ['payment.voided', 'nothing_held']);
    assert.equal(simulator.calls.void, 0);
  });

  test('capture of an unknown order, and a capture the processor declines, are typed failures', async () => {
    const payments = paymentsWith(db);
    const orderId = randomUUID();
    await payments.capture(orderId);
    assert.equal((await last(db, orderId)).payload.reason, 'payment_not_found');

    const declining = await authorized(TEST_CARDS.captureDeclined);
    await declining.payments.capture(declining.orderId);
    const reply = await last(db, declining.orderId);
    assert.deepEqual([reply.type, reply.payload.reason], ['payment.capture-failed', 'capture_declined']);
    assert.equal((await paymentOf(db.pool, declining.orderId))?.status, 'authorized');
  });

  test('a capture whose answer is lost stays pending and is retried; the retry learns the first answer', async () => {
    const simulator = simulatorOver(db.pool);
    const processor = new LosesFirstCaptureAnswer(simulator);
    const payments = paymentsWith(db, processor);
    const command = await payments.command();
    await payments.authorize(command);
    const operationId = randomUUID();
    await assert.rejects(payments.capture(command.orderId, operationId), (error: unknown) =>
      error instanceof AppError && error.code === 'unavailable' && error.options.extensions?.retryable === true);
    const pending = (await operationsOf(db.pool, command.orderId)).find((o) => o.kind === 'capture');
    assert.equal(pending?.outcome, 'pending');
    assert.deepEqual(await types(db, command.orderId), ['payment.authorized'], 'no reply until the answer is known');

    await payments.capture(command.orderId, operationId);
    assert.deepEqual(await types(db, command.orderId), ['payment.authorized', 'payment.captured']);
    assert.equal(simulator.calls.capture, 2);
    assert.equal((await simulator.authorizationsFor(command.orderId))[0]?.capturedMinor, 2599, 'captured once');
    assert.equal((await paymentOf(db.pool, command.orderId))?.status, 'captured');
  });

  test('concurrent captures of one payment capture once', async () => {
    const { payments, orderId, simulator } = await authorized();
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => payments.capture(orderId)));
    // Losers either were refused (already captured) or told to retry while the winner was in flight.
    for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as AppError).code, 'unavailable');
    const captures = await pgCount(db, "SELECT count(*)::int AS n FROM payment_operations WHERE order_id_ref = $1 AND kind = 'capture' AND outcome = 'succeeded'", orderId);
    assert.equal(captures, 1);
    assert.equal((await simulator.authorizationsFor(orderId))[0]?.capturedMinor, 2599);
  });
});

async function pgCount(db: TestDb, sql: string, orderId: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(sql, [orderId]);
  return rows[0]!.n;
}
