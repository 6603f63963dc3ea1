import type { Queryable } from '@bazaar/platform';

/** The user's payments whose authorization is still being asked of the processor (it needs the saved card's token). */
export async function authorizationsInFlight(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>("SELECT count(*)::int AS count FROM payments WHERE user_id_ref = $1 AND status = 'pending'", [userId]);
  return rows[0]?.count ?? 0;
}

/**
 * Removes the user's saved payment methods (the payments that used one forget which) and the last
 * four digits on their payments, which stay for the books with their amounts, statuses, operations
 * and the card's brand. How many methods were removed.
 */
export async function removeMethods(db: Queryable, userId: string): Promise<number> {
  await db.query('UPDATE payments SET payment_method_id = NULL, card_last4 = NULL WHERE user_id_ref = $1', [userId]);
  const { rowCount } = await db.query('DELETE FROM payment_methods WHERE user_id_ref = $1', [userId]);
  return rowCount ?? 0;
}
