// Shipping's messaging: what it may send, and its handlers of the saga's commands. Every reply is
// published through the `publish` it is given, with the client of the transaction that made the
// change, so the message is recorded if and only if the change is.
import { commands, events } from '@bazaar/contracts';
import { payloadHandlers } from '@bazaar/platform';
import type { ShippingSettings } from './shipments/shipment.js';
import { cancelShipment, createShipment, type ShippingPublish } from './shipments/shipment.handlers.js';
import { markReady } from './delivery/delivery.store.js';
import { eraseShippingUser, type ErasureDeps } from './shipments/erasure.handlers.js';

export type { ShipmentEventType, ShippingPublish } from './shipments/shipment.handlers.js';

export interface MessageHandlerDeps {
  settings: ShippingSettings;
  /** Where replies go: the outbox's `publish` (main.ts), or a test database's. */
  publish: ShippingPublish;
  /** Draws tracking numbers (tests may force collisions); the default is random. */
  trackingNumber?: () => string;
}

/**
 * The saga commands shipping consumes, each typed by its contract (the consumer has checked the
 * payload against it). Each handler runs on the inbox's transaction and publishes its reply on it.
 * Expected outcomes (an address that cannot be shipped to, a cancel after dispatch) are replies, not
 * errors.
 */
export function createCommandHandlers(deps: MessageHandlerDeps) {
  return payloadHandlers(commands, {
    'shipping.create-shipment': (client, command) => createShipment(deps, client, command),
    'shipping.cancel-shipment': (client, command) => cancelShipment(deps, client, command),
  });
}

/**
 * The events shipping consumes. `order.confirmed` (which inventory consumes too: a fan-out) makes the
 * order's shipment ready: the dispatcher assigns it a courier from then on. A repeat, or an order
 * whose shipment is already past that, changes nothing.
 */
export function createEventHandlers() {
  return payloadHandlers(events, {
    'order.confirmed': async (client, event) => {
      await markReady(client, event.orderId);
    },
  });
}

/**
 * user.deleted: the user's shipments blanked by shipping's rule and, for a courier, their parcels
 * handed back and their position forgotten; confirmed through `publish`.
 */
export function createErasureHandlers(deps: ErasureDeps) {
  return payloadHandlers(events, {
    'user.deleted': (client, event) => eraseShippingUser(deps, client, event),
  });
}
