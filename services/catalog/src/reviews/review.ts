import { AppError } from '@bazaar/platform';
import { UUID } from '../pagination.js';
import type { Product } from '../products/product.js';

export interface Review {
  id: string;
  productId: string;
  /** identity's id of the reviewer. */
  userId: string;
  rating: number;
  comment: string;
  createdAt: Date;
}

export interface NewReview {
  rating: number;
  comment?: string;
  /** Set by the demo seed; the API leaves it to the database. */
  createdAt?: Date;
}

/** Only products still on sale take reviews; an unknown one is a 404, a discontinued one a 409. */
export function checkReviewable(product: Product | undefined, id: string): asserts product is Product {
  if (!product) throw AppError.notFound(`product ${id}`);
  if (product.status === 'discontinued') {
    throw AppError.conflict(`product ${product.sku} is discontinued and no longer takes reviews`, { status: 'discontinued' });
  }
}

/** identity's user ids are UUIDs; a token naming anything else cannot be the author of a review. */
export function checkReviewer(userId: string): void {
  if (!UUID.test(userId)) throw AppError.forbidden('this account cannot write reviews');
}

export const alreadyReviewed = (): AppError =>
  new AppError('conflict', 'you have already reviewed this product', { errors: [{ field: 'productId', message: 'already reviewed by this user' }] });
