// What inventory does with the messages it consumes: product.created and product.updated, the saga's commands, and the
// delivery events (delivery.handlers.ts). The consumer has checked each payload against its contract
// before the handler runs; each handler runs a use case on the caller's transaction.
import type { CommitPayload, ProductCreatedPayload, ProductUpdatedPayload, ReleasePayload, ReservePayload } from '@bazaar/contracts';
import type { Logger, PoolClient } from '@bazaar/platform';
import type { StockDeps } from './stock.ledger.js';
import { ensureStockItem } from './stock.service.js';
import { commit, release, reserve } from './reservation.service.js';
import { createDeliveryHandlers } from './delivery.handlers.js';
import { copyProductName } from './product-copy.store.js';

export interface StockHandlerDeps extends StockDeps {
  logger?: Pick<Logger, 'warn' | 'info'>;
}

export function createStockHandlers(deps: StockHandlerDeps) {
  // Both open the product's stock item if it has none yet (an update may be delivered before the
  // creation), then copy the name at the event's version: product.created is the product's version 1.
  const onProduct = (type: string) => async (client: PoolClient, { productId, sku, name }: ProductCreatedPayload | ProductUpdatedPayload, version: number): Promise<void> => {
    const outcome = await ensureStockItem(client, deps, sku, productId);
    if (outcome.kind === 'sku_taken') {
      deps.logger?.warn({ sku, productId, owner: outcome.item.productId }, `${type} names a SKU that belongs to another product; ignored`);
      return;
    }
    await copyProductName(client, { sku, productId, name, version });
  };
  const onProductCreated = async (client: PoolClient, payload: ProductCreatedPayload): Promise<void> => onProduct('product.created')(client, payload, 1);
  const onProductUpdated = async (client: PoolClient, payload: ProductUpdatedPayload): Promise<void> => onProduct('product.updated')(client, payload, payload.version);

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
    eventHandlers: { 'product.created': onProductCreated, 'product.updated': onProductUpdated, ...createDeliveryHandlers(deps) },
    commandHandlers: { 'inventory.reserve': onReserve, 'inventory.release': onRelease, 'inventory.commit': onCommit },
  };
}
