import type { Queryable } from '@bazaar/platform';

/**
 * Replaces the copy of a user's display name with `label` for good: dated at the end of time, so no
 * later copy (which only writes over an older one) replaces it. How many reviews they wrote.
 */
export async function anonymiseReviewer(db: Queryable, userId: string, label: string): Promise<number> {
  await db.query(
    `INSERT INTO reviewer_names (user_id_ref, display_name, updated_at) VALUES ($1, $2, 'infinity')
     ON CONFLICT (user_id_ref) DO UPDATE SET display_name = EXCLUDED.display_name, updated_at = EXCLUDED.updated_at`,
    [userId, label],
  );
  const { rows } = await db.query<{ reviews: number }>('SELECT count(*)::int AS reviews FROM product_reviews WHERE user_id_ref = $1', [userId]);
  return rows[0]?.reviews ?? 0;
}
