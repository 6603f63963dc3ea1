// Payments' messaging: what it may send, and its handlers of the saga's commands. Every reply is
// published through the `publish` it is given, with the client of the transaction that records the
// outcome, so the message exists if and only if the outcome does.
import { commands, events } from '@bazaar/contracts';
import { payloadHandlers, type Pool } from '@bazaar/platform';
import { erasePayer, type ErasurePublish } from './methods/erasure.handlers.js';
import type { CardProcessor } from './processor/card-processor.js';
import { authorize } from './payments/authorization.handlers.js';
import type { PaymentsPublish } from './payments/handler-support.js';
import { capture, refund, settle, voidPayment } from './payments/settlement.handlers.js';

export type { PaymentsPublish } from './payments/handler-support.js';
export type { PaymentEventType } from './payments/payment.replies.js';

export interface MessageHandlerDeps {
  /** Payments' pool: each operation first records itself as pending in a transaction of its own. */
  pool: Pool;
  processor: CardProcessor;
  processorTimeoutMs: number;
  /** Where replies go: the outbox's `publish` (main.ts), or a test database's. */
  publish: PaymentsPublish;
  now?: () => Date;
}

/**
 * The saga commands payments consumes, each typed by its contract (the consumer has checked the
 * payload against it before the handler runs). Each handler runs on the caller's transaction and
 * publishes its reply through `publish` on it; expected outcomes (declined card, capture of a voided
 * payment) are replies, not errors. Errors are of two kinds: an `invalid_data` AppError when an
 * operation id is reused for another operation (no retry can fix it: park it), and an `unavailable`
 * AppError with `retryable: true` when the command must be delivered again later (another operation
 * on the payment is in flight, or the processor did not answer a capture, void or refund).
 *
 * Authorize, capture, void and refund commit a `pending` record on their own connection from the
 * pool before calling the processor, so a consumer needs fewer concurrent handlers than the pool
 * has connections.
 */
export function createCommandHandlers(deps: MessageHandlerDeps) {
  const handlerDeps = { ...deps, now: deps.now ?? (() => new Date()) };
  return payloadHandlers(commands, {
    'payments.authorize': (client, command) => authorize(handlerDeps, client, command),
    'payments.capture': (client, command) => settle(handlerDeps, client, capture, command),
    'payments.void': (client, command) => settle(handlerDeps, client, voidPayment, command),
    'payments.refund': (client, command) => settle(handlerDeps, client, refund, command),
  });
}

/** The one event payments consumes: user.deleted, its saved methods removed and confirmed through `publish`. */
export function createEventHandlers(publish: ErasurePublish) {
  return payloadHandlers(events, { 'user.deleted': (client, payload) => erasePayer(publish, client, payload) });
}
