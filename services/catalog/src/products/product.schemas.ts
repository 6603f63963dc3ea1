import { Type } from 'typebox';
import { CursorSchema, LimitSchema } from '../pagination.js';
import { Timestamp, Uuid } from '../schemas.js';
import { SORTS } from './product-listing.js';
import { CURRENCY_PATTERN, SKU_PATTERN } from './product.js';

const PriceMinor = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'price in minor units (cents)' });
const Currency = Type.String({ pattern: CURRENCY_PATTERN, description: 'ISO 4217 code in capitals, e.g. EUR' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.String({ maxLength: 5000 });
const ImageInput = Type.Object({
  url: Type.String({ minLength: 1, maxLength: 2000 }),
  alt: Type.Optional(Type.String({ maxLength: 300 })),
}, { additionalProperties: false });
const Images = Type.Array(ImageInput, { maxItems: 20, description: 'in display order' });

export const NewProductBody = Type.Object({
  sku: Type.String({ pattern: SKU_PATTERN, minLength: 3, maxLength: 40, description: 'capitals, digits and hyphens, e.g. BZR-0001' }),
  name: Name,
  description: Type.Optional(Description),
  priceMinor: PriceMinor,
  currency: Currency,
  categoryId: Uuid,
  images: Type.Optional(Images),
}, { additionalProperties: false });

export const ProductChangesBody = Type.Object({
  name: Type.Optional(Name),
  description: Type.Optional(Description),
  priceMinor: Type.Optional(PriceMinor),
  currency: Type.Optional(Currency),
  categoryId: Type.Optional(Uuid),
  images: Type.Optional(Images),
}, { additionalProperties: false, minProperties: 1 });

const Availability = {
  available: Type.Union([Type.Integer(), Type.Null()], { description: "inventory's last figure; null until one arrives" }),
  inStock: Type.Union([Type.Boolean(), Type.Null()]),
};

const Common = {
  id: Uuid,
  sku: Type.String(),
  name: Type.String(),
  priceMinor: Type.Integer(),
  currency: Type.String(),
  categoryId: Uuid,
  ratingAverage: Type.Union([Type.Number(), Type.Null()]),
  reviewCount: Type.Integer(),
  createdAt: Timestamp,
  ...Availability,
};

export const ProductSchema = Type.Object({
  ...Common,
  description: Type.String(),
  status: Type.Enum(['active', 'discontinued']),
  version: Type.Integer(),
  updatedAt: Timestamp,
  discontinuedAt: Type.Union([Timestamp, Type.Null()]),
  images: Type.Array(Type.Object({ url: Type.String(), alt: Type.String(), displayOrder: Type.Integer() })),
});

export const ListingQuerySchema = Type.Object({
  limit: LimitSchema,
  cursor: Type.Optional(CursorSchema),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'slug or id; includes its descendants' })),
  minPrice: Type.Optional(PriceMinor),
  maxPrice: Type.Optional(PriceMinor),
  inStock: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'words to search for in names and descriptions' })),
  sort: Type.Optional(Type.Enum([...SORTS], { description: 'default: relevance when q is given, else newest' })),
});

export const ListingPage = Type.Object({
  items: Type.Array(Type.Object({ ...Common, imageUrl: Type.Union([Type.String(), Type.Null()]) })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
