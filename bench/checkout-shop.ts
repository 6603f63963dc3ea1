/**
 * What the checkout benchmarks (checkout, tracing) furnish on a running system before they measure:
 * an admin and a customer, five products with stock that never runs out, the customer's approving
 * card, and one poller of orders' database that tells each waiter when its order has settled and at
 * what time orders recorded `confirm-order` (every POLL_MS for every order in flight).
 */
import pg from 'pg';
import { databaseUrlOf, type TestSystem } from '../tools/src/testing/system.js';
import { requestJson, type JsonAnswer, type JsonRequestOptions } from '../tools/src/testing/http.js';

export interface Product { id: string; sku: string; name: string; priceMinor: number }
export interface Cart { items: { productId: string; quantity: number }[] }

/** The same carts for every side of a benchmark: 1 to 3 lines of 1 to 3 units over the products, from a fixed seed. */
export function carts(productIds: string[], count: number): Cart[] {
  let state = 20_260_101;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  return Array.from({ length: count }, () => {
    const chosen = new Map<string, number>();
    const lines = 1 + Math.floor(random() * 3);
    for (let i = 0; i < lines; i++) chosen.set(productIds[Math.floor(random() * productIds.length)]!, 1 + Math.floor(random() * 3));
    return { items: [...chosen].map(([productId, quantity]) => ({ productId, quantity })) };
  });
}

export interface CheckoutShop {
  token: string;
  paymentMethodId: string;
  products: Product[];
  ordersDb: pg.Pool;
  /** Resolves once the order is no longer pending: its status, and when orders confirmed it (ms). */
  confirmedAt: (orderId: string) => Promise<{ status: string; at: number }>;
  stopPoller: () => void;
  /** Queries the poller has sent to orders' database (each a commit there, to take off orders' own count). */
  pollQueries: () => number;
}

/** How often orders' database is asked which orders have settled. */
export const POLL_MS = 10;

const call = (url: string, method: string, options: JsonRequestOptions = {}): Promise<JsonAnswer> => requestJson(url, method, { timeoutMs: 60_000, ...options });

export function expect(answer: JsonAnswer, status: number, what: string): JsonAnswer['body'] {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Furnishes the shop on `system` (identity, catalog, inventory, payments, orders running); `run` names what it makes. */
export async function furnishCheckoutShop(system: TestSystem, run: string, adminEmail: string, say: (line: string) => void): Promise<CheckoutShop> {
  const url = (service: string, path: string) => `${system.url(service)}${path}`;
  const register = async (email: string) => expect(await call(url('identity', '/auth/register'), 'POST', { body: { email, password: 'Bench-Checkout-2026', name: 'Bench Customer' } }), 201, 'register').token as string;
  const admin = await register(adminEmail);
  const token = await register(`bench-customer-${run.toLowerCase()}@bazaar.test`);
  const category = expect(await call(url('catalog', '/categories'), 'POST', { token: admin, body: { slug: `bench-${run.toLowerCase()}`, name: 'Bench' } }), 201, 'category');
  const products: Product[] = [];
  for (const [i, priceMinor] of [1_250, 4_900, 12_900, 2_500, 33_000].entries()) {
    const sku = `BENCH${run}-${i + 1}`;
    const name = `Bench product ${i + 1}`;
    const product = expect(await call(url('catalog', '/products'), 'POST', { token: admin, body: { sku, name, priceMinor, currency: 'EUR', categoryId: category.id } }), 201, 'product');
    for (let tries = 0; (await call(url('inventory', `/inventory/${sku}`), 'GET', { token: admin })).status !== 200; tries++) {
      if (tries > 200) throw new Error(`inventory never opened ${sku}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await call(url('inventory', `/inventory/${sku}/receive`), 'POST', { token: admin, body: { quantity: 1_000_000, reason: 'bench stock' } }), 200, 'receive');
    products.push({ id: product.id as string, sku, name, priceMinor });
  }
  const card = expect(await call(url('payments', '/payments/methods'), 'POST', { token, body: { card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123' } } }), 201, 'card');
  const ordersDb = new pg.Pool({ connectionString: databaseUrlOf(system, 'orders'), max: 2 });

  const waiting = new Map<string, (settled: { status: string; at: number }) => void>();
  let busy = false;
  let polls = 0;
  const poller = setInterval(() => {
    if (busy || waiting.size === 0) return;
    busy = true;
    polls++;
    ordersDb.query<{ id: string; status: string; at: Date | null }>(
      `SELECT o.id, o.status, (SELECT max(at) FROM saga_steps s WHERE s.order_id = o.id AND s.step = 'confirm-order') AS at
         FROM orders o WHERE o.id = ANY($1::uuid[]) AND o.status <> 'pending'`,
      [[...waiting.keys()]],
    ).then(({ rows }) => {
      for (const row of rows) waiting.get(row.id)?.({ status: row.status, at: row.at?.getTime() ?? Date.now() });
    }, (error: Error) => say(`  poll failed: ${error.message}`)).finally(() => { busy = false; });
  }, POLL_MS);
  const confirmedAt = (orderId: string) => new Promise<{ status: string; at: number }>((resolve) => waiting.set(orderId, (settled) => {
    waiting.delete(orderId);
    resolve(settled);
  }));
  return { token, paymentMethodId: card.paymentMethodId as string, products, ordersDb, confirmedAt, stopPoller: () => clearInterval(poller), pollQueries: () => polls };
}
