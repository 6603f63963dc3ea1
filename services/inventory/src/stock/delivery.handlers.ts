// What inventory does as a parcel travels: shipping's and orders' events after checkout. The saga
// ends at confirmation; from there the order's stock follows the parcel.
//
//   order.confirmed      the reservation is held until a courier takes it (it no longer expires)
//   shipment.dispatched  the reservation is committed: the stock leaves the ledger as a shipment, once
//   shipment.returned    the returned items come back into stock, once per shipment
import type { Messages } from '@bazaar/contracts';
import type { Logger, MessagePayload, PoolClient } from '@bazaar/platform';
import { commit } from './reservation.service.js';
import { holdForDelivery, recordReturn, reservationOfOrder } from './reservation.store.js';
import type { StockDeps } from './stock.ledger.js';
import { receiveStock } from './stock.service.js';

export interface DeliveryHandlerDeps extends StockDeps {
  logger?: Pick<Logger, 'warn' | 'info'>;
}

export function createDeliveryHandlers(deps: DeliveryHandlerDeps) {
  return {
    'order.confirmed': async (client: PoolClient, { orderId }: MessagePayload<Messages, 'order.confirmed'>): Promise<void> => {
      await holdForDelivery(client, orderId);
    },
    'shipment.dispatched': async (client: PoolClient, { orderId, shipmentId }: MessagePayload<Messages, 'shipment.dispatched'>): Promise<void> => {
      const reservation = await reservationOfOrder(client, orderId);
      // Committed already: a parcel handed back and dispatched again leaves the ledger only once.
      if (reservation?.status === 'committed') return;
      if (reservation?.status !== 'active') {
        deps.logger?.warn({ orderId, shipmentId, reservation }, 'a shipment was dispatched for an order with no active reservation; nothing committed');
        return;
      }
      const outcome = await commit(client, deps, { reservationId: reservation.id });
      if (outcome.kind === 'failed') deps.logger?.warn({ orderId, shipmentId, ...outcome }, `commit on dispatch refused: ${outcome.reason}`);
    },
    'shipment.returned': async (client: PoolClient, { orderId, shipmentId, trackingNumber, items }: MessagePayload<Messages, 'shipment.returned'>): Promise<void> => {
      if (!(await recordReturn(client, shipmentId, orderId))) return;
      for (const { sku, quantity } of items) {
        const outcome = await receiveStock(client, deps, sku, quantity, `returned: ${trackingNumber}`);
        if (outcome.kind === 'unknown_sku') deps.logger?.warn({ orderId, shipmentId, sku, quantity }, 'a returned item names a SKU inventory does not know; not received');
      }
    },
  };
}
