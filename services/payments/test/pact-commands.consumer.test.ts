// What payments relies on in the checkout saga's commands, recorded as a message pact (payments ←
// orders): payments.authorize, capture, void and refund, each sent by orders at one point of the
// saga. Each message is what arrives on payments' commands queue: the envelope its kit checks on
// receipt and the payload the contract requires (refund's optional amountMinor is not sent by orders,
// so it is not asked for: the whole capture is refunded). Values that may be anything of their kind
// are matched by format, not by the example. The example is then delivered as payments' consumer
// delivers it (contract check, then handler and inbox row in one transaction of its own database,
// with the card simulator as the processor), and what happened to the money is asserted.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { consumerPact, messageEnvelope, MatchersV3, text, uuid } from '@bazaar/contract-testing';
import { deliverMessage, published } from '@bazaar/platform/testing';
import { createCommandHandlers } from '../src/events.js';
import { addPaymentMethod } from '../src/methods/payment-methods.js';
import { cardOf, paymentOf, paymentsWith, simulatorOver, TIMEOUT_MS } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

const { integer, regex } = MatchersV3;

/** A command as orders sends it (example ids: the message's own id serves as correlation and causation). */
const command = (type: string, id: string, payload: Record<string, unknown>) =>
  messageEnvelope({ type, id, source: 'orders', correlationId: id, causationId: id, payload });

// The customer and the card they saved before checking out; every order here is theirs.
const USER_ID = '0195f0a4-1c2b-7d3e-8f40-0000000000aa';
const PAYMENT_METHOD_ID = '0195f0a4-1c2b-7d3e-8f40-0000000000bb';
const AMOUNT_MINOR = 4900;

describe('payments ← orders (message pact)', () => {
  let db: TestDb;
  let handlers: ReturnType<typeof createCommandHandlers>;
  let processor: ReturnType<typeof simulatorOver>;
  const pact = consumerPact({ consumer: 'payments', provider: 'orders' });

  before(async () => {
    db = await setUpDatabase('payments_pact_commands');
    processor = simulatorOver(db.pool);
    const deps = { pool: db.pool, processor, processorTimeoutMs: TIMEOUT_MS, publish: db.publish, now: () => new Date() };
    handlers = createCommandHandlers(deps); // as main.ts registers them
    // Saved through the real card-saving path; its id is then fixed, since the pact's example names it.
    const { method } = await addPaymentMethod(deps, USER_ID, cardOf());
    await db.pool.query('UPDATE payment_methods SET id = $1 WHERE id = $2', [PAYMENT_METHOD_ID, method.id]);
  });
  after(() => db.close());

  /** One delivery off payments' commands queue, as its consumer takes it; a first delivery, not a redelivery. */
  const receive = async (body: unknown) => {
    const { envelope, duplicate } = await deliverMessage({ pool: db.pool, contracts, kind: 'commands', handlers }, body);
    assert.equal(duplicate, false, `message ${envelope.id} was taken for a redelivery`);
  };

  /** The order's payment as the saga left it before the command: authorized, and captured if asked. */
  const givenPayment = async (orderId: string, status: 'authorized' | 'captured') => {
    const payments = paymentsWith(db, processor);
    await payments.authorize({
      operationId: randomUUID(), orderId, userId: USER_ID, amountMinor: AMOUNT_MINOR, currency: 'EUR', paymentMethodId: PAYMENT_METHOD_ID,
    });
    if (status === 'captured') await payments.capture(orderId);
    assert.equal((await paymentOf(db.pool, orderId))?.status, status);
  };
  const replyTo = async (orderId: string) => (await published(db.pool, orderId)).at(-1)?.type;

  test('payments.authorize holds the order\'s amount on the customer\'s saved card', async () => {
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a101';
    await pact
      .addAsynchronousInteraction()
      .given('a checkout is placed')
      .expectsToReceive('a payments.authorize command', (message) => message.withJSONContent(command('payments.authorize', '0195f0a4-1c2b-7d3e-8f40-00000000e301', {
        operationId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000d101'),
        orderId: uuid(orderId),
        userId: uuid(USER_ID),
        amountMinor: integer(AMOUNT_MINOR),
        currency: regex('^[A-Z]{3}$', 'EUR'),
        paymentMethodId: uuid(PAYMENT_METHOD_ID),
      })))
      .executeTest(async (message) => {
        await receive(message.contents.content);
        const payment = await paymentOf(db.pool, orderId);
        assert.deepEqual([payment?.status, payment?.amount_minor, payment?.currency, payment?.payment_method_id], ['authorized', AMOUNT_MINOR, 'EUR', PAYMENT_METHOD_ID]);
        assert.equal(await replyTo(orderId), 'payment.authorized');
      });
  });

  test('payments.capture takes the held amount', async () => {
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a102';
    await givenPayment(orderId, 'authorized');
    await pact
      .addAsynchronousInteraction()
      .given("the checkout's shipment is created")
      .expectsToReceive('a payments.capture command', (message) => message.withJSONContent(command('payments.capture', '0195f0a4-1c2b-7d3e-8f40-00000000e302', {
        operationId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000d102'),
        orderId: uuid(orderId),
      })))
      .executeTest(async (message) => {
        await receive(message.contents.content);
        const payment = await paymentOf(db.pool, orderId);
        assert.deepEqual([payment?.status, payment?.captured_minor], ['captured', AMOUNT_MINOR]);
        assert.equal(await replyTo(orderId), 'payment.captured');
      });
  });

  test('payments.void releases the hold', async () => {
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a103';
    await givenPayment(orderId, 'authorized');
    await pact
      .addAsynchronousInteraction()
      .given("the checkout's stock reservation is rejected")
      .expectsToReceive('a payments.void command', (message) => message.withJSONContent(command('payments.void', '0195f0a4-1c2b-7d3e-8f40-00000000e303', {
        operationId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000d103'),
        orderId: uuid(orderId),
        reason: text('out of stock: LAMP-001', 200),
      })))
      .executeTest(async (message) => {
        await receive(message.contents.content);
        assert.equal((await paymentOf(db.pool, orderId))?.status, 'voided');
        assert.equal(await replyTo(orderId), 'payment.voided');
      });
  });

  test('payments.refund gives the captured money back, all of it', async () => {
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a104';
    await givenPayment(orderId, 'captured');
    await pact
      .addAsynchronousInteraction()
      .given('the customer cancelled a confirmed order, whose shipment was cancelled and stock released')
      .expectsToReceive('a payments.refund command', (message) => message.withJSONContent(command('payments.refund', '0195f0a4-1c2b-7d3e-8f40-00000000e304', {
        operationId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000d104'),
        orderId: uuid(orderId),
        reason: text('cancelled by the customer', 200),
      })))
      .executeTest(async (message) => {
        await receive(message.contents.content);
        const payment = await paymentOf(db.pool, orderId);
        assert.deepEqual([payment?.status, payment?.refunded_minor], ['refunded', AMOUNT_MINOR]);
        assert.equal(await replyTo(orderId), 'payment.refunded');
      });
  });
});
