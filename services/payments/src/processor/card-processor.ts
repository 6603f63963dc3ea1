// The adapter between payments and the card processor, which lives outside Bazaar. Payments talks
// only to this interface; the one implementation today is the simulator (simulated-processor.ts).
// A real processor's client would implement the same five calls.
//
// A card's number and security code are sent to the processor once, to be kept in its vault
// (`tokenize`), and never again: every later call names the card by the vault's token.

/** A card as the customer typed it, on its way to the processor's vault and nowhere else. */
export interface CardDetails {
  /** Digits only. */
  number: string;
  expMonth: number;
  /** The full year (2029). */
  expYear: number;
  cvc: string;
}

/** What the vault answers: a token standing for the card, and what may be shown of it. */
export interface TokenizedCard {
  token: string;
  brand: string;
  last4: string;
  /**
   * The same for every tokenization of the same card number within our account (a keyed hash the
   * vault makes, as real processors give one), so a card saved twice can be told apart from two cards.
   */
  fingerprint: string;
}

/** What a processor needs to authorize a charge: the card is named by its vault token. */
export interface AuthorizeRequest {
  amountMinor: number;
  currency: string;
  /** The token `tokenize` gave for the card. */
  token: string;
  /** Shown on the processor's side so an operator can match its records with ours. */
  orderId: string;
}

export interface ProcessorCallOptions {
  /**
   * The processor's idempotency key: our operation id. A repeated call with the same key gets the
   * first call's answer and has no second effect (no second authorization, capture or refund).
   */
  idempotencyKey: string;
  /** Aborted when our timeout expires: the caller has stopped waiting for the answer. */
  signal: AbortSignal;
}

export type AuthorizeAnswer =
  | { outcome: 'approved'; authorizationId: string }
  /** `invalid_payment_method`: the processor knows no card by this token. */
  | { outcome: 'declined'; reason: 'card_declined' | 'insufficient_funds' | 'invalid_payment_method' }
  | { outcome: 'error'; message: string };

export type OperationAnswer =
  | { outcome: 'succeeded'; reference: string }
  | { outcome: 'declined'; reason: string }
  | { outcome: 'error'; message: string };

/**
 * The authorization to release: by its id, or, when an authorization timed out and we never learnt
 * its id, by the idempotency key of the authorize call (void whatever that call produced, if anything).
 */
export type VoidRequest = { authorizationId: string } | { authorizeKey: string };

export interface CardProcessor {
  /**
   * Keeps the card in the processor's vault and answers its token. Not idempotent, and need not be:
   * asking twice makes two tokens for one card, which costs nothing. Throws when the vault refuses
   * the card or cannot be reached.
   */
  tokenize(card: CardDetails, options?: { signal?: AbortSignal }): Promise<TokenizedCard>;
  authorize(request: AuthorizeRequest, options: ProcessorCallOptions): Promise<AuthorizeAnswer>;
  capture(request: { authorizationId: string; amountMinor: number }, options: ProcessorCallOptions): Promise<OperationAnswer>;
  void(request: VoidRequest, options: ProcessorCallOptions): Promise<OperationAnswer>;
  refund(request: { authorizationId: string; amountMinor: number }, options: ProcessorCallOptions): Promise<OperationAnswer>;
}

/** Ours: the processor did not answer in time, so the outcome of the call is unknown. */
export type TimedOut = { outcome: 'timeout' };

/**
 * Calls the processor with a deadline. A call that takes longer is abandoned (its signal aborted) and
 * answered `timeout`; a call that throws is answered `error`. Never throws itself, so every processor
 * failure reaches the caller as a value it must handle.
 */
export async function callProcessor<A>(
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<A>,
): Promise<A | TimedOut | { outcome: 'error'; message: string }> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<TimedOut>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`no answer within ${timeoutMs} ms`));
      resolve({ outcome: 'timeout' });
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } catch (error) {
    if (controller.signal.aborted) return { outcome: 'timeout' };
    return { outcome: 'error', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
