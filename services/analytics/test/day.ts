// A synthetic day of shopping as the services would announce it: every envelope valid against the
// contracts, with the cross-service ids lining up (an order's payment, reservation and parcel). Used
// where a test needs the fold's input without running the services (fold and rebuild, reports'
// arithmetic, the benchmark); the system test checks the same reports against the real services.
import { randomUUID } from 'node:crypto';
import type { Envelope } from '@bazaar/platform';

export interface DayOptions {
  seed?: number;
  users?: number;
  orders?: number;
  /** The day, as YYYY-MM-DD (UTC). */
  day?: string;
}

/** A small seeded generator (mulberry32): the same seed gives the same day. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const traceparent = () => `00-${randomUUID().replace(/-/g, '')}-${randomUUID().replace(/-/g, '').slice(0, 16)}-01`;

export function envelope(type: string, source: string, at: Date, payload: unknown, correlationId = randomUUID()): Envelope {
  return { id: randomUUID(), type, version: 1, source, occurredAt: at.toISOString(), correlationId, causationId: correlationId, traceparent: traceparent(), payload };
}

export interface Day {
  events: Envelope[];
  products: { productId: string; sku: string; categoryId: string; priceMinor: number }[];
  /** What each order became, for tests that check a report's figures. */
  orders: { orderId: string; outcome: 'delivered' | 'declined' | 'out_of_stock' | 'cancelled'; lines: { productId: string; sku: string; quantity: number; unitPriceMinor: number }[]; userId: string }[];
}

const TRACKING = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `orders` checkouts by `users` customers over one day: 70 % delivered, 15 % declined, 10 % out of
 * stock, 5 % cancelled after confirmation and refunded. Events come in the order they happened.
 */
export function shoppingDay(options: DayOptions = {}): Day {
  const r = rng(options.seed ?? 1);
  const day = new Date(`${options.day ?? '2026-11-20'}T00:00:00Z`).getTime();
  const at = (ms: number) => new Date(day + ms);
  const events: Envelope[] = [];
  const categories = [randomUUID(), randomUUID(), randomUUID()];
  const products = Array.from({ length: 8 }, (_, i) => ({
    productId: randomUUID(), sku: `SKU-${String(i + 1).padStart(3, '0')}`, categoryId: categories[i % categories.length]!, priceMinor: 500 + 250 * i,
  }));
  for (const p of products) {
    events.push(envelope('product.created', 'catalog', at(0), { productId: p.productId, sku: p.sku, name: `Product ${p.sku}`, priceMinor: p.priceMinor, currency: 'EUR', categoryId: p.categoryId, createdAt: at(0).toISOString() }));
  }
  const users = Array.from({ length: options.users ?? 40 }, () => randomUUID());
  users.forEach((userId, i) => events.push(envelope('user.registered', 'identity', at(1000 + i * 1000), {
    userId, email: `shopper${i}@example.test`, firstName: 'Shopper', lastName: String(i), registeredAt: at(1000 + i * 1000).toISOString(),
  })));
  const stock = new Map(products.map((p) => [p.sku, { onHand: 1000, reserved: 0, version: 1 }]));
  const stockChanged = (sku: string, when: Date) => {
    const s = stock.get(sku)!;
    s.version += 1;
    events.push(envelope('stock.changed', 'inventory', when, { sku, onHand: s.onHand, reserved: s.reserved, available: s.onHand - s.reserved, version: s.version, occurredAt: when.toISOString() }));
  };
  const couriers = Array.from({ length: 3 }, (_, i) => ({ courierId: randomUUID(), name: `Courier ${i + 1}` }));
  const orders: Day['orders'] = [];
  const count = options.orders ?? 200;
  for (let n = 0; n < count; n++) {
    const t0 = 3_600_000 + Math.floor((n / count) * 18 * 3_600_000);
    const orderId = randomUUID();
    const userId = r.pick(users);
    const orderNumber = `BZ-261120-${String(n).padStart(5, '0')}`;
    const chosen = [...new Set(Array.from({ length: 1 + r.int(3) }, () => r.pick(products)))];
    const lines = chosen.map((p) => ({ productId: p.productId, sku: p.sku, quantity: 1 + r.int(3), unitPriceMinor: p.priceMinor }));
    const totalMinor = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
    const ref = { orderId, orderNumber, userId };
    const roll = r.next();
    const outcome = roll < 0.7 ? 'delivered' : roll < 0.85 ? 'declined' : roll < 0.95 ? 'out_of_stock' : 'cancelled';
    orders.push({ orderId, outcome, lines, userId });
    const c = randomUUID();
    const ev = (type: string, source: string, ms: number, payload: unknown) => events.push(envelope(type, source, at(t0 + ms), payload, c));
    ev('order.placed', 'orders', 0, { ...ref, totalMinor, currency: 'EUR', items: lines, placedAt: at(t0).toISOString() });
    const reservationId = randomUUID();
    if (outcome === 'out_of_stock') {
      ev('stock.reservation-rejected', 'inventory', 200, { reservationId, orderId, reason: 'insufficient_stock', shortages: [{ sku: lines[0]!.sku, requested: lines[0]!.quantity, available: 0 }] });
      ev('order.rejected', 'orders', 400, { ...ref, reason: 'out_of_stock', rejectedAt: at(t0 + 400).toISOString() });
      continue;
    }
    ev('stock.reserved', 'inventory', 200, { reservationId, orderId, items: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) });
    for (const l of lines) stock.get(l.sku)!.reserved += l.quantity;
    const paymentId = randomUUID();
    if (outcome === 'declined') {
      ev('payment.declined', 'payments', 500, { operationId: randomUUID(), orderId, paymentId: null, reason: 'card_declined', amountMinor: totalMinor, currency: 'EUR', version: null });
      ev('stock.released', 'inventory', 700, { reservationId, orderId, reason: 'payment_declined' });
      for (const l of lines) stock.get(l.sku)!.reserved -= l.quantity;
      ev('order.rejected', 'orders', 800, { ...ref, reason: 'payment_declined', rejectedAt: at(t0 + 800).toISOString() });
      continue;
    }
    ev('payment.authorized', 'payments', 500, { operationId: randomUUID(), orderId, paymentId, amountMinor: totalMinor, currency: 'EUR', cardBrand: 'visa', cardLast4: '4242', version: 1 });
    ev('payment.captured', 'payments', 900, { operationId: randomUUID(), orderId, paymentId, amountMinor: totalMinor, currency: 'EUR', version: 2 });
    ev('order.confirmed', 'orders', 1000, { ...ref, totalMinor, currency: 'EUR', confirmedAt: at(t0 + 1000).toISOString() });
    const shipmentId = randomUUID();
    const trackingNumber = `BZ${Array.from({ length: 10 }, () => r.pick([...TRACKING])).join('')}`;
    ev('shipment.created', 'shipping', 1200, { shipmentRequestId: randomUUID(), orderId, shipmentId, trackingNumber, carrier: 'bazaar', status: 'pending', version: 1 });
    if (outcome === 'cancelled') {
      ev('shipment.cancelled', 'shipping', 60_000, { orderId, shipmentId, effect: 'cancelled', version: 2 });
      ev('payment.refunded', 'payments', 61_000, { operationId: randomUUID(), orderId, paymentId, amountMinor: totalMinor, currency: 'EUR', status: 'refunded', version: 3 });
      ev('stock.released', 'inventory', 61_500, { reservationId, orderId, reason: 'order_cancelled' });
      for (const l of lines) stock.get(l.sku)!.reserved -= l.quantity;
      ev('order.cancelled', 'orders', 62_000, { ...ref, reason: 'customer_request', cancelledAt: at(t0 + 62_000).toISOString(), refundedMinor: totalMinor });
      continue;
    }
    const courier = r.pick(couriers);
    const delivery = { shipmentId, orderId, trackingNumber };
    ev('shipment.dispatched', 'shipping', 300_000, { ...delivery, version: 2, courier, dispatchedAt: at(t0 + 300_000).toISOString() });
    ev('stock.committed', 'inventory', 301_000, { reservationId, orderId });
    for (const l of lines) {
      const s = stock.get(l.sku)!;
      s.reserved -= l.quantity;
      s.onHand -= l.quantity;
      stockChanged(l.sku, at(t0 + 301_000));
    }
    ev('shipment.picked_up', 'shipping', 900_000, { ...delivery, version: 3, courier, pickedUpAt: at(t0 + 900_000).toISOString() });
    const minutes = 20 + r.int(40);
    ev('shipment.delivered', 'shipping', 900_000 + minutes * 60_000, { ...delivery, version: 4, courier, deliveredAt: at(t0 + 900_000 + minutes * 60_000).toISOString() });
  }
  return { events, products, orders };
}

/** The same events in another order, with `duplicates` of them (a fraction) delivered again. */
export function shuffledWithDuplicates(events: Envelope[], seed: number, duplicates = 0.2): Envelope[] {
  const r = rng(seed);
  const out = [...events, ...events.filter(() => r.next() < duplicates)];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
