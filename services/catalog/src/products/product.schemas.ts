import { Type } from 'typebox';
import { AmountMinor } from '@bazaar/contracts';
import { CURSOR_PATTERN, CursorSchema, LimitSchema } from '../pagination.js';
import { Int32, Timestamp, Uuid } from '../schemas.js';
import { SLUG_PATTERN } from '../categories/category.js';
import { LSN_PATTERN } from '../reads.js';
import { SORTS } from './product-listing.js';
import { CURRENCY_PATTERN, ISO_CURRENCIES, SKU_PATTERN } from './product.js';

// A price is at most what the product events may carry (a larger one could never be announced).
const PRICE_MAX = (AmountMinor as unknown as { maximum: number }).maximum;
const PriceMinor = (description = 'price in minor units (cents)', maximum = PRICE_MAX) =>
  Type.Integer({ format: 'int64', minimum: 0, maximum, description });
// The price filters keep the bound they were published with; above any price, they match nothing or everything.
const PRICE_FILTER_MAX = 1_000_000_000_000;
const Currency = Type.String({ pattern: CURRENCY_PATTERN, maxLength: 3, description: 'ISO 4217 code in capitals, e.g. EUR' });
// What a product may be given: only the codes ISO 4217 assigns (EUR, not ABC).
const CurrencyInput = Type.Enum([...ISO_CURRENCIES], { description: 'an ISO 4217 code in capitals, e.g. EUR' });
const Sku = Type.String({ pattern: SKU_PATTERN, minLength: 3, maxLength: 40, description: 'capitals, digits and hyphens, e.g. BZR-0001' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.String({ maxLength: 5000 });
const ImageUrl = Type.String({ minLength: 1, maxLength: 2000 });
const ImageInput = Type.Object({
  url: ImageUrl,
  alt: Type.Optional(Type.String({ maxLength: 300 })),
}, { additionalProperties: false });
const MAX_IMAGES = 20;
const Images = Type.Array(ImageInput, { maxItems: MAX_IMAGES, description: 'in display order' });

export const NewProductBody = Type.Object({
  sku: Sku,
  name: Name,
  description: Type.Optional(Description),
  priceMinor: PriceMinor(),
  currency: CurrencyInput,
  categoryId: Uuid,
  images: Type.Optional(Images),
}, { additionalProperties: false });

export const ProductChangesBody = Type.Object({
  name: Type.Optional(Name),
  description: Type.Optional(Description),
  priceMinor: Type.Optional(PriceMinor()),
  currency: Type.Optional(CurrencyInput),
  categoryId: Type.Optional(Uuid),
  images: Type.Optional(Images),
}, { additionalProperties: false, minProperties: 1 });

const Availability = {
  available: Type.Union([Type.Integer({ format: 'int32', minimum: -2_147_483_648, maximum: 2_147_483_647 }), Type.Null()], {
    description: "inventory's last figure; null until one arrives",
  }),
  inStock: Type.Union([Type.Boolean(), Type.Null()]),
};

const Common = {
  id: Uuid,
  sku: Sku,
  name: Type.String({ maxLength: 200 }),
  priceMinor: PriceMinor(),
  currency: Currency,
  categoryId: Uuid,
  ratingAverage: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], { description: 'mean rating to two decimals; null while there are no reviews' }),
  reviewCount: Int32(),
  createdAt: Timestamp,
  ...Availability,
};

export const ProductSchema = Type.Object({
  ...Common,
  description: Type.String({ maxLength: 5000 }),
  status: Type.Enum(['active', 'discontinued']),
  version: Int32({ minimum: 1 }),
  updatedAt: Timestamp,
  discontinuedAt: Type.Union([Timestamp, Type.Null()]),
  images: Type.Array(Type.Object({ url: ImageUrl, alt: Type.String({ maxLength: 300 }), displayOrder: Int32() }), { maxItems: MAX_IMAGES }),
});

// A well-formed slug, or an id in any case (categoryRefOf reads a uuid as an id, anything else as a slug).
const CATEGORY_REF_PATTERN = `^(?:${SLUG_PATTERN.slice(1, -1)}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$`;

/**
 * Every rule GET /products applies is stated here. Beyond the schema, a request is refused only for a
 * cursor that is not the nextCursor of this sort's listing, and for a category that names none.
 */
export const ListingQuerySchema = Type.Object({
  limit: LimitSchema,
  cursor: Type.Optional(CursorSchema),
  category: Type.Optional(Type.String({
    minLength: 1, maxLength: 80, pattern: CATEGORY_REF_PATTERN,
    description: 'slug or id; includes its descendants. One that names no category is a 400 naming category',
  })),
  minPrice: Type.Optional(PriceMinor('lowest price in minor units; above maxPrice, nothing matches', PRICE_FILTER_MAX)),
  maxPrice: Type.Optional(PriceMinor('highest price in minor units', PRICE_FILTER_MAX)),
  inStock: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'words to search for in names and descriptions' })),
  sort: Type.Optional(Type.Enum([...SORTS], { description: 'default: relevance when q is given, else newest. Relevance without q orders as newest' })),
});

export const ListingPage = Type.Object({
  items: Type.Array(Type.Object({ ...Common, imageUrl: Type.Union([ImageUrl, Type.Null()]) }), { maxItems: 100 }),
  nextCursor: Type.Union([Type.String({ maxLength: 512, pattern: CURSOR_PATTERN }), Type.Null()]),
});

/** What a read may carry: the position of the reader's last write, to be served no older than it. */
export const ReadHeaders = Type.Object({
  'x-catalog-lsn': Type.Optional(Type.String({
    pattern: LSN_PATTERN, maxLength: 17,
    description: 'the x-catalog-lsn of the reader\'s last write (a PostgreSQL LSN, 16/B374D848): the answer then includes that write',
  })),
  'cache-control': Type.Optional(Type.String({
    pattern: '^[\\x20-\\x7E]*$', maxLength: 200,
    description: 'no-cache: the answer comes from the primary database, never from a read replica that may be a moment behind (a price read at checkout)',
  })),
});

/** Whether a read asks for the primary (`Cache-Control: no-cache`). */
export const asksFresh = (cacheControl: string | undefined): boolean => cacheControl !== undefined && /(^|[\s,])no-cache([\s,=]|$)/i.test(cacheControl);
