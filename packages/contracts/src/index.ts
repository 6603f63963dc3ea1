export * from './registry.js';
export * from './events/index.js';
export * from './commands/index.js';
export * from './common.js';
