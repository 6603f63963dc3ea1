/**
 * What a system test does as a shop's users do it: register, save a card, open a category and a
 * product with stock, place an order with an Idempotency-Key. Either through the gateway, as a
 * browser would, or straight to each service (when the gateway is not part of the test).
 */
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { eventually } from '@bazaar/platform/testing';
import { requestJson, type JsonAnswer, type JsonRequestOptions } from './http.js';
import type { TestSystem } from './system.js';

/** The simulator's test cards (services/payments/README.md). */
export const CARDS = {
  approve: '4242 4242 4242 4242',
  approveMastercard: '5555 5555 5555 4444',
  decline: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  captureDeclined: '4000 0000 0000 0341',
  processorTimeout: '4000 0000 0000 0069',
} as const;

export const ADDRESS = { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

export interface ShopProduct { id: string; sku: string; priceMinor: number; stock: number }

export interface CheckoutRequest {
  items: { productId: string; quantity: number }[];
  paymentMethodId: string;
  shippingAddress?: typeof ADDRESS;
}

/** A courier on the shop's books: its courier record's id, its user, and a token carrying the courier role. */
export interface ShopCourier { id: string; userId: string; name: string; token: string }

export interface ShopCast { admin: string; customer: string; card: string; product: ShopProduct }

/**
 * Watches every service process of the system: one that exits on its own is added to the returned
 * list (which a test asserts stays empty) and reported with its last log lines.
 */
export function watchForExits(system: TestSystem, say: (line: string) => void): string[] {
  const exited: string[] = [];
  for (const proc of Object.values(system.services)) {
    proc.onUnexpectedExit = (code, signal) => {
      exited.push(proc.def.name);
      say(`${proc.def.name} EXITED (${signal ?? `code ${code}`}); its last lines:\n${proc.lastLines(25).join('\n')}`);
    };
  }
  return exited;
}

export class Shop {
  /** `baseUrl(service)`: where a call meant for `service` goes. */
  constructor(private readonly baseUrl: (service: string) => string) {}

  /** Every call through the system's gateway. */
  static throughGateway(system: TestSystem): Shop {
    return new Shop(() => system.url('gateway'));
  }

  /** Every call straight to the service that serves it (to its replicas in turn, skipping those stopped). */
  static direct(system: TestSystem): Shop {
    return new Shop((service) => system.liveUrl(service));
  }

  call(service: string, method: string, path: string, options: JsonRequestOptions = {}): Promise<JsonAnswer> {
    return requestJson(`${this.baseUrl(service)}${path}`, method, options);
  }

  /** Registers a user; returns their access token. */
  async register(email: string, password: string, name: string): Promise<string> {
    const answer = await this.call('identity', 'POST', '/auth/register', { body: { email, password, name } });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.token as string;
  }

  /** Saves a card for the user; returns its payment method id. */
  async saveCard(token: string, number: string): Promise<string> {
    const answer = await this.call('payments', 'POST', '/payments/methods', { token, body: { card: { number, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123' } } });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.paymentMethodId as string;
  }

  async createCategory(admin: string, slug: string, name: string): Promise<string> {
    const answer = await this.call('catalog', 'POST', '/categories', { token: admin, body: { slug, name } });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.id as string;
  }

  /** A product in the catalog with `stock` units received in inventory (once inventory has opened it, from catalog's event). */
  async createProduct(admin: string, product: { categoryId: string; sku: string; priceMinor: number; stock: number; name?: string }): Promise<ShopProduct> {
    const { categoryId, sku, priceMinor, stock } = product;
    const created = await this.call('catalog', 'POST', '/products', { token: admin, body: { sku, name: product.name ?? `Product ${sku}`, priceMinor, currency: 'EUR', categoryId } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await eventually(async () => (await this.call('inventory', 'GET', `/inventory/${sku}`, { token: admin })).status === 200, { timeoutMs: 30_000, message: `inventory never opened ${sku}` });
    if (stock > 0) {
      const received = await this.call('inventory', 'POST', `/inventory/${sku}/receive`, { token: admin, body: { quantity: stock, reason: 'test stock' } });
      assert.equal(received.status, 200, JSON.stringify(received.body));
    }
    return { id: created.body.id as string, sku, priceMinor, stock };
  }

  /**
   * The cast of a checkout test: an admin (whose email identity must list in IDENTITY_ADMIN_EMAILS),
   * a customer with a card the simulator approves, and one product with stock.
   */
  async furnish(options: { adminEmail: string; customerEmail: string; password: string; slug: string; sku: string; priceMinor: number; stock: number }): Promise<ShopCast> {
    const admin = await this.register(options.adminEmail, options.password, 'Shop Admin');
    const customer = await this.register(options.customerEmail, options.password, 'Shop Customer');
    const card = await this.saveCard(customer, CARDS.approve);
    const categoryId = await this.createCategory(admin, options.slug, `Category ${options.slug}`);
    const product = await this.createProduct(admin, { categoryId, sku: options.sku, priceMinor: options.priceMinor, stock: options.stock });
    return { admin, customer, card, product };
  }

  /**
   * A courier, made as an operator makes one: an account, the courier role (identity), a courier
   * record (shipping), and a sign-in after the role change, so the token carries it.
   */
  async newCourier(admin: string, courier: { email: string; password: string; name: string; vehicle?: string; capacity?: number }): Promise<ShopCourier> {
    const { email, password, name } = courier;
    const registered = await this.call('identity', 'POST', '/auth/register', { body: { email, password, name } });
    assert.equal(registered.status, 201, `courier sign-up: ${JSON.stringify(registered.body)}`);
    const userId = registered.body.user.id as string;
    const role = await this.call('identity', 'PUT', `/users/${userId}/role`, { token: admin, body: { role: 'courier' } });
    assert.equal(role.status, 200, `courier role: ${JSON.stringify(role.body)}`);
    const record = await this.call('shipping', 'POST', '/couriers', { token: admin, body: { userId, name, vehicle: courier.vehicle ?? 'cargo-bike', capacity: courier.capacity ?? 3 } });
    assert.equal(record.status, 201, `courier record: ${JSON.stringify(record.body)}`);
    const login = await this.call('identity', 'POST', '/auth/login', { body: { email, password } });
    assert.equal(login.status, 200, `courier sign-in: ${JSON.stringify(login.body)}`);
    return { id: record.body.id as string, userId, name, token: login.body.token as string };
  }

  /** The courier starts a shift at `position`. */
  async startShift(courier: Pick<ShopCourier, 'token'>, position: { latitude: number; longitude: number }): Promise<void> {
    const shift = await this.call('shipping', 'PUT', '/couriers/me/shift', { token: courier.token, body: { onShift: true } });
    assert.equal(shift.status, 200, `shift: ${JSON.stringify(shift.body)}`);
    const location = await this.call('shipping', 'PUT', '/couriers/me/location', { token: courier.token, body: position });
    assert.equal(location.status, 204, `location: ${JSON.stringify(location.body)}`);
  }

  /** POST /orders with an Idempotency-Key (a fresh one unless given); the answer as it came. */
  order(token: string, request: CheckoutRequest, idempotencyKey: string = randomUUID(), options: Pick<JsonRequestOptions, 'timeoutMs'> = {}): Promise<JsonAnswer> {
    const body = { items: request.items, shippingAddress: request.shippingAddress ?? ADDRESS, paymentMethodId: request.paymentMethodId };
    return this.call('orders', 'POST', '/orders', { token, body, headers: { 'idempotency-key': idempotencyKey }, ...options });
  }

  /** Places an order that must be accepted (202, with its Location); the answer. */
  async placeOrder(token: string, request: CheckoutRequest, idempotencyKey?: string): Promise<JsonAnswer> {
    const answer = await this.order(token, request, idempotencyKey);
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    assert.equal(answer.headers.get('location'), `/orders/${answer.body.id}`);
    return answer;
  }
}
