import { createHash } from 'node:crypto';
import type { Messages } from '@bazaar/contracts';
import { AppError, type Pool, type PoolClient, type Publish, type Sends } from '@bazaar/platform';
import type { CardProcessor } from '../processor/card-processor.js';
import type { Operation, OperationKind } from './payment.js';
import type { PaymentEventType, Reply } from './payment.replies.js';

/** How payments' replies are published: only its own, each with its contract's payload. */
export type PaymentsPublish = Publish<Sends<Messages, PaymentEventType>>;

export interface PaymentHandlerDeps {
  /** For the first phase of an operation, which commits on its own before the processor is called. */
  pool: Pool;
  processor: CardProcessor;
  /** How long a processor call may take before its outcome is treated as unknown. */
  processorTimeoutMs: number;
  publish: PaymentsPublish;
  now: () => Date;
}

/** Sends a reply on the caller's transaction and hands it back (tests read it). */
export async function answer(deps: Pick<PaymentHandlerDeps, 'publish'>, client: PoolClient, reply: Reply): Promise<Reply> {
  await deps.publish(client, reply.type, reply.payload);
  return reply;
}

/**
 * A transient refusal: the command cannot be handled yet (another operation on the payment is in
 * flight, the processor did not answer) and should be delivered again after a delay. Nothing of it
 * was recorded in the caller's transaction.
 */
export function retryLater(message: string): AppError {
  return new AppError('unavailable', message, { extensions: { retryable: true } });
}

/** An operation id is one operation: reusing it for another kind or order breaks the contract. */
export function assertSameCommand(op: Operation, kind: OperationKind, orderId: string): void {
  if (op.kind !== kind || op.orderId !== orderId) {
    throw AppError.invalid(`operation ${op.id} was already used for a ${op.kind} of order ${op.orderId}`, [
      { field: 'payload.operationId', message: 'is already the id of another operation' },
    ]);
  }
}

/** Maps the unique violations two concurrent deliveries can cause to a retry; rethrows the rest. */
export function concurrentOr(error: unknown): unknown {
  const pg = error as { code?: string; constraint?: string };
  // The saved card was removed while the authorization recorded its payment: asked again, it declines.
  if (pg.code === '23503' && pg.constraint === 'payments_payment_method_id_fkey') return retryLater('the payment method was removed meanwhile');
  if (pg.code !== '23505') return error;
  if (pg.constraint === 'payment_operations_one_pending') return retryLater('another operation on this payment is in flight');
  return retryLater('this operation is being recorded by another delivery');
}

/**
 * The id of the void issued after an authorization timed out: derived from the authorization's
 * operation id (a name-based UUID), so a repeated attempt reuses the same processor idempotency key.
 */
export function defensiveVoidId(authorizeOperationId: string): string {
  const hash = createHash('sha1').update(`payments:defensive-void:${authorizeOperationId}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type { Reply };
