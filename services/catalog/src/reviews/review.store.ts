import type { Queryable } from '@bazaar/platform';
import type { Cursor } from '../pagination.js';
import { FALLBACK_DISPLAY_NAME, alreadyReviewed, type NewReview, type Review } from './review.js';

interface ReviewRow {
  id: string;
  product_id: string;
  display_name: string | null;
  rating: number;
  comment: string;
  created_at: Date;
  verified_purchase: boolean;
}

/**
 * A review as readers see it: the author's display name from catalog's copy of identity's users (the
 * fallback when it has none), and whether the author has a verified order of the product in catalog's
 * copy of orders, computed now, so a review written before its order was confirmed shows it once it is.
 * The author's user id stays in the database.
 */
const REVIEW_VIEW = `
  SELECT r.id, r.product_id, n.display_name, r.rating, r.comment, r.created_at,
         EXISTS (
           SELECT 1 FROM purchases p JOIN purchase_items i ON i.order_id_ref = p.order_id_ref
            WHERE p.user_id_ref = r.user_id_ref AND p.status = 'verified' AND i.product_id_ref = r.product_id
         ) AS verified_purchase
    FROM product_reviews r LEFT JOIN reviewer_names n ON n.user_id_ref = r.user_id_ref`;

const toReview = (row: ReviewRow): Review => ({
  id: row.id,
  productId: row.product_id,
  reviewer: { displayName: row.display_name ?? FALLBACK_DISPLAY_NAME },
  rating: row.rating,
  comment: row.comment,
  createdAt: row.created_at,
  verifiedPurchase: row.verified_purchase,
});

/** Inserts a review and returns its id; a second one by the same user for the same product is a 409. */
export async function insertReview(db: Queryable, productId: string, userId: string, review: NewReview): Promise<string> {
  try {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO product_reviews (product_id, user_id_ref, rating, comment, created_at)
       VALUES ($1, $2, $3, $4, COALESCE($5, now())) RETURNING id`,
      [productId, userId, review.rating, review.comment ?? '', review.createdAt ?? null],
    );
    return rows[0]!.id;
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    if (e.code === '23505' && e.constraint === 'product_reviews_one_per_user') throw alreadyReviewed();
    throw error;
  }
}

/** Counts a new rating into the product's running totals (its average is derived from them). */
export async function addRating(db: Queryable, productId: string, rating: number): Promise<void> {
  await db.query('UPDATE products SET rating_sum = rating_sum + $2, review_count = review_count + 1 WHERE id = $1', [productId, rating]);
}

/** A product's reviews, newest first, after the cursor's position; `limit + 1` rows. */
export async function listReviews(db: Queryable, productId: string, limit: number, after?: Cursor): Promise<Review[]> {
  const params: unknown[] = [productId, limit + 1];
  let keyset = '';
  if (after) {
    params.push(after.key, after.id);
    keyset = 'AND (r.created_at, r.id) < ($3::timestamptz, $4::uuid)';
  }
  const { rows } = await db.query<ReviewRow>(
    `${REVIEW_VIEW} WHERE r.product_id = $1 ${keyset}
     ORDER BY r.created_at DESC, r.id DESC LIMIT $2`,
    params,
  );
  return rows.map(toReview);
}

/** One review as readers see it. */
export async function findReview(db: Queryable, id: string): Promise<Review | undefined> {
  const { rows } = await db.query<ReviewRow>(`${REVIEW_VIEW} WHERE r.id = $1`, [id]);
  return rows[0] && toReview(rows[0]);
}
