import { Type } from 'typebox';

// 36 characters: the hyphenated form alone (format uuid also takes a `urn:uuid:` prefix, which PostgreSQL does not).
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
// Handlers return Date objects; the response serialiser writes them as ISO 8601 strings.
const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time', maxLength: 30 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', maxLength: 3, description: 'ISO 4217 code' });
// Amounts in minor units are PostgreSQL bigints; JSON numbers are exact up to 2^53 - 1.
const Minor = (minimum = 0) => Type.Integer({ format: 'int64', minimum, maximum: Number.MAX_SAFE_INTEGER });
const Int32 = (minimum: number, maximum = 2_147_483_647, options: { description?: string; default?: number } = {}) =>
  Type.Integer({ format: 'int32', minimum, maximum, ...options });
/** A status or reason word copied from another service's events: lower-case words joined by _ or -. */
const Word = (description: string) => Type.String({ pattern: '^[a-z][a-z_-]*$', maxLength: 40, description });

const MAX_LINES = 50;
const MAX_QUANTITY = 100;

export const IdParams = Type.Object({ id: Uuid });

export const CheckoutBody = Type.Object({
  items: Type.Array(
    Type.Object({
      productId: Uuid,
      quantity: Int32(1, MAX_QUANTITY),
    }, { additionalProperties: false }),
    { minItems: 1, maxItems: MAX_LINES, description: 'one line per product, 1 to 50 lines: a product on a second line is a 400 naming that line' },
  ),
  shippingAddress: Type.Object({
    name: Text(200),
    line1: Text(200),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: Text(100),
    state: Type.Optional(Type.String({ maxLength: 100 })),
    postalCode: Text(20),
    country: Type.String({ pattern: '^[A-Za-z]{2}$', maxLength: 2, description: 'ISO 3166-1 alpha-2 code, e.g. DE' }),
  }, { additionalProperties: false }),
  paymentMethodId: Type.String({ format: 'uuid', maxLength: 36, description: 'a saved card, from POST /payments/methods' }),
}, { additionalProperties: false });

/** What an Idempotency-Key may hold: 1 to 200 visible ASCII characters. */
export const IDEMPOTENCY_KEY = '^[\\x21-\\x7e]{1,200}$';

export const CheckoutHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({
    minLength: 1, maxLength: 200, pattern: IDEMPOTENCY_KEY,
    description: 'required (without it: 428): 1 to 200 visible ASCII characters, unique per order; the same key returns the same order',
  })),
});

// base64url of the last order's place in the listing.
const CURSOR_PATTERN = '^[A-Za-z0-9_-]+$';

/**
 * Every rule GET /orders applies is stated here. Beyond the schema, a request is refused only for a
 * cursor that is not a nextCursor of this listing.
 */
export const ListQuery = Type.Object({
  limit: Int32(1, 100, { default: 20, description: 'page size, 1 to 100' }),
  cursor: Type.Optional(Type.String({
    minLength: 1, maxLength: 200, pattern: CURSOR_PATTERN,
    description: 'the nextCursor of the previous page; any other value is a 400 naming cursor',
  })),
});

/** The most timeline entries an order answers: the latest, as a compensation is retried until answered. */
export const TIMELINE_MAX = 500;

const TimelineEntrySchema = Type.Object({
  seq: Int32(1),
  step: Type.String({
    pattern: '^[a-z-]+$', maxLength: 40,
    description: 'screen-fraud (when the checkout is screened), authorize-payment, reserve-stock, create-shipment, capture-payment, their compensations, or the order itself; '
      + 'for the delivery: dispatch, hand-back, pick-up, delivery-attempt, deliver, return',
  }),
  kind: Type.Enum(['action', 'compensation', 'delivery'], { description: 'what checkout did, what it undid, or news of the parcel from shipping' }),
  status: Type.Enum(['started', 'succeeded', 'failed', 'timed_out', 'retried', 'late']),
  detail: Nullable(Type.String({ maxLength: 500, description: "what happened, in words; never given for screen-fraud (its score is for operators: GET /admin/sagas/{orderId})" })),
  at: Timestamp,
});

const OrderStatusSchema = Type.Enum(['pending', 'confirmed', 'shipped', 'delivered', 'cancelling', 'cancelled', 'rejected'], {
  description: 'pending during checkout; confirmed, then shipped once a courier has the parcel and delivered once the recipient does; '
    + 'cancelling, then cancelled (also a parcel returned undelivered: refunded, the reason says so); rejected when the payment was declined or the fraud screening refused the order',
});
const Step = Type.Enum(['screen-fraud', 'authorize-payment', 'reserve-stock', 'create-shipment', 'capture-payment', 'cancel-shipment', 'release-stock', 'void-payment', 'refund-payment']);

const Summary = {
  id: Uuid,
  number: Type.String({ pattern: '^BZ-[0-9]{6}-[2-9A-HJKMNP-TV-Z]{5}$', maxLength: 15, description: 'BZ-YYMMDD-XXXXX' }),
  status: OrderStatusSchema,
  statusReason: Nullable(Type.String({ maxLength: 200 })),
  currency: Currency,
  totalMinor: Minor(1),
  itemCount: Int32(1, MAX_LINES * MAX_QUANTITY, { description: 'units in the order' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const OrderSummarySchema = Type.Object(Summary);

export const OrderSchema = Type.Object({
  ...Summary,
  subtotalMinor: Minor(),
  items: Type.Array(Type.Object({
    productId: Uuid,
    sku: Type.String({ pattern: '^[A-Z0-9]+(-[A-Z0-9]+)*$', maxLength: 40 }),
    name: Type.String({ maxLength: 200 }),
    unitPriceMinor: Minor(), quantity: Int32(1, MAX_QUANTITY), lineTotalMinor: Minor(),
  }), { minItems: 1, maxItems: MAX_LINES }),
  shippingAddress: Type.Object({
    name: Type.String({ maxLength: 200 }), line1: Type.String({ maxLength: 200 }), line2: Nullable(Type.String({ maxLength: 200 })),
    city: Type.String({ maxLength: 100 }), state: Nullable(Type.String({ maxLength: 100 })), postalCode: Type.String({ maxLength: 20 }),
    country: Type.String({ pattern: '^[A-Za-z]{2}$', maxLength: 2 }),
  }),
  payment: Type.Object({
    status: Word("payments' status of the order's payment, as last heard (pending until then): authorized, declined, captured, voided, refunded, partially_refunded"),
    paymentId: Nullable(Uuid),
    amountMinor: Minor(), currency: Currency, capturedMinor: Minor(), refundedMinor: Minor(),
    card: Nullable(Type.Object({ brand: Nullable(Type.String({ maxLength: 40 })), last4: Type.String({ pattern: '^[0-9]{4}$', maxLength: 4 }) })),
    reason: Nullable(Word('why the payment was declined')),
    transactionId: Nullable(Type.String({ pattern: '^[ -~]+$', maxLength: 200, description: "the card processor's reference of the capture, once captured" })),
    paidAt: Nullable(Type.Unsafe<Date | string>({ type: 'string', format: 'date-time', maxLength: 30, description: 'when the money was taken, once captured' })),
  }),
  shipping: Type.Object({
    status: Word("shipping's status of the order's shipment, as last heard (pending until then): created, dispatched, picked_up, delivered, returned, cancelled, failed"),
    shipmentId: Nullable(Uuid),
    trackingNumber: Nullable(Type.String({ pattern: '^[A-Z0-9]+$', maxLength: 40 })),
    carrier: Nullable(Type.String({ maxLength: 100 })),
    reason: Nullable(Type.String({ maxLength: 1000, description: 'why it failed or was cancelled, the latest failed delivery attempt, or why it was returned' })),
    courier: Nullable(Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { description: 'who has (or last had) the parcel' })),
    failedAttempts: Int32(0, 20, { description: 'delivery attempts that failed so far' }),
    deliveredAt: Nullable(Timestamp),
  }),
  checkout: Type.Object({
    state: Type.Enum(['screening', 'authorizing', 'reserving', 'shipping', 'capturing', 'confirmed', 'compensating', 'cancelled', 'rejected'], { description: 'the checkout saga' }),
    step: Nullable(Step),
    deadlineAt: Nullable(Timestamp),
    attempt: Int32(1),
  }),
  timeline: Type.Array(TimelineEntrySchema, { maxItems: TIMELINE_MAX, description: `the checkout's steps by seq: the latest ${TIMELINE_MAX}` }),
});

export const OrderPageSchema = Type.Object({
  items: Type.Array(OrderSummarySchema, { maxItems: 100 }),
  nextCursor: Nullable(Type.String({ maxLength: 200, pattern: CURSOR_PATTERN })),
});
