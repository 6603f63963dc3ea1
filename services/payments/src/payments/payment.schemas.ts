import { Type, type Static, type TSchema } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'an ISO 4217 code such as EUR' });
const AmountMinor = Type.Integer({ minimum: 1, maximum: 100_000_000_000, description: 'in minor units (cents)' });
const Reason = Type.String({ minLength: 1, maxLength: 200 });

// Payloads of the commands payments consumes. Only what payments reads is required (other fields
// are tolerated); the contracts package holds the full schemas and checks them on receipt. The card
// is named by a saved payment method: one that is unknown or someone else's is a decline
// (`invalid_payment_method`), not a bad message.
export const AuthorizePayload = Type.Object({
  operationId: Uuid,
  orderId: Uuid,
  userId: Uuid,
  amountMinor: AmountMinor,
  currency: Currency,
  paymentMethodId: Uuid,
});
export type AuthorizePayload = Static<typeof AuthorizePayload>;

export const CapturePayload = Type.Object({ operationId: Uuid, orderId: Uuid });
export type CapturePayload = Static<typeof CapturePayload>;

export const VoidPayload = Type.Object({ operationId: Uuid, orderId: Uuid, reason: Reason });
export type VoidPayload = Static<typeof VoidPayload>;

export const RefundPayload = Type.Object({ operationId: Uuid, orderId: Uuid, amountMinor: Type.Optional(AmountMinor), reason: Reason });
export type RefundPayload = Static<typeof RefundPayload>;

export { parsePayload } from '@bazaar/platform';

// HTTP.
export const PaymentIdParams = Type.Object({ id: Uuid });

export const ListPaymentsQuery = Type.Object({
  orderId: Type.Optional(Type.String({ format: 'uuid', description: "an order's payment (admins: anyone's; others: their own)" })),
  after: Type.Optional(Type.String({ format: 'uuid', description: 'the `next` of the previous page' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
}, { additionalProperties: false });

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const PaymentSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  status: Type.String({ description: 'pending, authorized, captured, voided, refunded, partially_refunded, declined or failed' }),
  capturedMinor: Type.Integer(),
  refundedMinor: Type.Integer(),
  card: Nullable(Type.Object({ brand: Type.String(), last4: Type.String() })),
  paymentMethodId: Nullable(Type.String({ description: 'the saved card it was authorized with' })),
  declineReason: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}, { description: 'A payment as its owner sees it: never more of the card than its brand and last four digits.' });

export const OperationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  amountMinor: Nullable(Type.Integer()),
  outcome: Type.String(),
  reason: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

export const PaymentDetailSchema = Type.Object({ payment: PaymentSchema, operations: Type.Array(OperationSchema) });
export const PaymentPageSchema = Type.Object({ items: Type.Array(PaymentSchema), next: Type.Optional(Type.String()) });
