// Orders' copies of the payment's and the shipment's status, kept from payments' and shipping's
// events (seed 003: event-driven denormalisation). Each copy remembers the source's version: an event
// whose version is not above it is stale and changes nothing, so redeliveries and replays arriving out
// of order never put an older status back. Pure; the SQL is in status-copies.store.ts.
import type { Reply, ReplyOf } from '../checkout/saga.types.js';

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
  version: number | null;
}

export interface ShippingCopy {
  shipmentId: string | null;
  trackingNumber: string | null;
  carrier: string | null;
  status: string;
  reason: string | null;
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
export type ShipmentEvent = ReplyOf<Extract<Reply['type'], `shipment.${string}`>>;

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
      return { paymentId: event.payload.paymentId, status: 'captured', capturedMinor: event.payload.amountMinor, reason: null, version };
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
