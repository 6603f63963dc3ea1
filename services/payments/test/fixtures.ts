import { randomUUID } from 'node:crypto';
import { AppError, type Pool } from '@bazaar/platform';
import { createMessageHandlers } from '../src/events.js';
import type { CardProcessor } from '../src/processor/card-processor.js';
import { SimulatedCardProcessor, TEST_CARDS } from '../src/processor/simulated-processor.js';
import { inTransaction } from './support.js';

export const TIMEOUT_MS = 300;

export function authorizeCommand(overrides: Record<string, unknown> = {}, card: Partial<{ number: string; expMonth: number; expYear: number; cvc: string }> = {}) {
  return {
    operationId: randomUUID(),
    orderId: randomUUID(),
    userId: randomUUID(),
    amountMinor: 2599,
    currency: 'EUR',
    card: { number: TEST_CARDS.approve, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '737', ...card },
    ...overrides,
  };
}

/** The handlers over a fresh simulator (or the given processor), with a short processor timeout. */
export function paymentsWith(pool: Pool, processor: CardProcessor = new SimulatedCardProcessor({ slowMs: 100 })) {
  const { commandHandlers } = createMessageHandlers({ pool, processor, processorTimeoutMs: TIMEOUT_MS });
  const run = (type: keyof typeof commandHandlers, payload: unknown) =>
    inTransaction(pool, (client) => commandHandlers[type](client, payload));
  return {
    processor,
    commandHandlers,
    authorize: (payload: unknown) => run('payments.authorize', payload),
    capture: (orderId: string, operationId: string = randomUUID()) => run('payments.capture', { operationId, orderId }),
    void: (orderId: string, operationId: string = randomUUID()) => run('payments.void', { operationId, orderId, reason: 'order cancelled' }),
    refund: (orderId: string, amountMinor?: number, operationId: string = randomUUID()) =>
      run('payments.refund', { operationId, orderId, reason: 'returned', ...(amountMinor !== undefined ? { amountMinor } : {}) }),
  };
}

export async function paymentOf(pool: Pool, orderId: string) {
  const { rows } = await pool.query('SELECT * FROM payments WHERE order_id_ref = $1', [orderId]);
  return rows[0] as Record<string, unknown> | undefined;
}

export async function operationsOf(pool: Pool, orderId: string) {
  const { rows } = await pool.query('SELECT * FROM payment_operations WHERE order_id_ref = $1 ORDER BY created_at, kind', [orderId]);
  return rows as Record<string, unknown>[];
}

/** Matches an AppError with this code (and, for retries, `retryable`). */
export const appError = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;
