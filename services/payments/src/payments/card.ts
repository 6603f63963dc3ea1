// What payments may know about a card: the checks made before it is sent to the processor's vault,
// and the only things ever kept (the brand, the last four digits and the expiry date). Pure: no I/O,
// the clock is a parameter.

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

/** One thing wrong with a card, naming its field (`number`, `expMonth`, `expYear` or `cvc`). */
export interface CardProblem {
  field: keyof CardInput;
  message: string;
}

export type CardCheck =
  | { ok: true; number: string; expYear: number; summary: CardSummary }
  | { ok: false; problems: CardProblem[] };

/** Digits only: spaces and dashes as people type them are allowed and dropped. */
export const normaliseCardNumber = (number: string): string => number.replace(/[\s-]/g, '');

/** A two-digit expiry year (`29`) is read as 2029. */
export const fullExpiryYear = (year: number): number => (year >= 0 && year < 100 ? 2000 + year : year);

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
 * Checks a card before it is sent to the processor's vault: 12 to 19 digits passing the Luhn check,
 * a real month, not expired at `now` (a card is valid through the last day of its expiry month), a
 * 3 or 4 digit security code. Every problem is reported, each naming its field. No message repeats
 * what was typed.
 */
export function checkCard(card: CardInput, now: Date): CardCheck {
  const number = normaliseCardNumber(card.number);
  const expYear = fullExpiryYear(card.expYear);
  const problems: CardProblem[] = [];
  if (!/^\d{12,19}$/.test(number)) problems.push({ field: 'number', message: 'must be 12 to 19 digits' });
  else if (!luhnValid(number)) problems.push({ field: 'number', message: 'is not a valid card number' });
  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12) {
    problems.push({ field: 'expMonth', message: 'must be 1 to 12' });
  } else if (!Number.isInteger(expYear) || expYear > now.getUTCFullYear() + 50) {
    problems.push({ field: 'expYear', message: 'is not a plausible expiry year' });
  } else if (hasExpired({ expMonth: card.expMonth, expYear }, now)) {
    problems.push(expYear < now.getUTCFullYear()
      ? { field: 'expYear', message: 'the card has expired' }
      : { field: 'expMonth', message: 'the card has expired' });
  }
  if (!/^\d{3,4}$/.test(card.cvc)) problems.push({ field: 'cvc', message: 'must be 3 or 4 digits' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, number, expYear, summary: { last4: number.slice(-4), brand: brandOf(number) } };
}

/** Whether a card expiring at the end of `expMonth`/`expYear` (a full year) has expired at `now`. */
export function hasExpired(expiry: { expMonth: number; expYear: number }, now: Date): boolean {
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return expiry.expYear * 12 + (expiry.expMonth - 1) < thisMonth;
}
