import { AppError, type Queryable } from '@bazaar/platform';
import type { Courier, Vehicle } from './courier.js';

interface CourierRow {
  id: string;
  user_id_ref: string;
  name: string;
  vehicle: Vehicle;
  capacity: number;
  on_shift: boolean;
  shift_changed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, user_id_ref, name, vehicle, capacity, on_shift, shift_changed_at, created_at, updated_at';

const toCourier = (row: CourierRow): Courier => ({
  id: row.id,
  userId: row.user_id_ref,
  name: row.name,
  vehicle: row.vehicle,
  capacity: row.capacity,
  onShift: row.on_shift,
  shiftChangedAt: row.shift_changed_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface NewCourier {
  userId: string;
  name: string;
  vehicle: Vehicle;
  capacity: number;
}

/** Registers a courier; a user who already is one is a 409 on `userId`. */
export async function insertCourier(db: Queryable, courier: NewCourier): Promise<Courier> {
  const { rows } = await db.query<CourierRow>(
    `INSERT INTO couriers (user_id_ref, name, vehicle, capacity) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id_ref) DO NOTHING RETURNING ${COLUMNS}`,
    [courier.userId, courier.name, courier.vehicle, courier.capacity],
  );
  if (!rows[0]) throw AppError.conflict('this user is already a courier', { field: 'userId' });
  return toCourier(rows[0]);
}

/** A courier by its id (an operator's view; a courier's own routes use courierOfSignedIn). */
export async function findCourier(db: Queryable, by: { id: string }): Promise<Courier | undefined> {
  const { rows } = await db.query<CourierRow>(`SELECT ${COLUMNS} FROM couriers WHERE id = $1`, [by.id]);
  return rows[0] && toCourier(rows[0]);
}

/**
 * The courier a signed-in user rides as: none once their account was deleted (user.deleted applied),
 * even while a token issued before the deletion is still accepted somewhere.
 */
export async function courierOfSignedIn(db: Queryable, userId: string): Promise<Courier | undefined> {
  const { rows } = await db.query<CourierRow>(
    `SELECT ${COLUMNS} FROM couriers c WHERE c.user_id_ref = $1
       AND NOT EXISTS (SELECT 1 FROM erased_users e WHERE e.user_id_ref = c.user_id_ref)`,
    [userId],
  );
  return rows[0] && toCourier(rows[0]);
}

/**
 * Before a shift starts: locks the courier's row, then asks, in a statement of its own (so with what
 * committed while it waited), whether the account was deleted meanwhile. A start that read the
 * courier just before a deletion committed would otherwise put a deleted courier back on shift.
 */
export async function mayStartShift(db: Queryable, courierId: string): Promise<boolean> {
  const { rows } = await db.query<{ user_id_ref: string }>('SELECT user_id_ref FROM couriers WHERE id = $1 FOR UPDATE', [courierId]);
  if (!rows[0]) return false;
  const erased = await db.query('SELECT 1 FROM erased_users WHERE user_id_ref = $1', [rows[0].user_id_ref]);
  return erased.rowCount === 0;
}

/** Sets the courier's shift; the time changes only when the state does (a repeated call is harmless). */
export async function setShift(db: Queryable, courierId: string, onShift: boolean): Promise<Courier> {
  const { rows } = await db.query<CourierRow>(
    `UPDATE couriers SET on_shift = $2,
       shift_changed_at = CASE WHEN on_shift = $2 THEN shift_changed_at ELSE now() END,
       updated_at = CASE WHEN on_shift = $2 THEN updated_at ELSE now() END
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [courierId, onShift],
  );
  return toCourier(rows[0]!);
}

/** Couriers oldest first, after the courier `after` (a keyset page); undefined if `after` is no courier. */
export async function listCouriers(db: Queryable, options: { after?: string | undefined; limit: number }): Promise<Courier[] | undefined> {
  if (options.after === undefined) {
    const { rows } = await db.query<CourierRow>(`SELECT ${COLUMNS} FROM couriers ORDER BY created_at, id LIMIT $1`, [options.limit]);
    return rows.map(toCourier);
  }
  const { rows } = await db.query<CourierRow>(
    `WITH anchor AS (SELECT created_at, id FROM couriers WHERE id = $1)
     SELECT ${COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')}
       FROM couriers c, anchor a WHERE (c.created_at, c.id) > (a.created_at, a.id)
       ORDER BY c.created_at, c.id LIMIT $2`,
    [options.after, options.limit],
  );
  if (rows.length) return rows.map(toCourier);
  const exists = await db.query('SELECT 1 FROM couriers WHERE id = $1', [options.after]);
  return exists.rowCount ? [] : undefined;
}
