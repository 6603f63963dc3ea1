import type { PoolClient } from '@bazaar/platform';
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
 * Records an event inside the transaction that made the change it announces.
 *
 * For now this does nothing: it is the seam for the transactional outbox. Once the platform's outbox
 * lands, this body is replaced by the outbox wiring, an insert of the event into catalog's `outbox`
 * table through `client`, so the event is committed exactly when the change is and the relay publishes
 * it to `bazaar.events` with `type` as the routing key. Every caller (the API and the demo seed)
 * already passes the transaction's client, so no caller has to change.
 */
export async function publish<T extends CatalogEventType>(_client: PoolClient, _type: T, _payload: CatalogEvents[T]): Promise<void> {
  // Intentionally empty until the outbox wiring replaces it (see above).
}

/**
 * The events catalog consumes, by type, for the message consumer to dispatch to. Each handler runs
 * inside the consumer's transaction (with its inbox record) and is given that transaction's client.
 */
export const eventHandlers = {
  'stock.changed': applyStockChanged,
} as const;
