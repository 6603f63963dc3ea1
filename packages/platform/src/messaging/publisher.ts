import type { Queryable } from '../db/pool.js';
import type { MessagePayload, MessageRegistry, MessageType, MessageVersion } from './contracts.js';

/**
 * How domain code announces a message: `publish(client, 'order.confirmed', payload)` inside the
 * transaction that made the change, so the message exists if and only if the change commits.
 *
 * Typed by the contracts: `R` is the registry of what the code may send (usually a `Pick` of
 * `@bazaar/contracts`' messages down to the service's own types), so a type the service does not
 * send, or a payload that does not match the type's schema, is a compile-time error. The payload is
 * still checked against its schema at run time when it is written.
 *
 * It is a dependency like the pool: `main.ts` passes the outbox's `publish` to the code that needs
 * it, tests pass one bound to their own database. Nothing holds it at module level.
 */
export type Publish<R extends MessageRegistry> = <T extends MessageType<R>, V extends MessageVersion<R, T> = MessageVersion<R, T>>(
  client: Queryable,
  type: T,
  payload: MessagePayload<R, T, V>,
  options?: PublishOptions<V>,
) => Promise<void>;

export interface PublishOptions<V extends number = number> {
  /**
   * What the message is about (an order id, say): messages with one key are relayed in the order
   * they were written as long as each is published at the first attempt.
   */
  key?: string;
  /**
   * The version to write (default: the latest in the contracts); the payload is typed by it. A
   * producer writing every version its consumers still ask for calls `publish` once per version.
   */
  version?: V;
}

/** The registry `R` narrowed to the message types `T`: what one service may send. */
export type Sends<R extends MessageRegistry, T extends keyof R> = Pick<R, T>;
