import type { Queryable } from '@bazaar/platform';

/** Shipment statuses after which nobody needs the address any more. */
export const FINISHED = ['delivered', 'returned', 'cancelled', 'failed'] as const;

export interface ShipmentErasure {
  /** Shipments blanked now. */
  blanked: number;
  /** Shipments still on their way: blanked by the database when they end (migration 0005's trigger). */
  underWay: number;
}

/** The courier record of an identity user, if they are a courier. */
export async function courierOfUser(db: Queryable, userId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>('SELECT id::text AS id FROM couriers WHERE user_id_ref = $1', [userId]);
  return rows[0]?.id;
}

/**
 * Records the user as deleted (so their parcels still on the way are blanked when they end) and
 * blanks the recipient of their finished shipments (name, address but the country, the geocoded
 * point) and the notes of those shipments' delivery attempts. A repeat finds nothing left to do.
 * It locks shipments only: the caller hands a courier's parcels back and retires the courier after
 * it ({@link retireCourier}), so shipments are locked before the courier, as everywhere.
 */
export async function eraseRecipient(db: Queryable, userId: string, deletedAt: Date): Promise<ShipmentErasure> {
  await db.query('INSERT INTO erased_users (user_id_ref, deleted_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, deletedAt]);
  const blanked = await db.query(
    `UPDATE shipments SET recipient_name = '', line1 = '', line2 = NULL, city = '', state = NULL, postal_code = '',
            latitude = NULL, longitude = NULL, updated_at = now()
      WHERE user_id_ref = $1 AND status = ANY($2::text[])`,
    [userId, FINISHED],
  );
  await db.query(
    `UPDATE delivery_attempts a SET note = NULL FROM shipments s
      WHERE s.id = a.shipment_id AND s.user_id_ref = $1 AND s.status = ANY($2::text[]) AND a.note IS NOT NULL`,
    [userId, FINISHED],
  );
  const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM shipments WHERE user_id_ref = $1 AND NOT status = ANY($2::text[])', [userId, FINISHED]);
  return { blanked: blanked.rowCount ?? 0, underWay: rows[0]?.count ?? 0 };
}

/** A deleted user's courier record, if they were a courier: their name replaced, off shift. Returns its id. */
export async function retireCourier(db: Queryable, userId: string, courierLabel: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    'UPDATE couriers SET name = $2, on_shift = false, updated_at = now() WHERE user_id_ref = $1 RETURNING id::text AS id',
    [userId, courierLabel],
  );
  return rows[0]?.id;
}
