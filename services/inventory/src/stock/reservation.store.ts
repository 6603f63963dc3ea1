import type { Queryable } from '@bazaar/platform';
import type { Line, Reservation, ReservationStatus, Shortage } from './reservation.js';

interface ReservationRow {
  id: string;
  order_id_ref: string | null;
  status: ReservationStatus;
  status_reason: string | null;
  shortages: Shortage[] | null;
  expires_at: Date;
}

/**
 * Claims the reservation id for this reserve: true if it is new (the row is now ours and locked),
 * false if a reservation with this id exists. A concurrent claim of the same id waits here until
 * the first commits, then sees it: one id, one reservation.
 */
export async function claimReservation(db: Queryable, id: string, orderId: string, ttlSeconds: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO reservations (id, order_id_ref, status, expires_at)
     VALUES ($1, $2, 'active', now() + make_interval(secs => $3)) ON CONFLICT (id) DO NOTHING`,
    [id, orderId, ttlSeconds],
  );
  return rowCount === 1;
}

export async function insertLines(db: Queryable, reservationId: string, lines: readonly Line[]): Promise<void> {
  await db.query(
    `INSERT INTO reservation_lines (reservation_id, sku, quantity)
     SELECT $1, sku, quantity FROM unnest($2::text[], $3::int[]) AS l (sku, quantity)`,
    [reservationId, lines.map((l) => l.sku), lines.map((l) => l.quantity)],
  );
}

/** The reservation with its lines; `lock` holds its row until the transaction ends. */
export async function findReservation(db: Queryable, id: string, options: { lock: boolean }): Promise<Reservation | undefined> {
  const { rows } = await db.query<ReservationRow>(
    `SELECT id, order_id_ref, status, status_reason, shortages, expires_at FROM reservations WHERE id = $1
     ${options.lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  const lines = await db.query<Line>(
    'SELECT sku, quantity FROM reservation_lines WHERE reservation_id = $1 ORDER BY sku',
    [id],
  );
  return {
    id: row.id,
    orderId: row.order_id_ref,
    status: row.status,
    statusReason: row.status_reason,
    shortages: row.shortages,
    expiresAt: row.expires_at,
    lines: lines.rows,
  };
}

export async function setReservationStatus(
  db: Queryable,
  id: string,
  status: Exclude<ReservationStatus, 'active'>,
  reason: string | null,
  shortages: Shortage[] | null = null,
): Promise<void> {
  await db.query(
    `UPDATE reservations SET status = $2, status_reason = $3, shortages = $4::jsonb, updated_at = now() WHERE id = $1`,
    [id, status, reason, shortages === null ? null : JSON.stringify(shortages)],
  );
}

/**
 * Remembers a release that came before its reserve, so the reserve, if it ever arrives, holds
 * nothing. False if a reservation with this id was created meanwhile.
 */
export async function insertReleasedTombstone(db: Queryable, id: string, reason: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO reservations (id, order_id_ref, status, status_reason, expires_at)
     VALUES ($1, NULL, 'released', $2, now()) ON CONFLICT (id) DO NOTHING`,
    [id, reason],
  );
  return rowCount === 1;
}

/**
 * Locks one active reservation past its deadline, skipping any another transaction holds (a
 * release in progress, or another replica's expiry job), so replicas share the work safely.
 */
export async function lockNextExpired(db: Queryable): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM reservations WHERE status = 'active' AND expires_at < now()
     ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
  );
  return rows[0]?.id;
}
