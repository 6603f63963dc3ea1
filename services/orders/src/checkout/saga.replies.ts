// What a reply teaches the saga about the payment, the reservation and the shipment. Pure. Only a
// reply that changes what the saga knows leaves a line in the timeline; a repeated one (a redelivery
// under a new message id, an answer to a command sent again) changes nothing.
import { formatMoney } from '@bazaar/platform';
import type {
  CompensationStep, DeliveryEvent, ForwardStep, PaymentKnown, ReplyOf, Resources, Saga, SagaMessage, StepLogEntry, StepStatus,
} from './saga.types.js';

export interface Learned {
  resources: Partial<Resources>;
  log: StepLogEntry[];
  /** The reply is a failure of the step the saga waits on: why, as the order's reason. */
  failure?: string;
  /**
   * The thing was already undone when this (late) positive reply came: its compensation is sent
   * again. Every compensation is idempotent, so this is safe even when the first one did the work.
   */
  resend?: CompensationStep;
}

const none: Learned = { resources: {}, log: [] };

/** Whether a reply matches the ids this saga gave its commands (the order id is matched by the lookup). */
export function concernsSaga(saga: Saga, reply: SagaMessage): boolean {
  const { ids } = saga;
  switch (reply.type) {
    case 'payment.authorized': case 'payment.declined': return reply.payload.operationId === ids.authorizeOperationId;
    case 'payment.captured': case 'payment.capture-failed': return reply.payload.operationId === ids.captureOperationId;
    case 'payment.voided': case 'payment.void-failed': return reply.payload.operationId === ids.voidOperationId;
    case 'payment.refunded': case 'payment.refund-failed': return reply.payload.operationId === ids.refundOperationId;
    case 'stock.reserved': case 'stock.reservation-rejected': case 'stock.released': return reply.payload.reservationId === ids.reservationId;
    case 'shipment.created': case 'shipment.failed': return reply.payload.shipmentRequestId === ids.shipmentRequestId;
    case 'shipment.cancelled': case 'shipment.cancel-refused': return reply.payload.orderId === saga.orderId;
    case 'shipment.dispatched': case 'shipment.handed_back': case 'shipment.picked_up': case 'shipment.attempt_failed': case 'shipment.delivered': case 'shipment.returned':
      return reply.payload.orderId === saga.orderId;
  }
}

const action = (step: ForwardStep, status: StepStatus, detail: string): StepLogEntry => ({ step, kind: 'action', status, detail });
const compensation = (step: CompensationStep, status: StepStatus, detail: string): StepLogEntry => ({ step, kind: 'compensation', status, detail });
/**
 * Whether the saga waits on `step`'s answer: the step it awaits, or either of the payment's
 * authorization and the stock's reservation while they are both under way (sent together, saga.ts).
 */
export function awaits(saga: Saga, step: ForwardStep): boolean {
  if (saga.step === step) return true;
  if (saga.state !== 'authorizing' && saga.state !== 'reserving') return false;
  return (step === 'authorize-payment' && saga.payment === 'authorizing') || (step === 'reserve-stock' && saga.reservation === 'reserving');
}
/** A forward step's reply is `succeeded`/`failed` while the saga waits on it, `late` once it has moved on. */
const outcome = (saga: Saga, step: ForwardStep, ok: boolean): StepStatus => (awaits(saga, step) ? (ok ? 'succeeded' : 'failed') : 'late');
/** How the reason of an order whose payment was declined begins. */
export const DECLINED = 'payment declined';
const money = formatMoney;

export function learn(saga: Saga, reply: SagaMessage): Learned {
  switch (reply.type) {
    case 'payment.authorized': case 'payment.declined': case 'payment.captured': case 'payment.capture-failed':
      return learnPaymentAction(saga, reply);
    case 'payment.voided': case 'payment.void-failed': case 'payment.refunded': case 'payment.refund-failed':
      return learnPaymentCompensation(saga, reply);
    case 'stock.reserved': case 'stock.reservation-rejected': case 'stock.released':
      return learnReservation(saga, reply);
    case 'shipment.dispatched': case 'shipment.handed_back': case 'shipment.picked_up': case 'shipment.attempt_failed': case 'shipment.delivered': case 'shipment.returned':
      return learnDelivery(saga, reply);
    default:
      return learnShipment(saga, reply);
  }
}

const mayHoldAuthorization = (p: PaymentKnown) => p === 'authorizing' || p === 'authorized' || p === 'capturing';

function learnPaymentAction(saga: Saga, reply: ReplyOf<'payment.authorized' | 'payment.declined' | 'payment.captured' | 'payment.capture-failed'>): Learned {
  const p = saga.payment;
  switch (reply.type) {
    case 'payment.authorized': {
      const card = reply.payload.cardLast4 ? ` (${reply.payload.cardBrand ?? 'card'} ending ${reply.payload.cardLast4})` : '';
      if (p === 'authorizing') {
        return { resources: { payment: 'authorized' }, log: [action('authorize-payment', outcome(saga, 'authorize-payment', true), `authorized ${money(reply.payload.amountMinor, reply.payload.currency)}${card}`)] };
      }
      if (p === 'voided') {
        return { resources: {}, resend: 'void-payment', log: [action('authorize-payment', 'late', 'authorized after the payment was voided: void sent again')] };
      }
      return none;
    }
    case 'payment.declined':
      if (p !== 'authorizing') return none;
      return {
        resources: { payment: 'declined' },
        failure: `${DECLINED}: ${reply.payload.reason}`,
        log: [action('authorize-payment', outcome(saga, 'authorize-payment', false), `declined: ${reply.payload.reason}`)],
      };
    case 'payment.captured': {
      const detail = `captured ${money(reply.payload.amountMinor, reply.payload.currency)}`;
      if (mayHoldAuthorization(p)) return { resources: { payment: 'captured' }, log: [action('capture-payment', outcome(saga, 'capture-payment', true), detail)] };
      // Captured after a void that found nothing to release: the money must go back.
      if (p === 'voided' || p === 'void_failed') return { resources: { payment: 'captured' }, log: [action('capture-payment', 'late', `${detail} after the payment was voided: to be refunded`)] };
      return none;
    }
    case 'payment.capture-failed':
      if (p !== 'capturing') return none;
      if (reply.payload.reason === 'already_captured') {
        return { resources: { payment: 'captured' }, log: [action('capture-payment', outcome(saga, 'capture-payment', true), 'already captured')] };
      }
      return {
        resources: { payment: 'authorized' },
        failure: `payment capture failed: ${reply.payload.reason}`,
        log: [action('capture-payment', outcome(saga, 'capture-payment', false), `failed: ${reply.payload.reason}`)],
      };
  }
}

function learnPaymentCompensation(saga: Saga, reply: ReplyOf<'payment.voided' | 'payment.void-failed' | 'payment.refunded' | 'payment.refund-failed'>): Learned {
  const p = saga.payment;
  switch (reply.type) {
    case 'payment.voided':
      if (!mayHoldAuthorization(p)) return none;
      return { resources: { payment: 'voided' }, log: [compensation('void-payment', 'succeeded', reply.payload.effect === 'voided' ? 'authorization released' : 'nothing was held')] };
    case 'payment.void-failed':
      if (reply.payload.reason === 'already_captured') {
        if (!mayHoldAuthorization(p) && p !== 'voided' && p !== 'void_failed') return none;
        return { resources: { payment: 'captured' }, log: [compensation('void-payment', 'failed', 'already captured: refunding instead')] };
      }
      if (!mayHoldAuthorization(p)) return none;
      return { resources: { payment: 'void_failed' }, log: [compensation('void-payment', 'failed', `failed: ${reply.payload.reason}; left for an operator`)] };
    case 'payment.refunded':
      if (p !== 'captured' && p !== 'refund_failed') return none;
      return { resources: { payment: 'refunded' }, log: [compensation('refund-payment', 'succeeded', `refunded ${money(reply.payload.amountMinor, reply.payload.currency)}`)] };
    case 'payment.refund-failed': {
      if (p !== 'captured') return none;
      const reason = reply.payload.reason;
      // What the refusal says about the money: nothing captured after all (an authorization may still
      // hold, so it is voided next), already all refunded, or a real failure for an operator.
      const payment: PaymentKnown = reason === 'not_captured' ? 'authorized' : reason === 'payment_not_found' ? 'none' : reason === 'exceeds_captured' ? 'refunded' : 'refund_failed';
      const detail = payment === 'refund_failed' ? `failed: ${reason}; left for an operator` : `refused: ${reason}`;
      return { resources: { payment }, log: [compensation('refund-payment', 'failed', detail)] };
    }
  }
}

function learnReservation(saga: Saga, reply: ReplyOf<'stock.reserved' | 'stock.reservation-rejected' | 'stock.released'>): Learned {
  const r = saga.reservation;
  switch (reply.type) {
    case 'stock.reserved':
      if (r === 'reserving') {
        const units = reply.payload.items.reduce((n, line) => n + line.quantity, 0);
        return { resources: { reservation: 'reserved' }, log: [action('reserve-stock', outcome(saga, 'reserve-stock', true), `reserved ${units} unit(s)`)] };
      }
      if (r === 'released') return { resources: {}, resend: 'release-stock', log: [action('reserve-stock', 'late', 'reserved after the reservation was released: release sent again')] };
      return none;
    case 'stock.reservation-rejected': {
      if (r !== 'reserving') return none;
      const short = reply.payload.shortages.map((s) => `${s.sku} (${s.requested} requested, ${s.available} available)`).join(', ');
      const why = reply.payload.reason === 'unknown_sku' ? 'unknown SKU' : 'out of stock';
      return {
        resources: { reservation: 'rejected' },
        failure: `${why}: ${short}`,
        log: [action('reserve-stock', outcome(saga, 'reserve-stock', false), `${reply.payload.reason}: ${short}`)],
      };
    }
    case 'stock.released': {
      if (r !== 'reserving' && r !== 'reserved') return none;
      if (saga.step === 'release-stock' || saga.state === 'compensating' || saga.state === 'cancelled' || saga.state === 'rejected') {
        return { resources: { reservation: 'released' }, log: [compensation('release-stock', 'succeeded', 'stock released')] };
      }
      // Released without being asked (the reserve came after a release, or the reservation expired):
      // whatever the saga was doing, the order no longer has its stock.
      return {
        resources: { reservation: 'released' },
        failure: `stock reservation released: ${reply.payload.reason}`,
        log: [action('reserve-stock', awaits(saga, 'reserve-stock') ? 'failed' : 'late', `reservation released: ${reply.payload.reason}`)],
      };
    }
  }
}

function learnShipment(saga: Saga, reply: ReplyOf<'shipment.created' | 'shipment.failed' | 'shipment.cancelled' | 'shipment.cancel-refused'>): Learned {
  const s = saga.shipment;
  switch (reply.type) {
    case 'shipment.created':
      if (s === 'creating') {
        return { resources: { shipment: 'created' }, log: [action('create-shipment', outcome(saga, 'create-shipment', true), `${reply.payload.carrier} ${reply.payload.trackingNumber}`)] };
      }
      if (s === 'cancelled') return { resources: {}, resend: 'cancel-shipment', log: [action('create-shipment', 'late', 'created after the shipment was cancelled: cancellation sent again')] };
      return none;
    case 'shipment.failed':
      if (s !== 'creating') return none;
      return {
        resources: { shipment: 'failed' },
        failure: `shipment failed: ${reply.payload.reason}`,
        log: [action('create-shipment', outcome(saga, 'create-shipment', false), `${reply.payload.reason}: ${reply.payload.message}`)],
      };
    case 'shipment.cancelled': {
      if (s !== 'creating' && s !== 'created') return none;
      const asked = saga.step === 'cancel-shipment' || saga.state === 'compensating' || saga.state === 'cancelled' || saga.state === 'rejected';
      const detail = reply.payload.effect === 'cancelled' ? 'shipment cancelled' : 'there was no shipment to cancel';
      return {
        resources: { shipment: 'cancelled' },
        log: [compensation('cancel-shipment', 'succeeded', detail)],
        ...(asked ? {} : { failure: 'the shipment was cancelled' }),
      };
    }
    case 'shipment.cancel-refused':
      if (s !== 'creating' && s !== 'created') return none;
      return { resources: { shipment: 'dispatched' }, log: [compensation('cancel-shipment', 'failed', `refused: ${reply.payload.reason}`)] };
  }
}

/**
 * What the delivery tells the saga; the customer's timeline has its own entry for each event (from
 * the shipping copy, orders/status-copies.ts), so nothing is logged here. Any event of a parcel on its
 * way means a courier took it: beyond cancelling, and the reservation committed by inventory (events
 * come on separate queues, so a delivery may be heard before its dispatch). A returned parcel is a
 * failure of the confirmed order: its money goes back; its items are inventory's again already.
 */
function learnDelivery(saga: Saga, event: DeliveryEvent): Learned {
  // Only a confirmed order's shipment is ever dispatched (shipping waits for order.confirmed).
  if (saga.state !== 'confirmed' && !saga.afterConfirmation) return none;
  const s = saga.shipment;
  const r = saga.reservation;
  const committed: Partial<Resources> = r === 'reserving' || r === 'reserved' ? { reservation: 'committed' } : {};
  if (event.type === 'shipment.returned') {
    if (s !== 'creating' && s !== 'created' && s !== 'dispatched') return none;
    return { resources: { shipment: 'returned', ...committed }, log: [], failure: `the parcel was returned: ${event.payload.reason}` };
  }
  if (s !== 'creating' && s !== 'created') return none;
  return { resources: { shipment: 'dispatched', ...committed }, log: [] };
}
