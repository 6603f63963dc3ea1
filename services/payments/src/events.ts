// Payments' messaging seam. Every reply is published through `publish`, with the client of the
// transaction that records the outcome, so the message exists if and only if the outcome does.
import { Publisher, type Pool, type PoolClient } from '@bazaar/platform';
import type { CardProcessor } from './processor/card-processor.js';
import { authorize } from './payments/authorization.handlers.js';
import { capture, refund, settle, voidPayment } from './payments/settlement.handlers.js';
import type { PaymentEventType } from './payments/payment.replies.js';

export type { PaymentEvents, PaymentEventType } from './payments/payment.replies.js';

/**
 * Where payments's events go, inside the transaction that made the change: bound to its transactional
 * outbox at start-up (main.ts), to an outbox of their own by tests and the demo seed. Unbound, it
 * refuses rather than lose a message.
 */
export const publisher = new Publisher<PaymentEventType>('payments');
export const publish = publisher.publish;

/** A consumer's handler: runs on the inbox's transaction, which also records the message id. */
export type MessageHandler = (client: PoolClient, payload: unknown) => Promise<void>;

export interface MessageHandlerDeps {
  /** Payments' pool: each operation first records itself as pending in a transaction of its own. */
  pool: Pool;
  processor: CardProcessor;
  processorTimeoutMs: number;
  now?: () => Date;
}

/**
 * The saga commands payments consumes. Each handler runs on the caller's transaction and publishes
 * its reply through `publish` on it; expected outcomes (declined card, capture of a voided payment)
 * are replies, not errors. Errors are of two kinds: an `invalid_data` AppError for a payload that
 * breaks the contract (no retry can fix it: park it), and an `unavailable` AppError with
 * `retryable: true` when the command must be delivered again later (another operation on the payment
 * is in flight, or the processor did not answer a capture, void or refund).
 *
 * Authorize, capture, void and refund commit a `pending` record on their own connection from the
 * pool before calling the processor, so a consumer needs fewer concurrent handlers than the pool
 * has connections.
 */
export function createMessageHandlers(deps: MessageHandlerDeps): {
  commandHandlers: {
    'payments.authorize': MessageHandler;
    'payments.capture': MessageHandler;
    'payments.void': MessageHandler;
    'payments.refund': MessageHandler;
  };
} {
  const handlerDeps = { ...deps, now: deps.now ?? (() => new Date()), publish };
  return {
    commandHandlers: {
      'payments.authorize': async (client, payload) => void (await authorize(handlerDeps, client, payload)),
      'payments.capture': async (client, payload) => void (await settle(handlerDeps, client, capture, payload)),
      'payments.void': async (client, payload) => void (await settle(handlerDeps, client, voidPayment, payload)),
      'payments.refund': async (client, payload) => void (await settle(handlerDeps, client, refund, payload)),
    },
  };
}
