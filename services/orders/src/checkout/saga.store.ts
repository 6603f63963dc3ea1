// SQL of the checkout saga and its step log.
import type { Queryable } from '@bazaar/platform';
import type { PaymentKnown, ReservationKnown, Saga, SagaState, SagaStep, ShipmentKnown, StepLogEntry, StepStatus } from './saga.types.js';

interface SagaRow {
  order_id: string; state: SagaState; step: SagaStep | null; deadline_at: Date | null; attempt: number;
  payment: PaymentKnown; reservation: ReservationKnown; shipment: ShipmentKnown; after_confirmation: boolean; reason: string | null;
  fraud_check: boolean; payment_method_ref: string;
  authorize_operation_id: string; capture_operation_id: string; void_operation_id: string; refund_operation_id: string;
  reservation_id: string; shipment_request_id: string;
}

const COLUMNS = `order_id, state, step, deadline_at, attempt, payment, reservation, shipment, after_confirmation, reason, fraud_check, payment_method_ref,
  authorize_operation_id, capture_operation_id, void_operation_id, refund_operation_id, reservation_id, shipment_request_id`;

export interface StoredSaga {
  saga: Saga;
  /** The token of the payment method the order is paid with. */
  paymentMethodRef: string;
}

const toStored = (r: SagaRow): StoredSaga => ({
  paymentMethodRef: r.payment_method_ref,
  saga: {
    orderId: r.order_id, state: r.state, step: r.step, deadlineAt: r.deadline_at, attempt: r.attempt,
    payment: r.payment, reservation: r.reservation, shipment: r.shipment, afterConfirmation: r.after_confirmation, reason: r.reason,
    fraudCheck: r.fraud_check,
    ids: {
      authorizeOperationId: r.authorize_operation_id, captureOperationId: r.capture_operation_id, voidOperationId: r.void_operation_id,
      refundOperationId: r.refund_operation_id, reservationId: r.reservation_id, shipmentRequestId: r.shipment_request_id,
    },
  },
});

export async function insertSaga(db: Queryable, saga: Saga, paymentMethodRef: string): Promise<void> {
  const { ids } = saga;
  await db.query(
    `INSERT INTO checkout_sagas (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      saga.orderId, saga.state, saga.step, saga.deadlineAt, saga.attempt, saga.payment, saga.reservation, saga.shipment, saga.afterConfirmation,
      saga.reason, saga.fraudCheck, paymentMethodRef, ids.authorizeOperationId, ids.captureOperationId, ids.voidOperationId, ids.refundOperationId,
      ids.reservationId, ids.shipmentRequestId,
    ],
  );
}

/**
 * The saga of an order, its row locked until the transaction ends: every change to a saga (a reply,
 * a deadline, a cancellation) is made under this lock, so they apply one after another.
 */
export async function lockSaga(db: Queryable, orderId: string): Promise<StoredSaga | undefined> {
  const { rows } = await db.query<SagaRow>(`SELECT ${COLUMNS} FROM checkout_sagas WHERE order_id = $1 FOR UPDATE`, [orderId]);
  return rows[0] && toStored(rows[0]);
}

export async function lockSagaByReservation(db: Queryable, reservationId: string): Promise<StoredSaga | undefined> {
  const { rows } = await db.query<SagaRow>(`SELECT ${COLUMNS} FROM checkout_sagas WHERE reservation_id = $1 FOR UPDATE`, [reservationId]);
  return rows[0] && toStored(rows[0]);
}

export async function findSaga(db: Queryable, orderId: string): Promise<StoredSaga | undefined> {
  const { rows } = await db.query<SagaRow>(`SELECT ${COLUMNS} FROM checkout_sagas WHERE order_id = $1`, [orderId]);
  return rows[0] && toStored(rows[0]);
}

export async function updateSaga(db: Queryable, saga: Saga): Promise<void> {
  const settled = saga.state === 'cancelled' || saga.state === 'rejected' || saga.state === 'confirmed';
  await db.query(
    `UPDATE checkout_sagas SET state = $2, step = $3, deadline_at = $4, attempt = $5, payment = $6, reservation = $7, shipment = $8,
            after_confirmation = $9, reason = $10, updated_at = now(),
            finished_at = CASE WHEN $11 THEN coalesce(finished_at, now()) END
      WHERE order_id = $1`,
    [saga.orderId, saga.state, saga.step, saga.deadlineAt, saga.attempt, saga.payment, saga.reservation, saga.shipment, saga.afterConfirmation, saga.reason, settled],
  );
}

/**
 * Takes the next saga whose step is past its deadline and that no one else holds (SKIP LOCKED: any
 * number of replicas share the job), locked until the transaction ends.
 */
export async function lockNextOverdue(db: Queryable, now: Date): Promise<StoredSaga | undefined> {
  const { rows } = await db.query<SagaRow>(
    `SELECT ${COLUMNS} FROM checkout_sagas WHERE deadline_at <= $1 ORDER BY deadline_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [now],
  );
  return rows[0] && toStored(rows[0]);
}

/**
 * Takes the oldest saga waiting on its fraud screening that no one else holds (SKIP LOCKED: replicas
 * share the job), locked until the transaction ends: the scorer is asked under this lock, so a reply,
 * a deadline or a cancellation for the same saga waits for the verdict (at most the scorer's timeout).
 */
export async function lockNextScreening(db: Queryable): Promise<StoredSaga | undefined> {
  const { rows } = await db.query<SagaRow>(
    `SELECT ${COLUMNS} FROM checkout_sagas WHERE state = 'screening' ORDER BY started_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
  );
  return rows[0] && toStored(rows[0]);
}

/** Appends entries to the timeline, each at its own time if it has one, else at `at`. */
export async function appendSteps(db: Queryable, orderId: string, entries: readonly StepLogEntry[], at: Date): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO saga_steps (order_id, seq, step, kind, status, detail, at)
     SELECT $1, coalesce((SELECT max(seq) FROM saga_steps WHERE order_id = $1), 0) + e.n, e.step, e.kind, e.status, e.detail, e.at
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) WITH ORDINALITY AS e (step, kind, status, detail, at, n)`,
    [
      orderId, entries.map((e) => e.step), entries.map((e) => e.kind), entries.map((e) => e.status),
      entries.map((e) => (e.detail === null ? null : e.detail.slice(0, 500))), entries.map((e) => e.at ?? at),
    ],
  );
}

export interface TimelineEntry extends StepLogEntry {
  seq: number;
  at: Date;
}

export async function listSteps(db: Queryable, orderId: string, limit: number): Promise<TimelineEntry[]> {
  const { rows } = await db.query<{ seq: number; step: string; kind: StepLogEntry['kind']; status: StepStatus; detail: string | null; at: Date }>(
    // The latest entries: a compensation is retried until it is answered, so the log has no end.
    'SELECT seq, step, kind, status, detail, at FROM (SELECT seq, step, kind, status, detail, at FROM saga_steps WHERE order_id = $1 ORDER BY seq DESC LIMIT $2) latest ORDER BY seq',
    [orderId, limit],
  );
  return rows;
}
