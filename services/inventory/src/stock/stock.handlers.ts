// What inventory does with the messages it consumes: product.created, and the saga's commands.
// Each handler checks its payload, then runs a use case on the caller's transaction.
import type { TSchema, Static } from 'typebox';
import Value from 'typebox/value';
import { AppError, type Logger, type PoolClient } from '@bazaar/platform';
import type { StockDeps } from './stock.ledger.js';
import { ensureStockItem } from './stock.service.js';
import { commit, release, reserve } from './reservation.service.js';
import { CommitPayload, ProductCreatedPayload, ReleasePayload, ReservePayload } from './stock.schemas.js';

/** Runs inside the transaction that also records the message in the inbox. */
export type MessageHandler = (client: PoolClient, payload: unknown) => Promise<void>;

export interface StockHandlerDeps extends StockDeps {
  logger?: Pick<Logger, 'warn' | 'info'>;
}

/** The payload, if it satisfies the schema; otherwise a 400-class error no redelivery can fix. */
export function parsePayload<S extends TSchema>(schema: S, type: string, payload: unknown): Static<S> {
  if (Value.Check(schema, payload)) return payload as Static<S>;
  const errors = [...Value.Errors(schema, payload)].map((e) => ({
    field: `payload${e.instancePath.replace(/\//g, '.')}`,
    message: e.message,
  }));
  throw AppError.invalid(`${type}: invalid payload: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors);
}

export function createStockHandlers(deps: StockHandlerDeps) {
  const onProductCreated: MessageHandler = async (client, payload) => {
    const { productId, sku } = parsePayload(ProductCreatedPayload, 'product.created', payload);
    const outcome = await ensureStockItem(client, deps, sku, productId);
    if (outcome.kind === 'sku_taken') {
      deps.logger?.warn({ sku, productId, owner: outcome.item.productId }, 'product.created names a SKU that belongs to another product; ignored');
    }
  };

  const onReserve: MessageHandler = async (client, payload) => {
    await reserve(client, deps, parsePayload(ReservePayload, 'inventory.reserve', payload));
  };

  const onRelease: MessageHandler = async (client, payload) => {
    const outcome = await release(client, deps, parsePayload(ReleasePayload, 'inventory.release', payload));
    if (outcome.kind === 'failed') deps.logger?.warn(outcome, 'release refused: the reservation was already committed');
  };

  const onCommit: MessageHandler = async (client, payload) => {
    const outcome = await commit(client, deps, parsePayload(CommitPayload, 'inventory.commit', payload));
    if (outcome.kind === 'failed') deps.logger?.warn(outcome, `commit refused: ${outcome.reason}`);
  };

  return {
    eventHandlers: { 'product.created': onProductCreated },
    commandHandlers: { 'inventory.reserve': onReserve, 'inventory.release': onRelease, 'inventory.commit': onCommit },
  };
}
