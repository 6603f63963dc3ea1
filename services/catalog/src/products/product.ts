import type { ProductCreatedPayload, ProductDiscontinuedPayload, ProductUpdatedV1Payload, ProductUpdatedV2Payload } from '@bazaar/contracts';
import { AppError } from '@bazaar/platform';

export type ProductStatus = 'active' | 'discontinued';

export interface ProductImage {
  url: string;
  /** Text for those who cannot see the image; empty when not given. */
  alt?: string;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  description: string;
  priceMinor: number;
  currency: string;
  categoryId: string;
  status: ProductStatus;
  version: number;
  /** Mean of the reviews' ratings to two decimals; null while there are none. */
  ratingAverage: number | null;
  reviewCount: number;
  createdAt: Date;
  updatedAt: Date;
  discontinuedAt: Date | null;
}

export interface NewProduct {
  sku: string;
  name: string;
  description?: string;
  priceMinor: number;
  currency: string;
  categoryId: string;
  images?: ProductImage[];
  /** Set by the demo seed, so its catalog is the same every run; the API leaves it to the database. */
  createdAt?: Date;
}

export interface ProductChanges {
  name?: string;
  description?: string;
  priceMinor?: number;
  currency?: string;
  categoryId?: string;
  /** Replaces the whole list, in the order given. */
  images?: ProductImage[];
}

export const SKU_PATTERN = '^[A-Z0-9]+(-[A-Z0-9]+)*$';
export const CURRENCY_PATTERN = '^[A-Z]{3}$';

/** The codes ISO 4217 assigns (EUR, not ABC), as the runtime's ICU data lists them. */
export const ISO_CURRENCIES: readonly string[] = Intl.supportedValuesOf('currency');
const isoCurrencies = new Set(ISO_CURRENCIES);

/** The HTTP schemas list {@link ISO_CURRENCIES}; products created otherwise (the seed) are checked here. */
export function checkCurrency(currency: string | undefined): void {
  if (currency !== undefined && !isoCurrencies.has(currency)) {
    throw AppError.invalid('body.currency is not an ISO 4217 currency code', [{ field: 'body.currency', message: 'is not an ISO 4217 currency code' }]);
  }
}

/** A discontinued product is kept for the orders that refer to it, but no longer changes. */
export function checkChangeable(product: Product): void {
  if (product.status === 'discontinued') {
    throw AppError.conflict(`product ${product.sku} is discontinued and can no longer be changed`, { status: 'discontinued' });
  }
}

export const productCreated = (p: Product): ProductCreatedPayload => ({
  productId: p.id,
  sku: p.sku,
  name: p.name,
  priceMinor: p.priceMinor,
  currency: p.currency,
  categoryId: p.categoryId,
  createdAt: p.createdAt.toISOString(),
});

/**
 * The versions of product.updated catalog writes, one message each for every change: the versions
 * its consumers' pacts of record ask for (`npm run pact -- versions catalog`; the provider test
 * fails when this list and the pacts differ). Version 1 goes once no pact asks for it.
 */
export const PRODUCT_UPDATED_VERSIONS = [1, 2] as const;

/** product.updated in each version catalog can write, from the product as changed. */
export const productUpdated = {
  1: (p: Product): ProductUpdatedV1Payload => ({
    productId: p.id,
    sku: p.sku,
    name: p.name,
    priceMinor: p.priceMinor,
    currency: p.currency,
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  }),
  2: (p: Product): ProductUpdatedV2Payload => ({
    productId: p.id,
    sku: p.sku,
    name: p.name,
    price: { amountMinor: p.priceMinor, currency: p.currency },
    categoryId: p.categoryId,
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  }),
} as const;

export const productDiscontinued = (p: Product & { discontinuedAt: Date }): ProductDiscontinuedPayload => ({
  productId: p.id,
  sku: p.sku,
  discontinuedAt: p.discontinuedAt.toISOString(),
});
