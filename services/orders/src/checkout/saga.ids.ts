import { createHash } from 'node:crypto';

/** The namespace of the checkout saga's derived ids (a fixed, random uuid). */
const SAGA_NAMESPACE = '5b0f3c1e-8a4d-4c7e-9b2a-6d1f0e3a7c55';

/** A name-based (version 5, SHA-1) uuid, RFC 9562 section 5.5. */
export function uuidv5(name: string, namespace = SAGA_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The ids of everything the saga asks of other services: their idempotency keys. */
export interface SagaIds {
  authorizeOperationId: string;
  captureOperationId: string;
  voidOperationId: string;
  refundOperationId: string;
  reservationId: string;
  shipmentRequestId: string;
}

/**
 * Derived from the order id alone, so they are the same however often they are computed: a command
 * sent again (after a crash, a deadline) carries the id it had the first time, and its receiver
 * answers it from its record instead of acting twice. They are also stored on the saga.
 */
export function sagaIdsFor(orderId: string): SagaIds {
  const id = (purpose: string) => uuidv5(`order/${orderId}/${purpose}`);
  return {
    authorizeOperationId: id('payments.authorize'),
    captureOperationId: id('payments.capture'),
    voidOperationId: id('payments.void'),
    refundOperationId: id('payments.refund'),
    reservationId: id('inventory.reservation'),
    shipmentRequestId: id('shipping.shipment-request'),
  };
}
