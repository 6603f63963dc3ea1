import { Type } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { AmountMinor, Currency, Nullable, Timestamp, Uuid, Version } from '../common.js';

const Base = { operationId: Uuid, orderId: Uuid };

export const DeclineReason = Type.Enum(['card_declined', 'insufficient_funds', 'processor_error', 'processor_timeout', 'invalid_card', 'invalid_payment_method', 'order_voided']);

/** Reply to `payments.authorize`: the amount is held on the card. */
export const PaymentAuthorizedV1 = Type.Object({
  ...Base, paymentId: Uuid, amountMinor: AmountMinor, currency: Currency,
  cardBrand: Nullable(Type.String()), cardLast4: Nullable(Type.String()), version: Version,
});
/** Reply to `payments.authorize`: nothing is held. */
export const PaymentDeclinedV1 = Type.Object({
  ...Base, paymentId: Nullable(Uuid), reason: DeclineReason,
  amountMinor: Nullable(AmountMinor), currency: Nullable(Currency), version: Nullable(Version),
});
/**
 * Reply to `payments.capture`: the money is taken. `transactionId` is the card processor's reference of
 * the capture and `capturedAt` when it answered (added later, so optional: an older payments omits them).
 */
export const PaymentCapturedV1 = Type.Object({
  ...Base, paymentId: Uuid, amountMinor: AmountMinor, currency: Currency, version: Version,
  transactionId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  capturedAt: Type.Optional(Timestamp),
});
export const PaymentCaptureFailedV1 = Type.Object({ ...Base, paymentId: Nullable(Uuid), reason: Type.String(), version: Nullable(Version) });
/** `effect` is `nothing_held` when there was no authorization to release. */
export const PaymentVoidedV1 = Type.Object({
  ...Base, paymentId: Nullable(Uuid), effect: Type.Union([Type.Literal('voided'), Type.Literal('nothing_held')]), version: Nullable(Version),
});
export const PaymentVoidFailedV1 = Type.Object({ ...Base, paymentId: Nullable(Uuid), reason: Type.String(), version: Nullable(Version) });
export const PaymentRefundedV1 = Type.Object({
  ...Base, paymentId: Uuid, amountMinor: AmountMinor, currency: Currency,
  status: Type.Union([Type.Literal('refunded'), Type.Literal('partially_refunded')]), version: Version,
});
export const PaymentRefundFailedV1 = Type.Object({ ...Base, paymentId: Nullable(Uuid), reason: Type.String(), version: Nullable(Version) });

export const paymentEvents = {
  'payment.authorized': { 1: PaymentAuthorizedV1 },
  'payment.declined': { 1: PaymentDeclinedV1 },
  'payment.captured': { 1: PaymentCapturedV1 },
  'payment.capture-failed': { 1: PaymentCaptureFailedV1 },
  'payment.voided': { 1: PaymentVoidedV1 },
  'payment.void-failed': { 1: PaymentVoidFailedV1 },
  'payment.refunded': { 1: PaymentRefundedV1 },
  'payment.refund-failed': { 1: PaymentRefundFailedV1 },
} as const satisfies MessageRegistry;
