import type { HeldReference, Queryable } from '@bazaar/platform';

/**
 * A page of couriers with their identity user ids, in courier id order, leaving out those whose
 * deletion shipping already applied (`erased_users`, written by the user.deleted handler): the check
 * looks for what that event missed.
 */
export async function courierUserReferences(db: Queryable, after: string | undefined, limit: number): Promise<HeldReference[]> {
  const { rows } = await db.query<HeldReference>(
    `SELECT c.id::text AS key, c.user_id_ref::text AS ref FROM couriers c
     WHERE NOT EXISTS (SELECT 1 FROM erased_users e WHERE e.user_id_ref = c.user_id_ref)
       AND ($1::uuid IS NULL OR c.id > $1::uuid)
     ORDER BY c.id LIMIT $2`,
    [after ?? null, limit],
  );
  return rows;
}

/** The courier the reference names, if still that user's and on shift (not locked: the hand-back locks its parcels first). */
export async function onShiftCourier(db: Queryable, orphan: HeldReference): Promise<{ id: string; name: string } | undefined> {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id::text AS id, name FROM couriers WHERE id = $1 AND user_id_ref = $2 AND on_shift',
    [orphan.key, orphan.ref],
  );
  return rows[0];
}

/** Takes the couriers found off shift, if still on it and still that user's; returns the ids taken off. */
export async function takeOffShift(db: Queryable, orphans: readonly HeldReference[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE couriers c SET on_shift = false, shift_changed_at = now(), updated_at = now()
     FROM unnest($1::uuid[], $2::uuid[]) AS o (id, ref)
     WHERE c.id = o.id AND c.user_id_ref = o.ref AND c.on_shift
     RETURNING c.id::text AS id`,
    [orphans.map((o) => o.key), orphans.map((o) => o.ref)],
  );
  return rows.map((r) => r.id);
}
