/**
 * The saga's invariants, checked after a run through the shop's own APIs (each customer's orders,
 * payments and shipments; inventory's stock items and the services' dead-letter queues and outboxes,
 * as an admin), for the orders the run placed and the products it made: so it works against any
 * running shop, beside other traffic. The reading (`readAudit`) is apart from the judging
 * (`judge`, pure), as in tools/src/testing/invariants.ts, which checks the same rules from the
 * databases when a test owns the system.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { callAs, type Answer, type Gateway, type Session } from '../courier-sim/api.js';
import { patiently, STOCK_PER_PRODUCT, type LoadShop } from './setup.js';
import type { PlacedOrder } from './tasks.js';

export const SERVICES = ['identity', 'catalog', 'inventory', 'payments', 'shipping', 'orders', 'notifications', 'analytics'] as const;
const CONFIRMED = new Set(['confirmed', 'shipped', 'delivered']);
const TERMINAL = new Set([...CONFIRMED, 'cancelled', 'rejected']);

export interface AuditData {
  placed: PlacedOrder[];
  /** Every order of the pool's customers created since the run began (GET /orders). */
  orders: { id: string; status: string; totalMinor: number; createdAt: number }[];
  /** When the run began (ms since the epoch). */
  runStartedAt: number;
  payments: { orderId: string; status: string; amountMinor: number; capturedMinor: number; refundedMinor: number }[];
  shipments: { orderId: string; status: string }[];
  stock: { sku: string; onHand: number; reserved: number; available: number }[];
  /** Parked messages by service, before the run and after it (services that answered both times). */
  deadLetters: Record<string, { before: number; after: number }>;
  /** Each service's outbox backlog: whether it drained (reached 0) after the run, and the last seen. */
  outboxes: Record<string, { drained: boolean; last: number }>;
}

export interface Invariant { name: string; rule: string; ok: boolean; checked: number; detail: string[] }

/** Dead-letter depth of every service that answers (a service not in this system is left out). */
export async function deadLetterDepths(gateway: Gateway, admin: Session): Promise<Record<string, number>> {
  const depths: Record<string, number> = {};
  for (const service of SERVICES) {
    const answer = await callAs(gateway, admin, 'GET', `/admin/services/${service}/dlq?limit=1`).catch(() => undefined);
    if (answer?.status === 200) depths[service] = Number(answer.body.depth);
  }
  return depths;
}

/** Waits (up to `timeoutMs`) until each service's outbox has been seen empty. */
async function drainOutboxes(gateway: Gateway, admin: Session, timeoutMs: number): Promise<AuditData['outboxes']> {
  const outboxes: AuditData['outboxes'] = {};
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const service of SERVICES) {
      if (outboxes[service]?.drained) continue;
      const answer = await callAs(gateway, admin, 'GET', `/admin/services/${service}/outbox`).catch(() => undefined);
      if (answer?.status !== 200) continue; // not running here, or no outbox (analytics)
      const backlog = Number(answer.body.backlog);
      outboxes[service] = { drained: backlog === 0, last: backlog };
    }
    if (Object.values(outboxes).every((o) => o.drained) || Date.now() > until) return outboxes;
    await sleep(1_000);
  }
}

/** Every item of a customer's list, newest first, until one older than `since`. */
async function listSince(gateway: Gateway, session: Session, path: string, since: number, say: (line: string) => void): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let after: string | null = null;
  for (;;) {
    const cursorParam = path === '/orders' ? 'cursor' : 'after';
    const page: Answer = await patiently(() => callAs(gateway, session, 'GET', `${path}?limit=100${after ? `&${cursorParam}=${encodeURIComponent(after)}` : ''}`), say);
    if (page.status !== 200) throw new Error(`GET ${path} as ${session.email}: ${page.status} ${JSON.stringify(page.body).slice(0, 200)}`);
    const batch = page.body.items as Record<string, unknown>[];
    let older = false;
    for (const item of batch) {
      if (Date.parse(String(item.createdAt)) < since) older = true;
      else items.push(item);
    }
    after = (page.body.nextCursor ?? page.body.next ?? null) as string | null;
    if (older || !after || batch.length === 0) return items;
  }
}

export async function readAudit(shop: LoadShop, placed: PlacedOrder[], runStartedAt: number, deadLettersBefore: Record<string, number>, say: (line: string) => void): Promise<AuditData> {
  const { gateway, admin } = shop;
  say('audit: waiting for every outbox to drain…');
  const outboxes = await drainOutboxes(gateway, admin, 60_000);
  // Clocks of this machine and the services' may differ a little: look a minute further back, then keep only orders of the run.
  const since = runStartedAt - 60_000;
  const readStock = async () => {
    const stock: AuditData['stock'] = [];
    for (const product of shop.products) {
      const answer = await patiently(() => callAs(gateway, admin, 'GET', `/inventory/${product.sku}`), say);
      if (answer.status !== 200) throw new Error(`GET /inventory/${product.sku}: ${answer.status}`);
      const item = answer.body.item as { onHand: number; reserved: number; available: number };
      stock.push({ sku: product.sku, onHand: item.onHand, reserved: item.reserved, available: item.available });
    }
    return stock;
  };
  // A parcel coming back (a courier's failed deliveries) changes stock and its order at once: read
  // stock, then the orders, then stock again, and again until stock held still around the orders.
  for (let attempt = 1; ; attempt++) {
    say(`audit: reading ${shop.users.length} customers' orders, payments and shipments, and ${shop.products.length} stock items${attempt > 1 ? ` (again: stock moved while reading, attempt ${attempt})` : ''}…`);
    const stockBefore = await readStock();
    const orders: AuditData['orders'] = [];
    const payments: AuditData['payments'] = [];
    const shipments: AuditData['shipments'] = [];
    for (const user of shop.users) {
      for (const o of await listSince(gateway, user.session, '/orders', since, say)) orders.push({ id: String(o.id), status: String(o.status), totalMinor: Number(o.totalMinor), createdAt: Date.parse(String(o.createdAt)) });
      for (const p of await listSince(gateway, user.session, '/payments', since, say)) {
        payments.push({ orderId: String(p.orderId), status: String(p.status), amountMinor: Number(p.amountMinor), capturedMinor: Number(p.capturedMinor), refundedMinor: Number(p.refundedMinor) });
      }
      for (const s of await listSince(gateway, user.session, '/shipments', since, say)) shipments.push({ orderId: String(s.orderId), status: String(s.status) });
    }
    const stock = await readStock();
    if (JSON.stringify(stock) === JSON.stringify(stockBefore) || attempt >= 5) {
      const after = await deadLetterDepths(gateway, admin);
      const deadLetters: AuditData['deadLetters'] = {};
      for (const [service, depth] of Object.entries(after)) if (service in deadLettersBefore) deadLetters[service] = { before: deadLettersBefore[service]!, after: depth };
      return { placed, runStartedAt, orders, payments, shipments, stock, deadLetters, outboxes };
    }
  }
}

/** Judges what was read: one entry per invariant, each with how many things it looked at. Pure. */
export function judge(data: AuditData, skus: string[]): Invariant[] {
  const placedIds = new Set(data.placed.map((p) => p.id));
  const orders = new Map(data.orders.filter((o) => placedIds.has(o.id)).map((o) => [o.id, o]));
  const paymentsOf = new Map<string, AuditData['payments']>();
  for (const p of data.payments) if (placedIds.has(p.orderId)) paymentsOf.set(p.orderId, [...(paymentsOf.get(p.orderId) ?? []), p]);
  const shipmentsOf = new Map<string, AuditData['shipments']>();
  for (const s of data.shipments) if (placedIds.has(s.orderId)) shipmentsOf.set(s.orderId, [...(shipmentsOf.get(s.orderId) ?? []), s]);
  const confirmed = [...orders.values()].filter((o) => CONFIRMED.has(o.status));
  const ended = [...orders.values()].filter((o) => o.status === 'cancelled' || o.status === 'rejected');
  const fail = (list: string[]) => list.slice(0, 20).concat(list.length > 20 ? [`… and ${list.length - 20} more`] : []);
  const out: Invariant[] = [];
  const add = (name: string, rule: string, checked: number, problems: string[]) => out.push({ name, rule, ok: problems.length === 0, checked, detail: fail(problems) });

  add('order-known', 'every order accepted (202) is in its customer\'s orders, and the customers have no order of the run the generator did not place',
    data.placed.length,
    [...data.placed.filter((p) => !orders.has(p.id)).map((p) => `order ${p.id} was accepted but customer ${p.user} does not have it`),
      ...data.orders.filter((o) => !placedIds.has(o.id) && o.createdAt >= data.runStartedAt).map((o) => `order ${o.id} (${o.status}) was made during the run but the generator never learned of it`)]);
  add('checkout-terminal', 'every checkout ended: confirmed (or shipped, delivered), cancelled or rejected, and the generator saw it end',
    data.placed.length,
    [...[...orders.values()].filter((o) => !TERMINAL.has(o.status)).map((o) => `order ${o.id} is ${o.status}`),
      ...data.placed.filter((p) => p.outcome === 'notTerminal' || !p.outcome).map((p) => `order ${p.id} was not seen to end while followed`)]);
  add('confirmed-captured', 'a confirmed order has exactly one payment, captured for its total and not refunded',
    confirmed.length,
    confirmed.flatMap((o) => {
      const ps = paymentsOf.get(o.id) ?? [];
      const p = ps[0];
      return ps.length === 1 && p!.status === 'captured' && p!.capturedMinor === o.totalMinor && p!.amountMinor === o.totalMinor && p!.refundedMinor === 0
        ? [] : [`order ${o.id} (${o.status}, total ${o.totalMinor}): payments ${JSON.stringify(ps)}`];
    }));
  add('nothing-kept', 'a cancelled or rejected order keeps no money: nothing captured that is not refunded, no authorization held',
    ended.length,
    ended.flatMap((o) => (paymentsOf.get(o.id) ?? []).filter((p) => p.capturedMinor > p.refundedMinor || p.status === 'authorized' || p.status === 'pending')
      .map((p) => `order ${o.id} (${o.status}): payment ${p.status}, captured ${p.capturedMinor}, refunded ${p.refundedMinor}`)));
  const captured = [...paymentsOf.values()].flat().reduce((sum, p) => sum + p.capturedMinor - p.refundedMinor, 0);
  const owed = confirmed.reduce((sum, o) => sum + o.totalMinor, 0);
  add('money-total', 'money captured and kept for the run\'s orders equals the confirmed orders\' totals',
    paymentsOf.size,
    captured === owed ? [] : [`captured less refunded ${captured}, confirmed orders' totals ${owed} (minor units)`]);
  add('one-shipment', 'a confirmed order has one live shipment; a cancelled or rejected one none under way',
    confirmed.length + ended.length,
    [...confirmed.flatMap((o) => {
      const ss = shipmentsOf.get(o.id) ?? [];
      return ss.length === 1 && ['created', 'dispatched', 'picked_up', 'delivered'].includes(ss[0]!.status) ? [] : [`order ${o.id} (${o.status}): shipments ${JSON.stringify(ss)}`];
    }), ...ended.flatMap((o) => (shipmentsOf.get(o.id) ?? []).filter((s) => !['cancelled', 'failed', 'returned'].includes(s.status)).map((s) => `order ${o.id} (${o.status}): shipment ${s.status}`))]);
  const sold = new Map<string, number>();
  for (const o of confirmed) for (const [sku, q] of Object.entries(data.placed.find((p) => p.id === o.id)!.items)) sold.set(sku, (sold.get(sku) ?? 0) + q);
  add('stock-matches', `each product's stock went down by exactly what confirmed orders hold (received ${STOCK_PER_PRODUCT} − available = units confirmed)`,
    data.stock.length,
    data.stock.filter((s) => STOCK_PER_PRODUCT - s.available !== (sold.get(s.sku) ?? 0))
      .map((s) => `${s.sku}: available ${s.available} (on hand ${s.onHand}, reserved ${s.reserved}), so ${STOCK_PER_PRODUCT - s.available} gone; confirmed orders hold ${sold.get(s.sku) ?? 0}`)
      .concat(skus.filter((sku) => !data.stock.some((s) => s.sku === sku)).map((sku) => `${sku}: not read`)));
  add('stock-sane', 'no stock below zero, never more reserved than on hand',
    data.stock.length,
    data.stock.filter((s) => s.onHand < 0 || s.reserved < 0 || s.reserved > s.onHand).map((s) => `${s.sku}: on hand ${s.onHand}, reserved ${s.reserved}`));
  add('no-new-dead-letters', 'no message of any service was parked in its dead-letter queue during the run',
    Object.keys(data.deadLetters).length,
    Object.entries(data.deadLetters).filter(([, d]) => d.after > d.before).map(([service, d]) => `${service}: ${d.before} parked before, ${d.after} after`));
  add('outboxes-drained', 'every service\'s outbox emptied after the run (all events reached the broker)',
    Object.keys(data.outboxes).length,
    Object.entries(data.outboxes).filter(([, o]) => !o.drained).map(([service, o]) => `${service}: ${o.last} unsent a minute after the run`));
  return out;
}
