// What catalog sends and consumes, typed by the contracts.
import type { Messages } from '@bazaar/contracts';
import type { Publish, Sends } from '@bazaar/platform';
import { applyStockChanged } from './availability/availability.handlers.js';
import { createErasureHandler } from './reviews/erasure.handlers.js';
import {
  applyOrderCancelled, applyOrderConfirmed, applyOrderPlaced, applyOrderRejected, applyUserRegistered, applyUserUpdated,
} from './reviews/review.handlers.js';

/**
 * How catalog announces a product change: `publish(client, 'product.created', payload)` with the
 * client of the transaction that made the change, so the message is recorded if and only if the
 * change is. Only catalog's own events compile, each with its contract's payload. main.ts gives the
 * outbox's.
 */
export type CatalogPublish = Publish<Sends<Messages, 'product.created' | 'product.updated' | 'product.discontinued' | 'user.erased'>>;

/**
 * The events catalog consumes, by type, each handler taking the payload its contract defines (the
 * consumer has checked it before the handler runs). Each runs inside the consumer's transaction
 * (with its inbox record) and is given that transaction's client. The consumer binds catalog's
 * events queue to exactly these types.
 */
export const eventHandlers = {
  // inventory's stock: each product's availability.
  'stock.changed': applyStockChanged,
  // identity's users: the display names reviews show.
  'user.registered': applyUserRegistered,
  'user.updated': applyUserUpdated,
  // orders' orders: which reviews are of a verified purchase.
  'order.placed': applyOrderPlaced,
  'order.confirmed': applyOrderConfirmed,
  'order.cancelled': applyOrderCancelled,
  'order.rejected': applyOrderRejected,
} as const;

/** Every handler main.ts registers: the above, and user.deleted, which confirms through `publish`. */
export const createEventHandlers = (publish: CatalogPublish) => ({
  ...eventHandlers,
  // identity's deleted users: their reviews shown as by a former customer.
  'user.deleted': createErasureHandler(publish),
});
