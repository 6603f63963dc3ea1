/**
 * The shoppers' tasks, weighted as Online Boutique's load generator weighs them: browse 10 (a product
 * listing, a product page or a search), add to cart 3 (the product page read again for its fresh
 * availability, as the storefront does before it adds; the cart itself lives in the browser), check
 * out 1 (POST /orders with an Idempotency-Key, then the order read until its checkout has ended).
 * Every time is measured from when the task was due, not from when it was sent, so a generator or a
 * system falling behind shows in the latencies instead of hiding (coordinated omission).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Random } from '../random.js';
import type { Recorder, Task } from './recorder.js';
import type { LoadShop, LoadUser } from './setup.js';

export const WEIGHTS: Record<Task, number> = { browse: 10, cart: 3, checkout: 1 };
const ADDRESS = { name: 'Load Customer', line1: '1 Benchmark Lane', city: 'Amsterdam', postalCode: '1011 AB', country: 'NL' };
/** The checkout states after which nothing more happens to the saga. */
const ENDED = new Set(['confirmed', 'cancelled', 'rejected']);
/** Answers after which a checkout is sent again with the same key: none, or the gateway's. */
const RETRIED = new Set([0, 502, 503, 504]);

export interface PlacedOrder {
  id: string;
  user: number;
  totalMinor: number;
  /** SKU → quantity, as orders recorded the order's lines. */
  items: Record<string, number>;
  outcome?: 'confirmed' | 'cancelled' | 'rejected' | 'notTerminal';
}

export interface TaskSettings {
  requestTimeoutMs: number;
  followEveryMs: number;
  /** How long a checkout is followed before it counts as never ending. */
  followTimeoutMs: number;
}

export function pickTask(random: Random): Task {
  const total = WEIGHTS.browse + WEIGHTS.cart + WEIGHTS.checkout;
  const r = random() * total;
  return r < WEIGHTS.browse ? 'browse' : r < WEIGHTS.browse + WEIGHTS.cart ? 'cart' : 'checkout';
}

export class Tasks {
  readonly placed: PlacedOrder[] = [];
  /** Checkouts being followed, to wait for at the end of a phase. */
  private readonly following = new Set<Promise<void>>();

  constructor(
    private readonly shop: LoadShop, private readonly recorder: Recorder, private readonly settings: TaskSettings, private readonly signal: AbortSignal,
    private readonly random: Random,
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** Runs one task that was due at `dueAt` (the recorder's clock) for a random customer. */
  async run(task: Task, phase: string, dueAt: number): Promise<void> {
    const user = this.pick(this.shop.users);
    this.recorder.started(phase, task);
    if (task === 'browse') await this.browse(user, phase, dueAt);
    else if (task === 'cart') await this.addToCart(user, phase, dueAt);
    else await this.checkout(user, phase, dueAt);
  }

  /** Resolves once every checkout placed so far has ended or been given up on. */
  async settled(): Promise<void> {
    while (this.following.size > 0) await Promise.allSettled([...this.following]);
  }

  private async browse(user: LoadUser, phase: string, dueAt: number): Promise<void> {
    const { browseIds, categories, words } = this.shop;
    const r = this.random();
    const pick = <T>(items: readonly T[]) => this.pick(items);
    const path = r < 1 / 3 ? `/products?limit=20${categories.length && this.random() < 0.5 ? `&category=${encodeURIComponent(pick(categories))}` : ''}`
      : r < 2 / 3 ? `/products/${pick(browseIds)}`
        : `/products?limit=20&q=${encodeURIComponent(words.length ? pick(words) : 'item')}`;
    const answer = await this.request(user, 'GET', path);
    this.recorder.record(phase, 'browse', this.recorder.now() - dueAt, answer.status === 200 ? undefined : answer.error);
  }

  private async addToCart(user: LoadUser, phase: string, dueAt: number): Promise<void> {
    const product = this.pick(this.shop.products);
    const answer = await this.request(user, 'GET', `/products/${product.id}`);
    const ok = answer.status === 200;
    this.recorder.record(phase, 'cart', this.recorder.now() - dueAt, ok ? undefined : answer.error);
    if (ok && user.cart.size < 3) user.cart.set(product.id, Math.min(3, (user.cart.get(product.id) ?? 0) + 1));
  }

  private async checkout(user: LoadUser, phase: string, dueAt: number): Promise<void> {
    if (user.cart.size === 0) user.cart.set(this.pick(this.shop.products).id, 1);
    const items = [...user.cart].map(([productId, quantity]) => ({ productId, quantity }));
    user.cart.clear();
    const key = randomUUID();
    const body = { items, shippingAddress: ADDRESS, paymentMethodId: user.paymentMethodId };
    // No answer, or the gateway's 502/503/504, is no outcome: the order may exist all the same, so the
    // client sends the same key again, as a client must. Each such answer still counts as an error.
    let answer = await this.request(user, 'POST', '/orders', body, { 'idempotency-key': key });
    for (let again = 0; RETRIED.has(answer.status) && again < 3 && !this.signal.aborted; again++) {
      this.recorder.record(phase, 'checkout', this.recorder.now() - dueAt, `${answer.error} (sent again)`);
      await sleep(Math.min(5_000, 1_000 * (Number(answer.body.retryAfter) || 1)));
      answer = await this.request(user, 'POST', '/orders', body, { 'idempotency-key': key });
    }
    const accepted = answer.status === 202;
    this.recorder.record(phase, 'checkout', this.recorder.now() - dueAt, accepted ? undefined : answer.error);
    if (!accepted) return;
    const order = answer.body as { id: string; totalMinor: number; items: { sku: string; quantity: number }[] };
    const placed: PlacedOrder = { id: order.id, user: user.index, totalMinor: order.totalMinor, items: {} };
    for (const line of order.items) placed.items[line.sku] = (placed.items[line.sku] ?? 0) + line.quantity;
    this.placed.push(placed);
    this.recorder.checkoutPlaced(phase);
    const following = this.follow(user, placed, phase, dueAt).finally(() => this.following.delete(following));
    this.following.add(following);
  }

  /** Reads the order as its customer's order page does, until its checkout has ended. */
  private async follow(user: LoadUser, order: PlacedOrder, phase: string, dueAt: number): Promise<void> {
    const giveUpAt = this.recorder.now() + this.settings.followTimeoutMs;
    while (this.recorder.now() < giveUpAt && !this.signal.aborted) {
      await sleep(this.settings.followEveryMs);
      const sentAt = this.recorder.now();
      const answer = await this.request(user, 'GET', `/orders/${order.id}`);
      this.recorder.record(phase, 'follow', this.recorder.now() - sentAt, answer.status === 200 ? undefined : answer.error);
      const state = (answer.body.checkout as { state?: string } | undefined)?.state;
      if (answer.status === 200 && state && ENDED.has(state)) {
        order.outcome = state as PlacedOrder['outcome'];
        this.recorder.record(phase, 'terminal', this.recorder.now() - dueAt);
        this.recorder.checkoutEnded(phase, order.outcome!);
        return;
      }
    }
    order.outcome = 'notTerminal';
    this.recorder.checkoutEnded(phase, 'notTerminal');
  }

  /** One call as the customer; `error` names what went wrong (a status, or why there was no answer: status 0). */
  private async request(user: LoadUser, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; error: string }> {
    try {
      const token = await user.session.bearer();
      const response = await fetch(`${this.shop.gateway.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.any([this.signal, AbortSignal.timeout(this.settings.requestTimeoutMs)]),
      });
      const text = await response.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        parsed = { detail: text.slice(0, 200) };
      }
      if (response.status === 401) user.session.forget();
      return { status: response.status, body: parsed, error: String(response.status) };
    } catch (error) {
      const e = error as Error;
      const reason = e.name === 'TimeoutError' ? 'timeout' : e.cause instanceof Error ? (e.cause as NodeJS.ErrnoException).code ?? e.cause.message : e.message;
      return { status: 0, body: {}, error: `no answer (${reason})` };
    }
  }
}
