// Inventory's messaging seam. Every change publishes through `publish`, with the client of the
// transaction that made the change, so the message is recorded if and only if the change is.
import { Publisher, type Logger, type PoolClient } from '@bazaar/platform';
import type { StockSettings } from './stock/stock.js';
import { createStockHandlers, type MessageHandler } from './stock/stock.handlers.js';

export type EventType =
  | 'stock.changed'
  | 'stock.low'
  | 'stock.reserved'
  | 'stock.reservation-rejected'
  | 'stock.released'
  | 'stock.committed';

export type Publish = (client: PoolClient, type: EventType, payload: object) => Promise<void>;
/**
 * Where inventory's events go, inside the transaction that made the change: bound to its transactional
 * outbox at start-up (main.ts), to an outbox of their own by tests and the demo seed. Unbound, it
 * refuses rather than lose a message.
 */
export const publisher = new Publisher<EventType>('inventory');
export const publish = publisher.publish;

export interface MessageHandlerDeps {
  settings: StockSettings;
  now?: () => Date;
  /** Where refused commits and releases are reported. */
  logger?: Pick<Logger, 'warn' | 'info'>;
}

/**
 * What inventory consumes, by message type. Each handler runs inside the caller's transaction (the
 * inbox's, which also records the message id) and publishes its replies through `publish`. Expected
 * outcomes (out of stock, commit of a released reservation) are typed results, not exceptions: the
 * handler resolves, having answered with an event or logged the refusal. A payload that breaks the
 * contract throws an `invalid_data` AppError, which no redelivery can fix.
 */
export function createMessageHandlers(deps: MessageHandlerDeps): {
  eventHandlers: { 'product.created': MessageHandler };
  commandHandlers: { 'inventory.reserve': MessageHandler; 'inventory.release': MessageHandler; 'inventory.commit': MessageHandler };
} {
  return createStockHandlers({
    settings: deps.settings,
    now: deps.now ?? (() => new Date()),
    publish,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
