// The reply events of payments' commands, and how each is derived from what was recorded. Because
// a reply is always built from the stored operation, a repeated command is answered exactly as the
// first one was, without asking the processor again.
import type { Messages } from '@bazaar/contracts';
import type { MessagePayload } from '@bazaar/platform';
import type { DeclineReason, Operation, Payment } from './payment.js';

/** The replies payments sends; their payloads are the contracts'. */
export type PaymentEventType =
  | 'payment.authorized' | 'payment.declined' | 'payment.captured' | 'payment.capture-failed'
  | 'payment.voided' | 'payment.void-failed' | 'payment.refunded' | 'payment.refund-failed';
export type Reply = { [T in PaymentEventType]: { type: T; payload: MessagePayload<Messages, T> } }[PaymentEventType];

/** The answer a finished operation gave (or gives again). */
export function replyOf(op: Operation, payment: Payment | undefined): Reply {
  const base = { operationId: op.id, orderId: op.orderId, paymentId: op.paymentId };
  const version = op.paymentVersion;
  const ok = op.outcome === 'succeeded';
  switch (op.kind) {
    case 'authorize':
      if (ok && payment) return authorizedReply(op.id, payment, version ?? payment.version);
      return {
        type: 'payment.declined',
        payload: { ...base, reason: (op.error ?? 'processor_error') as DeclineReason, amountMinor: payment?.amountMinor ?? null, currency: payment?.currency ?? null, version },
      };
    case 'capture':
      if (ok && payment) {
        return {
          type: 'payment.captured',
          payload: {
            ...base, paymentId: payment.id, amountMinor: op.amountMinor ?? payment.amountMinor, currency: payment.currency, version: version ?? payment.version,
            ...(op.processorReference ? { transactionId: op.processorReference } : {}),
            ...(op.completedAt ? { capturedAt: op.completedAt.toISOString() } : {}),
          },
        };
      }
      return { type: 'payment.capture-failed', payload: { ...base, reason: op.error ?? 'failed', version } };
    case 'void':
      if (ok) return { type: 'payment.voided', payload: { ...base, effect: op.processorReference ? 'voided' : 'nothing_held', version } };
      return { type: 'payment.void-failed', payload: { ...base, reason: op.error ?? 'failed', version } };
    case 'refund':
      if (ok && payment) {
        const status = op.paymentStatus === 'refunded' ? 'refunded' : 'partially_refunded';
        return { type: 'payment.refunded', payload: { ...base, paymentId: payment.id, amountMinor: op.amountMinor ?? 0, currency: payment.currency, status, version: version ?? payment.version } };
      }
      return { type: 'payment.refund-failed', payload: { ...base, reason: op.error ?? 'failed', version } };
  }
}

export function authorizedReply(operationId: string, payment: Payment, version: number): Reply {
  return {
    type: 'payment.authorized',
    payload: {
      operationId, orderId: payment.orderId, paymentId: payment.id, amountMinor: payment.amountMinor,
      currency: payment.currency, cardBrand: payment.cardBrand, cardLast4: payment.cardLast4, version,
    },
  };
}

/**
 * The answer to an authorization under a new operation id for an order that already has a payment:
 * one payment per order, so the processor is not asked again and the payment's state is the answer.
 * Undefined while that payment's own authorization is still in flight.
 */
export function replyForExistingPayment(operationId: string, payment: Payment): Reply | undefined {
  if (payment.status === 'pending') return undefined;
  if (payment.status === 'declined' || payment.status === 'failed' || payment.status === 'voided') {
    const reason = (payment.status === 'voided' ? 'order_voided' : payment.declineReason ?? 'processor_error') as DeclineReason;
    return {
      type: 'payment.declined',
      payload: { operationId, orderId: payment.orderId, paymentId: payment.id, reason, amountMinor: payment.amountMinor, currency: payment.currency, version: payment.version },
    };
  }
  return authorizedReply(operationId, payment, payment.version);
}
