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
 * release in progress, or another replica's expiry job), so replicas share the work safely. A
 * reservation held for delivery (its order is confirmed) never expires: it waits for its courier.
 */
export async function lockNextExpired(db: Queryable): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM reservations WHERE status = 'active' AND expires_at < now() AND held_for_delivery_at IS NULL
     ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
  );
  return rows[0]?.id;
}

/** The order was confirmed: its reservation waits for a courier without expiring. False if none is active. */
export async function holdForDelivery(db: Queryable, orderId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    "UPDATE reservations SET held_for_delivery_at = now(), updated_at = now() WHERE order_id_ref = $1 AND status = 'active' AND held_for_delivery_at IS NULL",
    [orderId],
  );
  return rowCount === 1;
}

/** The order's reservation id and status, if it has one. */
export async function reservationOfOrder(db: Queryable, orderId: string): Promise<{ id: string; status: string } | undefined> {
  const { rows } = await db.query<{ id: string; status: string }>(
    "SELECT id, status FROM reservations WHERE order_id_ref = $1 AND status <> 'rejected' ORDER BY created_at DESC LIMIT 1",
    [orderId],
  );
  return rows[0];
}

/** Records that a shipment's returned items were received; false if they already were. */
export async function recordReturn(db: Queryable, shipmentId: string, orderId: string): Promise<boolean> {
  const { rowCount } = await db.query('INSERT INTO returned_shipments (shipment_id_ref, order_id_ref) VALUES ($1, $2) ON CONFLICT DO NOTHING', [shipmentId, orderId]);
  return rowCount === 1;
}
