import { AppError } from '@bazaar/platform';
import { UUID } from '../pagination.js';
import type { Product } from '../products/product.js';

/** A review as readers see it: the author by display name, never by identity's user id. */
export interface Review {
  id: string;
  productId: string;
  reviewer: { displayName: string };
  rating: number;
  comment: string;
  createdAt: Date;
  /** The author has a confirmed, not cancelled, order of the product (as catalog's copy knows now). */
  verifiedPurchase: boolean;
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

/** What a review shows for an author catalog has no name of (not announced yet, or none given). */
export const FALLBACK_DISPLAY_NAME = 'Bazaar customer';

/** identity takes first names of up to 100 characters; a display name stays within 120. */
const MAX_FIRST_NAME = 100;

const graphemes = (text: string): string[] => Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);

/**
 * How a review names its author: the first name and the initial of the last name ("Ana P."), enough
 * to tell reviewers apart without publishing anyone's full name. The initial is a whole character
 * as a reader sees it (an accented letter made of two code points stays whole). Null when neither
 * name has anything in it.
 */
export function displayNameOf(firstName: string, lastName: string): string | null {
  const first = Array.from(firstName.trim()).slice(0, MAX_FIRST_NAME).join('').trim();
  const initial = graphemes(lastName.trim())[0];
  const name = [first, initial ? `${initial}.` : ''].filter(Boolean).join(' ');
  return name === '' ? null : name;
}

/**
 * Where an order stands for reviews: `pending` once placed, `verified` once confirmed, `void` once
 * cancelled or rejected (no purchase). Orders move only forward through these, so a copy keeps the
 * furthest stage it has seen, whatever order the events arrive in.
 */
export type PurchaseStatus = 'pending' | 'verified' | 'void';

export const PURCHASE_STAGES: readonly PurchaseStatus[] = ['pending', 'verified', 'void'];

export type OrderEventType = 'order.placed' | 'order.confirmed' | 'order.cancelled' | 'order.rejected';

export const purchaseStatusAfter = (event: OrderEventType): PurchaseStatus =>
  event === 'order.placed' ? 'pending' : event === 'order.confirmed' ? 'verified' : 'void';
