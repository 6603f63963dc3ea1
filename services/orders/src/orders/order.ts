// Orders' pure domain: order numbers, pricing a cart from catalog's answers, and the fingerprint of a
// checkout request that makes Idempotency-Key safe. No I/O.
import { createHash, randomInt } from 'node:crypto';
import type { FieldError } from '@bazaar/platform';

/** No 0/O, 1/I/L or U (which reads as V): easy to read out over the phone. */
export const ORDER_NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `BZ-YYMMDD-XXXXX`: the day it was placed (UTC) and five random characters of the alphabet. */
export function newOrderNumber(now: Date, random: (max: number) => number = randomInt): string {
  const day = now.toISOString().slice(2, 10).replace(/-/g, '');
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ORDER_NUMBER_ALPHABET[random(ORDER_NUMBER_ALPHABET.length)];
  return `BZ-${day}-${suffix}`;
}

export interface CartLine {
  productId: string;
  quantity: number;
}

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  state?: string;
  postalCode: string;
  country: string;
}

export interface CheckoutRequest {
  items: CartLine[];
  shippingAddress: ShippingAddress;
  paymentMethodId: string;
}

/** What orders needs of a catalog product (`GET /products/:id`). */
export interface CatalogProduct {
  id: string;
  sku: string;
  name: string;
  priceMinor: number;
  currency: string;
  status: 'active' | 'discontinued';
}

/** A line as it is stored: the product as catalog priced it at checkout. */
export interface PricedLine {
  lineNo: number;
  productId: string;
  sku: string;
  name: string;
  unitPriceMinor: number;
  quantity: number;
  lineTotalMinor: number;
}

export type Pricing =
  | { ok: true; lines: PricedLine[]; currency: string; subtotalMinor: number; totalMinor: number }
  | { ok: false; message: string; errors: FieldError[] };

const field = (index: number, name: string) => `body.items.${index}.${name}`;

/**
 * Prices the cart from catalog's current answers (undefined: catalog does not know the product).
 * Every line must name a product on sale, all in one currency, and the total must be above zero
 * (nothing can be authorized for less). Problems are listed per line.
 */
export function priceCart(items: readonly CartLine[], products: ReadonlyMap<string, CatalogProduct | undefined>): Pricing {
  const errors: FieldError[] = [];
  const lines: PricedLine[] = [];
  items.forEach((item, index) => {
    const product = products.get(item.productId);
    if (!product) errors.push({ field: field(index, 'productId'), message: `product ${item.productId} does not exist` });
    else if (product.status !== 'active') errors.push({ field: field(index, 'productId'), message: `product ${product.sku} is discontinued` });
    else {
      lines.push({
        lineNo: index + 1, productId: product.id, sku: product.sku, name: product.name,
        unitPriceMinor: product.priceMinor, quantity: item.quantity, lineTotalMinor: product.priceMinor * item.quantity,
      });
    }
  });
  if (errors.length) return { ok: false, message: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors };
  const byCurrency = new Map<string, number[]>();
  items.forEach((item, index) => {
    const currency = products.get(item.productId)!.currency;
    byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), index]);
  });
  if (byCurrency.size > 1) {
    const listed = [...byCurrency.keys()].join(', ');
    return {
      ok: false,
      message: `an order is paid in one currency; these items are priced in ${listed}`,
      errors: [...byCurrency].slice(1).flatMap(([currency, indexes]) => indexes.map((i) => ({ field: field(i, 'productId'), message: `is priced in ${currency}` }))),
    };
  }
  const subtotalMinor = lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
  if (subtotalMinor < 1) return { ok: false, message: 'the order total must be above zero', errors: [{ field: 'body.items', message: 'add up to nothing to pay' }] };
  return { ok: true, lines, currency: [...byCurrency.keys()][0]!, subtotalMinor, totalMinor: subtotalMinor };
}

/** Lines that name one product twice (quantities belong on one line): the field of each repeat. */
export function repeatedProducts(items: readonly CartLine[]): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.productId)) errors.push({ field: field(index, 'productId'), message: 'names a product already in the order; put the whole quantity on one line' });
    seen.add(item.productId);
  });
  return errors;
}

/** One line per SKU, as inventory and shipping take them. */
export function linesBySku(lines: readonly Pick<PricedLine, 'sku' | 'quantity'>[]): { sku: string; quantity: number }[] {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of lines) bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
}

/** A stable fingerprint of a checkout request: the same request (whatever its key order) gives the same hash. */
export function requestHash(request: CheckoutRequest): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
