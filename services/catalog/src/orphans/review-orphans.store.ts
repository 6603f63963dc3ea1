import type { HeldReference, Queryable } from '@bazaar/platform';

/**
 * A page of reviews with their authors' user ids, in review id order, leaving out the authors whose
 * deletion catalog already applied (their name's copy replaced for good, dated 'infinity', by the
 * user.deleted handler): the check looks for what that event missed.
 */
export async function reviewAuthorReferences(db: Queryable, after: string | undefined, limit: number): Promise<HeldReference[]> {
  const { rows } = await db.query<HeldReference>(
    `SELECT r.id::text AS key, r.user_id_ref::text AS ref
     FROM product_reviews r LEFT JOIN reviewer_names n USING (user_id_ref)
     WHERE (n.updated_at IS NULL OR n.updated_at <> 'infinity') AND ($1::uuid IS NULL OR r.id > $1::uuid)
     ORDER BY r.id LIMIT $2`,
    [after ?? null, limit],
  );
  return rows;
}
