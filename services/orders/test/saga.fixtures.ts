// Builders for the pure saga's tests: an order's facts, its saga at each state, and every reply.
import { sagaIdsFor, type SagaIds } from '../src/checkout/saga.ids.js';
import { decide, startSaga } from '../src/checkout/saga.js';
import type {
  Decision, DeliveryEvent, DeliveryEventType, OrderFacts, Reply, ReplyType, Saga, SagaContext, SagaInput, SagaSettings,
} from '../src/checkout/saga.types.js';

export const ORDER_ID = '0195f0a4-1c2b-7d3e-8f40-5a6b7c8d9e0f';
export const PAYMENT_ID = '0195f0a4-1c2b-7d3e-8f40-000000000001';
export const SHIPMENT_ID = '0195f0a4-1c2b-7d3e-8f40-000000000002';
export const ids: SagaIds = sagaIdsFor(ORDER_ID);
export const settings: SagaSettings = { stepTimeoutMs: 30_000, reservationTtlSeconds: 604_800 };
export const T0 = new Date('2026-03-14T10:00:00.000Z');

export const facts: OrderFacts = {
  orderId: ORDER_ID,
  orderNumber: 'BZ-260314-7KQ2M',
  userId: '0195f0a4-1c2b-7d3e-8f40-0000000000aa',
  totalMinor: 9800,
  currency: 'EUR',
  paymentMethodId: '0195f0a4-1c2b-7d3e-8f40-0000000000bb',
  lines: [{ sku: 'LAMP-001', quantity: 2 }],
  recipient: { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' },
};

export const ctx = (now: Date = T0): SagaContext => ({ ...settings, now, facts });
export const later = (ms: number, from: Date = T0) => new Date(from.getTime() + ms);

/** Every reply the saga consumes, addressed to this saga (its ids); `other` makes one for someone else's operation. */
export const reply = {
  authorized: (): Reply => ({ type: 'payment.authorized', payload: { operationId: ids.authorizeOperationId, orderId: ORDER_ID, paymentId: PAYMENT_ID, amountMinor: 9800, currency: 'EUR', cardBrand: 'visa', cardLast4: '4242', version: 2 } }),
  declined: (reason = 'card_declined'): Reply => ({ type: 'payment.declined', payload: { operationId: ids.authorizeOperationId, orderId: ORDER_ID, paymentId: PAYMENT_ID, reason: reason as never, amountMinor: 9800, currency: 'EUR', version: 2 } }),
  captured: (): Reply => ({ type: 'payment.captured', payload: { operationId: ids.captureOperationId, orderId: ORDER_ID, paymentId: PAYMENT_ID, amountMinor: 9800, currency: 'EUR', version: 3 } }),
  captureFailed: (reason = 'capture_declined'): Reply => ({ type: 'payment.capture-failed', payload: { operationId: ids.captureOperationId, orderId: ORDER_ID, paymentId: PAYMENT_ID, reason, version: 2 } }),
  voided: (effect: 'voided' | 'nothing_held' = 'voided'): Reply => ({ type: 'payment.voided', payload: { operationId: ids.voidOperationId, orderId: ORDER_ID, paymentId: effect === 'voided' ? PAYMENT_ID : null, effect, version: effect === 'voided' ? 3 : null } }),
  voidFailed: (reason = 'already_captured'): Reply => ({ type: 'payment.void-failed', payload: { operationId: ids.voidOperationId, orderId: ORDER_ID, paymentId: PAYMENT_ID, reason, version: 3 } }),
  refunded: (): Reply => ({ type: 'payment.refunded', payload: { operationId: ids.refundOperationId, orderId: ORDER_ID, paymentId: PAYMENT_ID, amountMinor: 9800, currency: 'EUR', status: 'refunded', version: 4 } }),
  refundFailed: (reason = 'processor_error'): Reply => ({ type: 'payment.refund-failed', payload: { operationId: ids.refundOperationId, orderId: ORDER_ID, paymentId: PAYMENT_ID, reason, version: 3 } }),
  reserved: (): Reply => ({ type: 'stock.reserved', payload: { reservationId: ids.reservationId, orderId: ORDER_ID, items: [{ sku: 'LAMP-001', quantity: 2 }] } }),
  rejected: (): Reply => ({ type: 'stock.reservation-rejected', payload: { reservationId: ids.reservationId, orderId: ORDER_ID, reason: 'insufficient_stock', shortages: [{ sku: 'LAMP-001', requested: 2, available: 1 }] } }),
  released: (reason = 'checkout compensation'): Reply => ({ type: 'stock.released', payload: { reservationId: ids.reservationId, orderId: ORDER_ID, reason } }),
  created: (): Reply => ({ type: 'shipment.created', payload: { shipmentRequestId: ids.shipmentRequestId, orderId: ORDER_ID, shipmentId: SHIPMENT_ID, trackingNumber: 'BZ7K3M9QX2PA', carrier: 'bazaar-courier', status: 'created', version: 1 } }),
  shipmentFailed: (): Reply => ({ type: 'shipment.failed', payload: { shipmentRequestId: ids.shipmentRequestId, orderId: ORDER_ID, reason: 'unsupported_country', message: 'we do not ship to XX' } }),
  shipmentCancelled: (effect: 'cancelled' | 'nothing_to_cancel' = 'cancelled'): Reply => ({ type: 'shipment.cancelled', payload: { orderId: ORDER_ID, shipmentId: effect === 'cancelled' ? SHIPMENT_ID : null, effect, version: effect === 'cancelled' ? 2 : null } }),
  cancelRefused: (): Reply => ({ type: 'shipment.cancel-refused', payload: { orderId: ORDER_ID, shipmentId: SHIPMENT_ID, reason: 'already_dispatched', status: 'dispatched', version: 3 } }),
};

export const COURIER = { courierId: '0195f0a4-1c2b-7d3e-8f40-0000000000cc', name: 'Ana Courier' };
const parcel = (version: number) => ({ shipmentId: SHIPMENT_ID, orderId: ORDER_ID, trackingNumber: 'BZ7K3M9QX2PA', version });
const at = (minutes: number) => later(minutes * 60_000).toISOString();

/**
 * shipping's delivery events for this order, with the versions shipping gives them after created (1):
 * dispatched 2, picked up 3, attempts 4…, then delivered or returned above the last attempt.
 */
export const delivery = {
  dispatched: (version = 2): DeliveryEvent => ({ type: 'shipment.dispatched', payload: { ...parcel(version), courier: COURIER, dispatchedAt: at(10) } }),
  pickedUp: (version = 3): DeliveryEvent => ({ type: 'shipment.picked_up', payload: { ...parcel(version), courier: COURIER, pickedUpAt: at(20) } }),
  handedBack: (version = 4): DeliveryEvent => ({
    type: 'shipment.handed_back', payload: { ...parcel(version), courier: COURIER, reason: 'the courier ended the shift', handedBackAt: at(25) },
  }),
  attemptFailed: (attempt = 1, attemptsLeft = 3 - attempt): DeliveryEvent => ({
    type: 'shipment.attempt_failed', payload: { ...parcel(3 + attempt), courier: COURIER, reason: 'nobody home', attempt, attemptsLeft, failedAt: at(30 + attempt) },
  }),
  delivered: (version = 5): DeliveryEvent => ({ type: 'shipment.delivered', payload: { ...parcel(version), courier: COURIER, deliveredAt: at(40) } }),
  returned: (version = 7): DeliveryEvent => ({
    type: 'shipment.returned', payload: { ...parcel(version), reason: '3 failed delivery attempts', items: [{ sku: 'LAMP-001', quantity: 2 }], returnedAt: at(50) },
  }),
};

export const everyDeliveryEvent: Record<DeliveryEventType, () => DeliveryEvent> = {
  'shipment.dispatched': () => delivery.dispatched(),
  'shipment.handed_back': () => delivery.handedBack(),
  'shipment.picked_up': () => delivery.pickedUp(),
  'shipment.attempt_failed': () => delivery.attemptFailed(),
  'shipment.delivered': () => delivery.delivered(),
  'shipment.returned': () => delivery.returned(),
};

/** One reply of each type, in a fixed order. */
export const everyReply: Record<ReplyType, () => Reply> = {
  'payment.authorized': reply.authorized,
  'payment.declined': () => reply.declined(),
  'payment.captured': reply.captured,
  'payment.capture-failed': () => reply.captureFailed(),
  'payment.voided': () => reply.voided(),
  'payment.void-failed': () => reply.voidFailed(),
  'payment.refunded': reply.refunded,
  'payment.refund-failed': () => reply.refundFailed(),
  'stock.reserved': reply.reserved,
  'stock.reservation-rejected': reply.rejected,
  'stock.released': () => reply.released(),
  'shipment.created': reply.created,
  'shipment.failed': reply.shipmentFailed,
  'shipment.cancelled': () => reply.shipmentCancelled(),
  'shipment.cancel-refused': reply.cancelRefused,
};

/** The same reply, but answering an operation of another saga (different ids, or another order). */
export function otherSagas(r: Reply): Reply {
  const other = '0195f0a4-1c2b-7d3e-8f40-ffffffffffff';
  const payload = { ...r.payload } as Record<string, unknown>;
  for (const key of ['operationId', 'reservationId', 'shipmentRequestId']) if (key in payload) payload[key] = other;
  if (r.type === 'shipment.cancelled' || r.type === 'shipment.cancel-refused') payload.orderId = other;
  return { type: r.type, payload } as Reply;
}

export interface Run {
  saga: Saga;
  decisions: Decision[];
  /** Every command sent along the run, in order. */
  sent: string[];
  events: string[];
}

/** Applies inputs one after another (at `now`, or at the time given with each). */
export function run(from: Saga, ...inputs: (SagaInput | [SagaInput, Date])[]): Run {
  let saga = from;
  const decisions: Decision[] = [];
  for (const item of inputs) {
    const [input, now] = Array.isArray(item) ? item : [item, T0];
    const decision = decide(saga, input, ctx(now));
    decisions.push(decision);
    saga = decision.saga;
  }
  return {
    saga,
    decisions,
    sent: decisions.flatMap((d) => d.commands.map((c) => c.type)),
    events: decisions.flatMap((d) => d.events.map((e) => e.type)),
  };
}

export const started = (): Saga => startSaga(facts, ids, settings, T0).saga;

/** The saga as it stands in each state, reached through the real transitions. */
export const sagaIn = {
  /** Both the authorization and the reservation asked (sent together), neither answered. */
  authorizing: started,
  /** The payment authorized, the reservation still unanswered. */
  reserving: () => run(started(), reply.authorized()).saga,
  shipping: () => run(started(), reply.authorized(), reply.reserved()).saga,
  capturing: () => run(started(), reply.authorized(), reply.reserved(), reply.created()).saga,
  confirmed: () => run(started(), reply.authorized(), reply.reserved(), reply.created(), reply.captured()).saga,
  /** Capture failed: cancelling the shipment (then release, then void). */
  compensating: () => run(started(), reply.authorized(), reply.reserved(), reply.created(), reply.captureFailed()).saga,
  /** Out of stock, authorization voided. */
  cancelled: () => run(started(), reply.authorized(), reply.rejected(), reply.voided()).saga,
  /** Declined, and out of stock too: nothing to compensate. */
  rejected: () => run(started(), reply.declined(), reply.rejected()).saga,
};
export type StateName = keyof typeof sagaIn;
