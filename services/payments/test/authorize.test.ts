import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { contracts } from '@bazaar/contracts';
import { AppError, createEnvelope, MessageValidationError } from '@bazaar/platform';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { createCommandHandlers } from '../src/events.js';
import { TEST_CARDS, type SimulatedCardProcessor } from '../src/processor/simulated-processor.js';
import { askProcessor, beginAuthorization, processorRequestFor } from '../src/payments/authorization.handlers.js';
import { findOperation } from '../src/payments/payment.store.js';
import { appError, authorizeCommand, operationsOf, paymentOf, paymentsWith, simulatorOver, TIMEOUT_MS } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

describe('payments.authorize', () => {
  let db: TestDb;
  before(async () => { db = await setUpDatabase('payments_authorize'); });
  after(() => db.close());

  const outcomes: [string, string, string, string | null][] = [
    // card, reply, payment status, decline reason
    [TEST_CARDS.approve, 'payment.authorized', 'authorized', null],
    [TEST_CARDS.approveMastercard, 'payment.authorized', 'authorized', null],
    [TEST_CARDS.slow, 'payment.authorized', 'authorized', null],
    [TEST_CARDS.decline, 'payment.declined', 'declined', 'card_declined'],
    [TEST_CARDS.insufficientFunds, 'payment.declined', 'declined', 'insufficient_funds'],
    [TEST_CARDS.processorError, 'payment.declined', 'failed', 'processor_error'],
  ];
  for (const [number, type, status, reason] of outcomes) {
    test(`test card ${number}, saved then authorized by its method: ${type}${reason ? ` (${reason})` : ''}`, async () => {
      const payments = paymentsWith(db);
      const command = await payments.command({}, { number });
      await payments.authorize(command);
      const [reply] = await published(db.pool, command.orderId);
      assert.equal(reply?.type, type);
      const payment = await paymentOf(db.pool, command.orderId);
      assert.equal(payment?.status, status);
      assert.equal(payment?.decline_reason, reason);
      assert.equal(payment?.card_last4, number.slice(-4));
      assert.equal(payment?.payment_method_id, command.paymentMethodId);
      if (reason) assert.equal(reply?.payload.reason, reason);
      else assert.deepEqual({ ...reply?.payload }, {
        operationId: command.operationId, orderId: command.orderId, paymentId: payment?.id, amountMinor: 2599, currency: 'EUR',
        cardBrand: number.startsWith('5') ? 'mastercard' : 'visa', cardLast4: number.slice(-4), version: 2,
      });
    });
  }

  test('the processor is asked with the token of the saved card, and holds the order\'s amount on it', async () => {
    const payments = paymentsWith(db);
    const simulator = payments.processor as SimulatedCardProcessor;
    const command = await payments.command({ amountMinor: 4321, currency: 'USD' });
    await payments.authorize(command);
    const { rows: [method] } = await db.pool.query('SELECT processor_token FROM payment_methods WHERE id = $1', [command.paymentMethodId]);
    const [held] = await simulator.authorizationsFor(command.orderId);
    assert.ok(method?.processor_token);
    assert.equal(held?.token, method.processor_token);
    assert.deepEqual([held?.amountMinor, held?.currency, held?.status], [4321, 'USD', 'authorized']);
    assert.equal((await paymentOf(db.pool, command.orderId))?.processor_authorization_id, held?.id);
  });

  test('the timeout card is declined as processor_timeout and the authorization is voided defensively', async () => {
    const payments = paymentsWith(db);
    const simulator = payments.processor as SimulatedCardProcessor;
    const command = await payments.command({}, { number: TEST_CARDS.timeout });
    const signals: AbortSignal[] = [];
    const authorize = simulator.authorize.bind(simulator);
    simulator.authorize = (request, options) => {
      if (options.signal) signals.push(options.signal);
      return authorize(request, options);
    };
    await payments.authorize(command);
    assert.equal(signals.length, 1, 'the processor was asked once, with a signal');
    assert.ok(signals[0]!.aborted, 'the handler gave up on the processor by aborting the call');
    assert.match(String((signals[0]!.reason as Error).message), new RegExp(`no answer within ${TIMEOUT_MS} ms`));
    const [reply] = await published(db.pool, command.orderId);
    assert.equal(reply?.type, 'payment.declined');
    assert.equal(reply?.payload.reason, 'processor_timeout');
    assert.equal((await paymentOf(db.pool, command.orderId))?.status, 'failed');
    const operations = await operationsOf(db.pool, command.orderId);
    assert.deepEqual(operations.map((o) => [o.kind, o.outcome, o.error]), [
      ['authorize', 'failed', 'processor_timeout'],
      ['void', 'succeeded', null],
    ]);
    // The processor had in fact authorized before its answer was lost: the void released it.
    const [held] = await simulator.authorizationsFor(command.orderId);
    assert.equal(held?.status, 'voided');
  });

  test('an unknown payment method is declined as invalid_payment_method without asking the processor', async () => {
    const payments = paymentsWith(db);
    const simulator = payments.processor as SimulatedCardProcessor;
    const command = authorizeCommand();
    await payments.authorize(command);
    const [reply] = await published(db.pool, command.orderId);
    assert.deepEqual([reply?.type, reply?.payload.reason], ['payment.declined', 'invalid_payment_method']);
    const payment = await paymentOf(db.pool, command.orderId);
    assert.deepEqual([payment?.status, payment?.payment_method_id, payment?.card_last4], ['declined', null, null]);
    assert.equal(simulator.calls.authorize, 0);
  });

  test('someone else\'s payment method is declined as invalid_payment_method, and nothing of it is revealed', async () => {
    const payments = paymentsWith(db);
    const simulator = payments.processor as SimulatedCardProcessor;
    const owner = randomUUID();
    const owners = await payments.command({ userId: owner });
    const foreign = authorizeCommand({ userId: randomUUID(), paymentMethodId: owners.paymentMethodId });
    await payments.authorize(foreign);
    const [reply] = await published(db.pool, foreign.orderId);
    assert.deepEqual([reply?.type, reply?.payload.reason], ['payment.declined', 'invalid_payment_method']);
    const payment = await paymentOf(db.pool, foreign.orderId);
    assert.deepEqual([payment?.status, payment?.payment_method_id, payment?.card_last4, payment?.card_brand], ['declined', null, null, null]);
    assert.equal(simulator.calls.authorize, 0, 'the processor was not asked to charge the owner\'s card');
    // The owner can still pay with it.
    await payments.authorize(owners);
    assert.equal((await paymentOf(db.pool, owners.orderId))?.status, 'authorized');
  });

  test('a method whose token the processor does not know is declined as invalid_payment_method', async () => {
    const payments = paymentsWith(db);
    const userId = randomUUID();
    const { rows: [method] } = await db.pool.query(
      `INSERT INTO payment_methods (user_id_ref, processor_token, brand, last4, exp_month, exp_year)
       VALUES ($1, 'sim_tok_unknown', 'visa', '4242', 12, $2) RETURNING id`,
      [userId, new Date().getUTCFullYear() + 2],
    );
    const command = authorizeCommand({ userId, paymentMethodId: method.id });
    await payments.authorize(command);
    const [reply] = await published(db.pool, command.orderId);
    assert.deepEqual([reply?.type, reply?.payload.reason], ['payment.declined', 'invalid_payment_method']);
    assert.equal((await paymentOf(db.pool, command.orderId))?.status, 'declined');
  });

  test('a saved card that has expired by the time it is used is declined as invalid_card without asking the processor', async () => {
    const year = new Date().getUTCFullYear();
    const command = await paymentsWith(db).command({}, { expMonth: 1, expYear: year + 1 });
    const later = paymentsWith(db, undefined, { now: () => new Date(Date.UTC(year + 1, 1, 1)) });
    await later.authorize(command);
    const [reply] = await published(db.pool, command.orderId);
    assert.deepEqual([reply?.type, reply?.payload.reason], ['payment.declined', 'invalid_card']);
    assert.equal((await paymentOf(db.pool, command.orderId))?.status, 'declined');
    assert.equal((later.processor as SimulatedCardProcessor).calls.authorize, 0);
  });

  test('a repeated operation id is answered from the record: one processor call, one operation row', async () => {
    const payments = paymentsWith(db);
    const simulator = payments.processor as SimulatedCardProcessor;
    const command = await payments.command();
    await payments.authorize(command);
    await payments.authorize(command);
    assert.equal(simulator.calls.authorize, 1);
    assert.equal((await operationsOf(db.pool, command.orderId)).length, 1);
    const replies = await published(db.pool, command.orderId);
    assert.deepEqual(replies.map((r) => r.type), ['payment.authorized', 'payment.authorized']);
    assert.deepEqual(replies[0]!.payload, replies[1]!.payload);
  });

  test('a second authorization of the same order (new operation id) answers with the existing payment', async () => {
    const payments = paymentsWith(db);
    const simulator = payments.processor as SimulatedCardProcessor;
    const command = await payments.command();
    await payments.authorize(command);
    await payments.authorize({ ...command, operationId: randomUUID() });
    assert.equal(simulator.calls.authorize, 1);
    assert.equal((await simulator.authorizationsFor(command.orderId)).length, 1);
    const replies = await published(db.pool, command.orderId);
    assert.deepEqual(replies.map((r) => r.type), ['payment.authorized', 'payment.authorized']);
    assert.equal(replies[0]!.payload.paymentId, replies[1]!.payload.paymentId);
  });

  test('a crash after the pending record, before the processor was asked: the retry authorizes once', async () => {
    const payments = paymentsWith(db);
    const simulator = payments.processor as SimulatedCardProcessor;
    const command = await payments.command();
    await beginAuthorization({ pool: db.pool, now: () => new Date() }, command);
    assert.equal((await paymentOf(db.pool, command.orderId))?.status, 'pending');
    assert.deepEqual(await published(db.pool, command.orderId), [], 'nothing is announced by the first phase');
    await payments.authorize(command);
    assert.equal((await simulator.authorizationsFor(command.orderId)).length, 1);
    assert.equal((await paymentOf(db.pool, command.orderId))?.status, 'authorized');
    assert.deepEqual((await published(db.pool, command.orderId)).map((r) => r.type), ['payment.authorized']);
  });

  test('a crash after the processor authorized, before the answer was recorded: the retry does not authorize again', async () => {
    const payments = paymentsWith(db);
    const simulator = payments.processor as SimulatedCardProcessor;
    const command = await payments.command();
    const deps = { pool: db.pool, processor: simulator, processorTimeoutMs: TIMEOUT_MS, publish: db.publish, now: () => new Date() };
    await beginAuthorization(deps, command);
    const op = (await findOperation(db.pool, command.operationId))!;
    const first = await askProcessor(deps, await processorRequestFor(db.pool, op), command.operationId);
    assert.equal(first.outcome, 'succeeded');
    // ...the process dies here; the command is delivered again.
    await payments.authorize(command);
    assert.equal(simulator.calls.authorize, 2, 'the processor was asked again, with the same idempotency key');
    const held = await simulator.authorizationsFor(command.orderId);
    assert.equal(held.length, 1, 'exactly one authorization at the processor');
    const payment = await paymentOf(db.pool, command.orderId);
    assert.equal(payment?.processor_authorization_id, held[0]!.id);
    assert.equal(payment?.status, 'authorized');
  });

  test('while an authorization is in flight, a void of its order waits (retryable) instead of missing it', async () => {
    const payments = paymentsWith(db);
    const command = await payments.command();
    await beginAuthorization({ pool: db.pool, now: () => new Date() }, command);
    await assert.rejects(payments.void(command.orderId), (error: unknown) =>
      error instanceof AppError && error.code === 'unavailable' && error.options.extensions?.retryable === true);
    await payments.authorize(command);
    await payments.void(command.orderId);
    assert.equal((await paymentOf(db.pool, command.orderId))?.status, 'voided');
  });

  test('a payload that breaks the contract is refused on receipt, naming the fields, and records nothing', async () => {
    // The consumer checks each command against its contract before any handler runs, and parks one
    // that breaks it: delivered as the consumer delivers it.
    const handlers = createCommandHandlers({ pool: db.pool, processor: simulatorOver(db.pool), processorTimeoutMs: TIMEOUT_MS, publish: db.publish });
    const deliver = (payload: unknown) =>
      deliverMessage({ pool: db.pool, contracts, kind: 'commands', handlers }, createEnvelope('orders', 'payments.authorize', 1, payload));
    const orderId = randomUUID();
    await assert.rejects(deliver({ ...authorizeCommand({ orderId }), amountMinor: -5, currency: 'euro', operationId: 'x', paymentMethodId: 'card' }), (error: unknown) => {
      assert.ok(error instanceof MessageValidationError);
      const fields = error.errors.map((e) => e.split(' ')[0]).sort();
      assert.deepEqual(fields, ['payload/amountMinor', 'payload/currency', 'payload/operationId', 'payload/paymentMethodId']);
      return true;
    });
    const { paymentMethodId: _, ...withoutMethod } = authorizeCommand({ orderId });
    await assert.rejects(deliver(withoutMethod), MessageValidationError);
    assert.equal(await paymentOf(db.pool, orderId), undefined);
    assert.deepEqual(await published(db.pool, orderId), []);
  });

  test('an operation id reused for another order is refused as invalid_data', async () => {
    const payments = paymentsWith(db);
    const command = await payments.command();
    await payments.authorize(command);
    await assert.rejects(payments.authorize({ ...command, orderId: randomUUID() }), appError('invalid_data'));
  });
});
