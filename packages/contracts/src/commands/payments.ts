import { Type } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { AmountMinor, Currency, Reason, Uuid } from '../common.js';

/**
 * Hold an order's amount on a card (the saga's "try"). The card is checked loosely here on purpose:
 * a malformed card is a decline (`invalid_card`) that payments answers, not a malformed message.
 */
export const AuthorizeV1 = Type.Object({
  operationId: Uuid,
  orderId: Uuid,
  userId: Uuid,
  amountMinor: Type.Integer({ minimum: 1 }),
  currency: Currency,
  card: Type.Object({
    number: Type.String({ maxLength: 40 }),
    expMonth: Type.Integer(),
    expYear: Type.Integer(),
    cvc: Type.String({ maxLength: 8 }),
  }),
});
/** Take the held amount (the saga's "confirm"). */
export const CaptureV1 = Type.Object({ operationId: Uuid, orderId: Uuid });
/** Release the hold (the saga's "cancel"); a no-op when nothing is held. */
export const VoidV1 = Type.Object({ operationId: Uuid, orderId: Uuid, reason: Reason });
/** Give captured money back, all of it unless an amount is given. */
export const RefundV1 = Type.Object({ operationId: Uuid, orderId: Uuid, amountMinor: Type.Optional(AmountMinor), reason: Reason });

export const paymentCommands = {
  'payments.authorize': { 1: AuthorizeV1 },
  'payments.capture': { 1: CaptureV1 },
  'payments.void': { 1: VoidV1 },
  'payments.refund': { 1: RefundV1 },
} as const satisfies MessageRegistry;
