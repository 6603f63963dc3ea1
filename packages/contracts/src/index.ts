export * from './registry.js';
export * from './events/index.js';
export * from './commands/index.js';
export * from './common.js';

import { commands, type CommandRegistry } from './commands/index.js';
import { events, type EventRegistry } from './events/index.js';

/** Everything that may be sent or received, `{ events, commands }`: what a service's messaging checks both ways. */
export const contracts = { events, commands } as const;

/** Every message type, event or command, with the payload schema of each version. */
export type Messages = EventRegistry & CommandRegistry;
