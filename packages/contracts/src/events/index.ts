import type { MessageRegistry } from '../registry.js';
import { catalogEvents } from './catalog.js';
import { erasureEvents } from './erasure.js';
import { identityEvents } from './identity.js';
import { inventoryEvents } from './inventory.js';
import { operationEvents } from './operations.js';
import { orderEvents } from './orders.js';
import { paymentEvents } from './payments.js';
import { shippingEvents } from './shipping.js';

export * from './catalog.js';
export * from './erasure.js';
export * from './identity.js';
export * from './inventory.js';
export * from './operations.js';
export * from './orders.js';
export * from './payments.js';
export * from './shipping.js';

/**
 * Every domain event, by type (the routing key on `bazaar.events`) and version. Each domain keeps
 * its events in a file of its own here (identity.ts, catalog.ts, inventory.ts …) and spreads them in.
 */
export const events = {
  ...identityEvents,
  ...catalogEvents,
  ...inventoryEvents,
  ...orderEvents,
  ...paymentEvents,
  ...shippingEvents,
  ...operationEvents,
  ...erasureEvents,
} as const satisfies MessageRegistry;

export type EventRegistry = typeof events;
export type EventType = keyof EventRegistry;
