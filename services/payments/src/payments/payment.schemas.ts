import { Type, type TSchema } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });

// HTTP.
export const PaymentIdParams = Type.Object({ id: Uuid });

export const ListPaymentsQuery = Type.Object({
  orderId: Type.Optional(Type.String({ format: 'uuid', description: "an order's payment (admins: anyone's; others: their own)" })),
  after: Type.Optional(Type.String({ format: 'uuid', description: 'the `next` of the previous page; an id that is not in this listing is a 400' })),
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
