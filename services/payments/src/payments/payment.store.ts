import type { Queryable } from '@bazaar/platform';
import type { Operation, OperationKind, OperationOutcome, Payment, PaymentChange, PaymentStatus } from './payment.js';

interface PaymentRow {
  id: string; order_id_ref: string; user_id_ref: string; amount_minor: number; currency: string;
  status: PaymentStatus; captured_minor: number; refunded_minor: number; card_last4: string | null;
  card_brand: string | null; payment_method_id: string | null; processor_authorization_id: string | null; decline_reason: string | null;
  created_at: Date; updated_at: Date; version: number;
}

interface OperationRow {
  id: string; order_id_ref: string; payment_id: string | null; kind: OperationKind; amount_minor: number | null;
  outcome: OperationOutcome; processor_reference: string | null; error: string | null;
  payment_status: PaymentStatus | null; payment_version: number | null; created_at: Date; completed_at: Date | null;
}

const toPayment = (r: PaymentRow): Payment => ({
  id: r.id, orderId: r.order_id_ref, userId: r.user_id_ref, amountMinor: r.amount_minor, currency: r.currency,
  status: r.status, capturedMinor: r.captured_minor, refundedMinor: r.refunded_minor, cardLast4: r.card_last4,
  cardBrand: r.card_brand, paymentMethodId: r.payment_method_id, processorAuthorizationId: r.processor_authorization_id, declineReason: r.decline_reason,
  createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
});

const toOperation = (r: OperationRow): Operation => ({
  id: r.id, orderId: r.order_id_ref, paymentId: r.payment_id, kind: r.kind, amountMinor: r.amount_minor,
  outcome: r.outcome, processorReference: r.processor_reference, error: r.error,
  paymentStatus: r.payment_status, paymentVersion: r.payment_version, createdAt: r.created_at, completedAt: r.completed_at,
});

// Named, not `*`: a column added later is not read until the code knows it, and the statements stay
// prepared (the kit does not prepare a `*` list, see createPool).
const PAYMENT_COLUMNS = 'id, order_id_ref, user_id_ref, amount_minor, currency, status, captured_minor, refunded_minor, card_last4, card_brand, payment_method_id, processor_authorization_id, decline_reason, created_at, updated_at, version';
const OPERATION_COLUMNS = 'id, order_id_ref, payment_id, kind, amount_minor, outcome, processor_reference, error, payment_status, payment_version, created_at, completed_at';

/**
 * Serialises, per order, the steps that decide whether a payment may come to exist (an authorization
 * starting, a void finding nothing), so a void and a late authorization cannot both miss each other.
 * Held until the end of the transaction.
 */
export async function lockOrder(db: Queryable, orderId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('payments:order:' || $1, 0))", [orderId]);
}

export async function findPaymentByOrder(db: Queryable, orderId: string, options: { lock?: boolean } = {}): Promise<Payment | undefined> {
  const { rows } = await db.query<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id_ref = $1${options.lock ? ' FOR UPDATE' : ''}`, [orderId]);
  return rows[0] && toPayment(rows[0]);
}

export async function findPaymentById(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<Payment | undefined> {
  const { rows } = await db.query<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] && toPayment(rows[0]);
}

export interface NewPayment {
  orderId: string; userId: string; amountMinor: number; currency: string; status: PaymentStatus;
  cardLast4: string | null; cardBrand: string | null; paymentMethodId: string | null; declineReason: string | null;
}

export async function insertPayment(db: Queryable, p: NewPayment): Promise<Payment> {
  const { rows } = await db.query<PaymentRow>(
    `INSERT INTO payments (order_id_ref, user_id_ref, amount_minor, currency, status, card_last4, card_brand, payment_method_id, decline_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${PAYMENT_COLUMNS}`,
    [p.orderId, p.userId, p.amountMinor, p.currency, p.status, p.cardLast4, p.cardBrand, p.paymentMethodId, p.declineReason],
  );
  return toPayment(rows[0]!);
}

/** Applies a change and bumps the version. */
export async function updatePayment(db: Queryable, id: string, change: PaymentChange): Promise<Payment> {
  const { rows } = await db.query<PaymentRow>(
    `UPDATE payments SET
       status = $2,
       captured_minor = COALESCE($3, captured_minor),
       refunded_minor = COALESCE($4, refunded_minor),
       processor_authorization_id = CASE WHEN $5::boolean THEN $6 ELSE processor_authorization_id END,
       decline_reason = CASE WHEN $7::boolean THEN $8 ELSE decline_reason END,
       version = version + 1,
       updated_at = clock_timestamp()
     WHERE id = $1 RETURNING ${PAYMENT_COLUMNS}`,
    [id, change.status, change.capturedMinor ?? null, change.refundedMinor ?? null,
      change.processorAuthorizationId !== undefined, change.processorAuthorizationId ?? null,
      change.declineReason !== undefined, change.declineReason ?? null],
  );
  if (!rows[0]) throw new Error(`payment ${id} vanished while being updated`);
  return toPayment(rows[0]);
}

export async function findOperation(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<Operation | undefined> {
  const { rows } = await db.query<OperationRow>(`SELECT ${OPERATION_COLUMNS} FROM payment_operations WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] && toOperation(rows[0]);
}

export interface NewOperation {
  id: string; orderId: string; paymentId: string | null; kind: OperationKind; amountMinor: number | null;
  outcome: OperationOutcome; processorReference?: string | null; error?: string | null; note?: string | null;
  /** The payment as this operation leaves it (omit while pending). */
  payment?: Pick<Payment, 'status' | 'version'> | undefined;
}

/**
 * Records an operation. Two unique violations are expected and left for the caller to map: the
 * primary key (the same operation recorded concurrently) and `payment_operations_one_pending`
 * (another operation on the payment is in flight).
 */
export async function insertOperation(db: Queryable, op: NewOperation): Promise<Operation> {
  const { rows } = await db.query<OperationRow>(
    `INSERT INTO payment_operations (id, order_id_ref, payment_id, kind, amount_minor, outcome, processor_reference, error, note, payment_status, payment_version, created_at, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, clock_timestamp(), CASE WHEN $6 = 'pending' THEN NULL ELSE clock_timestamp() END)
     RETURNING ${OPERATION_COLUMNS}`,
    [op.id, op.orderId, op.paymentId, op.kind, op.amountMinor, op.outcome, op.processorReference ?? null, op.error ?? null,
      op.note ?? null, op.payment?.status ?? null, op.payment?.version ?? null],
  );
  return toOperation(rows[0]!);
}

export interface OperationResult {
  outcome: Exclude<OperationOutcome, 'pending'>;
  processorReference: string | null;
  error: string | null;
  payment: Pick<Payment, 'status' | 'version'> | undefined;
}

/** Records the answer of a pending operation (which the caller holds locked). */
export async function completeOperation(db: Queryable, id: string, result: OperationResult): Promise<Operation> {
  const { rows } = await db.query<OperationRow>(
    `UPDATE payment_operations
        SET outcome = $2, processor_reference = $3, error = $4, payment_status = $5, payment_version = $6, completed_at = clock_timestamp()
      WHERE id = $1 AND outcome = 'pending'
      RETURNING ${OPERATION_COLUMNS}`,
    [id, result.outcome, result.processorReference, result.error, result.payment?.status ?? null, result.payment?.version ?? null],
  );
  if (!rows[0]) throw new Error(`operation ${id} is not pending`);
  return toOperation(rows[0]);
}

/** Whether a void for this order was recorded before any payment existed (see lockOrder). */
export async function hasVoidTombstone(db: Queryable, orderId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    "SELECT 1 FROM payment_operations WHERE order_id_ref = $1 AND kind = 'void' AND payment_id IS NULL LIMIT 1",
    [orderId],
  );
  return (rowCount ?? 0) > 0;
}

export async function listOperations(db: Queryable, paymentId: string): Promise<Operation[]> {
  const { rows } = await db.query<OperationRow>(
    `SELECT ${OPERATION_COLUMNS} FROM payment_operations WHERE payment_id = $1 ORDER BY created_at, id`,
    [paymentId],
  );
  return rows.map(toOperation);
}

export interface PaymentQuery {
  /** Only this user's payments; omit for every user's (admins). */
  userId?: string;
  orderId?: string;
  /** The id of the last payment of the previous page. */
  after?: string;
  limit: number;
}

const VISIBLE = '($1::uuid IS NULL OR p.user_id_ref = $1) AND ($2::uuid IS NULL OR p.order_id_ref = $2)';

/**
 * Newest first, by keyset on (created_at, id): stable under inserts, no offset scans. The cursor is
 * looked up only among the rows the query may return, so `null` (it names no payment of this listing)
 * says nothing about whether that payment exists for someone else.
 */
export async function listPayments(db: Queryable, query: PaymentQuery): Promise<Payment[] | null> {
  const scope = [query.userId ?? null, query.orderId ?? null];
  if (query.after !== undefined) {
    const cursor = await db.query(`SELECT 1 FROM payments p WHERE ${VISIBLE} AND p.id = $3`, [...scope, query.after]);
    if (cursor.rowCount === 0) return null;
  }
  const { rows } = await db.query<PaymentRow>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments p
      WHERE ${VISIBLE}
        AND ($3::uuid IS NULL OR (p.created_at, p.id) < (SELECT created_at, id FROM payments WHERE id = $3))
      ORDER BY p.created_at DESC, p.id DESC
      LIMIT $4`,
    [...scope, query.after ?? null, query.limit],
  );
  return rows.map(toPayment);
}
