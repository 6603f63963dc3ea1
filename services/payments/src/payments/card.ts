// What payments may know about a card: checks before the processor is asked, and the only two
// things ever kept (the last four digits and the brand). Pure: no I/O, the clock is a parameter.

export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown';

/** What is stored and shown of a card. */
export interface CardSummary {
  last4: string;
  brand: CardBrand;
}

export type CardCheck =
  | { ok: true; number: string; summary: CardSummary }
  | { ok: false; problem: string; summary: CardSummary | null };

/** Digits only: spaces and dashes as people type them are allowed and dropped. */
export const normaliseCardNumber = (number: string): string => number.replace(/[\s-]/g, '');

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function brandOf(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  return 'unknown';
}

/**
 * Checks a card before any processor is asked: 12 to 19 digits passing the Luhn check, a real month,
 * not expired at `now` (a card is valid through the last day of its expiry month), a 3 or 4 digit
 * security code. A malformed card is an expected outcome (declined as `invalid_card`), not an error.
 */
export function checkCard(card: CardInput, now: Date): CardCheck {
  const number = normaliseCardNumber(card.number);
  const summary = /^\d{4,}$/.test(number) ? { last4: number.slice(-4), brand: brandOf(number) } : null;
  const problem = cardProblem(number, card, now);
  if (problem) return { ok: false, problem, summary };
  return { ok: true, number, summary: summary! };
}

function cardProblem(number: string, card: CardInput, now: Date): string | undefined {
  if (!/^\d{12,19}$/.test(number)) return 'the card number must be 12 to 19 digits';
  if (!luhnValid(number)) return 'the card number is not valid';
  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12) return 'the expiry month must be 1 to 12';
  const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (year * 12 + (card.expMonth - 1) < thisMonth) return 'the card has expired';
  if (!/^\d{3,4}$/.test(card.cvc)) return 'the security code must be 3 or 4 digits';
  return undefined;
}
