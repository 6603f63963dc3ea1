import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, ContractValidator, withTransaction, type Pool } from '@bazaar/platform';
import { contracts as messageContracts, type AuthorizePayload } from '@bazaar/contracts';
import { addPaymentMethod } from '../src/methods/payment-methods.js';
import type { CardProcessor, OperationAnswer, ProcessorCallOptions } from '../src/processor/card-processor.js';
import { SimulatedCardProcessor, TEST_CARDS, type SimulatorOptions } from '../src/processor/simulated-processor.js';
import { authorize } from '../src/payments/authorization.handlers.js';
import type { PaymentHandlerDeps } from '../src/payments/handler-support.js';
import { capture, refund, settle, voidPayment } from '../src/payments/settlement.handlers.js';
import type { TestDb } from './support.js';

// The processor budget the handlers get in these tests: far above what the simulator takes on a
// loaded machine (300 ms was not: a capture under a busy CI run timed out), far below a test's patience.
// Tests of the timeout itself use the timeout card, which never answers, so they wait exactly this long.
export const TIMEOUT_MS = 2_000;

export interface CardFields { number: string; expMonth: number; expYear: number; cvc: string }

/** A card as a customer types it: the approving test card, expiring in three years, unless told otherwise. */
export const cardOf = (overrides: Partial<CardFields> = {}): CardFields =>
  ({ number: TEST_CARDS.approve, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '737', ...overrides });

export type AuthorizeCommand = AuthorizePayload;

/** An authorize command; on a method that does not exist unless one is given. */
export function authorizeCommand(overrides: Partial<AuthorizeCommand> = {}): AuthorizeCommand {
  return {
    operationId: randomUUID(), orderId: randomUUID(), userId: randomUUID(), amountMinor: 2599, currency: 'EUR', paymentMethodId: randomUUID(),
    ...overrides,
  };
}

const contracts = new ContractValidator(messageContracts);

/** A simulator over the test database (the processor's storage stands in there). */
export const simulatorOver = (pool: Pool, options: Partial<SimulatorOptions> = {}) => new SimulatedCardProcessor({ pool, slowMs: 100, ...options });

/**
 * The command handlers and the card-saving service over a fresh simulator (or the given processor),
 * with the tests' processor timeout, publishing to the test database's outbox. Each command runs on a
 * transaction of its own, as the inbox runs it. `command` saves a card for the user (a new one
 * unless given) and answers an authorize command on it, checked against the contract orders sends it by.
 */
export function paymentsWith(db: Pick<TestDb, 'pool' | 'publish'>, processor: CardProcessor = simulatorOver(db.pool), options: { now?: () => Date } = {}) {
  const { pool } = db;
  const now = options.now ?? (() => new Date());
  const deps: PaymentHandlerDeps = { pool, processor, processorTimeoutMs: TIMEOUT_MS, publish: db.publish, now };
  const methodDeps = { pool, processor, processorTimeoutMs: TIMEOUT_MS, now };
  const saveCard = async (userId: string, card: Partial<CardFields> = {}) => (await addPaymentMethod(methodDeps, userId, cardOf(card))).method;
  return {
    processor,
    deps,
    saveCard,
    command: async (overrides: Partial<AuthorizeCommand> = {}, card: Partial<CardFields> = {}): Promise<AuthorizeCommand> => {
      const userId = overrides.userId ?? randomUUID();
      const method = await saveCard(userId, card);
      const command = authorizeCommand({ userId, paymentMethodId: method.id, ...overrides });
      contracts.assertPayload('payments.authorize', 1, command);
      return command;
    },
    authorize: (command: AuthorizePayload) => withTransaction(pool, (client) => authorize(deps, client, command)),
    capture: (orderId: string, operationId: string = randomUUID()) =>
      withTransaction(pool, (client) => settle(deps, client, capture, { operationId, orderId })),
    void: (orderId: string, operationId: string = randomUUID()) =>
      withTransaction(pool, (client) => settle(deps, client, voidPayment, { operationId, orderId, reason: 'order cancelled' })),
    refund: (orderId: string, amountMinor?: number, operationId: string = randomUUID()) =>
      withTransaction(pool, (client) => settle(deps, client, refund, { operationId, orderId, reason: 'returned', ...(amountMinor !== undefined ? { amountMinor } : {}) })),
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

/** The simulator, except that the answer to the first capture is lost in transit (it is made, then never arrives). */
export class LosesFirstCaptureAnswer implements CardProcessor {
  private lost = false;
  constructor(private readonly inner: CardProcessor) {}
  tokenize: CardProcessor['tokenize'] = (card, options) => this.inner.tokenize(card, options);
  authorize: CardProcessor['authorize'] = (request, options) => this.inner.authorize(request, options);
  void: CardProcessor['void'] = (request, options) => this.inner.void(request, options);
  refund: CardProcessor['refund'] = (request, options) => this.inner.refund(request, options);
  async capture(request: { authorizationId: string; amountMinor: number }, options: ProcessorCallOptions): Promise<OperationAnswer> {
    const answer = await this.inner.capture(request, options);
    if (this.lost) return answer;
    this.lost = true;
    await sleep(60_000, undefined, { signal: options.signal });
    return answer;
  }
}
