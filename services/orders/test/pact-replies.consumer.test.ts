// Orders' message pacts with the services that answer its checkout saga: inventory, payments and
// shipping (whose delivery events, after confirmation, are in its pact too). Each interaction is one
// reply or event as orders takes it off its events queue: an envelope the
// kit validates on receipt (envelope and payload against @bazaar/contracts), then orders' real reply
// handler in the inbox's transaction, on a saga waiting for exactly that reply. The test asserts the
// saga moved on, so a pact is only recorded for a message orders can act on.
//
// What is recorded is what orders relies on: every envelope field the kit checks, and every payload
// field the contract requires (orders' handler reads a subset). Ids that orders gave its command come
// back as they were sent (the provider state's parameters carry them, and the reply must echo them:
// that is how orders finds the saga); a few reasons are exact because the saga decides on their
// value. Everything else is a matcher: any uuid, any integer, any string of the right shape.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contracts } from '@bazaar/contracts';
import { consumerPact, messageEnvelope, MatchersV3, oneOf, text, timestamp, uuid } from '@bazaar/contract-testing';
import { uuidv5, withTransaction } from '@bazaar/platform';
import { deliverMessage } from '@bazaar/platform/testing';
import { SAGA_NAMESPACE, sagaIdsFor, type SagaIds } from '../src/checkout/saga.ids.js';
import { startSaga } from '../src/checkout/saga.js';
import { createReplyHandler, recordDecision, replyHandlers } from '../src/checkout/saga.runner.js';
import { DELIVERY_EVENT_TYPES, REPLY_TYPES, type DeliveryEventType, type ReplyType } from '../src/checkout/saga.types.js';
import { newOrderNumber } from '../src/orders/order.js';
import { insertItems, insertOrder, insertPaymentCopy, insertShippingCopy } from '../src/orders/order.store.js';
import { COURIER, PAYMENT_ID, SHIPMENT_ID, facts } from './saga.fixtures.js';
import { settings, startOrders, type Harness } from './support.js';

const { eachLike, integer, regex, reify, string } = MatchersV3;

/** What orders takes off its events queue from these services: the saga's replies and shipping's delivery events. */
type MessageType = ReplyType | DeliveryEventType;

const currency = regex('^[A-Z]{3}$', facts.currency);
const sku = regex('^[A-Z0-9]+(-[A-Z0-9]+)*$', facts.lines[0]!.sku);
/** A version of the source entity (a non-negative integer in the contract). */
const version = (example: number) => integer(example);

/**
 * The envelope, as the kit checks it on receipt (platform's EnvelopeSchema): the type and its
 * version exactly (orders knows version 1 of each reply), the rest by shape. The examples are fixed,
 * so every run records the same pact; the id differs per interaction, or the inbox would take the
 * second message for a redelivery of the first.
 */
const envelope = (type: MessageType, source: string, orderId: string, payload: Record<string, unknown>) => messageEnvelope({
  type, id: uuidv5(`pact message ${type}`, SAGA_NAMESPACE), source, correlationId: orderId, causationId: uuidv5(`pact command ${type}`, SAGA_NAMESPACE), payload,
});

/** One checkout, placed with a fixed order id (so the pact's examples are the same on every run). */
interface Checkout {
  orderId: string;
  ids: SagaIds;
}

const checkoutFor = (type: MessageType): Checkout => {
  const orderId = uuidv5(`pact order ${type}`, SAGA_NAMESPACE);
  return { orderId, ids: sagaIdsFor(orderId) };
};

/** What every delivery event says of the parcel, addressed to a checkout. */
const parcel = (c: Checkout, example: number) => ({
  shipmentId: uuid(SHIPMENT_ID), orderId: c.orderId, trackingNumber: regex('^BZ[2-9A-HJKMNP-TV-Z]{10}$', 'BZ7K3M9QX2PA'), version: version(example),
});
const courier = { courierId: uuid(COURIER.courierId), name: text(COURIER.name, 100) };

/**
 * Each reply's payload as orders relies on it, addressed to a checkout. The same templates, with
 * their example values, are the replies that bring a saga to the state a later interaction needs.
 */
const payloads: Record<MessageType, (c: Checkout) => Record<string, unknown>> = {
  'stock.reserved': (c) => ({
    reservationId: c.ids.reservationId, orderId: c.orderId,
    items: eachLike({ sku, quantity: integer(facts.lines[0]!.quantity) }),
  }),
  'stock.reservation-rejected': (c) => ({
    reservationId: c.ids.reservationId, orderId: c.orderId,
    reason: 'insufficient_stock', // exact: unknown_sku would tell the customer another story
    shortages: eachLike({ sku, requested: integer(2), available: integer(1) }),
  }),
  'stock.released': (c) => ({ reservationId: c.ids.reservationId, orderId: c.orderId, reason: text('checkout compensation', 200) }),

  'payment.authorized': (c) => ({
    operationId: c.ids.authorizeOperationId, orderId: c.orderId, paymentId: uuid(PAYMENT_ID), amountMinor: integer(facts.totalMinor), currency,
    cardBrand: string('visa'), cardLast4: string('4242'), version: version(2),
  }),
  'payment.declined': (c) => ({
    operationId: c.ids.authorizeOperationId, orderId: c.orderId, paymentId: uuid(PAYMENT_ID),
    reason: oneOf(['card_declined', 'insufficient_funds', 'processor_error', 'processor_timeout', 'invalid_card', 'invalid_payment_method', 'order_voided'], 'card_declined'),
    amountMinor: integer(facts.totalMinor), currency, version: version(2),
  }),
  'payment.captured': (c) => ({
    operationId: c.ids.captureOperationId, orderId: c.orderId, paymentId: uuid(PAYMENT_ID), amountMinor: integer(facts.totalMinor), currency, version: version(3),
    // The order keeps them (seed 002's ORDER_PAYMENT: transaction id, paid at).
    transactionId: string('sim_cap_0001'), capturedAt: timestamp(),
  }),
  'payment.capture-failed': (c) => ({
    // Any reason here, as the processor's refusal; already_captured alone would mean captured after all.
    operationId: c.ids.captureOperationId, orderId: c.orderId, paymentId: uuid(PAYMENT_ID), reason: string('capture_declined'), version: version(2),
  }),
  'payment.voided': (c) => ({
    operationId: c.ids.voidOperationId, orderId: c.orderId, paymentId: uuid(PAYMENT_ID), effect: oneOf(['voided', 'nothing_held'], 'voided'), version: version(3),
  }),
  'payment.void-failed': (c) => ({
    // Exact: already_captured is what makes orders refund instead.
    operationId: c.ids.voidOperationId, orderId: c.orderId, paymentId: uuid(PAYMENT_ID), reason: 'already_captured', version: version(3),
  }),
  'payment.refunded': (c) => ({
    operationId: c.ids.refundOperationId, orderId: c.orderId, paymentId: uuid(PAYMENT_ID), amountMinor: integer(facts.totalMinor), currency,
    status: oneOf(['refunded', 'partially_refunded'], 'refunded'), version: version(4),
  }),
  'payment.refund-failed': (c) => ({
    // Exact: exceeds_captured tells orders the money is already back.
    operationId: c.ids.refundOperationId, orderId: c.orderId, paymentId: uuid(PAYMENT_ID), reason: 'exceeds_captured', version: version(4),
  }),

  'shipment.created': (c) => ({
    shipmentRequestId: c.ids.shipmentRequestId, orderId: c.orderId, shipmentId: uuid(SHIPMENT_ID),
    trackingNumber: string('BZ7K3M9QX2PA'), carrier: string('bazaar-courier'), status: string('created'), version: version(1),
  }),
  'shipment.failed': (c) => ({
    shipmentRequestId: c.ids.shipmentRequestId, orderId: c.orderId, reason: string('unsupported_country'), message: string('we do not ship to XX'),
  }),
  'shipment.cancelled': (c) => ({
    orderId: c.orderId, shipmentId: uuid(SHIPMENT_ID), effect: oneOf(['cancelled', 'nothing_to_cancel'], 'cancelled'), version: version(2),
  }),
  'shipment.cancel-refused': (c) => ({
    orderId: c.orderId, shipmentId: uuid(SHIPMENT_ID), reason: oneOf(['already_dispatched', 'already_delivered'], 'already_dispatched'),
    status: string('dispatched'), version: version(3),
  }),

  // The delivery: the examples' versions rise along the journey, as shipping's do.
  'shipment.dispatched': (c) => ({ ...parcel(c, 2), courier, dispatchedAt: timestamp() }),
  'shipment.picked_up': (c) => ({ ...parcel(c, 3), courier, pickedUpAt: timestamp() }),
  'shipment.handed_back': (c) => ({ ...parcel(c, 4), courier, reason: text('the courier ended the shift', 200), handedBackAt: timestamp() }),
  'shipment.attempt_failed': (c) => ({
    ...parcel(c, 4), courier, reason: text('nobody home', 200), attempt: integer(1), attemptsLeft: integer(2), failedAt: timestamp(),
  }),
  'shipment.delivered': (c) => ({ ...parcel(c, 5), courier, deliveredAt: timestamp() }),
  'shipment.returned': (c) => ({
    ...parcel(c, 7), reason: text('3 failed delivery attempts', 200), items: eachLike({ sku, quantity: integer(facts.lines[0]!.quantity) }), returnedAt: timestamp(),
  }),
};

/** What the saga looks like after the reply: as the customer sees the order, and what orders sent. */
interface Outcome {
  status: string;
  state: string;
  step: string | null;
  /** The timeline line the reply itself left. */
  logged: string;
  /** The commands and events orders wrote because of the reply. */
  sent: string[];
  payment?: string;
  shipping?: string;
}

interface Interaction {
  type: MessageType;
  /** The provider state, and what it is told: the ids orders gave the command being answered. */
  state: string;
  params: (c: Checkout) => Record<string, string>;
  description: string;
  /** The replies that bring the saga to where it waits for this one. */
  before: MessageType[];
  expect: Outcome;
}

const TO_RESERVE: MessageType[] = ['payment.authorized'];
const TO_SHIP: MessageType[] = ['payment.authorized', 'stock.reserved'];
const TO_CAPTURE: MessageType[] = ['payment.authorized', 'stock.reserved', 'shipment.created'];
/** Out of stock: the authorization is being voided. */
const TO_VOID: MessageType[] = ['payment.authorized', 'stock.reservation-rejected'];
/** The void found the payment captured: it is being refunded. */
const TO_REFUND: MessageType[] = [...TO_VOID, 'payment.void-failed'];
/** The capture failed: the shipment is being cancelled. */
const TO_CANCEL_SHIPMENT: MessageType[] = [...TO_CAPTURE, 'payment.capture-failed'];
/** Confirmed: shipping may dispatch. */
const TO_DISPATCH: MessageType[] = [...TO_CAPTURE, 'payment.captured'];
/** A courier has the parcel. */
const TO_DELIVER: MessageType[] = [...TO_DISPATCH, 'shipment.dispatched', 'shipment.picked_up'];

const reservation = (c: Checkout) => ({ orderId: c.orderId, reservationId: c.ids.reservationId });
const operation = (id: keyof SagaIds) => (c: Checkout) => ({ orderId: c.orderId, operationId: c.ids[id] });
const shipmentRequest = (c: Checkout) => ({ orderId: c.orderId, shipmentRequestId: c.ids.shipmentRequestId });
const order = (c: Checkout) => ({ orderId: c.orderId });

const fromInventory: Interaction[] = [
  {
    type: 'stock.reserved', state: 'stock is available for every line of the reservation', params: reservation,
    description: 'stock.reserved: the answer to inventory.reserve when every line is held', before: TO_RESERVE,
    expect: { status: 'pending', state: 'shipping', step: 'create-shipment', logged: 'reserve-stock:succeeded', sent: ['shipping.create-shipment'] },
  },
  {
    type: 'stock.reservation-rejected', state: 'a line of the reservation is short of stock', params: reservation,
    description: 'stock.reservation-rejected: the answer to inventory.reserve when a line is short', before: TO_RESERVE,
    expect: { status: 'cancelling', state: 'compensating', step: 'void-payment', logged: 'reserve-stock:failed', sent: ['payments.void'] },
  },
  {
    type: 'stock.released', state: 'the reservation holds stock', params: reservation,
    description: 'stock.released: the answer to inventory.release', before: [...TO_SHIP, 'shipment.failed'],
    expect: { status: 'cancelling', state: 'compensating', step: 'void-payment', logged: 'release-stock:succeeded', sent: ['payments.void'] },
  },
];

const fromPayments: Interaction[] = [
  {
    type: 'payment.authorized', state: 'the customer has a saved card the processor approves', params: operation('authorizeOperationId'),
    // inventory.reserve went out with payments.authorize: the saga now waits on the reservation alone.
    description: 'payment.authorized: the answer to payments.authorize when the card is approved', before: [],
    expect: { status: 'pending', state: 'reserving', step: 'reserve-stock', logged: 'authorize-payment:succeeded', sent: [], payment: 'authorized' },
  },
  {
    type: 'payment.declined', state: 'the customer has a saved card the processor declines', params: operation('authorizeOperationId'),
    // The reservation (asked at the same time) refused: nothing to release, the order is rejected.
    description: 'payment.declined: the answer to payments.authorize when the card is declined', before: ['stock.reservation-rejected'],
    expect: { status: 'rejected', state: 'rejected', step: null, logged: 'authorize-payment:failed', sent: ['order.rejected'], payment: 'declined' },
  },
  {
    type: 'payment.captured', state: 'the order has an authorized payment', params: operation('captureOperationId'),
    description: 'payment.captured: the answer to payments.capture', before: TO_CAPTURE,
    expect: { status: 'confirmed', state: 'confirmed', step: null, logged: 'capture-payment:succeeded', sent: ['order.confirmed'], payment: 'captured' },
  },
  {
    type: 'payment.capture-failed', state: 'the order has an authorized payment whose capture the processor declines', params: operation('captureOperationId'),
    description: 'payment.capture-failed: the answer to payments.capture when the processor declines it', before: TO_CAPTURE,
    expect: { status: 'cancelling', state: 'compensating', step: 'cancel-shipment', logged: 'capture-payment:failed', sent: ['shipping.cancel-shipment'] },
  },
  {
    type: 'payment.voided', state: 'the order has an authorized payment', params: operation('voidOperationId'),
    description: 'payment.voided: the answer to payments.void', before: TO_VOID,
    expect: { status: 'cancelled', state: 'cancelled', step: null, logged: 'void-payment:succeeded', sent: ['order.cancelled'], payment: 'voided' },
  },
  {
    type: 'payment.void-failed', state: 'the order has a captured payment', params: operation('voidOperationId'),
    description: 'payment.void-failed: the answer to payments.void when the payment is already captured', before: TO_VOID,
    expect: { status: 'cancelling', state: 'compensating', step: 'refund-payment', logged: 'void-payment:failed', sent: ['payments.refund'] },
  },
  {
    type: 'payment.refunded', state: 'the order has a captured payment', params: operation('refundOperationId'),
    description: 'payment.refunded: the answer to payments.refund', before: TO_REFUND,
    expect: { status: 'cancelled', state: 'cancelled', step: null, logged: 'refund-payment:succeeded', sent: ['order.cancelled'], payment: 'refunded' },
  },
  {
    type: 'payment.refund-failed', state: 'the order has a payment refunded in full', params: operation('refundOperationId'),
    description: 'payment.refund-failed: the answer to payments.refund when nothing is left to refund', before: TO_REFUND,
    expect: { status: 'cancelled', state: 'cancelled', step: null, logged: 'refund-payment:failed', sent: ['order.cancelled'] },
  },
];

const fromShipping: Interaction[] = [
  {
    type: 'shipment.created', state: 'the recipient\'s address can be shipped to', params: shipmentRequest,
    description: 'shipment.created: the answer to shipping.create-shipment', before: TO_SHIP,
    expect: { status: 'pending', state: 'capturing', step: 'capture-payment', logged: 'create-shipment:succeeded', sent: ['payments.capture'], shipping: 'created' },
  },
  {
    type: 'shipment.failed', state: 'the recipient\'s country is not shipped to', params: shipmentRequest,
    description: 'shipment.failed: the answer to shipping.create-shipment when the address cannot be shipped to', before: TO_SHIP,
    expect: { status: 'cancelling', state: 'compensating', step: 'release-stock', logged: 'create-shipment:failed', sent: ['inventory.release'], shipping: 'failed' },
  },
  {
    type: 'shipment.cancelled', state: 'the order\'s shipment has not been dispatched', params: order,
    description: 'shipment.cancelled: the answer to shipping.cancel-shipment', before: TO_CANCEL_SHIPMENT,
    expect: { status: 'cancelling', state: 'compensating', step: 'release-stock', logged: 'cancel-shipment:succeeded', sent: ['inventory.release'], shipping: 'cancelled' },
  },
  {
    type: 'shipment.cancel-refused', state: 'the order\'s shipment has been dispatched', params: order,
    description: 'shipment.cancel-refused: the answer to shipping.cancel-shipment once the courier has the parcel', before: TO_CANCEL_SHIPMENT,
    expect: { status: 'cancelling', state: 'compensating', step: 'release-stock', logged: 'cancel-shipment:failed', sent: ['inventory.release'], shipping: 'dispatched' },
  },
  {
    type: 'shipment.dispatched', state: 'a courier is on shift near the order\'s confirmed shipment', params: order,
    description: 'shipment.dispatched: a courier was given the parcel', before: TO_DISPATCH,
    expect: { status: 'shipped', state: 'confirmed', step: null, logged: 'dispatch:succeeded', sent: [], shipping: 'dispatched' },
  },
  {
    type: 'shipment.picked_up', state: 'the order\'s shipment has been given to a courier', params: order,
    description: 'shipment.picked_up: the courier has the parcel', before: [...TO_DISPATCH, 'shipment.dispatched'],
    expect: { status: 'shipped', state: 'confirmed', step: null, logged: 'pick-up:succeeded', sent: [], shipping: 'picked_up' },
  },
  {
    type: 'shipment.handed_back', state: 'the courier has picked up the order\'s parcel', params: order,
    description: 'shipment.handed_back: the courier ended the shift with the parcel', before: TO_DELIVER,
    expect: { status: 'shipped', state: 'confirmed', step: null, logged: 'hand-back:succeeded', sent: [], shipping: 'dispatched' },
  },
  {
    type: 'shipment.attempt_failed', state: 'the courier has picked up the order\'s parcel', params: order,
    description: 'shipment.attempt_failed: a delivery attempt failed, more to come', before: TO_DELIVER,
    expect: { status: 'shipped', state: 'confirmed', step: null, logged: 'delivery-attempt:failed', sent: [], shipping: 'picked_up' },
  },
  {
    type: 'shipment.delivered', state: 'the courier has picked up the order\'s parcel', params: order,
    description: 'shipment.delivered: the recipient has the parcel', before: TO_DELIVER,
    expect: { status: 'delivered', state: 'confirmed', step: null, logged: 'deliver:succeeded', sent: [], shipping: 'delivered' },
  },
  {
    type: 'shipment.returned', state: 'the courier has failed every delivery attempt of the order\'s parcel but the last', params: order,
    description: 'shipment.returned: the parcel came back undelivered', before: TO_DELIVER,
    expect: { status: 'cancelling', state: 'compensating', step: 'refund-payment', logged: 'return:succeeded', sent: ['payments.refund'], shipping: 'returned' },
  },
];

let h: Harness;
let token: string;
let handlers: ReturnType<typeof replyHandlers>;

before(async () => {
  h = await startOrders('pact_replies');
  token = await h.token(facts.userId);
  handlers = replyHandlers(createReplyHandler(h.runner));
});

after(async () => {
  await h?.close();
});

/**
 * One delivery off orders' events queue, as the kit's consumer takes it (`deliverMessage`), without
 * the broker: the body is checked against the contracts, the type must be an event orders handles,
 * and the handler runs in the message's context on the transaction that records it in the inbox.
 */
async function receive(body: unknown): Promise<void> {
  const { envelope, duplicate } = await deliverMessage({ pool: h.pool, contracts, kind: 'events', handlers }, body);
  assert.equal(duplicate, false, `message ${envelope.id} was taken for a redelivery`);
}

/** Places the checkout as orders does (order, items, status copies, saga and its first command), with a fixed id. */
async function place(c: Checkout): Promise<void> {
  const now = h.clock.now;
  const placed = { ...facts, orderId: c.orderId, orderNumber: newOrderNumber(now) };
  const line = placed.lines[0]!;
  const unitPriceMinor = placed.totalMinor / line.quantity;
  await withTransaction(h.pool, async (client) => {
    await insertOrder(client, {
      id: c.orderId, number: placed.orderNumber, userId: placed.userId, currency: placed.currency,
      subtotalMinor: placed.totalMinor, totalMinor: placed.totalMinor, idempotencyKey: c.orderId, requestHash: 'pact',
    });
    await insertItems(client, c.orderId, [{
      lineNo: 1, productId: uuidv5(`pact product ${line.sku}`, SAGA_NAMESPACE), sku: line.sku, name: 'Walnut desk lamp', unitPriceMinor, quantity: line.quantity, lineTotalMinor: placed.totalMinor,
    }]);
    await insertPaymentCopy(client, c.orderId, { paymentMethodRef: placed.paymentMethodId, amountMinor: placed.totalMinor, currency: placed.currency });
    await insertShippingCopy(client, c.orderId, placed.recipient);
    await recordDecision(client, h.runner, startSaga(placed, c.ids, settings, now), now, { insert: { paymentMethodRef: placed.paymentMethodId } });
  });
}

async function view(c: Checkout) {
  const response = await h.app.inject({ method: 'GET', url: `/orders/${c.orderId}`, headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as {
    status: string; checkout: { state: string; step: string | null }; payment: { status: string }; shipping: { status: string };
    timeline: { step: string; status: string }[];
  };
}

function record(pact: ReturnType<typeof consumerPact>, source: string, interactions: Interaction[]): void {
  for (const i of interactions) {
    test(`${i.type}: ${i.state}`, async () => {
      const c = checkoutFor(i.type);
      await place(c);
      for (const type of i.before) await h.deliver(type, reify(payloads[type](c)) as Record<string, unknown>);
      const timelineBefore = (await view(c)).timeline.length;
      const sentBefore = (await h.sent(c.orderId)).length;

      await pact
        .addAsynchronousInteraction()
        .given(i.state, i.params(c))
        .expectsToReceive(i.description, (b) => b.withJSONContent(envelope(i.type, source, c.orderId, payloads[i.type](c))))
        .executeTest(async (message) => {
          await receive(message.contents.content);
        });

      const after = await view(c);
      const outcome: Outcome = {
        status: after.status, state: after.checkout.state, step: after.checkout.step,
        logged: after.timeline.slice(timelineBefore).map((e) => `${e.step}:${e.status}`)[0] ?? 'nothing',
        sent: (await h.sent(c.orderId)).slice(sentBefore).map((m) => m.type),
        ...(i.expect.payment ? { payment: after.payment.status } : {}),
        ...(i.expect.shipping ? { shipping: after.shipping.status } : {}),
      };
      assert.deepEqual(outcome, i.expect);
    });
  }
}

describe('orders ← inventory: replies to the saga\'s stock commands', () => {
  record(consumerPact({ consumer: 'orders', provider: 'inventory' }), 'inventory', fromInventory);
});

describe('orders ← payments: replies to the saga\'s payment commands', () => {
  record(consumerPact({ consumer: 'orders', provider: 'payments' }), 'payments', fromPayments);
});

describe('orders ← shipping: replies to the saga\'s shipment commands, and the delivery\'s events', () => {
  record(consumerPact({ consumer: 'orders', provider: 'shipping' }), 'shipping', fromShipping);
});

test('every reply and delivery event orders consumes is in a pact', () => {
  const recorded = [...fromInventory, ...fromPayments, ...fromShipping].map((i) => i.type).sort();
  assert.deepEqual(recorded, [...REPLY_TYPES, ...DELIVERY_EVENT_TYPES].sort());
});
