import { uuidv5 } from '@bazaar/platform';

/**
 * The namespace of the checkout saga's derived ids (a fixed, random uuid). Changing it would change
 * every derived id, and a command sent again would no longer be recognised by its receiver.
 */
export const SAGA_NAMESPACE = '5b0f3c1e-8a4d-4c7e-9b2a-6d1f0e3a7c55';

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
  const id = (purpose: string) => uuidv5(`order/${orderId}/${purpose}`, SAGA_NAMESPACE);
  return {
    authorizeOperationId: id('payments.authorize'),
    captureOperationId: id('payments.capture'),
    voidOperationId: id('payments.void'),
    refundOperationId: id('payments.refund'),
    reservationId: id('inventory.reservation'),
    shipmentRequestId: id('shipping.shipment-request'),
  };
}
