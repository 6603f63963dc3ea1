/** Decimals per currency code; Intl's answer never changes for a code, and building a formatter per call cost 3 % of orders' CPU. */
const digitsByCurrency = new Map<string, number>();

function fractionDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits !== undefined) return digits;
  digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An ISO code Intl does not know: two decimals, as most have.
  }
  // Codes come from validated data (a handful of them); the bound keeps hostile input from growing it.
  if (digitsByCurrency.size < 1000) digitsByCurrency.set(currency, digits);
  return digits;
}

/**
 * An amount in minor units as people read it: `1234, 'EUR'` → `EUR 12.34`, with the currency's own
 * number of decimals (JPY has none). For messages, logs and step details; the APIs carry minor units.
 */
export function formatMoney(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  return `${currency} ${(minor / 10 ** digits).toFixed(digits)}`;
}
