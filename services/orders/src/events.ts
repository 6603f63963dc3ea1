// What orders sends, typed by the contracts: the saga's commands, the order's events and
// `order.placed`. Each is written with the client of the transaction that made the change, so a
// message exists if and only if the change committed; the relay then sends it (again, after a crash)
// until the broker confirms it. main.ts gives the outbox's `publish` to the code that sends.
import type { Messages } from '@bazaar/contracts';
import type { Publish, Sends } from '@bazaar/platform';
import type { OrderEventType, SagaCommandType } from './checkout/saga.types.js';

export type OrdersPublish = Publish<Sends<Messages, SagaCommandType | OrderEventType | 'order.placed' | 'user.erased'>>;
