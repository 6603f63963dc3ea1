// The payment state machine, as pure decisions: given the payment (or its absence) and a command,
// what may happen. No I/O; the handlers load state, ask these, call the processor and record.
//
//   pending ──authorize answered──▶ authorized ──capture──▶ captured ──refund──▶ partially_refunded ─▶ refunded
//      │                               │                                 └──────────refund (all)────────▶ refunded
//      └──▶ declined | failed          └──void──▶ voided
//
// Expected refusals (capture of a voided payment, refund above what was captured, ...) are typed
// results, never exceptions.

export type PaymentStatus =
  | 'pending' | 'authorized' | 'captured' | 'voided' | 'refunded' | 'partially_refunded' | 'declined' | 'failed';

export type OperationKind = 'authorize' | 'capture' | 'void' | 'refund';
export type OperationOutcome = 'pending' | 'succeeded' | 'declined' | 'failed';

/**
 * Why an authorization did not hold money. The first four come from the processor; `invalid_card`
 * is a saved card that has expired, `invalid_payment_method` a method that is unknown or belongs to
 * someone else (or a token the processor does not know), `order_voided` an order cancelled first.
 */
export type DeclineReason =
  | 'card_declined' | 'insufficient_funds' | 'processor_error' | 'processor_timeout'
  | 'invalid_card' | 'invalid_payment_method' | 'order_voided';

export interface Payment {
  id: string;
  orderId: string;
  userId: string;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
  capturedMinor: number;
  refundedMinor: number;
  cardLast4: string | null;
  cardBrand: string | null;
  /** The saved card it was authorized with; null when the method given was unknown or not the user's. */
  paymentMethodId: string | null;
  processorAuthorizationId: string | null;
  declineReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface Operation {
  id: string;
  orderId: string;
  paymentId: string | null;
  kind: OperationKind;
  amountMinor: number | null;
  outcome: OperationOutcome;
  processorReference: string | null;
  error: string | null;
  paymentStatus: PaymentStatus | null;
  paymentVersion: number | null;
  createdAt: Date;
  /** When the processor's answer was recorded; null while pending. */
  completedAt: Date | null;
}

/** What a capture, void or refund command may lead to. */
export type Decision =
  /** Ask the processor for this amount. */
  | { kind: 'call'; amountMinor: number }
  /** Another operation on the payment is in flight: try again once it is answered. */
  | { kind: 'wait' }
  /** Nothing to do, and that is success (a void with nothing to release). */
  | { kind: 'noop' }
  | { kind: 'refuse'; reason: RefusalReason };

export type RefusalReason =
  | 'payment_not_found' | 'not_authorized' | 'already_captured' | 'not_captured'
  | 'invalid_amount' | 'exceeds_captured';

const wasCaptured = (status: PaymentStatus) => status === 'captured' || status === 'partially_refunded' || status === 'refunded';

/** Capture (the saga's "confirm") takes the whole authorized amount, once, and only from authorized. */
export function decideCapture(payment: Payment | undefined): Decision {
  if (!payment) return { kind: 'refuse', reason: 'payment_not_found' };
  if (payment.status === 'pending') return { kind: 'wait' };
  if (payment.status === 'authorized') return { kind: 'call', amountMinor: payment.amountMinor };
  return { kind: 'refuse', reason: wasCaptured(payment.status) ? 'already_captured' : 'not_authorized' };
}

/**
 * Void (the saga's "cancel") releases an authorization. It must be safe to repeat and safe to send
 * for a payment that never came to be: only a captured payment refuses (it needs a refund instead).
 */
export function decideVoid(payment: Payment | undefined): Decision {
  if (!payment) return { kind: 'noop' };
  if (payment.status === 'pending') return { kind: 'wait' };
  if (payment.status === 'authorized') return { kind: 'call', amountMinor: payment.amountMinor };
  if (wasCaptured(payment.status)) return { kind: 'refuse', reason: 'already_captured' };
  return { kind: 'noop' }; // declined, failed or already voided: no money is held
}

/** Refund gives back captured money: by default all that is left, never more than that. */
export function decideRefund(payment: Payment | undefined, amountMinor: number | undefined): Decision {
  if (!payment) return { kind: 'refuse', reason: 'payment_not_found' };
  if (payment.status === 'pending') return { kind: 'wait' };
  if (!wasCaptured(payment.status)) return { kind: 'refuse', reason: 'not_captured' };
  const refundable = payment.capturedMinor - payment.refundedMinor;
  const amount = amountMinor ?? refundable;
  if (!Number.isInteger(amount) || amount <= 0) return { kind: 'refuse', reason: refundable === 0 ? 'exceeds_captured' : 'invalid_amount' };
  if (amount > refundable) return { kind: 'refuse', reason: 'exceeds_captured' };
  return { kind: 'call', amountMinor: amount };
}

/** The part of a payment an operation changes. */
export interface PaymentChange {
  status: PaymentStatus;
  capturedMinor?: number;
  refundedMinor?: number;
  processorAuthorizationId?: string | null;
  declineReason?: string | null;
}

export const captured = (payment: Payment, amountMinor: number): PaymentChange => ({ status: 'captured', capturedMinor: amountMinor });
export const voided = (): PaymentChange => ({ status: 'voided' });

export function refunded(payment: Payment, amountMinor: number): PaymentChange {
  const refundedMinor = payment.refundedMinor + amountMinor;
  return { status: refundedMinor === payment.capturedMinor ? 'refunded' : 'partially_refunded', refundedMinor };
}

/** What the processor's answer to an authorization (or its silence) makes of the payment. */
export type AuthorizationResult =
  | { outcome: 'succeeded'; authorizationId: string }
  | { outcome: 'declined'; reason: Extract<DeclineReason, 'card_declined' | 'insufficient_funds' | 'invalid_payment_method'> }
  | { outcome: 'failed'; reason: Extract<DeclineReason, 'processor_error' | 'processor_timeout'> };

export function authorizationChange(result: AuthorizationResult): PaymentChange {
  if (result.outcome === 'succeeded') return { status: 'authorized', processorAuthorizationId: result.authorizationId };
  return { status: result.outcome === 'declined' ? 'declined' : 'failed', declineReason: result.reason };
}

/** Payments a user may see: their own; an admin may see anyone's. */
export const maySee = (payment: Pick<Payment, 'userId'>, viewer: { userId: string; roles: string[] }): boolean =>
  payment.userId === viewer.userId || viewer.roles.includes('admin');
