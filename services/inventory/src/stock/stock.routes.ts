import { AppError, withTransaction, type JwtVerifier, type Pool, type ServiceApp } from '@bazaar/platform';
import type { StockDeps } from './stock.ledger.js';
import type { Movement, StockItem } from './stock.js';
import { adjustStock, receiveStock, type AdjustOutcome, type ReceiveOutcome } from './stock.service.js';
import { findStockItem, listStockItems, recentMovements } from './stock.store.js';
import {
  AdjustBody, ListQuery, RECENT_MOVEMENTS, ReceiveBody, SkuParams, StockChangeResponse, StockDetailSchema, StockPageSchema,
} from './stock.schemas.js';

export interface StockRoutesDeps extends StockDeps {
  pool: Pool;
  verifier: Pick<JwtVerifier, 'preHandler'>;
}

const security = [{ bearer: ['admin'] }];
const tags = ['inventory'];

const itemView = (item: StockItem) => ({ ...item, updatedAt: item.updatedAt.toISOString(), archivedAt: item.archivedAt?.toISOString() ?? null });
const movementView = (m: Movement) => ({
  id: m.id, kind: m.kind, quantity: m.quantity, reservationId: m.reservationId, reason: m.reason, createdAt: m.createdAt.toISOString(),
});

/** The operators' view of stock: admin only, checked before the request is even validated. */
export function registerStockRoutes(app: ServiceApp, deps: StockRoutesDeps): void {
  const admin = deps.verifier.preHandler({ role: 'admin' });
  registerReads(app, deps, admin);
  registerWrites(app, deps, admin);
}

type Guard = ReturnType<JwtVerifier['preHandler']>;

function registerReads(app: ServiceApp, { pool }: StockRoutesDeps, admin: Guard): void {
  app.get('/inventory', {
    preValidation: admin,
    schema: { operationId: 'listStockItems', tags, security, summary: 'Stock items in SKU order, keyset-paginated (admin)', querystring: ListQuery, response: { 200: StockPageSchema } },
  }, async (request) => {
    const { lowStock, after, limit } = request.query;
    const page = await listStockItems(pool, { lowStock, limit, ...(after ? { after } : {}) });
    return { items: page.items.map(itemView), ...(page.next ? { next: page.next } : {}) };
  });

  app.get('/inventory/:sku', {
    preValidation: admin,
    schema: { operationId: 'getStockItem', tags, security, summary: 'A stock item and its recent movements (admin)', params: SkuParams, response: { 200: StockDetailSchema } },
  }, async (request) => {
    const { sku } = request.params;
    const item = await findStockItem(pool, sku);
    if (!item) throw AppError.notFound(`stock item ${sku}`);
    return { item: itemView(item), movements: (await recentMovements(pool, sku, RECENT_MOVEMENTS)).map(movementView) };
  });
}

function registerWrites(app: ServiceApp, deps: StockRoutesDeps, admin: Guard): void {
  const { pool } = deps;

  app.post('/inventory/:sku/receive', {
    preValidation: admin,
    schema: { operationId: 'receiveStock', tags, security, summary: 'Record goods received (admin)', params: SkuParams, body: ReceiveBody, response: { 200: StockChangeResponse } },
  }, async (request) => {
    const { sku } = request.params;
    const { quantity, reason } = request.body;
    const outcome = await withTransaction(pool, (client) => receiveStock(client, deps, sku, quantity, reason));
    return { item: itemView(itemOf(outcome, sku)) };
  });

  app.post('/inventory/:sku/adjust', {
    preValidation: admin,
    schema: { operationId: 'adjustStock', tags, security, summary: 'Correct the count on hand (admin); never below what is reserved', params: SkuParams, body: AdjustBody, response: { 200: StockChangeResponse } },
    config: { problems: { 409: 'on hand would go below what is reserved' } },
  }, async (request) => {
    const { sku } = request.params;
    const { delta, reason } = request.body;
    if (delta === 0) throw AppError.invalid('body.delta must not be 0', [{ field: 'body.delta', message: 'must not be 0' }]);
    const outcome = await withTransaction(pool, (client) => adjustStock(client, deps, sku, delta, reason));
    return { item: itemView(itemOf(outcome, sku)) };
  });
}

/** The changed item, or the expected refusal as the problem the operator sees. */
function itemOf(outcome: ReceiveOutcome | AdjustOutcome, sku: string): StockItem {
  switch (outcome.kind) {
    case 'received':
    case 'adjusted':
      return outcome.item;
    case 'unknown_sku':
      throw AppError.notFound(`stock item ${sku}`);
    case 'below_reserved':
      throw AppError.conflict(
        `on hand cannot go below what is reserved: ${outcome.onHand} on hand ${outcome.delta} would leave less than the ${outcome.reserved} reserved`,
        { sku, onHand: outcome.onHand, reserved: outcome.reserved, delta: outcome.delta },
      );
  }
}
