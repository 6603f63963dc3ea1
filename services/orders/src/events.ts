// Orders' messaging seam. The saga's commands and the order events are written through `publish`
// with the client of the transaction that made the change, so a message exists if and only if the
// change committed; the relay then sends it (again, after a crash) until the broker confirms it.
import { Publisher, type PoolClient } from '@bazaar/platform';
import type { OrderEvent, SagaCommandType } from './checkout/saga.types.js';

export type MessageType = SagaCommandType | OrderEvent['type'] | 'order.placed';

export type Publish = (client: PoolClient, type: MessageType, payload: object) => Promise<void>;

/**
 * Where orders' messages go: bound to its transactional outbox at start-up (main.ts), to an outbox
 * of their own by tests. Unbound, it refuses rather than lose a message.
 */
export const publisher = new Publisher<MessageType>('orders');
export const publish: Publish = publisher.publish;
