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

/**
 * A product's name or price changed; `version` orders concurrent updates. Superseded by
 * {@link ProductUpdatedV2}: still written while a consumer's pact of record asks for it
 * (`npm run pact -- retire product.updated@1` says when none does).
 */
export const ProductUpdatedV1 = Type.Object({
  productId: Uuid,
  sku: Sku,
  name: Type.String({ minLength: 1 }),
  priceMinor: AmountMinor,
  currency: Currency,
  updatedAt: Timestamp,
  version: Version,
});

/** A price: an amount in minor units and the currency it is in, one value that travels whole. */
export const Money = Type.Object({ amountMinor: AmountMinor, currency: Currency });

/**
 * A product changed (name, price or category); `version` orders concurrent updates.
 *
 * Why a version 2 rather than fields added to version 1, which would not break anyone:
 * - The price is one value, `price: { amountMinor, currency }`. Version 1 sends `priceMinor` and
 *   `currency` as two fields, and a consumer that copies one without the other (a price list that
 *   keeps `priceMinor`, assuming the shop's currency) turns 49.00 EUR into 49.00 USD without a word
 *   when catalog changes a product's currency. Whoever reads the amount now holds the currency too.
 * - `categoryId` is carried, so copies follow a product moved to another category (with version 1,
 *   analytics kept the category of product.created forever).
 * Renaming and moving fields breaks every reader of version 1, hence a new version: catalog writes
 * both while any consumer's pact asks for version 1, each on its own routing key.
 */
export const ProductUpdatedV2 = Type.Object({
  productId: Uuid,
  sku: Sku,
  name: Type.String({ minLength: 1 }),
  price: Money,
  categoryId: Uuid,
  updatedAt: Timestamp,
  version: Version,
});

/** A product left the listings; orders that refer to it still read it by id. */
export const ProductDiscontinuedV1 = Type.Object({ productId: Uuid, sku: Sku, discontinuedAt: Timestamp });

export type ProductCreatedPayload = Static<typeof ProductCreatedV1>;
/** product.updated in either live version; see {@link ProductUpdatedV2} for why there are two. */
export type ProductUpdatedPayload = ProductUpdatedV1Payload | ProductUpdatedV2Payload;
export type ProductUpdatedV1Payload = Static<typeof ProductUpdatedV1>;
export type ProductUpdatedV2Payload = Static<typeof ProductUpdatedV2>;
export type ProductDiscontinuedPayload = Static<typeof ProductDiscontinuedV1>;

export const catalogEvents = {
  'product.created': { 1: ProductCreatedV1 },
  'product.updated': { 1: ProductUpdatedV1, 2: ProductUpdatedV2 },
  'product.discontinued': { 1: ProductDiscontinuedV1 },
} as const satisfies MessageRegistry;
