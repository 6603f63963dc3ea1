// The fraud screening before authorization: who is screened (the `checkout-fraud-check` flag, asked
// once when a checkout starts) and how a verdict is obtained from the scorer.
//
// When the scorer does not answer within its timeout, or fails, the order goes on UNSCREENED (fail
// open), and its step log says so (`screen-fraud` timed out or failed: "let through unscreened"). The
// screening is a layer added in front of an authorization that payments' processor still decides, and
// it is being rolled out to a share of the customers: a scorer outage must not stop their checkouts
// (nor leave them pending until a deadline), and a slow scorer must not hold the saga's lock long. The
// cost, a few orders unscreened while the scorer is down, is visible in their step logs for review.
// The timeout bounds the wait; the step's deadline is the backstop should the screening job itself not
// run (the same outcome: let through, logged as timed out).
import type { Flags } from '@bazaar/platform';
import type { FraudScorer } from '../fraud/fraud-scorer.js';
import { clip } from './saga.commands.js';
import type { ScreeningPolicy } from './saga.runner.js';
import type { OrderFacts, Screening } from './saga.types.js';

/** The flag that turns the screening on, per user: boolean, off by default, rolled out by flagd's `fractional` on the user's id. */
export const FRAUD_CHECK_FLAG = 'checkout-fraud-check';

/** The flag, evaluated for the customer (targetingKey = the user's id: the same user always gets the same answer). */
export function flaggedScreening(flags: Pick<Flags, 'boolean'>): ScreeningPolicy {
  return { screens: (facts) => flags.boolean(FRAUD_CHECK_FLAG, false, { targetingKey: facts.userId }) };
}

export interface ScreeningOptions {
  scorer: FraudScorer;
  /** How long the scorer may take; after it the order is let through unscreened. */
  timeoutMs: number;
  /** A score at or above this rejects the order. */
  rejectScore: number;
}

/** Asks the scorer about an order, within the timeout. Never throws: no score is an `unavailable` verdict. */
export async function screen(facts: OrderFacts, options: ScreeningOptions): Promise<Screening> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const request = {
    orderId: facts.orderId, userId: facts.userId, totalMinor: facts.totalMinor, currency: facts.currency,
    units: facts.lines.reduce((n, line) => n + line.quantity, 0), shippingAddress: facts.recipient,
  };
  // The scorer is given the signal; should it not heed it, the wait still ends with the timeout.
  const gaveUp = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
  try {
    const { score, reasons } = await Promise.race([options.scorer.score(request, { signal }), gaveUp]);
    if (!Number.isFinite(score) || score < 0 || score > 100) {
      return { verdict: 'unavailable', cause: 'error', detail: `the scorer answered an invalid score (${String(score)})` };
    }
    const verdict = score >= options.rejectScore ? 'reject' : 'pass';
    return { verdict, score, threshold: options.rejectScore, reasons: reasons.slice(0, 5).map((r) => clip(String(r), 80)) };
  } catch (error) {
    if (signal.aborted) return { verdict: 'unavailable', cause: 'timeout', detail: `the scorer did not answer within ${options.timeoutMs} ms` };
    return { verdict: 'unavailable', cause: 'error', detail: clip(`the scorer failed: ${error instanceof Error ? error.message : String(error)}`, 160) };
  }
}
