/**
 * An amount in minor units as people read it: `1234, 'EUR'` → `EUR 12.34`, with the currency's own
 * number of decimals (JPY has none). For messages, logs and step details; the APIs carry minor units.
 */
export function formatMoney(minor: number, currency: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An ISO code Intl does not know: two decimals, as most have.
  }
  return `${currency} ${(minor / 10 ** digits).toFixed(digits)}`;
}
