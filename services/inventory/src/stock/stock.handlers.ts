// What inventory does with the messages it consumes: product.created, the saga's commands, and the
// delivery events (delivery.handlers.ts). The consumer has checked each payload against its contract
// before the handler runs; each handler runs a use case on the caller's transaction.
import type { CommitPayload, ProductCreatedPayload, ReleasePayload, ReservePayload } from '@bazaar/contracts';
import type { Logger, PoolClient } from '@bazaar/platform';
import type { StockDeps } from './stock.ledger.js';
import { ensureStockItem } from './stock.service.js';
import { commit, release, reserve } from './reservation.service.js';
import { createDeliveryHandlers } from './delivery.handlers.js';

export interface StockHandlerDeps extends StockDeps {
  logger?: Pick<Logger, 'warn' | 'info'>;
}

export function createStockHandlers(deps: StockHandlerDeps) {
  const onProductCreated = async (client: PoolClient, { productId, sku }: ProductCreatedPayload): Promise<void> => {
    const outcome = await ensureStockItem(client, deps, sku, productId);
    if (outcome.kind === 'sku_taken') {
      deps.logger?.warn({ sku, productId, owner: outcome.item.productId }, 'product.created names a SKU that belongs to another product; ignored');
    }
  };

  const onReserve = async (client: PoolClient, command: ReservePayload): Promise<void> => {
    await reserve(client, deps, command);
  };

  const onRelease = async (client: PoolClient, command: ReleasePayload): Promise<void> => {
    const outcome = await release(client, deps, command);
    if (outcome.kind === 'failed') deps.logger?.warn(outcome, 'release refused: the reservation was already committed');
  };

  const onCommit = async (client: PoolClient, command: CommitPayload): Promise<void> => {
    const outcome = await commit(client, deps, command);
    if (outcome.kind === 'failed') deps.logger?.warn(outcome, `commit refused: ${outcome.reason}`);
  };

  return {
    eventHandlers: { 'product.created': onProductCreated, ...createDeliveryHandlers(deps) },
    commandHandlers: { 'inventory.reserve': onReserve, 'inventory.release': onRelease, 'inventory.commit': onCommit },
  };
}
