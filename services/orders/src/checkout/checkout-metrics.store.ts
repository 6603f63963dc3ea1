// SQL of the checkout's metrics: read when Prometheus scrapes, and when an order is confirmed.
import type { Queryable } from '@bazaar/platform';
import type { SagaStep } from './saga.types.js';

export interface StepCounts {
  step: SagaStep;
  /** Sagas waiting on this step. */
  inFlight: number;
  /** Of them, those past their step's deadline (see `sagaCounts`). */
  stuck: number;
}

/**
 * The sagas not ended, by the step they wait on, and how many of them are stuck: their step's
 * deadline has passed and the deadline job has not moved them on (it is not running, or is behind),
 * or their compensation has missed a deadline already and been sent again (attempt > 1: the service
 * that should answer it is not answering). `deadline_at IS NOT NULL` is exactly "has a step" (the
 * table's check) and is what the partial index `checkout_sagas_deadline` covers: settled sagas,
 * most of the table, are not read.
 */
export async function sagaCounts(db: Queryable): Promise<StepCounts[]> {
  const { rows } = await db.query<{ step: SagaStep; in_flight: number; stuck: number }>(
    `SELECT step, count(*)::int AS in_flight, count(*) FILTER (WHERE deadline_at <= now() OR attempt > 1)::int AS stuck
       FROM checkout_sagas WHERE deadline_at IS NOT NULL GROUP BY step`,
  );
  return rows.map((r) => ({ step: r.step, inFlight: r.in_flight, stuck: r.stuck }));
}

/** When the order was placed (the start of its time to confirmation). */
export async function placedAt(db: Queryable, orderId: string): Promise<Date | undefined> {
  const { rows } = await db.query<{ created_at: Date }>('SELECT created_at FROM orders WHERE id = $1', [orderId]);
  return rows[0]?.created_at;
}
