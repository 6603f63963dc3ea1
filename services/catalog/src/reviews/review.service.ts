import { withTransaction, type Pool, type PoolClient } from '@bazaar/platform';
import { findProduct } from '../products/product.store.js';
import { checkReviewable, type NewReview, type Review } from './review.js';
import { addRating, findReview, insertReview } from './review.store.js';

/**
 * Records a user's review of a product and counts it into the product's rating, in the caller's
 * transaction. The product row is locked first, so it cannot be discontinued meanwhile and
 * concurrent reviews add up. Returns the review as readers see it (the author by display name).
 */
export async function recordReview(client: PoolClient, productId: string, userId: string, review: NewReview): Promise<Review> {
  checkReviewable(await findProduct(client, productId, { lock: true }), productId);
  const id = await insertReview(client, productId, userId, review);
  await addRating(client, productId, review.rating);
  return (await findReview(client, id))!;
}

export async function addReview(pool: Pool, productId: string, userId: string, review: NewReview): Promise<Review> {
  return withTransaction(pool, (client) => recordReview(client, productId, userId, review));
}
