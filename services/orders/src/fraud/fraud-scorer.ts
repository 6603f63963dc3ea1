// The fraud scorer is outside the system (a risk-scoring provider), so orders talks to one through
// this adapter; locally and in tests a simulator answers (simulated-scorer.ts). Orders decides what a
// score means (its threshold, see ../checkout/screening.ts); the scorer only scores.

/** What orders tells the scorer about a checkout: the order's total and where it goes. */
export interface FraudScoreRequest {
  orderId: string;
  userId: string;
  totalMinor: number;
  currency: string;
  /** Units in the order, all lines together. */
  units: number;
  shippingAddress: { name: string; line1: string; line2?: string; city: string; state?: string; postalCode: string; country: string };
}

export interface FraudAssessment {
  /** 0 (no risk seen) to 100 (certainly fraud). */
  score: number;
  /** What raised the score, in the scorer's words (empty when nothing did). */
  reasons: string[];
}

export interface FraudScorer {
  /**
   * Scores one checkout. Rejects when the scorer fails; gives up (rejects) when `signal` aborts,
   * which the caller does after its timeout. Asking twice for the same order is harmless: scoring
   * changes nothing at the scorer, so a screening redone after a crash just asks again.
   */
  score(request: FraudScoreRequest, options: { signal: AbortSignal }): Promise<FraudAssessment>;
}
