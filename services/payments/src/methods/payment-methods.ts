// Saving a card: the only place a card number enters payments. It is checked, sent to the card
// processor's vault, and forgotten; what is kept is the vault's token and what may be shown of the
// card. From then on the card is named by the method's id (`payments.authorize`'s paymentMethodId),
// so no card number passes through orders, a saga command or an outbox.
import { AppError, type Pool } from '@bazaar/platform';
import { callProcessor, type CardProcessor, type TokenizedCard } from '../processor/card-processor.js';
import { checkCard, type CardInput } from '../payments/card.js';
import { insertPaymentMethod, type PaymentMethod } from './payment-method.store.js';

export interface PaymentMethodDeps {
  pool: Pool;
  processor: CardProcessor;
  /** How long the vault may take to answer. */
  processorTimeoutMs: number;
  now: () => Date;
}

/**
 * Tokenizes `card` at the processor and saves it as one of `userId`'s payment methods; a card the user
 * has saved already (the processor's fingerprint of its number, and its expiry) answers with the
 * method they have (`created: false`). A card that fails payments' checks is an `invalid_data` error
 * naming each bad field (`body.card.number` …) and is never sent anywhere; a vault that fails or does
 * not answer in time is `unavailable` (retryable).
 */
export async function addPaymentMethod(deps: PaymentMethodDeps, userId: string, card: CardInput): Promise<{ method: PaymentMethod; created: boolean }> {
  const check = checkCard(card, deps.now());
  if (!check.ok) {
    const errors = check.problems.map((p) => ({ field: `body.card.${p.field}`, message: p.message }));
    throw AppError.invalid(`the card is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors);
  }
  const details = { number: check.number, expMonth: card.expMonth, expYear: check.expYear, cvc: card.cvc };
  const answered = await callProcessor(deps.processorTimeoutMs, async (signal): Promise<{ outcome: 'tokenized'; card: TokenizedCard }> =>
    ({ outcome: 'tokenized', card: await deps.processor.tokenize(details, { signal }) }));
  if (answered.outcome !== 'tokenized') {
    const what = answered.outcome === 'timeout' ? 'did not answer in time' : 'could not save the card';
    throw new AppError('unavailable', `the card processor ${what}; nothing was saved, try again`, { extensions: { retryable: true } });
  }
  return insertPaymentMethod(deps.pool, {
    userId, processorToken: answered.card.token, brand: answered.card.brand, last4: answered.card.last4,
    expMonth: card.expMonth, expYear: check.expYear, cardFingerprint: answered.card.fingerprint,
  });
}

/** What a user is shown of a method: never the token, never more of the card than this. */
export const toPaymentMethodView = (m: PaymentMethod) => ({
  paymentMethodId: m.id,
  brand: m.brand,
  last4: m.last4,
  expMonth: m.expMonth,
  expYear: m.expYear,
});
