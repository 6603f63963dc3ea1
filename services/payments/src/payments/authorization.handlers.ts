// payments.authorize: the saga's "try", on one of the user's saved payment methods (a card already in
// the processor's vault, named by its token). The card processor is outside Bazaar, so it is never
// called inside a transaction that holds our rows. The handler works in two phases:
//
//   1. In a transaction of its own, committed before the processor is called: the payment and the
//      operation are recorded as `pending` (or, for an expected refusal, answered at once).
//   2. The processor is asked, with the operation id as its idempotency key.
//   3. On the caller's transaction (the inbox's, which also records the message id): the answer is
//      recorded and the reply event published, both or neither.
//
// A crash between 1 and 3 leaves the operation pending and the message unacknowledged; when it is
// delivered again, the pending record says "asked, answer unknown", so the processor is asked again
// with the same idempotency key and answers as it did the first time: never a second authorization.
// A repeated command whose operation is finished is answered from the record, without the processor.
// The caller's transaction is open during the call but has written nothing of payments' yet, so it
// holds no lock on a payment; the call is bounded by PAYMENTS_PROCESSOR_TIMEOUT_MS.
//
// When the processor does not answer in time the outcome is unknown: money may be held. The
// authorization is then treated as declined (`processor_timeout`) and a void is sent defensively
// for whatever the call may have produced, under a key derived from the operation id.
import type { AuthorizePayload } from '@bazaar/contracts';
import { withTransaction, type PoolClient, type Queryable } from '@bazaar/platform';
import { callProcessor, type AuthorizeRequest } from '../processor/card-processor.js';
import { findPaymentMethod } from '../methods/payment-method.store.js';
import { hasExpired } from './card.js';
import {
  answer, assertSameCommand, concurrentOr, defensiveVoidId, retryLater, type PaymentHandlerDeps, type Reply,
} from './handler-support.js';
import { authorizationChange, type AuthorizationResult, type DeclineReason, type Operation } from './payment.js';
import { replyForExistingPayment, replyOf } from './payment.replies.js';
import {
  completeOperation, findOperation, findPaymentById, findPaymentByOrder, hasVoidTombstone, insertOperation,
  insertPayment, lockOrder, updatePayment,
} from './payment.store.js';

/**
 * What phase 1 leaves: an answer already, or a pending operation and what the processor is to be asked
 * (built there from the rows it just wrote and read, so the call needs no second read of them).
 */
type Started = { kind: 'answered'; reply: Reply } | { kind: 'call'; op: Operation; request: AuthorizeRequest };

type Outcome = AuthorizationResult & { defensiveVoid?: DefensiveVoid };
interface DefensiveVoid { id: string; outcome: 'succeeded' | 'declined' | 'failed'; reference: string | null; error: string | null }

export async function authorize(deps: PaymentHandlerDeps, client: PoolClient, command: AuthorizePayload): Promise<Reply> {
  const recorded = await findOperation(client, command.operationId);
  if (recorded) {
    assertSameCommand(recorded, 'authorize', command.orderId);
    if (recorded.outcome !== 'pending') return answer(deps, client, replyOf(recorded, await findPaymentById(client, recorded.paymentId!)));
  }
  // A pending record is a retry after a crash: the method was checked when it was first recorded, and
  // the request is rebuilt from the records.
  const started: Started = recorded ? { kind: 'call', op: recorded, request: await processorRequestFor(client, recorded) } : await beginAuthorization(deps, command);
  if (started.kind === 'answered') return answer(deps, client, started.reply);
  const outcome = await askProcessor(deps, started.request, started.op.id);
  return completeAuthorization(deps, client, started.op.id, outcome);
}

/**
 * Phase 1, committed on its own. One payment per order: an order that already has one gets that
 * payment's state as the answer. An order voided before it had a payment, a payment method that is
 * unknown or not the user's, or a saved card that has expired, is declined without asking the processor.
 */
export async function beginAuthorization(deps: Pick<PaymentHandlerDeps, 'pool' | 'now'>, command: AuthorizePayload): Promise<Started> {
  try {
    return await withTransaction(deps.pool, async (tx) => {
      await lockOrder(tx, command.orderId);
      const existing = await findPaymentByOrder(tx, command.orderId);
      if (existing) {
        const reply = replyForExistingPayment(command.operationId, existing);
        if (!reply) throw retryLater("this order's authorization is in flight");
        return { kind: 'answered', reply };
      }
      const found = await findPaymentMethod(tx, command.paymentMethodId);
      // Someone else's method is treated exactly as one that does not exist.
      const method = found && found.userId === command.userId ? found : undefined;
      const refusal: DeclineReason | undefined = (await hasVoidTombstone(tx, command.orderId))
        ? 'order_voided'
        : !method ? 'invalid_payment_method' : hasExpired(method, deps.now()) ? 'invalid_card' : undefined;
      const payment = await insertPayment(tx, {
        orderId: command.orderId, userId: command.userId, amountMinor: command.amountMinor, currency: command.currency,
        status: refusal ? 'declined' : 'pending', cardLast4: method?.last4 ?? null, cardBrand: method?.brand ?? null,
        paymentMethodId: method?.id ?? null, declineReason: refusal ?? null,
      });
      const op = await insertOperation(tx, {
        id: command.operationId, orderId: command.orderId, paymentId: payment.id, kind: 'authorize', amountMinor: command.amountMinor,
        outcome: refusal ? 'declined' : 'pending', error: refusal ?? null, payment: refusal ? payment : undefined,
      });
      if (refusal || !method) return { kind: 'answered', reply: replyOf(op, payment) };
      // The same request processorRequestFor builds from the records: the card cannot be removed while
      // this authorization is pending (DELETE answers 409), so it is still the recorded one at the call.
      return { kind: 'call', op, request: { amountMinor: payment.amountMinor, currency: payment.currency, token: method.processorToken, orderId: payment.orderId } };
    });
  } catch (error) {
    throw concurrentOr(error);
  }
}

/**
 * What the processor is asked for a recorded authorization: the payment's amount, on the processor's
 * token of the method it was recorded with. Built from the record, never from the command, so a
 * retry asks for exactly what the first attempt asked for.
 */
export async function processorRequestFor(db: Queryable, op: Operation): Promise<AuthorizeRequest> {
  const payment = op.paymentId ? await findPaymentById(db, op.paymentId) : undefined;
  const method = payment?.paymentMethodId ? await findPaymentMethod(db, payment.paymentMethodId) : undefined;
  if (!payment || !method) throw new Error(`authorization ${op.id} has no payment method recorded`);
  return { amountMinor: payment.amountMinor, currency: payment.currency, token: method.processorToken, orderId: payment.orderId };
}

/** Phase 2: the processor call, bounded by the timeout; on a timeout, the defensive void. */
export async function askProcessor(deps: PaymentHandlerDeps, request: AuthorizeRequest, operationId: string): Promise<Outcome> {
  const answered = await callProcessor(deps.processorTimeoutMs, (signal) =>
    deps.processor.authorize(request, { idempotencyKey: operationId, signal }));
  switch (answered.outcome) {
    case 'approved': return { outcome: 'succeeded', authorizationId: answered.authorizationId };
    case 'declined': return { outcome: 'declined', reason: answered.reason };
    case 'error': return { outcome: 'failed', reason: 'processor_error' };
    case 'timeout': return { outcome: 'failed', reason: 'processor_timeout', defensiveVoid: await voidAfterTimeout(deps, operationId) };
  }
}

async function voidAfterTimeout(deps: PaymentHandlerDeps, authorizeOperationId: string): Promise<DefensiveVoid> {
  const id = defensiveVoidId(authorizeOperationId);
  const answered = await callProcessor(deps.processorTimeoutMs, (signal) =>
    deps.processor.void({ authorizeKey: authorizeOperationId }, { idempotencyKey: id, signal }));
  if (answered.outcome === 'succeeded') return { id, outcome: 'succeeded', reference: answered.reference, error: null };
  if (answered.outcome === 'declined') return { id, outcome: 'declined', reference: null, error: answered.reason };
  return { id, outcome: 'failed', reference: null, error: answered.outcome === 'timeout' ? 'processor_timeout' : 'processor_error' };
}

/** Phase 3, on the caller's transaction: the answer, the payment's new state and the reply together. */
export async function completeAuthorization(deps: PaymentHandlerDeps, client: PoolClient, operationId: string, outcome: Outcome): Promise<Reply> {
  const op = await findOperation(client, operationId, { lock: true });
  if (!op) throw new Error(`authorization ${operationId} was not recorded`);
  const current = await findPaymentById(client, op.paymentId!, { lock: true });
  // Another delivery of the same command finished first: answer as it did.
  if (op.outcome !== 'pending') return answer(deps, client, replyOf(op, current));
  const { defensiveVoid, ...result } = outcome;
  const payment = await updatePayment(client, op.paymentId!, authorizationChange(result));
  const done = await completeOperation(client, operationId, {
    outcome: result.outcome,
    processorReference: result.outcome === 'succeeded' ? result.authorizationId : null,
    error: result.outcome === 'succeeded' ? null : result.reason,
    payment,
  });
  if (defensiveVoid) {
    await insertOperation(client, {
      id: defensiveVoid.id, orderId: op.orderId, paymentId: payment.id, kind: 'void', amountMinor: payment.amountMinor,
      outcome: defensiveVoid.outcome, processorReference: defensiveVoid.reference, error: defensiveVoid.error, payment,
      note: 'the authorization timed out: voided defensively',
    });
  }
  return answer(deps, client, replyOf(done, payment));
}
