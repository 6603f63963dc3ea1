// Verifies the event pacts orders provides (here: catalog's and notifications', on order.placed,
// order.confirmed, order.cancelled and order.rejected) against what orders really writes. Each provider state takes a
// checkout, through orders' real routes and reply handlers on a fresh database, to just before the
// step that ends in the event; the message provider takes that step and returns the event it made
// orders write, read back from the outbox, envelope and all.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { verifyPacts } from '@bazaar/contract-testing';
import { publishedMessages } from '@bazaar/platform/testing';
import type { ReplyType } from '../src/checkout/saga.types.js';
import { checkoutBody, startOrders, type Harness } from './support.js';

let h: Harness;
let customer: string;
let lamp: string;

before(async () => {
  h = await startOrders('pact_events');
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

/** The payload of the last command of this type orders sent for the order. */
async function lastCommand(orderId: string, type: string): Promise<Record<string, unknown>> {
  const sent = (await h.sent(orderId)).filter((m) => m.type === type).at(-1);
  assert.ok(sent, `orders sent no ${type} for ${orderId}`);
  return sent.payload;
}

const PAYMENT_ID = '0195f0a4-1c2b-7d3e-8f40-000000000001';
const SHIPMENT_ID = '0195f0a4-1c2b-7d3e-8f40-000000000002';
const money = { amountMinor: 4900, currency: 'EUR' };

/** A reply as payments, inventory or shipping answer the command orders last sent them for the order. */
async function reply(orderId: string, type: ReplyType): Promise<void> {
  const op = async (command: string) => (await lastCommand(orderId, command)).operationId;
  const payloads: Partial<Record<ReplyType, () => Promise<Record<string, unknown>>>> = {
    'payment.authorized': async () => ({ operationId: await op('payments.authorize'), orderId, paymentId: PAYMENT_ID, ...money, cardBrand: 'visa', cardLast4: '4242', version: 2 }),
    'payment.declined': async () => ({ operationId: await op('payments.authorize'), orderId, paymentId: null, reason: 'card_declined', amountMinor: null, currency: null, version: null }),
    'payment.captured': async () => ({ operationId: await op('payments.capture'), orderId, paymentId: PAYMENT_ID, ...money, version: 3 }),
    'payment.refunded': async () => ({ operationId: await op('payments.refund'), orderId, paymentId: PAYMENT_ID, ...money, status: 'refunded', version: 4 }),
    'stock.reserved': async () => {
      const reserve = await lastCommand(orderId, 'inventory.reserve');
      return { reservationId: reserve.reservationId, orderId, items: reserve.items };
    },
    'stock.reservation-rejected': async () => ({
      reservationId: (await lastCommand(orderId, 'inventory.reserve')).reservationId, orderId, reason: 'insufficient_stock', shortages: [{ sku: 'LAMP-001', requested: 1, available: 0 }],
    }),
    'stock.released': async () => ({ reservationId: (await lastCommand(orderId, 'inventory.release')).reservationId, orderId, reason: 'checkout compensation' }),
    'shipment.created': async () => ({
      shipmentRequestId: (await lastCommand(orderId, 'shipping.create-shipment')).shipmentRequestId, orderId, shipmentId: SHIPMENT_ID,
      trackingNumber: 'BZ7K3M9QX2PA', carrier: 'bazaar-courier', status: 'created', version: 1,
    }),
    'shipment.cancelled': async () => ({ orderId, shipmentId: SHIPMENT_ID, effect: 'cancelled', version: 2 }),
  };
  const payload = payloads[type];
  assert.ok(payload, `no reply ${type} in these states`);
  await h.deliver(type, await payload());
}

/** One step of a checkout: a reply arriving, or the customer cancelling. */
type Step = ReplyType | 'customer cancels';

async function take(orderId: string, step: Step): Promise<void> {
  if (step !== 'customer cancels') return reply(orderId, step);
  const response = await h.app.inject({ method: 'POST', url: `/orders/${orderId}/cancel`, headers: { authorization: customer } });
  assert.equal(response.statusCode, 202, response.body);
}

/** The step the next message provider takes; it resolves with the order it concerns. */
let nextStep: (() => Promise<string>) | undefined;

/** A state: a checkout placed and taken through `done`; `then` is left to the message provider. */
const checkoutAt = (done: Step[], then: Step[]) => async () => {
  const orderId = await placeCheckout();
  for (const step of done) await take(orderId, step);
  nextStep = async () => {
    for (const step of then) await take(orderId, step);
    return orderId;
  };
};

const CONFIRMING: Step[] = ['payment.authorized', 'stock.reserved', 'shipment.created'];

/** The message provider of an event: takes the state's next step and returns the one event of the type it wrote. */
const event = (type: string) => async () => {
  assert.ok(nextStep, 'a provider state set up the checkout');
  const orderId = await nextStep();
  nextStep = undefined;
  const written = (await publishedMessages(h.pool, { type, orderId }));
  assert.equal(written.length, 1, `orders wrote one ${type} for the order, not ${written.length}`);
  return written[0]!.envelope;
};

describe('orders provides the order events its consumers rely on', () => {
  test('catalog\'s and notifications\' pacts are verified', async () => {
    const results = await verifyPacts({
      provider: 'orders',
      consumers: ['catalog', 'notifications'],
      kind: 'messages',
      stateHandlers: {
        'an order is placed': async () => {
          nextStep = placeCheckout;
        },
        'an order is confirmed': checkoutAt(CONFIRMING, ['payment.captured']),
        // The customer cancels a confirmed order: its shipment is cancelled, its stock released, its payment refunded.
        'a confirmed order is cancelled': checkoutAt(
          [...CONFIRMING, 'payment.captured'],
          ['customer cancels', 'shipment.cancelled', 'stock.released', 'payment.refunded'],
        ),
        // The reservation, asked together with the authorization, refused too: rejected with nothing to release.
        "an order's payment is declined": checkoutAt(['stock.reservation-rejected'], ['payment.declined']),
      },
      messageProviders: {
        'an order.placed event': event('order.placed'),
        'an order.confirmed event': event('order.confirmed'),
        'an order.cancelled event': event('order.cancelled'),
        'an order.rejected event': event('order.rejected'),
      },
    });
    assert.deepEqual(results.map((r) => [r.consumer, r.success]), [['catalog', true], ['notifications', true]], results.map((r) => r.error).filter(Boolean).join('\n'));
  });
});
