// Inventory's messaging seam. Every change publishes through `publish`, with the client of the
// transaction that made the change, so the message is recorded if and only if the change is.
import type { Logger, PoolClient } from '@bazaar/platform';
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
export type PublishSink = (client: PoolClient, type: EventType, payload: object) => Promise<void> | void;

let sink: PublishSink | undefined;

/**
 * Announces an event inside the caller's transaction. For now a no-op: it is replaced by the outbox
 * wiring, which writes the message to the outbox table with this same client. Until then only a
 * sink installed with {@link setPublishSink} (tests) sees the calls.
 */
export async function publish(client: PoolClient, type: EventType, payload: object): Promise<void> {
  if (sink) await sink(client, type, payload);
}

/** Installs (or, with undefined, removes) the recorder `publish` hands every event to. */
export function setPublishSink(next: PublishSink | undefined): void {
  sink = next;
}

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
