import { Type } from 'typebox';

// The reviews routes' schemas, bounded everywhere (strings, integers, arrays), so the published API
// document states every limit a request or an answer keeps to.

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
// Handlers return Date objects; the response serialiser writes them as ISO 8601 strings.
const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time', maxLength: 30 });

/** As `displayNameOf` builds it: a first name of at most 100 characters and an initial. */
export const DISPLAY_NAME_MAX = 120;
export const COMMENT_MAX = 2000;
const PAGE_MAX = 100;
/** What `encodeCursor` makes: base64url, bounded. */
const CURSOR = { minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9_-]+$' };

export const ProductParams = Type.Object({ id: Uuid });

export const ListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: PAGE_MAX, format: 'int32', default: 20, description: 'page size, 1 to 100' }),
  cursor: Type.Optional(Type.String({ ...CURSOR, description: 'the nextCursor of the previous page of the same product\'s reviews; any other value is a 400 naming cursor' })),
});

export const Rating = Type.Integer({ minimum: 1, maximum: 5, format: 'int32' });

export const NewReviewBody = Type.Object({
  rating: Rating,
  comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX })),
}, { additionalProperties: false });

/** A review as anyone sees it: the author by display name only, never by user id. */
export const ReviewSchema = Type.Object({
  id: Uuid,
  productId: Uuid,
  reviewer: Type.Object({
    displayName: Type.String({ minLength: 1, maxLength: DISPLAY_NAME_MAX, description: 'first name and last initial ("Ana P."), or "Bazaar customer"' }),
  }, { additionalProperties: false }),
  rating: Rating,
  comment: Type.String({ maxLength: COMMENT_MAX }),
  createdAt: Timestamp,
  verifiedPurchase: Type.Boolean({ description: 'the author has a confirmed, not cancelled, order of this product' }),
}, { additionalProperties: false });

export const ReviewPage = Type.Object({
  items: Type.Array(ReviewSchema, { maxItems: PAGE_MAX }),
  nextCursor: Type.Union([Type.String(CURSOR), Type.Null()]),
}, { additionalProperties: false });
