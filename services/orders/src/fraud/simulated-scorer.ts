import { formatMoney } from '@bazaar/platform';
import type { FraudAssessment, FraudScoreRequest, FraudScorer } from './fraud-scorer.js';

/** Every order starts with this much risk. */
const BASE_SCORE = 5;
/** A total above this (in minor units, any currency) adds LARGE_ORDER_SCORE: 1 000.00. */
export const LARGE_ORDER_MINOR = 100_000;
const LARGE_ORDER_SCORE = 25;
/** A total above this adds VERY_LARGE_ORDER_SCORE instead: 5 000.00, enough to be rejected on its own. */
export const VERY_LARGE_ORDER_MINOR = 500_000;
const VERY_LARGE_ORDER_SCORE = 70;
/** Shipping to this postal code adds WATCHED_ADDRESS_SCORE: rejected whatever the total. */
export const WATCHED_POSTAL_CODE = '66666';
const WATCHED_ADDRESS_SCORE = 90;
/** Shipping to this postal code makes the scorer fail (as a provider's 5xx would). */
export const FAILING_POSTAL_CODE = '99998';
/** Shipping to this postal code makes the scorer never answer (the caller's timeout ends the wait). */
export const SILENT_POSTAL_CODE = '99999';

/**
 * The fraud scorer SIMULATOR: a deterministic score from the order's total and its shipping address,
 * the same every time for the same order, with test addresses that fail or never answer. Its rules:
 *   - every order starts at 5;
 *   - a total above 1 000.00 adds 25 (30: passes); above 5 000.00 adds 70 instead (75: rejected at
 *     orders' default threshold of 70);
 *   - postal code 66666 adds 90 (rejected whatever the total);
 *   - postal code 99998: the scorer fails; 99999: it never answers (orders' timeout gives up);
 *   - the score is capped at 100.
 * It knows no real risk; a deployment plugs a real scorer in behind the same interface.
 */
export class SimulatedFraudScorer implements FraudScorer {
  score(request: FraudScoreRequest, options: { signal: AbortSignal }): Promise<FraudAssessment> {
    const postalCode = request.shippingAddress.postalCode.trim();
    if (postalCode === FAILING_POSTAL_CODE) return Promise.reject(new Error('the fraud scorer answered 503 (simulated failure)'));
    if (postalCode === SILENT_POSTAL_CODE) return silence(options.signal);
    let score = BASE_SCORE;
    const reasons: string[] = [];
    if (request.totalMinor > VERY_LARGE_ORDER_MINOR) {
      score += VERY_LARGE_ORDER_SCORE;
      reasons.push(`very large order (${formatMoney(request.totalMinor, request.currency)})`);
    } else if (request.totalMinor > LARGE_ORDER_MINOR) {
      score += LARGE_ORDER_SCORE;
      reasons.push(`large order (${formatMoney(request.totalMinor, request.currency)})`);
    }
    if (postalCode === WATCHED_POSTAL_CODE) {
      score += WATCHED_ADDRESS_SCORE;
      reasons.push('shipping address on the watch list');
    }
    return Promise.resolve({ score: Math.min(score, 100), reasons });
  }
}

/** A scorer that does not answer: settles only when the caller gives up. */
function silence(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const giveUp = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) giveUp();
    else signal.addEventListener('abort', giveUp, { once: true });
  });
}
