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

/**
 * identity takes first names of up to 100 characters; with an initial of at most 10 code points a
 * display name stays within the 120 that the API document and the table's check allow (a longer
 * one would fail the event's handler on every retry).
 */
const MAX_FIRST_NAME = 100;
const MAX_INITIAL = 10;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The leading whole characters (graphemes) of `text` that fit in `max` code points. */
function clip(text: string, max: number): string {
  let clipped = '';
  let length = 0;
  for (const { segment } of segmenter.segment(text)) {
    length += Array.from(segment).length;
    if (length > max) break;
    clipped += segment;
  }
  return clipped;
}

const firstCharacter = (text: string): string => segmenter.segment(text)[Symbol.iterator]().next().value?.segment ?? '';

/** Control characters (NUL among them, which PostgreSQL's text refuses) are no part of a name. */
const printable = (text: string) => text.replace(/\p{Cc}/gu, '').trim();

/**
 * How a review names its author: the first name and the initial of the last name ("Ana P."), enough
 * to tell reviewers apart without publishing anyone's full name. Names are cut at whole characters
 * as a reader sees them, so an accented letter made of two code points stays whole. Null when
 * neither name has anything in it.
 */
export function displayNameOf(firstName: string, lastName: string): string | null {
  const first = clip(printable(firstName), MAX_FIRST_NAME).trim();
  const initial = clip(firstCharacter(printable(lastName)), MAX_INITIAL);
  const name = [first, initial && `${initial}.`].filter(Boolean).join(' ');
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
