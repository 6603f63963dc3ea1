import { Type, type Static } from 'typebox';
import type { MessageRegistry } from '../registry.js';
import { AmountMinor, Currency, Sku, Timestamp, Uuid, Version } from '../common.js';

/** A product was added to the catalog; inventory opens a stock item for its SKU. */
export const ProductCreatedV1 = Type.Object({
  productId: Uuid,
  sku: Sku,
  name: Type.String({ minLength: 1 }),
  priceMinor: AmountMinor,
  currency: Currency,
  categoryId: Uuid,
  createdAt: Timestamp,
});

/** A product's name or price changed; `version` orders concurrent updates. */
export const ProductUpdatedV1 = Type.Object({
  productId: Uuid,
  sku: Sku,
  name: Type.String({ minLength: 1 }),
  priceMinor: AmountMinor,
  currency: Currency,
  updatedAt: Timestamp,
  version: Version,
});

/** A product left the listings; orders that refer to it still read it by id. */
export const ProductDiscontinuedV1 = Type.Object({ productId: Uuid, sku: Sku, discontinuedAt: Timestamp });

export type ProductCreatedPayload = Static<typeof ProductCreatedV1>;
export type ProductUpdatedPayload = Static<typeof ProductUpdatedV1>;
export type ProductDiscontinuedPayload = Static<typeof ProductDiscontinuedV1>;

export const catalogEvents = {
  'product.created': { 1: ProductCreatedV1 },
  'product.updated': { 1: ProductUpdatedV1 },
  'product.discontinued': { 1: ProductDiscontinuedV1 },
} as const satisfies MessageRegistry;
