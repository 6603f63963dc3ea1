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
import { commands, events } from '@bazaar/contracts';
import { consumerPact, MatchersV3 } from '@bazaar/contract-testing';
import {
  ContractValidator, payloadHandlers, runWithContext, withTransaction, type MessageHandler, type MessageKind, type Pool,
} from '@bazaar/platform';
import { createMessageHandlers } from '../src/events.js';
import { addPaymentMethod } from '../src/methods/payment-methods.js';
import { cardOf, paymentOf, simulatorOver, TIMEOUT_MS } from './fixtures.js';
import { published, setUpDatabase, type TestDb } from './support.js';

const { integer, regex } = MatchersV3;
const uuid = (example: string) => regex('^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', example);
const timestamp = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$', example);
const text = (example: string, max?: number) => regex(max ? `^.{1,${max}}$` : '^.+$', example);

/** The envelope as payments' kit checks it: every field is required; type and version pick the contract. */
const envelope = (type: string, id: string, source: string, payload: Record<string, unknown>) => ({
  id: uuid(id),
  type,
  version: 1,
  source: text(source),
  occurredAt: timestamp('2026-03-14T10:00:00.000Z'),
  correlationId: text(id, 128),
  causationId: text(id, 128),
  traceparent: regex('^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'),
  payload,
});

const validator = new ContractValidator({ events, commands });

/**
 * What payments' message consumer does with a delivery (MessageConsumer in the kit): parse it and
 * check it against the contracts, then run the handler and record the inbox row in one transaction,
 * in the message's context.
 */
async function receive(pool: Pool, kind: MessageKind, handlers: Record<string, MessageHandler>, content: unknown): Promise<void> {
  const delivered = validator.parse(Buffer.from(JSON.stringify(content)));
  assert.equal(validator.kindOf(delivered.type), kind, `${delivered.type} is one of the ${kind}`);
  const handler = handlers[delivered.type];
  assert.ok(handler, `payments handles ${delivered.type}`);
  await withTransaction(pool, async (client) => {
    await client.query('INSERT INTO inbox (message_id, handler) VALUES ($1, $2)', [delivered.id, delivered.type]);
    const context = { correlationId: delivered.correlationId, causationId: delivered.id, traceparent: delivered.traceparent };
    await runWithContext(context, () => handler(delivered, client, { kind, attempt: 1, redelivered: false }));
  });
}

// The customer and the card they saved before checking out; every order here is theirs.
const USER_ID = '0195f0a4-1c2b-7d3e-8f40-0000000000aa';
const PAYMENT_METHOD_ID = '0195f0a4-1c2b-7d3e-8f40-0000000000bb';
const AMOUNT_MINOR = 4900;

describe('payments ← orders (message pact)', () => {
  let db: TestDb;
  let handlers: Record<string, MessageHandler>;
  let commandHandlers: ReturnType<typeof createMessageHandlers>['commandHandlers'];
  const pact = consumerPact({ consumer: 'payments', provider: 'orders' });

  before(async () => {
    db = await setUpDatabase('payments_pact_commands');
    const deps = { pool: db.pool, processor: simulatorOver(db.pool), processorTimeoutMs: TIMEOUT_MS, now: () => new Date() };
    commandHandlers = createMessageHandlers(deps).commandHandlers;
    handlers = payloadHandlers(commandHandlers); // as main.ts registers them
    // Saved through the real card-saving path; its id is then fixed, since the pact's example names it.
    const method = await addPaymentMethod(deps, USER_ID, cardOf());
    await db.pool.query('UPDATE payment_methods SET id = $1 WHERE id = $2', [PAYMENT_METHOD_ID, method.id]);
  });
  after(() => db.close());

  /** The order's payment as the saga left it before the command: authorized, and captured if asked. */
  const givenPayment = async (orderId: string, status: 'authorized' | 'captured') => {
    const run = (type: keyof typeof commandHandlers, payload: object) => withTransaction(db.pool, (client) => commandHandlers[type](client, payload));
    await run('payments.authorize', {
      operationId: randomUUID(), orderId, userId: USER_ID, amountMinor: AMOUNT_MINOR, currency: 'EUR', paymentMethodId: PAYMENT_METHOD_ID,
    });
    if (status === 'captured') await run('payments.capture', { operationId: randomUUID(), orderId });
    assert.equal((await paymentOf(db.pool, orderId))?.status, status);
  };
  const replyTo = async (orderId: string) => (await published(db.pool, orderId)).at(-1)?.type;

  test('payments.authorize holds the order\'s amount on the customer\'s saved card', async () => {
    const orderId = '0195f0a4-1c2b-7d3e-8f40-00000000a101';
    await pact
      .addAsynchronousInteraction()
      .given('a checkout is placed')
      .expectsToReceive('a payments.authorize command', (message) => message.withJSONContent(envelope('payments.authorize', '0195f0a4-1c2b-7d3e-8f40-00000000e301', 'orders', {
        operationId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000d101'),
        orderId: uuid(orderId),
        userId: uuid(USER_ID),
        amountMinor: integer(AMOUNT_MINOR),
        currency: regex('^[A-Z]{3}$', 'EUR'),
        paymentMethodId: uuid(PAYMENT_METHOD_ID),
      })))
      .executeTest(async (message) => {
        await receive(db.pool, 'commands', handlers, message.contents.content);
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
      .expectsToReceive('a payments.capture command', (message) => message.withJSONContent(envelope('payments.capture', '0195f0a4-1c2b-7d3e-8f40-00000000e302', 'orders', {
        operationId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000d102'),
        orderId: uuid(orderId),
      })))
      .executeTest(async (message) => {
        await receive(db.pool, 'commands', handlers, message.contents.content);
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
      .expectsToReceive('a payments.void command', (message) => message.withJSONContent(envelope('payments.void', '0195f0a4-1c2b-7d3e-8f40-00000000e303', 'orders', {
        operationId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000d103'),
        orderId: uuid(orderId),
        reason: text('out of stock: LAMP-001', 200),
      })))
      .executeTest(async (message) => {
        await receive(db.pool, 'commands', handlers, message.contents.content);
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
      .expectsToReceive('a payments.refund command', (message) => message.withJSONContent(envelope('payments.refund', '0195f0a4-1c2b-7d3e-8f40-00000000e304', 'orders', {
        operationId: uuid('0195f0a4-1c2b-7d3e-8f40-00000000d104'),
        orderId: uuid(orderId),
        reason: text('cancelled by the customer', 200),
      })))
      .executeTest(async (message) => {
        await receive(db.pool, 'commands', handlers, message.contents.content);
        const payment = await paymentOf(db.pool, orderId);
        assert.deepEqual([payment?.status, payment?.refunded_minor], ['refunded', AMOUNT_MINOR]);
        assert.equal(await replyTo(orderId), 'payment.refunded');
      });
  });
});
