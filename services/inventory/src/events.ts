// What inventory sends and how its consumed messages reach the stock code, typed by the contracts.
import type { Messages } from '@bazaar/contracts';
import type { Logger, Publish, Sends } from '@bazaar/platform';
import type { StockSettings } from './stock/stock.js';
import { createStockHandlers } from './stock/stock.handlers.js';

/**
 * How inventory announces a change: `publish(client, 'stock.changed', payload)` with the client of the
 * transaction that made the change, so the message is recorded if and only if the change is. Only
 * inventory's own events compile, each with its contract's payload. main.ts gives the outbox's.
 */
export type InventoryPublish = Publish<
  Sends<Messages, 'stock.changed' | 'stock.low' | 'stock.reserved' | 'stock.reservation-rejected' | 'stock.released' | 'stock.committed'>
>;

export interface MessageHandlerDeps {
  settings: StockSettings;
  publish: InventoryPublish;
  now?: () => Date;
  /** Where refused commits and releases are reported. */
  logger?: Pick<Logger, 'warn' | 'info'>;
}

/**
 * What inventory consumes, by message type, each handler taking the payload its contract defines
 * (the consumer has checked it before the handler runs). Each runs inside the caller's transaction
 * (the inbox's, which also records the message id) and publishes its replies through `publish`.
 * Expected outcomes (out of stock, commit of a released reservation) are typed results, not
 * exceptions: the handler resolves, having answered with an event or logged the refusal.
 */
export function createMessageHandlers(deps: MessageHandlerDeps): ReturnType<typeof createStockHandlers> {
  return createStockHandlers({
    settings: deps.settings,
    now: deps.now ?? (() => new Date()),
    publish: deps.publish,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
