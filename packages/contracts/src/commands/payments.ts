import { Type, type Static } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { AmountMinor, Currency, Reason, Uuid } from '../common.js';

/**
 * Hold an order's amount on one of the user's saved payment methods (the saga's "try"). The card
 * itself never travels in a command: it was tokenized at the processor through `POST /payments/methods`
 * and is named here by its `paymentMethodId`. A method that is unknown or belongs to another user is
 * a decline (`invalid_payment_method`) that payments answers, not a malformed message.
 */
export const AuthorizeV1 = Type.Object({
  operationId: Uuid,
  orderId: Uuid,
  userId: Uuid,
  amountMinor: Type.Integer({ minimum: 1, maximum: 100_000_000_000 }),
  currency: Currency,
  paymentMethodId: Uuid,
});
/** Take the held amount (the saga's "confirm"). */
export const CaptureV1 = Type.Object({ operationId: Uuid, orderId: Uuid });
/** Release the hold (the saga's "cancel"); a no-op when nothing is held. */
export const VoidV1 = Type.Object({ operationId: Uuid, orderId: Uuid, reason: Reason });
/** Give captured money back, all of it unless an amount is given. */
export const RefundV1 = Type.Object({ operationId: Uuid, orderId: Uuid, amountMinor: Type.Optional(AmountMinor), reason: Reason });

export type AuthorizePayload = Static<typeof AuthorizeV1>;
export type CapturePayload = Static<typeof CaptureV1>;
export type VoidPayload = Static<typeof VoidV1>;
export type RefundPayload = Static<typeof RefundV1>;

export const paymentCommands = {
  'payments.authorize': { 1: AuthorizeV1 },
  'payments.capture': { 1: CaptureV1 },
  'payments.void': { 1: VoidV1 },
  'payments.refund': { 1: RefundV1 },
} as const satisfies MessageRegistry;
