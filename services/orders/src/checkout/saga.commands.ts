// The commands each saga step sends and the events the saga announces, built from the order's facts
// and the saga's stored ids. Pure.
import type { CommandStep, OrderEvent, OrderFacts, PaymentKnown, Saga, SagaCommand, SagaSettings } from './saga.types.js';

/** Reasons travel in commands and events, which cap them at 200 characters. */
export const clip = (text: string, max = 200): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function commandFor(step: CommandStep, saga: Saga, facts: OrderFacts, settings: SagaSettings): SagaCommand {
  const { ids, orderId } = saga;
  const reason = clip(saga.reason ?? 'checkout compensation');
  switch (step) {
    case 'authorize-payment':
      return {
        type: 'payments.authorize',
        payload: {
          operationId: ids.authorizeOperationId, orderId, userId: facts.userId,
          amountMinor: facts.totalMinor, currency: facts.currency, paymentMethodId: facts.paymentMethodId,
        },
      };
    case 'reserve-stock':
      return {
        type: 'inventory.reserve',
        payload: { reservationId: ids.reservationId, orderId, items: facts.lines, ttlSeconds: settings.reservationTtlSeconds },
      };
    case 'create-shipment':
      return {
        type: 'shipping.create-shipment',
        payload: { shipmentRequestId: ids.shipmentRequestId, orderId, userId: facts.userId, recipient: facts.recipient, items: facts.lines },
      };
    case 'capture-payment':
      return { type: 'payments.capture', payload: { operationId: ids.captureOperationId, orderId } };
    case 'cancel-shipment':
      return { type: 'shipping.cancel-shipment', payload: { orderId, reason } };
    case 'release-stock':
      return { type: 'inventory.release', payload: { reservationId: ids.reservationId, reason } };
    case 'void-payment':
      return { type: 'payments.void', payload: { operationId: ids.voidOperationId, orderId, reason } };
    case 'refund-payment':
      return { type: 'payments.refund', payload: { operationId: ids.refundOperationId, orderId, reason } };
  }
}

/**
 * `payment` is what the saga knows of the payment when it announces: a cancelled order tells what
 * was refunded (the refund is always of the whole captured total), 0 when no money had been taken
 * or its refund was refused.
 */
export function orderEvent(type: OrderEvent['type'], facts: OrderFacts, now: Date, reason: string | null, payment: PaymentKnown = 'none'): OrderEvent {
  const ref = { orderId: facts.orderId, orderNumber: facts.orderNumber, userId: facts.userId };
  const at = now.toISOString();
  switch (type) {
    case 'order.confirmed':
      return { type, payload: { ...ref, totalMinor: facts.totalMinor, currency: facts.currency, confirmedAt: at } };
    case 'order.cancelled':
      return { type, payload: { ...ref, reason: clip(reason ?? 'cancelled'), cancelledAt: at, refundedMinor: payment === 'refunded' ? facts.totalMinor : 0 } };
    case 'order.rejected':
      return { type, payload: { ...ref, reason: clip(reason ?? 'rejected'), rejectedAt: at } };
  }
}
