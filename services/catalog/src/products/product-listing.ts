import { type Cursor, type CursorKey, isDecimal, isFiniteNumber, isIsoTimestamp, isSafeInteger } from '../pagination.js';

export const SORTS = ['newest', 'price_asc', 'price_desc', 'rating', 'relevance'] as const;
export type SortName = (typeof SORTS)[number];

/** How products are listed: every filter narrows; the sort orders; `after` is the keyset position. */
export interface ListingQuery {
  sort: SortName;
  limit: number;
  after?: Cursor;
  /** A category and all its descendants. */
  categoryIds?: string[];
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  q?: string;
}

export interface ListingItem {
  id: string;
  sku: string;
  name: string;
  priceMinor: number;
  currency: string;
  categoryId: string;
  ratingAverage: number | null;
  reviewCount: number;
  createdAt: Date;
  /** The first image, for a thumbnail. */
  imageUrl: string | null;
  /** From inventory's last stock.changed; null while none has arrived. */
  available: number | null;
  inStock: boolean | null;
}

/** The type of each sort's key in a cursor: what `decodeCursor` accepts for it. */
export const sortKeyCheck: Record<SortName, (key: unknown) => key is CursorKey> = {
  newest: isIsoTimestamp,
  price_asc: isSafeInteger,
  price_desc: isSafeInteger,
  rating: isDecimal,
  relevance: isFiniteNumber,
};

/**
 * The sort to use: the one asked for, else by relevance when searching and newest first otherwise.
 * A search may be given any sort, which then orders the matches (the search only filters). Without
 * a search every rank is equal, so relevance is newest first, as the listing's description says.
 */
export function resolveSort(sort: SortName | undefined, q: string | undefined): SortName {
  if (!q) return sort === undefined || sort === 'relevance' ? 'newest' : sort;
  return sort ?? 'relevance';
}
