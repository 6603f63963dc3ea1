import { Publisher } from '@bazaar/platform';
import { applyStockChanged } from './availability/availability.handlers.js';

/** What catalog announces. These shapes are meant to move into `@bazaar/contracts` as versioned schemas. */
export interface ProductCreated {
  productId: string;
  sku: string;
  name: string;
  priceMinor: number;
  currency: string;
  categoryId: string;
  createdAt: string;
}

export interface ProductUpdated {
  productId: string;
  sku: string;
  name: string;
  priceMinor: number;
  currency: string;
  updatedAt: string;
  /** The product's version after this change: a consumer keeps the highest it has seen. */
  version: number;
}

export interface ProductDiscontinued {
  productId: string;
  sku: string;
  discontinuedAt: string;
}

export interface CatalogEvents {
  'product.created': ProductCreated;
  'product.updated': ProductUpdated;
  'product.discontinued': ProductDiscontinued;
}

export type CatalogEventType = keyof CatalogEvents;

/**
 * Where catalog's events go, inside the transaction that made the change: bound to its transactional
 * outbox at start-up (main.ts), to an outbox of their own by tests and the demo seed. Unbound, it
 * refuses rather than lose a message.
 */
export const publisher = new Publisher<CatalogEventType>('catalog');
export const publish = publisher.publish;

/**
 * The events catalog consumes, by type, for the message consumer to dispatch to. Each handler runs
 * inside the consumer's transaction (with its inbox record) and is given that transaction's client.
 */
export const eventHandlers = {
  'stock.changed': applyStockChanged,
} as const;
