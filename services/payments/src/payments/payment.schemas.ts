import { Type, type TSchema } from 'typebox';

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const Timestamp = Type.String({ format: 'date-time', maxLength: 40 });
// As the payment commands carry them (@bazaar/contracts): amounts up to 10^11 minor units.
const Amount = Type.Integer({ format: 'int64', minimum: 0, maximum: 100_000_000_000 });
const Version = Type.Integer({ format: 'int32', minimum: 1, maximum: 2_147_483_647 });
/** Reason codes (card_declined, already_captured…) and the reasons given with voids and refunds (at most 200 characters). */
const ReasonText = Type.String({ maxLength: 200 });
/** More than any payment has (one authorization, its capture or void, a few refunds); not enforced. */
const MAX_OPERATIONS = 1000;

// HTTP.
export const PaymentIdParams = Type.Object({ id: Uuid });

export const ListPaymentsQuery = Type.Object({
  orderId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: "an order's payment (admins: anyone's; others: their own)" })),
  after: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: 'the `next` of the previous page; an id that is not in this listing is a 400' })),
  limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20 }),
}, { additionalProperties: false });

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const PaymentSchema = Type.Object({
  id: Uuid,
  orderId: Uuid,
  amountMinor: Amount,
  currency: Type.String({ pattern: '^[A-Z]{3}$', maxLength: 3, description: 'ISO 4217' }),
  status: Type.Enum(['pending', 'authorized', 'captured', 'voided', 'refunded', 'partially_refunded', 'declined', 'failed']),
  capturedMinor: Amount,
  refundedMinor: Amount,
  card: Nullable(Type.Object({ brand: Type.String({ maxLength: 20 }), last4: Type.String({ pattern: '^[0-9]{4}$', maxLength: 4 }) })),
  paymentMethodId: Nullable(Type.String({ format: 'uuid', maxLength: 36, description: 'the saved card it was authorized with' })),
  declineReason: Nullable(ReasonText),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
}, { description: 'A payment as its owner sees it: never more of the card than its brand and last four digits.' });

export const OperationSchema = Type.Object({
  id: Uuid,
  kind: Type.Enum(['authorize', 'capture', 'void', 'refund']),
  amountMinor: Nullable(Amount),
  outcome: Type.Enum(['pending', 'succeeded', 'declined', 'failed']),
  reason: Nullable(ReasonText),
  createdAt: Timestamp,
});

export const PaymentDetailSchema = Type.Object({ payment: PaymentSchema, operations: Type.Array(OperationSchema, { maxItems: MAX_OPERATIONS }) });
export const PaymentPageSchema = Type.Object({ items: Type.Array(PaymentSchema, { maxItems: 100 }), next: Type.Optional(Uuid) });
