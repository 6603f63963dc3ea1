// The simulated processor's state is the stand-in for storage that, at a real processor, lives on the
// processor's side and outlives payments. A "restart" here is a new SimulatedCardProcessor over a new
// connection pool to the same database, as a payments process started after a SIGKILL would have.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AppError, createPool, type Pool } from '@bazaar/platform';
import { published } from '@bazaar/platform/testing';
import { askProcessor, beginAuthorization, processorRequestFor } from '../src/payments/authorization.handlers.js';
import { findOperation } from '../src/payments/payment.store.js';
import { TEST_CARDS, type SimulatedCardProcessor } from '../src/processor/simulated-processor.js';
import { cardOf, LosesFirstCaptureAnswer, paymentOf, paymentsWith, simulatorOver, TIMEOUT_MS } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

describe('the simulated processor keeps its state across a restart of payments', () => {
  let db: TestDb;
  const pools: Pool[] = [];
  before(async () => { db = await setUpDatabase('payments_simulator'); });
  after(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db.close();
  });

  /** A simulator as a freshly started payments process would have it: nothing in memory, a pool of its own. */
  const restarted = (): SimulatedCardProcessor => {
    const pool = createPool(db.url, { max: 4 });
    pools.push(pool);
    return simulatorOver(pool);
  };
  const call = (idempotencyKey: string) => ({ idempotencyKey, signal: new AbortController().signal });
  const types = async (orderId: string) => (await published(db.pool, orderId)).map((r) => r.type);

  test('a new instance captures, voids and refunds what the previous one authorized, and knows its tokens', async () => {
    const before = paymentsWith(db, restarted());
    const captured = await before.command();
    const voided = await before.command({}, { number: TEST_CARDS.approveMastercard });
    const savedOnly = await before.command();
    await before.authorize(captured);
    await before.authorize(voided);

    const after = paymentsWith(db, restarted());
    await after.capture(captured.orderId);
    await after.refund(captured.orderId, 599);
    await after.void(voided.orderId);
    await after.authorize(savedOnly); // a card tokenized before the restart
    await after.capture(savedOnly.orderId);

    assert.deepEqual(await types(captured.orderId), ['payment.authorized', 'payment.captured', 'payment.refunded']);
    assert.deepEqual(await types(voided.orderId), ['payment.authorized', 'payment.voided']);
    assert.equal((await published(db.pool, voided.orderId))[1]!.payload.effect, 'voided');
    assert.deepEqual(await types(savedOnly.orderId), ['payment.authorized', 'payment.captured']);
    const simulator = after.processor as SimulatedCardProcessor;
    const [held] = await simulator.authorizationsFor(captured.orderId);
    assert.deepEqual([held?.status, held?.capturedMinor, held?.refundedMinor], ['captured', 2599, 599]);
    assert.equal((await simulator.authorizationsFor(voided.orderId))[0]?.status, 'voided');
    assert.equal((await simulator.authorizationsFor(savedOnly.orderId))[0]?.status, 'captured');
  });

  test('after a restart a repeated key gets the first answer: no second authorization, capture, refund or void', async () => {
    const first = restarted();
    const { token } = await first.tokenize(cardOf());
    const orderId = randomUUID();
    const request = { amountMinor: 1000, currency: 'EUR', token, orderId };
    const keys = { authorize: randomUUID(), capture: randomUUID(), refund: randomUUID() };
    const authorized = await first.authorize(request, call(keys.authorize));
    assert.equal(authorized.outcome, 'approved');
    const authorizationId = authorized.outcome === 'approved' ? authorized.authorizationId : '';
    const captured = await first.capture({ authorizationId, amountMinor: 1000 }, call(keys.capture));
    const refunded = await first.refund({ authorizationId, amountMinor: 400 }, call(keys.refund));
    assert.deepEqual([captured.outcome, refunded.outcome], ['succeeded', 'succeeded']);

    const second = restarted();
    assert.deepEqual(await second.authorize(request, call(keys.authorize)), authorized);
    assert.deepEqual(await second.capture({ authorizationId, amountMinor: 1000 }, call(keys.capture)), captured);
    assert.deepEqual(await second.refund({ authorizationId, amountMinor: 400 }, call(keys.refund)), refunded);
    let [held] = await second.authorizationsFor(orderId);
    assert.equal((await second.authorizationsFor(orderId)).length, 1, 'one authorization');
    assert.deepEqual([held?.capturedMinor, held?.refundedMinor], [1000, 400], 'captured once, refunded once');

    // A new key is a new request.
    const again = await second.refund({ authorizationId, amountMinor: 400 }, call(randomUUID()));
    assert.equal(again.outcome, 'succeeded');
    assert.notDeepEqual(again, refunded);
    [held] = await second.authorizationsFor(orderId);
    assert.equal(held?.refundedMinor, 800);

    // Voids and declines replay too.
    const other = { ...request, orderId: randomUUID() };
    const otherAuth = await first.authorize(other, call(randomUUID()));
    const voidKey = randomUUID();
    const voidRequest = { authorizationId: otherAuth.outcome === 'approved' ? otherAuth.authorizationId : '' };
    const voidedFirst = await first.void(voidRequest, call(voidKey));
    assert.equal(voidedFirst.outcome, 'succeeded');
    assert.deepEqual(await restarted().void(voidRequest, call(voidKey)), voidedFirst);
    const declining = await first.tokenize(cardOf({ number: TEST_CARDS.decline }));
    const declineKey = randomUUID();
    const declined = await first.authorize({ ...request, token: declining.token, orderId: randomUUID() }, call(declineKey));
    assert.deepEqual(declined, { outcome: 'declined', reason: 'card_declined' });
    assert.deepEqual(await restarted().authorize({ ...request, token: declining.token }, call(declineKey)), declined);

    const { rows } = await db.pool.query('SELECT kind, count(*)::int AS n FROM card_simulator_requests WHERE idempotency_key = ANY($1) GROUP BY kind ORDER BY kind',
      [[keys.authorize, keys.capture, keys.refund, voidKey, declineKey]]);
    assert.deepEqual(rows, [{ kind: 'authorize', n: 2 }, { kind: 'capture', n: 1 }, { kind: 'refund', n: 1 }, { kind: 'void', n: 1 }]);
  });

  test('payments killed after the processor authorized, before the answer was recorded: the retry after the restart authorizes once', async () => {
    const before = paymentsWith(db, restarted());
    const command = await before.command();
    const deps = { pool: db.pool, processor: before.processor, processorTimeoutMs: TIMEOUT_MS, publish: db.publish, now: () => new Date() };
    await beginAuthorization(deps, command);
    const op = (await findOperation(db.pool, command.operationId))!;
    assert.equal((await askProcessor(deps, await processorRequestFor(db.pool, op), op.id)).outcome, 'succeeded');
    // SIGKILL: the answer was never recorded, the command was never acknowledged.

    const after = paymentsWith(db, restarted());
    await after.authorize(command);
    const held = await (after.processor as SimulatedCardProcessor).authorizationsFor(command.orderId);
    assert.equal(held.length, 1, 'exactly one authorization at the processor');
    const payment = await paymentOf(db.pool, command.orderId);
    assert.deepEqual([payment?.status, payment?.processor_authorization_id], ['authorized', held[0]!.id]);
    await after.capture(command.orderId);
    assert.deepEqual(await types(command.orderId), ['payment.authorized', 'payment.captured']);
  });

  test('a capture whose answer was lost before a restart is learnt from the new instance: captured once', async () => {
    const before = paymentsWith(db, new LosesFirstCaptureAnswer(restarted()));
    const command = await before.command();
    await before.authorize(command);
    const operationId = randomUUID();
    await assert.rejects(before.capture(command.orderId, operationId), (error: unknown) =>
      error instanceof AppError && error.code === 'unavailable' && error.options.extensions?.retryable === true);

    const after = paymentsWith(db, restarted());
    await after.capture(command.orderId, operationId);
    assert.deepEqual(await types(command.orderId), ['payment.authorized', 'payment.captured']);
    const [held] = await (after.processor as SimulatedCardProcessor).authorizationsFor(command.orderId);
    assert.deepEqual([held?.status, held?.capturedMinor], ['captured', 2599]);
    const { rows: [{ answer }] } = await db.pool.query("SELECT answer FROM card_simulator_requests WHERE kind = 'capture' AND idempotency_key = $1", [operationId]);
    const { rows: [{ processor_reference }] } = await db.pool.query('SELECT processor_reference FROM payment_operations WHERE id = $1', [operationId]);
    assert.equal(processor_reference, answer.reference, 'payments recorded the answer the processor gave the first time');
  });

  test('concurrent calls under one key, on two instances, do the work once', async () => {
    const [a, b] = [restarted(), restarted()];
    const { token } = await a.tokenize(cardOf());
    const orderId = randomUUID();
    const key = randomUUID();
    const answers = await Promise.all([a, b, a, b, a, b].map((simulator) =>
      simulator.authorize({ amountMinor: 500, currency: 'EUR', token, orderId }, call(key))));
    for (const answer of answers) assert.deepEqual(answer, answers[0]);
    assert.equal((await a.authorizationsFor(orderId)).length, 1);
  });
});
