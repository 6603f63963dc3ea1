import { Type } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
// Handlers return Date objects; the response serialiser writes them as ISO 8601 strings.
const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export const IdParams = Type.Object({ id: Uuid });

export const CheckoutBody = Type.Object({
  items: Type.Array(
    Type.Object({
      productId: Uuid,
      quantity: Type.Integer({ minimum: 1, maximum: 100 }),
    }, { additionalProperties: false }),
    { minItems: 1, maxItems: 50, description: 'one line per product, 1 to 50 lines' },
  ),
  shippingAddress: Type.Object({
    name: Text(200),
    line1: Text(200),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: Text(100),
    state: Type.Optional(Type.String({ maxLength: 100 })),
    postalCode: Text(20),
    country: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 code, e.g. DE' }),
  }, { additionalProperties: false }),
  paymentMethodId: Type.String({ format: 'uuid', description: 'a saved card, from POST /payments/methods' }),
}, { additionalProperties: false });

export const CheckoutHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ description: 'required: any unique string up to 200 characters; the same key returns the same order' })),
});

export const ListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'page size, 1 to 100' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page' })),
});

const TimelineEntrySchema = Type.Object({
  seq: Type.Integer(),
  step: Type.String({ description: 'authorize-payment, reserve-stock, create-shipment, capture-payment, their compensations, or the order itself' }),
  kind: Type.Enum(['action', 'compensation']),
  status: Type.Enum(['started', 'succeeded', 'failed', 'timed_out', 'retried', 'late']),
  detail: Nullable(Type.String()),
  at: Timestamp,
});

const OrderStatusSchema = Type.Enum(['pending', 'confirmed', 'cancelling', 'cancelled', 'rejected']);

const Summary = {
  id: Uuid,
  number: Type.String({ description: 'BZ-YYMMDD-XXXXX' }),
  status: OrderStatusSchema,
  statusReason: Nullable(Type.String()),
  currency: Type.String(),
  totalMinor: Type.Integer(),
  itemCount: Type.Integer({ description: 'units in the order' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const OrderSummarySchema = Type.Object(Summary);

export const OrderSchema = Type.Object({
  ...Summary,
  subtotalMinor: Type.Integer(),
  items: Type.Array(Type.Object({
    productId: Uuid, sku: Type.String(), name: Type.String(),
    unitPriceMinor: Type.Integer(), quantity: Type.Integer(), lineTotalMinor: Type.Integer(),
  })),
  shippingAddress: Type.Object({
    name: Type.String(), line1: Type.String(), line2: Nullable(Type.String()), city: Type.String(),
    state: Nullable(Type.String()), postalCode: Type.String(), country: Type.String(),
  }),
  payment: Type.Object({
    status: Type.String({ description: "payments' status of the order's payment, as last heard (pending until then)" }),
    paymentId: Nullable(Uuid),
    amountMinor: Type.Integer(), currency: Type.String(), capturedMinor: Type.Integer(), refundedMinor: Type.Integer(),
    card: Nullable(Type.Object({ brand: Nullable(Type.String()), last4: Type.String() })),
    reason: Nullable(Type.String()),
  }),
  shipping: Type.Object({
    status: Type.String({ description: "shipping's status of the order's shipment, as last heard (pending until then)" }),
    shipmentId: Nullable(Uuid), trackingNumber: Nullable(Type.String()), carrier: Nullable(Type.String()), reason: Nullable(Type.String()),
  }),
  checkout: Type.Object({
    state: Type.String({ description: 'the checkout saga: authorizing, reserving, shipping, capturing, confirmed, compensating, cancelled or rejected' }),
    step: Nullable(Type.String({ description: 'the step awaiting its answer' })),
    deadlineAt: Nullable(Timestamp),
    attempt: Type.Integer(),
  }),
  timeline: Type.Array(TimelineEntrySchema),
});

export const OrderPageSchema = Type.Object({
  items: Type.Array(OrderSummarySchema),
  nextCursor: Nullable(Type.String()),
});
