// A SIMULATED card processor. Bazaar charges no real cards: the processor is an external system, so
// it is stood in for by this in-memory simulator behind the CardProcessor adapter. It behaves like a
// real processor where payments depends on it: it honours idempotency keys (a repeated key replays
// the first answer and has no second effect), it can be slow, it can fail, and it can time out after
// having done the work. Its state lives in this process only and is lost on restart.
//
// Test cards (any future expiry date, any 3-digit security code):
//
// | number              | authorize                                            | afterwards                 |
// |---------------------|------------------------------------------------------|----------------------------|
// | 4242 4242 4242 4242 | approved                                             | capture, void, refund work |
// | 5555 5555 5555 4444 | approved (mastercard)                                | capture, void, refund work |
// | 4000 0000 0000 0002 | declined: card_declined                              |                            |
// | 4000 0000 0000 9995 | declined: insufficient_funds                         |                            |
// | 4000 0000 0000 0119 | processor error                                      |                            |
// | 4000 0000 0000 0069 | authorizes, then never answers in time (hangs until  | void releases it           |
// |                     | the caller gives up): payments sees a timeout        |                            |
// | 4000 0000 0000 0077 | approved after a slow answer (1.5 s by default,      | capture, void, refund work |
// |                     | within the default timeout)                          |                            |
// | 4000 0000 0000 0341 | approved                                             | capture is declined        |
// | any other number    | approved if it passes payments' own checks           | capture, void, refund work |
//
// Numbers that fail the Luhn check or are not 12 to 19 digits never reach the processor: payments
// declines them itself as `invalid_card`.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  AuthorizeAnswer, AuthorizeRequest, CardProcessor, OperationAnswer, ProcessorCallOptions, VoidRequest,
} from './card-processor.js';

export const TEST_CARDS = {
  approve: '4242424242424242',
  approveMastercard: '5555555555554444',
  decline: '4000000000000002',
  insufficientFunds: '4000000000009995',
  processorError: '4000000000000119',
  timeout: '4000000000000069',
  slow: '4000000000000077',
  captureDeclined: '4000000000000341',
} as const;

export interface SimulatedAuthorization {
  id: string;
  orderId: string;
  authorizeKey: string;
  amountMinor: number;
  currency: string;
  last4: string;
  status: 'authorized' | 'captured' | 'voided';
  capturedMinor: number;
  refundedMinor: number;
  captureDeclines: boolean;
}

export interface SimulatorOptions {
  /** How long the slow card takes to answer. */
  slowMs?: number;
  /** How long the timeout card hangs before it would answer (the caller gives up long before). */
  hangMs?: number;
}

type Kind = 'authorize' | 'capture' | 'void' | 'refund';

/** The simulator. Counters and authorizations are public so tests can see what the processor saw. */
export class SimulatedCardProcessor implements CardProcessor {
  /** Every call received, replays included. */
  readonly calls: Record<Kind, number> = { authorize: 0, capture: 0, void: 0, refund: 0 };
  readonly authorizations = new Map<string, SimulatedAuthorization>();
  private readonly answers = new Map<string, AuthorizeAnswer | OperationAnswer>();
  private readonly byAuthorizeKey = new Map<string, string>();
  private readonly slowMs: number;
  private readonly hangMs: number;

  constructor(options: SimulatorOptions = {}) {
    this.slowMs = options.slowMs ?? 1500;
    this.hangMs = options.hangMs ?? 60_000;
  }

  async authorize(request: AuthorizeRequest, options: ProcessorCallOptions): Promise<AuthorizeAnswer> {
    this.calls.authorize++;
    const number = request.card.number.replace(/\D/g, '');
    // The work is done (and remembered under the key) before the answer is delayed, as with a real
    // processor whose reply is lost or late: the authorization exists even if the caller gave up.
    const answer = this.once('authorize', options.idempotencyKey, () => this.decideAuthorization(request, number, options.idempotencyKey));
    if (number === TEST_CARDS.timeout) await sleep(this.hangMs, undefined, { signal: options.signal });
    if (number === TEST_CARDS.slow) await sleep(this.slowMs, undefined, { signal: options.signal });
    return answer as AuthorizeAnswer;
  }

  async capture(request: { authorizationId: string; amountMinor: number }, options: ProcessorCallOptions): Promise<OperationAnswer> {
    this.calls.capture++;
    return this.once('capture', options.idempotencyKey, () => {
      const auth = this.authorizations.get(request.authorizationId);
      if (!auth) return declined('unknown_authorization');
      if (auth.status !== 'authorized') return declined(auth.status === 'captured' ? 'already_captured' : 'authorization_voided');
      if (request.amountMinor > auth.amountMinor) return declined('amount_exceeds_authorization');
      if (auth.captureDeclines) return declined('capture_declined');
      auth.status = 'captured';
      auth.capturedMinor = request.amountMinor;
      return succeeded('cap');
    }) as OperationAnswer;
  }

  async void(request: VoidRequest, options: ProcessorCallOptions): Promise<OperationAnswer> {
    this.calls.void++;
    return this.once('void', options.idempotencyKey, () => {
      const id = 'authorizationId' in request ? request.authorizationId : this.byAuthorizeKey.get(request.authorizeKey);
      const auth = id ? this.authorizations.get(id) : undefined;
      if (!auth) return succeeded('void_nothing');
      if (auth.status === 'captured') return declined('already_captured');
      auth.status = 'voided';
      return succeeded('void');
    }) as OperationAnswer;
  }

  async refund(request: { authorizationId: string; amountMinor: number }, options: ProcessorCallOptions): Promise<OperationAnswer> {
    this.calls.refund++;
    return this.once('refund', options.idempotencyKey, () => {
      const auth = this.authorizations.get(request.authorizationId);
      if (!auth || auth.status !== 'captured') return declined('not_captured');
      if (request.amountMinor > auth.capturedMinor - auth.refundedMinor) return declined('amount_exceeds_captured');
      auth.refundedMinor += request.amountMinor;
      return succeeded('ref');
    }) as OperationAnswer;
  }

  /** Authorizations made for an order (tests: "exactly one authorization at the processor"). */
  authorizationsFor(orderId: string): SimulatedAuthorization[] {
    return [...this.authorizations.values()].filter((a) => a.orderId === orderId);
  }

  private decideAuthorization(request: AuthorizeRequest, number: string, key: string): AuthorizeAnswer {
    if (number === TEST_CARDS.decline) return { outcome: 'declined', reason: 'card_declined' };
    if (number === TEST_CARDS.insufficientFunds) return { outcome: 'declined', reason: 'insufficient_funds' };
    if (number === TEST_CARDS.processorError) return { outcome: 'error', message: 'simulated processor error' };
    const id = reference('auth');
    this.authorizations.set(id, {
      id, orderId: request.orderId, authorizeKey: key, amountMinor: request.amountMinor, currency: request.currency,
      last4: number.slice(-4), status: 'authorized', capturedMinor: 0, refundedMinor: 0,
      captureDeclines: number === TEST_CARDS.captureDeclined,
    });
    this.byAuthorizeKey.set(key, id);
    return { outcome: 'approved', authorizationId: id };
  }

  /** Processor-side idempotency: the first answer under a key is kept and replayed. */
  private once(kind: Kind, key: string, work: () => AuthorizeAnswer | OperationAnswer): AuthorizeAnswer | OperationAnswer {
    const slot = `${kind}:${key}`;
    const known = this.answers.get(slot);
    if (known) return known;
    const answer = work();
    this.answers.set(slot, answer);
    return answer;
  }
}

const reference = (prefix: string) => `sim_${prefix}_${randomBytes(8).toString('hex')}`;
const succeeded = (prefix: string): OperationAnswer => ({ outcome: 'succeeded', reference: reference(prefix) });
const declined = (reason: string): OperationAnswer => ({ outcome: 'declined', reason });
