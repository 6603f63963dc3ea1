// Shipping's messaging seam. Every reply is published through `publish`, with the client of the
// transaction that made the change, so the message is recorded if and only if the change is.
import { Publisher, type PoolClient } from '@bazaar/platform';
import type { ShippingSettings } from './shipments/shipment.js';
import { cancelShipment, createShipment, type ShipmentEventType } from './shipments/shipment.handlers.js';

export type { ShipmentEvents, ShipmentEventType } from './shipments/shipment.handlers.js';

/**
 * Where shipping's events go, inside the transaction that made the change: bound to its transactional
 * outbox at start-up (main.ts), to an outbox of their own by tests and the demo seed. Unbound, it
 * refuses rather than lose a message.
 */
export const publisher = new Publisher<ShipmentEventType>('shipping');
export const publish = publisher.publish;

/** A consumer's handler: runs on the inbox's transaction, which also records the message id. */
export type MessageHandler = (client: PoolClient, payload: unknown) => Promise<void>;

export interface MessageHandlerDeps {
  settings: ShippingSettings;
  /** Draws tracking numbers (tests may force collisions); the default is random. */
  trackingNumber?: () => string;
}

/**
 * The saga commands shipping consumes. Each handler runs on the caller's transaction and publishes
 * its reply through `publish` on it. Expected outcomes (an address that cannot be shipped to, a
 * cancel after dispatch) are replies, not errors; a payload that breaks the contract throws an
 * `invalid_data` AppError, which no retry can fix.
 */
export function createMessageHandlers(deps: MessageHandlerDeps): {
  commandHandlers: { 'shipping.create-shipment': MessageHandler; 'shipping.cancel-shipment': MessageHandler };
} {
  const handlerDeps = { ...deps, publish };
  return {
    commandHandlers: {
      'shipping.create-shipment': async (client, payload) => void (await createShipment(handlerDeps, client, payload)),
      'shipping.cancel-shipment': async (client, payload) => void (await cancelShipment(handlerDeps, client, payload)),
    },
  };
}
