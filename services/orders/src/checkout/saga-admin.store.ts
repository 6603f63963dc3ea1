// SQL of the operators' view of the checkout sagas: which are open or stuck, and one saga's step log.
import type { Queryable } from '@bazaar/platform';
import type { PaymentKnown, ReservationKnown, SagaState, SagaStep, ShipmentKnown } from './saga.types.js';

/** `open`: waiting on a step (forward or compensation); `stuck`: open and overdue (see `STUCK`); `all`: every saga. */
export type SagaFilter = 'open' | 'stuck' | 'all';

export interface SagaOverview {
  orderId: string;
  number: string;
  state: SagaState;
  step: SagaStep | null;
  attempt: number;
  deadlineAt: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
  reason: string | null;
  stuck: boolean;
}

export interface SagaDetail extends SagaOverview {
  /** Whether the saga screens for fraud, as decided when it started. */
  fraudCheck: boolean;
  payment: PaymentKnown;
  reservation: ReservationKnown;
  shipment: ShipmentKnown;
}

// Stuck as the checkout_sagas_stuck metric counts it (checkout-metrics.store.ts): its step's deadline
// has passed and the deadline job has not moved it on, or its compensation was sent again unanswered.
// `deadline_at IS NOT NULL` is "has a step" (the table's check), what the partial index covers.
const OPEN = 's.deadline_at IS NOT NULL';
const STUCK = `(${OPEN} AND (s.deadline_at <= $1 OR s.attempt > 1))`;
const WHERE: Record<SagaFilter, string> = { open: OPEN, stuck: STUCK, all: 'true' };

const COLUMNS = `s.order_id, o.order_number, s.state, s.step, s.attempt, s.deadline_at, s.started_at, s.finished_at, s.reason,
  ${STUCK} AS stuck`;

interface Row {
  order_id: string; order_number: string; state: SagaState; step: SagaStep | null; attempt: number; deadline_at: Date | null;
  started_at: Date; finished_at: Date | null; reason: string | null; stuck: boolean;
}

const toOverview = (r: Row): SagaOverview => ({
  orderId: r.order_id, number: r.order_number, state: r.state, step: r.step, attempt: r.attempt, deadlineAt: r.deadline_at,
  startedAt: r.started_at, finishedAt: r.finished_at, reason: r.reason, stuck: r.stuck,
});

/**
 * A page of sagas, newest first, after the order id `after` (keyset on the order's id: uuid v7, so in
 * the order they were placed), and whether more follow.
 */
export async function listSagas(db: Queryable, filter: SagaFilter, now: Date, limit: number, after?: string): Promise<{ sagas: SagaOverview[]; more: boolean }> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM checkout_sagas s JOIN orders o ON o.id = s.order_id
      WHERE ${WHERE[filter]} AND ($2::uuid IS NULL OR s.order_id < $2)
      ORDER BY s.order_id DESC LIMIT $3`,
    [now, after ?? null, limit + 1],
  );
  return { sagas: rows.slice(0, limit).map(toOverview), more: rows.length > limit };
}

export async function findSagaDetail(db: Queryable, orderId: string, now: Date): Promise<SagaDetail | undefined> {
  const { rows } = await db.query<Row & { fraud_check: boolean; payment: PaymentKnown; reservation: ReservationKnown; shipment: ShipmentKnown }>(
    `SELECT ${COLUMNS}, s.fraud_check, s.payment, s.reservation, s.shipment FROM checkout_sagas s JOIN orders o ON o.id = s.order_id WHERE s.order_id = $2`,
    [now, orderId],
  );
  const row = rows[0];
  return row && { ...toOverview(row), fraudCheck: row.fraud_check, payment: row.payment, reservation: row.reservation, shipment: row.shipment };
}
