import type { MessageRegistry } from '../registry.js';
import { inventoryCommands } from './inventory.js';
import { paymentCommands } from './payments.js';
import { shippingCommands } from './shipping.js';

export * from './inventory.js';
export * from './payments.js';
export * from './shipping.js';

/**
 * Every saga command, by type and version. A command's type starts with the service that carries it
 * out (`payments.authorize`): it is the routing key on `bazaar.commands`, and that service's
 * `<service>.commands` queue is bound to it. Each service keeps its commands in a file of its own
 * here (payments.ts, inventory.ts …) and spreads them in, as events/index.ts does.
 */
export const commands = {
  ...inventoryCommands,
  ...paymentCommands,
  ...shippingCommands,
} as const satisfies MessageRegistry;

export type CommandRegistry = typeof commands;
export type CommandType = keyof CommandRegistry;
