// payments.capture (the saga's "confirm"), payments.void (its "cancel") and payments.refund. They
// follow authorize's two phases (see authorization.handlers.ts): the decision and a `pending` record
// commit on their own, the processor is asked with the operation id as its idempotency key, and the
// answer is recorded with the reply on the caller's transaction.
//
// Unlike an authorization, these must end in the processor's real answer: a confirm or a cancel
// cannot be "treated as declined". So when the processor errs or does not answer in time, the
// operation stays pending and the command is retried (the error is `retryable`); asking again with
// the same key tells us what the first call did. Only one operation per payment may be pending
// (a unique index), so the state a decision was made on holds until its answer is recorded.
import { withTransaction, type PoolClient } from '@bazaar/platform';
import { callProcessor, type CardProcessor, type OperationAnswer, type ProcessorCallOptions } from '../processor/card-processor.js';
import {
  answer, assertSameCommand, concurrentOr, retryLater, type PaymentHandlerDeps, type Reply,
} from './handler-support.js';
import {
  captured, decideCapture, decideRefund, decideVoid, refunded, voided,
  type Decision, type Operation, type Payment, type PaymentChange,
} from './payment.js';
import { replyOf } from './payment.replies.js';
import {
  completeOperation, findOperation, findPaymentById, findPaymentByOrder, insertOperation, lockOrder, updatePayment,
} from './payment.store.js';

/** What capture, void and refund commands have in common (each contract's payload is one). */
interface SettlementCommand { operationId: string; orderId: string; amountMinor?: number | undefined; reason?: string | undefined }

interface Settlement {
  kind: 'capture' | 'void' | 'refund';
  decide(payment: Payment | undefined, command: SettlementCommand): Decision;
  call(processor: CardProcessor, payment: Payment, amountMinor: number, options: ProcessorCallOptions): Promise<OperationAnswer>;
  change(payment: Payment, amountMinor: number): PaymentChange;
}

const authorizationOf = (payment: Payment): string => {
  if (!payment.processorAuthorizationId) throw new Error(`payment ${payment.id} has no authorization`);
  return payment.processorAuthorizationId;
};

export const capture: Settlement = {
  kind: 'capture',
  decide: (payment) => decideCapture(payment),
  call: (processor, payment, amountMinor, options) => processor.capture({ authorizationId: authorizationOf(payment), amountMinor }, options),
  change: captured,
};

export const voidPayment: Settlement = {
  kind: 'void',
  decide: (payment) => decideVoid(payment),
  call: (processor, payment, _amountMinor, options) => processor.void({ authorizationId: authorizationOf(payment) }, options),
  change: voided,
};

export const refund: Settlement = {
  kind: 'refund',
  decide: (payment, command) => decideRefund(payment, command.amountMinor),
  call: (processor, payment, amountMinor, options) => processor.refund({ authorizationId: authorizationOf(payment), amountMinor }, options),
  change: refunded,
};

/** Handles one capture, void or refund command; resolves with the reply it published. */
export async function settle(deps: PaymentHandlerDeps, client: PoolClient, settlement: Settlement, command: SettlementCommand): Promise<Reply> {
  const recorded = await findOperation(client, command.operationId);
  if (recorded) assertSameCommand(recorded, settlement.kind, command.orderId);
  // A first delivery has the payment from phase 1, where it was locked and the operation recorded;
  // a repeated one reads it.
  const { op, payment: read } = recorded ? { op: recorded, payment: undefined } : await beginSettlement(deps, settlement, command);
  const payment = read ?? (op.paymentId ? await findPaymentById(client, op.paymentId) : undefined);
  if (op.outcome !== 'pending') return answer(deps, client, replyOf(op, payment));
  if (!payment) throw new Error(`${settlement.kind} ${op.id} is pending without a payment`);
  const answered = await callProcessor(deps.processorTimeoutMs, (signal) =>
    settlement.call(deps.processor, payment, op.amountMinor!, { idempotencyKey: op.id, signal }));
  if (answered.outcome === 'timeout' || answered.outcome === 'error') {
    const what = answered.outcome === 'timeout' ? 'did not answer in time' : `failed (${answered.message})`;
    throw retryLater(`the card processor ${what}; the ${settlement.kind} stays pending and will be asked again`);
  }
  return completeSettlement(deps, client, settlement, op.id, answered);
}

/**
 * Phase 1, committed on its own: the decision, recorded as pending (or as its final answer), with the
 * payment it was made on. While the operation is pending no other may start on that payment (the
 * unique index), so the payment handed back is still its state when the processor is asked.
 */
export async function beginSettlement(deps: Pick<PaymentHandlerDeps, 'pool'>, settlement: Settlement, command: SettlementCommand): Promise<{ op: Operation; payment: Payment | undefined }> {
  try {
    return await withTransaction(deps.pool, async (tx) => {
      await lockOrder(tx, command.orderId);
      const payment = await findPaymentByOrder(tx, command.orderId, { lock: true });
      const decision = settlement.decide(payment, command);
      if (decision.kind === 'wait') throw retryLater('another operation on this payment is in flight');
      const base = { id: command.operationId, orderId: command.orderId, paymentId: payment?.id ?? null, kind: settlement.kind, note: command.reason ?? null };
      switch (decision.kind) {
        case 'call': return { op: await insertOperation(tx, { ...base, amountMinor: decision.amountMinor, outcome: 'pending' }), payment };
        case 'noop': return { op: await insertOperation(tx, { ...base, amountMinor: null, outcome: 'succeeded', payment }), payment };
        case 'refuse': return { op: await insertOperation(tx, { ...base, amountMinor: command.amountMinor ?? null, outcome: 'declined', error: decision.reason, payment }), payment };
      }
    });
  } catch (error) {
    throw concurrentOr(error);
  }
}

/** Phase 3, on the caller's transaction: the processor's answer, the payment's new state, the reply. */
async function completeSettlement(deps: PaymentHandlerDeps, client: PoolClient, settlement: Settlement, operationId: string, answered: OperationAnswer): Promise<Reply> {
  const op = (await findOperation(client, operationId, { lock: true }))!;
  let payment = (await findPaymentById(client, op.paymentId!, { lock: true }))!;
  if (op.outcome !== 'pending') return answer(deps, client, replyOf(op, payment));
  if (answered.outcome === 'succeeded') payment = await updatePayment(client, payment.id, settlement.change(payment, op.amountMinor!));
  const done = await completeOperation(client, operationId, {
    outcome: answered.outcome === 'succeeded' ? 'succeeded' : 'declined',
    processorReference: answered.outcome === 'succeeded' ? answered.reference : null,
    error: answered.outcome === 'declined' ? answered.reason : null,
    payment,
  });
  return answer(deps, client, replyOf(done, payment));
}
