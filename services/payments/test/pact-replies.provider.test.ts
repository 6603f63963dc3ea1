// Payments' side of orders' pact on the checkout saga's replies (pacts/orders-payments.json). Each
// provider state brings an order's payment to where the pact says, through payments' real command
// handlers and the card simulator (a saved test card decides what the processor answers); each
// message is what the handler of orders' command wrote to payments' outbox, read back from there.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyPacts } from '@bazaar/contract-testing';
import { onlyMessageWritten } from '@bazaar/platform/testing';
import { TEST_CARDS } from '../src/processor/simulated-processor.js';
import { paymentsWith, type AuthorizeCommand } from './fixtures.js';
import { setUpDatabase, type TestDb } from './support.js';

let db: TestDb;
let payments: ReturnType<typeof paymentsWith>;

before(async () => {
  db = await setUpDatabase('payments_pact_replies');
  payments = paymentsWith(db);
});

after(async () => {
  await db?.close();
});

/**
 * What the current provider state is about: orders' order and the operation id of the command being
 * answered (the state's parameters), and the authorize command that the state saved a card for.
 */
interface Given {
  orderId: string;
  operationId: string;
  authorize: AuthorizeCommand;
}
let given: Given | undefined;

const current = (): Given => {
  assert.ok(given, 'no provider state was set up');
  return given;
};

/**
 * Saves a card with this number for a customer and prepares the authorization of orders' order on
 * it: under the state's operation id when the reply answers the authorization itself, else under an
 * id of its own (orders' earlier command).
 */
async function givenCard(params: unknown, number: string, operation: 'answered' | 'earlier'): Promise<Given> {
  const { orderId, operationId } = (params ?? {}) as Partial<Given>;
  assert.ok(orderId && operationId, `the provider state names no order and operation: ${JSON.stringify(params)}`);
  const authorize = await payments.command({ orderId, ...(operation === 'answered' ? { operationId } : {}) }, { number });
  given = { orderId, operationId, authorize };
  return given;
}

/** Runs the command and returns the one message it made payments write about the order, as its outbox holds it. */
const replyTo = (command: () => Promise<unknown>) => onlyMessageWritten(db.pool, current().orderId, command);

/** The order's payment authorized (by orders' earlier command) on a card with this number. */
const authorized = async (params: unknown, number: string = TEST_CARDS.approve) => {
  const g = await givenCard(params, number, 'earlier');
  await payments.authorize(g.authorize);
  return g;
};

const stateHandlers = {
  'the customer has a saved card the processor approves': async (params: unknown) => {
    await givenCard(params, TEST_CARDS.approve, 'answered');
    return undefined;
  },
  'the customer has a saved card the processor declines': async (params: unknown) => {
    await givenCard(params, TEST_CARDS.decline, 'answered');
    return undefined;
  },
  'the order has an authorized payment': async (params: unknown) => {
    await authorized(params);
    return undefined;
  },
  'the order has an authorized payment whose capture the processor declines': async (params: unknown) => {
    await authorized(params, TEST_CARDS.captureDeclined);
    return undefined;
  },
  'the order has a captured payment': async (params: unknown) => {
    const g = await authorized(params);
    await payments.capture(g.orderId);
    return undefined;
  },
  'the order has a payment refunded in full': async (params: unknown) => {
    const g = await authorized(params);
    await payments.capture(g.orderId);
    await payments.refund(g.orderId);
    return undefined;
  },
};

const authorize = () => replyTo(() => payments.authorize(current().authorize));
const capture = () => replyTo(() => payments.capture(current().orderId, current().operationId));
const voidIt = () => replyTo(() => payments.void(current().orderId, current().operationId));
const refund = () => replyTo(() => payments.refund(current().orderId, undefined, current().operationId));

const messageProviders = {
  'payment.authorized: the answer to payments.authorize when the card is approved': authorize,
  'payment.declined: the answer to payments.authorize when the card is declined': authorize,
  'payment.captured: the answer to payments.capture': capture,
  'payment.capture-failed: the answer to payments.capture when the processor declines it': capture,
  'payment.voided: the answer to payments.void': voidIt,
  'payment.void-failed: the answer to payments.void when the payment is already captured': voidIt,
  'payment.refunded: the answer to payments.refund': refund,
  'payment.refund-failed: the answer to payments.refund when nothing is left to refund': refund,
};

test('payments answers the saga\'s payment commands as orders expects', async () => {
  const results = await verifyPacts({ provider: 'payments', consumers: ['orders'], stateHandlers, messageProviders });
  // On a failure pact prints each mismatch above; the error it returns repeats them as JSON.
  assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['orders', true]]);
});
