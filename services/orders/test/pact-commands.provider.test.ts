// Verifies the message pacts of the saga's commands (inventory ← orders, payments ← orders, shipping
// ← orders), and the order.confirmed event inventory and shipping take from the same pair, against
// what orders really writes. Each provider state takes a checkout, through orders'
// real routes and reply handlers on a fresh database, to just before the step it names; the message
// provider then takes that step (the customer places or cancels, a reply arrives) and returns the one
// command it made orders write, read back from the outbox, envelope and all.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { verifyPacts, type VerifyPactsOptions } from '@bazaar/contract-testing';
import { publishedMessages, type PublishedMessage } from '@bazaar/platform/testing';
import type { ReplyType } from '../src/checkout/saga.types.js';
import { checkoutBody, startOrders, type Harness } from './support.js';

let h: Harness;
let customer: string;
let lamp: string;

before(async () => {
  h = await startOrders('pact_commands');
  customer = `Bearer ${await h.token()}`;
  lamp = h.catalog.add({ sku: 'LAMP-001', priceMinor: 4900 }).id;
});
after(() => h?.close());

async function placeCheckout(): Promise<string> {
  const response = await h.app.inject({
    method: 'POST', url: '/orders', payload: checkoutBody([lamp]), headers: { authorization: customer, 'idempotency-key': randomUUID() },
  });
  assert.equal(response.statusCode, 202, response.body);
  return response.json().id;
}

/** What orders wrote about an order (commands and events, oldest first); release names only the reservation. */
async function writtenAbout(orderId: string): Promise<PublishedMessage[]> {
  const { rows } = await h.pool.query<{ reservation_id: string }>('SELECT reservation_id FROM checkout_sagas WHERE order_id = $1', [orderId]);
  const reservationId = rows[0]?.reservation_id;
  return (await publishedMessages(h.pool)).filter((m) => m.payload.orderId === orderId || (reservationId && m.payload.reservationId === reservationId));
}

const PAYMENT_ID = '0195f0a4-1c2b-7d3e-8f40-000000000001';
const SHIPMENT_ID = '0195f0a4-1c2b-7d3e-8f40-000000000002';

/** A reply as payments, inventory or shipping answer the command orders last sent them for the order. */
async function replyFor(orderId: string, type: ReplyType): Promise<Record<string, unknown>> {
  const command = async (name: string) => {
    const sent = (await writtenAbout(orderId)).filter((m) => m.type === name).at(-1);
    assert.ok(sent, `orders sent no ${name} for ${orderId}`);
    return sent.payload;
  };
  const money = { amountMinor: 4900, currency: 'EUR' };
  switch (type) {
    case 'payment.authorized': return { operationId: (await command('payments.authorize')).operationId, orderId, paymentId: PAYMENT_ID, ...money, cardBrand: 'visa', cardLast4: '4242', version: 2 };
    case 'payment.captured': return { operationId: (await command('payments.capture')).operationId, orderId, paymentId: PAYMENT_ID, ...money, version: 3 };
    case 'payment.capture-failed': return { operationId: (await command('payments.capture')).operationId, orderId, paymentId: PAYMENT_ID, reason: 'capture_declined', version: 2 };
    case 'stock.reserved': {
      const reserve = await command('inventory.reserve');
      return { reservationId: reserve.reservationId, orderId, items: reserve.items };
    }
    case 'stock.reservation-rejected': return {
      reservationId: (await command('inventory.reserve')).reservationId, orderId, reason: 'insufficient_stock', shortages: [{ sku: 'LAMP-001', requested: 1, available: 0 }],
    };
    case 'stock.released': return { reservationId: (await command('inventory.release')).reservationId, orderId, reason: 'checkout compensation' };
    case 'shipment.created': return {
      shipmentRequestId: (await command('shipping.create-shipment')).shipmentRequestId, orderId, shipmentId: SHIPMENT_ID,
      trackingNumber: 'BZ7K3M9QX2PA', carrier: 'bazaar-courier', status: 'created', version: 1,
    };
    case 'shipment.failed': return { shipmentRequestId: (await command('shipping.create-shipment')).shipmentRequestId, orderId, reason: 'unsupported_country', message: 'we do not ship to XX' };
    case 'shipment.cancelled': return { orderId, shipmentId: SHIPMENT_ID, effect: 'cancelled', version: 2 };
    default: throw new Error(`no reply ${type} in these states`);
  }
}

/** One step of a checkout: a reply arriving, or the customer cancelling. */
type Step = ReplyType | 'customer cancels';

async function take(orderId: string, step: Step): Promise<void> {
  if (step !== 'customer cancels') return h.deliver(step, await replyFor(orderId, step));
  const response = await h.app.inject({ method: 'POST', url: `/orders/${orderId}/cancel`, headers: { authorization: customer } });
  assert.equal(response.statusCode, 202, response.body);
}

/** The step the next message provider takes; it resolves with what that step made orders write. */
let nextStep: (() => Promise<PublishedMessage[]>) | undefined;

type StateHandlers = NonNullable<VerifyPactsOptions['stateHandlers']>;

/** A state: a checkout placed and taken through `done`; `then` is left to the message provider. */
const checkoutAt = (done: Step[], then: Step): StateHandlers[string] => async () => {
  const orderId = await placeCheckout();
  for (const step of done) await take(orderId, step);
  nextStep = async () => {
    const before = (await writtenAbout(orderId)).length;
    await take(orderId, then);
    return (await writtenAbout(orderId)).slice(before);
  };
};

const stateHandlers: StateHandlers = {
  'a checkout is placed': async () => {
    nextStep = async () => writtenAbout(await placeCheckout());
  },
  // inventory's state: the reserve it expects now goes out with payments.authorize, when the checkout
  // is placed, so the step taken is placing it (and its payment answering): what it wrote includes the reserve.
  "the checkout's payment is authorized": async () => {
    nextStep = async () => {
      const orderId = await placeCheckout();
      await take(orderId, 'payment.authorized');
      return writtenAbout(orderId);
    };
  },
  "the checkout's stock is reserved": checkoutAt(['payment.authorized'], 'stock.reserved'),
  "the checkout's shipment is created": checkoutAt(['payment.authorized', 'stock.reserved'], 'shipment.created'),
  "the checkout's stock reservation is rejected": checkoutAt(['payment.authorized'], 'stock.reservation-rejected'),
  "the checkout's shipment failed": checkoutAt(['payment.authorized', 'stock.reserved'], 'shipment.failed'),
  "the checkout's capture failed": checkoutAt(['payment.authorized', 'stock.reserved', 'shipment.created'], 'payment.capture-failed'),
  'an order is confirmed': checkoutAt(['payment.authorized', 'stock.reserved', 'shipment.created'], 'payment.captured'),
  'the customer cancelled a confirmed order, whose shipment was cancelled and stock released': checkoutAt(
    ['payment.authorized', 'stock.reserved', 'shipment.created', 'payment.captured', 'customer cancels', 'shipment.cancelled'],
    'stock.released',
  ),
};

/** The message provider of a command (or event): takes the state's next step and returns the message of that type it wrote. */
const command = (type: string) => async () => {
  assert.ok(nextStep, 'a provider state set up the checkout');
  const written = (await nextStep()).filter((m) => m.type === type);
  nextStep = undefined;
  assert.equal(written.length, 1, `the step made orders write one ${type}, not ${written.length}`);
  return written[0]!.envelope;
};

const messageProviders = {
  'an inventory.reserve command': command('inventory.reserve'),
  'an inventory.release command': command('inventory.release'),
  'a payments.authorize command': command('payments.authorize'),
  'a payments.capture command': command('payments.capture'),
  'a payments.void command': command('payments.void'),
  'a payments.refund command': command('payments.refund'),
  'a shipping.create-shipment command': command('shipping.create-shipment'),
  'a shipping.cancel-shipment command': command('shipping.cancel-shipment'),
  'an order.confirmed event': command('order.confirmed'),
};

describe('orders provides the saga commands its consumers rely on', () => {
  test('the pacts of inventory, payments and shipping are verified', async () => {
    const results = await verifyPacts({ provider: 'orders', consumers: ['inventory', 'payments', 'shipping'], kind: 'messages', stateHandlers, messageProviders });
    assert.deepEqual(
      results.map((r) => [r.consumer, r.success]),
      [['inventory', true], ['payments', true], ['shipping', true]],
      results.map((r) => r.error).filter(Boolean).join('\n'),
    );
  });
});
