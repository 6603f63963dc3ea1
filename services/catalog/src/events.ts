// What catalog sends and consumes, typed by the contracts.
import type { Messages } from '@bazaar/contracts';
import type { Publish, Sends } from '@bazaar/platform';
import { applyStockChanged } from './availability/availability.handlers.js';

/**
 * How catalog announces a product change: `publish(client, 'product.created', payload)` with the
 * client of the transaction that made the change, so the message is recorded if and only if the
 * change is. Only catalog's own events compile, each with its contract's payload. main.ts gives the
 * outbox's.
 */
export type CatalogPublish = Publish<Sends<Messages, 'product.created' | 'product.updated' | 'product.discontinued'>>;

/**
 * The events catalog consumes, by type, each handler taking the payload its contract defines (the
 * consumer has checked it before the handler runs). Each runs inside the consumer's transaction
 * (with its inbox record) and is given that transaction's client.
 */
export const eventHandlers = {
  'stock.changed': applyStockChanged,
} as const;
