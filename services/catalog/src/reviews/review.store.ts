import type { Queryable } from '@bazaar/platform';
import type { Cursor } from '../pagination.js';
import { alreadyReviewed, type NewReview, type Review } from './review.js';

interface ReviewRow {
  id: string;
  product_id: string;
  user_id_ref: string;
  rating: number;
  comment: string;
  created_at: Date;
}

const COLUMNS = 'id, product_id, user_id_ref, rating, comment, created_at';

const toReview = (row: ReviewRow): Review => ({
  id: row.id,
  productId: row.product_id,
  userId: row.user_id_ref,
  rating: row.rating,
  comment: row.comment,
  createdAt: row.created_at,
});

/** Inserts a review; a second one by the same user for the same product is a 409. */
export async function insertReview(db: Queryable, productId: string, userId: string, review: NewReview): Promise<Review> {
  try {
    const { rows } = await db.query<ReviewRow>(
      `INSERT INTO product_reviews (product_id, user_id_ref, rating, comment, created_at)
       VALUES ($1, $2, $3, $4, COALESCE($5, now())) RETURNING ${COLUMNS}`,
      [productId, userId, review.rating, review.comment ?? '', review.createdAt ?? null],
    );
    return toReview(rows[0]!);
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
    keyset = 'AND (created_at, id) < ($3::timestamptz, $4::uuid)';
  }
  const { rows } = await db.query<ReviewRow>(
    `SELECT ${COLUMNS} FROM product_reviews WHERE product_id = $1 ${keyset}
     ORDER BY created_at DESC, id DESC LIMIT $2`,
    params,
  );
  return rows.map(toReview);
}
