// Orders' copies of the payment's and the shipment's status, kept from payments' and shipping's
// events (seed 003: event-driven denormalisation). Each copy remembers the source's version: an event
// whose version is not above it is stale and changes nothing, so redeliveries and replays arriving out
// of order never put an older status back. Pure; the SQL is in status-copies.store.ts.
import type { DeliveryEvent, OrderStatus, Reply, ReplyOf, StepLogEntry } from '../checkout/saga.types.js';

export interface PaymentCopy {
  paymentId: string | null;
  status: string;
  amountMinor: number;
  currency: string;
  capturedMinor: number;
  refundedMinor: number;
  cardBrand: string | null;
  cardLast4: string | null;
  reason: string | null;
  /** The card processor's reference of the capture, and when it took the money (payment.captured). */
  transactionId: string | null;
  paidAt: Date | null;
  version: number | null;
}

export interface ShippingCopy {
  shipmentId: string | null;
  trackingNumber: string | null;
  carrier: string | null;
  status: string;
  reason: string | null;
  /** The courier who has (or last had) the parcel, from the delivery events. */
  courierId: string | null;
  courierName: string | null;
  /** The number of the latest failed delivery attempt. */
  failedAttempts: number;
  deliveredAt: Date | null;
  version: number | null;
}

/**
 * Whether an event of version `version` may change a copy at `current`. An event without a version
 * (no payment or shipment exists at the source) only fills a copy that has never seen one.
 */
export function isNewer(version: number | null, current: number | null): boolean {
  if (version === null) return current === null;
  return current === null || version > current;
}

export type PaymentEvent = ReplyOf<Extract<Reply['type'], `payment.${string}`>>;
export type ShipmentEvent = ReplyOf<Extract<Reply['type'], `shipment.${string}`>> | DeliveryEvent;

/** The change a payment event makes to the copy, or undefined if none (stale, or nothing to copy). */
export function paymentCopyChange(copy: PaymentCopy, event: PaymentEvent): Partial<PaymentCopy> | undefined {
  const p = event.payload;
  if (!isNewer(p.version, copy.version)) return undefined;
  const version = p.version;
  switch (event.type) {
    case 'payment.authorized':
      return { paymentId: event.payload.paymentId, status: 'authorized', amountMinor: event.payload.amountMinor, currency: event.payload.currency, cardBrand: event.payload.cardBrand, cardLast4: event.payload.cardLast4, reason: null, version };
    case 'payment.declined':
      return { paymentId: event.payload.paymentId ?? copy.paymentId, status: 'declined', reason: event.payload.reason, version };
    case 'payment.captured':
      return {
        paymentId: event.payload.paymentId, status: 'captured', capturedMinor: event.payload.amountMinor, reason: null, version,
        transactionId: event.payload.transactionId ?? null, paidAt: event.payload.capturedAt ? new Date(event.payload.capturedAt) : null,
      };
    case 'payment.voided':
      return event.payload.effect === 'voided' ? { status: 'voided', version } : undefined;
    case 'payment.refunded':
      return { status: event.payload.status, refundedMinor: copy.refundedMinor + event.payload.amountMinor, version };
    case 'payment.capture-failed':
    case 'payment.void-failed':
    case 'payment.refund-failed':
      // Payments changes nothing on a refused operation, so its version has not moved: the reason is
      // in the order's timeline, and the copy stays as it is.
      return undefined;
  }
}

export function shippingCopyChange(copy: ShippingCopy, event: ShipmentEvent): Partial<ShippingCopy> | undefined {
  switch (event.type) {
    case 'shipment.dispatched': case 'shipment.handed_back': case 'shipment.picked_up': case 'shipment.attempt_failed': case 'shipment.delivered': case 'shipment.returned':
      return deliveryCopyChange(copy, event);
    case 'shipment.created': {
      const p = event.payload;
      if (!isNewer(p.version, copy.version)) return undefined;
      return { shipmentId: p.shipmentId, trackingNumber: p.trackingNumber, carrier: p.carrier, status: p.status, reason: null, version: p.version };
    }
    case 'shipment.failed':
      return isNewer(null, copy.version) ? { status: 'failed', reason: `${event.payload.reason}: ${event.payload.message}` } : undefined;
    case 'shipment.cancelled': {
      const p = event.payload;
      if (!isNewer(p.version, copy.version)) return undefined;
      return { ...(p.shipmentId ? { shipmentId: p.shipmentId } : {}), status: 'cancelled', version: p.version };
    }
    case 'shipment.cancel-refused': {
      const p = event.payload;
      if (!isNewer(p.version, copy.version)) return undefined;
      return { shipmentId: p.shipmentId, status: p.status, reason: `cancellation refused: ${p.reason}`, version: p.version };
    }
  }
}

/** The parcel's journey onto the copy: the newest event wins, as for every other shipment event. */
function deliveryCopyChange(copy: ShippingCopy, event: DeliveryEvent): Partial<ShippingCopy> | undefined {
  const p = event.payload;
  if (!isNewer(p.version, copy.version)) return undefined;
  const base = { shipmentId: p.shipmentId, trackingNumber: p.trackingNumber, version: p.version };
  switch (event.type) {
    case 'shipment.dispatched': case 'shipment.picked_up': case 'shipment.delivered': {
      const courier = { courierId: event.payload.courier.courierId, courierName: event.payload.courier.name };
      const status = event.type === 'shipment.dispatched' ? 'dispatched' : event.type === 'shipment.picked_up' ? 'picked_up' : 'delivered';
      const deliveredAt = event.type === 'shipment.delivered' ? { deliveredAt: new Date(event.payload.deliveredAt) } : {};
      return { ...base, ...courier, ...deliveredAt, status, reason: null };
    }
    case 'shipment.handed_back':
      // Back in the queue, dispatched to no one until the dispatcher finds another courier: the copy
      // no longer names the one who had it.
      return { ...base, courierId: null, courierName: null, status: 'dispatched', reason: `handed back: ${event.payload.reason}` };
    case 'shipment.attempt_failed': {
      const a = event.payload;
      // shipping keeps a parcel whose attempt failed as picked up: the courier still has it.
      return { ...base, courierId: a.courier.courierId, courierName: a.courier.name, status: 'picked_up', failedAttempts: a.attempt, reason: `delivery attempt ${a.attempt} failed: ${a.reason}` };
    }
    case 'shipment.returned':
      return { ...base, status: 'returned', reason: `returned: ${event.payload.reason}` };
  }
}

/**
 * The timeline entry a delivery event makes: what the customer reads of the parcel's journey, at the
 * time shipping says it happened. Only an event that moved the copy makes one (the caller's rule), so
 * a redelivery or an event older than the copy adds nothing, and the timeline tells the same story
 * as the copy.
 */
export function deliveryEntry(event: DeliveryEvent): StepLogEntry {
  const entry = (step: string, status: 'succeeded' | 'failed', detail: string, at: string): StepLogEntry => ({ step, kind: 'delivery', status, detail, at: new Date(at) });
  const p = event.payload;
  switch (event.type) {
    case 'shipment.dispatched': return entry('dispatch', 'succeeded', `handed to ${event.payload.courier.name}, tracking ${p.trackingNumber}`, event.payload.dispatchedAt);
    case 'shipment.handed_back': return entry('hand-back', 'succeeded', `${event.payload.courier.name} handed the parcel back (${event.payload.reason}); it waits for another courier`, event.payload.handedBackAt);
    case 'shipment.picked_up': return entry('pick-up', 'succeeded', `${event.payload.courier.name} picked the parcel up`, event.payload.pickedUpAt);
    case 'shipment.attempt_failed': {
      const a = event.payload;
      const next = a.attemptsLeft > 0 ? `${a.attemptsLeft} attempt(s) left` : 'no attempts left';
      return entry('delivery-attempt', 'failed', `attempt ${a.attempt} by ${a.courier.name} failed: ${a.reason}; ${next}`, a.failedAt);
    }
    case 'shipment.delivered': return entry('deliver', 'succeeded', `delivered by ${event.payload.courier.name}`, event.payload.deliveredAt);
    case 'shipment.returned': return entry('return', 'succeeded', `returned to the warehouse: ${event.payload.reason}`, event.payload.returnedAt);
  }
}

const ON_ITS_WAY = new Set(['dispatched', 'picked_up']);

/**
 * The order's status as the customer sees it: a confirmed order follows its parcel, `shipped` while
 * a courier has it and `delivered` once the recipient does. Every write of the status goes through
 * this with the copy as it stands (under the saga's lock), and the copy only moves forward, so a saga
 * write never puts `confirmed` back over a delivery. A returned parcel is left to the saga, which
 * refunds it and cancels the order.
 */
export function withDelivery(status: OrderStatus, shippingStatus: string | undefined): OrderStatus {
  if (status !== 'confirmed' || shippingStatus === undefined) return status;
  if (shippingStatus === 'delivered') return 'delivered';
  return ON_ITS_WAY.has(shippingStatus) ? 'shipped' : status;
}
