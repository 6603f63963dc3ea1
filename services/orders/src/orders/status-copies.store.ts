import type { Queryable } from '@bazaar/platform';
import {
  paymentCopyChange, shippingCopyChange, type PaymentCopy, type PaymentEvent, type ShipmentEvent, type ShippingCopy,
} from './status-copies.js';

interface PaymentCopyRow {
  payment_id_ref: string | null; status: string; amount_minor: number; currency: string; captured_minor: number; refunded_minor: number;
  card_brand: string | null; card_last4: string | null; reason: string | null; transaction_id: string | null; paid_at: Date | null; version: number | null;
}

interface ShippingCopyRow {
  shipment_id_ref: string | null; tracking_number: string | null; carrier: string | null; status: string; reason: string | null;
  courier_id_ref: string | null; courier_name: string | null; failed_attempts: number; delivered_at: Date | null; version: number | null;
}

const toPaymentCopy = (r: PaymentCopyRow): PaymentCopy => ({
  paymentId: r.payment_id_ref, status: r.status, amountMinor: r.amount_minor, currency: r.currency, capturedMinor: r.captured_minor,
  refundedMinor: r.refunded_minor, cardBrand: r.card_brand, cardLast4: r.card_last4, reason: r.reason,
  transactionId: r.transaction_id, paidAt: r.paid_at, version: r.version,
});

const toShippingCopy = (r: ShippingCopyRow): ShippingCopy => ({
  shipmentId: r.shipment_id_ref, trackingNumber: r.tracking_number, carrier: r.carrier, status: r.status, reason: r.reason,
  courierId: r.courier_id_ref, courierName: r.courier_name, failedAttempts: r.failed_attempts, deliveredAt: r.delivered_at, version: r.version,
});

export async function findPaymentCopy(db: Queryable, orderId: string, options: { lock?: boolean } = {}): Promise<PaymentCopy | undefined> {
  const { rows } = await db.query<PaymentCopyRow>(
    `SELECT payment_id_ref, status, amount_minor, currency, captured_minor, refunded_minor, card_brand, card_last4, reason, transaction_id, paid_at, version
       FROM order_payment WHERE order_id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [orderId],
  );
  return rows[0] && toPaymentCopy(rows[0]);
}

export async function findShippingCopy(db: Queryable, orderId: string, options: { lock?: boolean } = {}): Promise<ShippingCopy | undefined> {
  const { rows } = await db.query<ShippingCopyRow>(
    `SELECT shipment_id_ref, tracking_number, carrier, status, reason, courier_id_ref, courier_name, failed_attempts, delivered_at, version
       FROM order_shipping WHERE order_id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [orderId],
  );
  return rows[0] && toShippingCopy(rows[0]);
}

/** Applies a payment event to the order's copy unless it is stale; true if the copy changed. */
export async function copyPaymentEvent(db: Queryable, orderId: string, event: PaymentEvent): Promise<boolean> {
  const copy = await findPaymentCopy(db, orderId, { lock: true });
  const change = copy && paymentCopyChange(copy, event);
  if (!copy || !change) return false;
  const next = { ...copy, ...change };
  await db.query(
    `UPDATE order_payment SET payment_id_ref = $2, status = $3, amount_minor = $4, currency = $5, captured_minor = $6, refunded_minor = $7,
            card_brand = $8, card_last4 = $9, reason = $10, version = $11, transaction_id = $12, paid_at = $13, updated_at = now()
      WHERE order_id = $1`,
    [orderId, next.paymentId, next.status, next.amountMinor, next.currency, next.capturedMinor, next.refundedMinor, next.cardBrand, next.cardLast4, next.reason, next.version, next.transactionId, next.paidAt],
  );
  return true;
}

/** Applies a shipment reply or delivery event to the order's copy unless it is stale; true if the copy changed. */
export async function copyShipmentEvent(db: Queryable, orderId: string, event: ShipmentEvent): Promise<boolean> {
  const copy = await findShippingCopy(db, orderId, { lock: true });
  const change = copy && shippingCopyChange(copy, event);
  if (!copy || !change) return false;
  const next = { ...copy, ...change };
  await db.query(
    `UPDATE order_shipping SET shipment_id_ref = $2, tracking_number = $3, carrier = $4, status = $5, reason = $6, courier_id_ref = $7, courier_name = $8,
            failed_attempts = $9, delivered_at = $10, version = $11, updated_at = now()
      WHERE order_id = $1`,
    [orderId, next.shipmentId, next.trackingNumber, next.carrier, next.status, next.reason, next.courierId, next.courierName, next.failedAttempts, next.deliveredAt, next.version],
  );
  return true;
}
