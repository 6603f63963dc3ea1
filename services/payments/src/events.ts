// Payments' messaging seam. Every reply is published through `publish`, with the client of the
// transaction that records the outcome, so the message exists if and only if the outcome does.
import type { Pool, PoolClient } from '@bazaar/platform';
import type { CardProcessor } from './processor/card-processor.js';
import { authorize } from './payments/authorization.handlers.js';
import { capture, refund, settle, voidPayment } from './payments/settlement.handlers.js';
import type { PaymentEventType } from './payments/payment.replies.js';

export type { PaymentEvents, PaymentEventType } from './payments/payment.replies.js';

export type PublishSink = (client: PoolClient, type: PaymentEventType, payload: object) => Promise<void> | void;

let sink: PublishSink | undefined;

/**
 * Announces an event inside the caller's transaction. For now a no-op: it is replaced by the outbox
 * wiring, which writes the message to the outbox table with this same client. Until then only a
 * sink installed with {@link setPublishSink} (tests) sees the calls.
 */
export async function publish(client: PoolClient, type: PaymentEventType, payload: object): Promise<void> {
  if (sink) await sink(client, type, payload);
}

/** Installs (or, with undefined, removes) the recorder `publish` hands every event to. */
export function setPublishSink(next: PublishSink | undefined): void {
  sink = next;
}

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
