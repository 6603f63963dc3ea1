// The checkout saga's create-shipment and cancel-shipment. Each runs on the caller's transaction
// (the inbox's, which also records the message id), records its effect and publishes its reply on it,
// so the reply exists if and only if the effect does. Both are idempotent: one shipment per order, and
// cancelling is always safe to repeat.
import type { CancelShipmentPayload, CreateShipmentPayload, Messages } from '@bazaar/contracts';
import { AppError, type MessagePayload, type PoolClient, type Publish, type Sends } from '@bazaar/platform';
import {
  decideAddress, decideCancel, normaliseLines, type CreateFailure, type Shipment, type ShippingSettings,
} from './shipment.js';
import {
  findShipment, insertCancelledOrder, insertItems, insertShipment, isCancelledOrder, lockOrder, setStatus,
} from './shipment.store.js';
import { newTrackingNumber } from './tracking-number.js';

/** The replies shipping sends; their payloads are the contracts'. */
export type ShipmentEventType = 'shipment.created' | 'shipment.failed' | 'shipment.cancelled' | 'shipment.cancel-refused';
export type ShippingPublish = Publish<Sends<Messages, ShipmentEventType>>;
export type Reply = { [T in ShipmentEventType]: { type: T; payload: MessagePayload<Messages, T> } }[ShipmentEventType];

export interface ShipmentHandlerDeps {
  settings: ShippingSettings;
  publish: ShippingPublish;
  trackingNumber?: () => string;
}

async function answer(deps: ShipmentHandlerDeps, client: PoolClient, reply: Reply): Promise<Reply> {
  await deps.publish(client, reply.type, reply.payload);
  return reply;
}

/**
 * Creates the order's shipment with a new tracking number, or answers why it cannot. A repeated
 * request (same order, or same request id) gets the existing shipment; an address that cannot be
 * shipped to is answered the same way every time, so nothing is stored for it.
 */
export async function createShipment(deps: ShipmentHandlerDeps, client: PoolClient, command: CreateShipmentPayload): Promise<Reply> {
  const { shipmentRequestId, orderId } = command;
  await lockOrder(client, orderId);
  const existing = await findShipment(client, { orderId });
  if (existing) return answer(deps, client, replyForExisting(shipmentRequestId, existing));
  const sameRequest = await findShipment(client, { requestId: shipmentRequestId });
  if (sameRequest) {
    throw AppError.invalid(`shipment request ${shipmentRequestId} was already made for order ${sameRequest.orderId}`, [
      { field: 'payload.shipmentRequestId', message: 'is already the id of another order\'s request' },
    ]);
  }
  const failed = (reason: CreateFailure, message: string) =>
    answer(deps, client, { type: 'shipment.failed', payload: { shipmentRequestId, orderId, reason, message } });
  if (await isCancelledOrder(client, orderId)) return failed('order_cancelled', 'the order\'s shipment was cancelled before it was created');
  const address = decideAddress(command.recipient, deps.settings);
  if (!address.ok) return failed(address.reason, address.message);
  const shipment = await insertWithFreshTrackingNumber(deps, client, { orderId, shipmentRequestId, userId: command.userId, recipient: address.recipient, carrier: deps.settings.carrier });
  await insertItems(client, shipment.id, normaliseLines(command.items));
  return answer(deps, client, replyForExisting(shipmentRequestId, shipment));
}

/**
 * Inserts with a new tracking number, drawing again if it is taken. The order's lock is held, so a
 * conflict can only be the tracking number. The odds of one are tiny; five in a row mean a broken
 * generator, which is an error.
 */
async function insertWithFreshTrackingNumber(deps: ShipmentHandlerDeps, client: PoolClient, shipment: Omit<Parameters<typeof insertShipment>[1], 'trackingNumber'>): Promise<Shipment> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const inserted = await insertShipment(client, { ...shipment, trackingNumber: (deps.trackingNumber ?? newTrackingNumber)() });
    if (inserted) return inserted;
  }
  throw new Error('could not draw an unused tracking number in 5 attempts');
}

function replyForExisting(shipmentRequestId: string, shipment: Shipment): Reply {
  if (shipment.status === 'cancelled') {
    return { type: 'shipment.failed', payload: { shipmentRequestId, orderId: shipment.orderId, reason: 'order_cancelled', message: 'the order\'s shipment was cancelled' } };
  }
  return {
    type: 'shipment.created',
    payload: {
      shipmentRequestId, orderId: shipment.orderId, shipmentId: shipment.id, trackingNumber: shipment.trackingNumber,
      carrier: shipment.carrier, status: shipment.status, version: shipment.version,
    },
  };
}

/**
 * Cancels the order's shipment (the saga's compensation). No shipment, or one already cancelled or
 * failed, is a success that changes nothing; one a courier has is refused with a typed reply.
 */
export async function cancelShipment(deps: ShipmentHandlerDeps, client: PoolClient, { orderId, reason }: CancelShipmentPayload): Promise<Reply> {
  await lockOrder(client, orderId);
  const shipment = await findShipment(client, { orderId }, { lock: true });
  const decision = decideCancel(shipment);
  switch (decision.kind) {
    case 'tombstone':
      await insertCancelledOrder(client, orderId, reason);
      return answer(deps, client, { type: 'shipment.cancelled', payload: { orderId, shipmentId: null, effect: 'nothing_to_cancel', version: null } });
    case 'noop':
      return answer(deps, client, { type: 'shipment.cancelled', payload: { orderId, shipmentId: shipment!.id, effect: 'nothing_to_cancel', version: shipment!.version } });
    case 'refuse':
      return answer(deps, client, { type: 'shipment.cancel-refused', payload: { orderId, shipmentId: shipment!.id, reason: decision.reason, status: shipment!.status, version: shipment!.version } });
    case 'cancel': {
      const cancelled = await setStatus(client, shipment!.id, 'cancelled', reason);
      return answer(deps, client, { type: 'shipment.cancelled', payload: { orderId, shipmentId: cancelled.id, effect: 'cancelled', version: cancelled.version } });
    }
  }
}
