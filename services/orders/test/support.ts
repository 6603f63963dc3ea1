// Orders as one test file sees it: a fresh database, the app built in-process with a stand-in for
// catalog (another service: a tiny HTTP server answering GET /products/:id) and for identity's keys,
// the publish seam bound to a real outbox, and replies delivered exactly as the consumer does it
// (inbox row and handler in one transaction, payload checked against its contract).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { commands, events } from '@bazaar/contracts';
import {
  ContractValidator, createJwtVerifier, createLogger, runWithContext, uuidv7, withTransaction, type Pool, type ServiceApp,
} from '@bazaar/platform';
import { createServiceTestDatabase, startTestIssuer, type ServiceTestDatabase, type TestIssuer } from '@bazaar/platform/testing';
import { MIGRATIONS_DIR, buildApp } from '../src/app.js';
import { createDeadlineJob, type DeadlineJob } from '../src/checkout/deadline.job.js';
import { createReplyHandler, replyHandlers, type SagaRunnerDeps } from '../src/checkout/saga.runner.js';
import { REPLY_TYPES, type ReplyType, type SagaSettings } from '../src/checkout/saga.types.js';
import { publish, publisher } from '../src/events.js';
import { createCatalog, type Catalog } from '../src/orders/catalog.client.js';
import type { CatalogProduct } from '../src/orders/order.js';

export const settings: SagaSettings = { stepTimeoutMs: 30_000, reservationTtlSeconds: 604_800 };

/** catalog's GET /products/:id, as far as orders can tell; `stop()` makes it unreachable. */
export class StandInCatalog {
  readonly products = new Map<string, CatalogProduct>();
  private server?: http.Server;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const id = /^\/products\/([^/?]+)$/.exec(req.url ?? '')?.[1];
      const product = id ? this.products.get(decodeURIComponent(id)) : undefined;
      if (!product) {
        res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 404, detail: `product ${id} was not found` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...product, available: 10, inStock: true }));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  add(overrides: Partial<CatalogProduct> = {}): CatalogProduct {
    const id = overrides.id ?? randomUUID();
    const product: CatalogProduct = { id, sku: `SKU-${id.slice(0, 6).toUpperCase()}`, name: 'Walnut desk lamp', priceMinor: 4900, currency: 'EUR', status: 'active', ...overrides };
    this.products.set(id, product);
    return product;
  }
}

export interface Sent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

export interface Harness {
  db: ServiceTestDatabase;
  pool: Pool;
  app: ServiceApp;
  catalog: StandInCatalog;
  catalogClient: Catalog;
  issuer: TestIssuer;
  clock: { now: Date };
  deadlines: DeadlineJob;
  token(userId?: string, roles?: string[]): Promise<string>;
  /** Delivers a reply as the consumer does; the same `messageId` twice is absorbed by the inbox. */
  deliver(type: ReplyType, payload: Record<string, unknown>, messageId?: string): Promise<void>;
  /** What orders wrote to its outbox about an order (commands and events), oldest first. */
  sent(orderId: string): Promise<Sent[]>;
  close(): Promise<void>;
}

export async function startOrders(label: string): Promise<Harness> {
  const db = await createServiceTestDatabase({ service: 'orders', label: `orders_${label}`, migrationsDir: MIGRATIONS_DIR, publisher, contracts: { events, commands } });
  const pool = db.pool;
  const catalog = new StandInCatalog();
  await catalog.start();
  const issuer = await startTestIssuer();
  const verifier = createJwtVerifier({ jwksUrl: issuer.jwksUrl });
  const clock = { now: new Date() };
  const now = () => clock.now;
  const logger = createLogger('orders', 'silent');
  const catalogClient = createCatalog({ baseUrl: catalog.url, timeoutMs: 1000 });
  const app = await buildApp({ pool, logger, verifier, catalog: catalogClient, settings, now });
  const runner: SagaRunnerDeps = { settings, now, publish, logger };
  const handlers = replyHandlers(createReplyHandler(runner), REPLY_TYPES);
  const validator = new ContractValidator({ events, commands });
  const deadlines = createDeadlineJob({ pool, deps: runner, logger, intervalMs: 60_000, batchSize: 100 });

  return {
    db, pool, app, catalog, catalogClient, issuer, clock, deadlines,
    token: (userId = randomUUID(), roles = ['customer']) => issuer.token({ userId, roles }),
    async deliver(type, payload, messageId = uuidv7()) {
      validator.assertPayload(type, 1, payload);
      await withTransaction(pool, async (client) => {
        const { rowCount } = await client.query('INSERT INTO inbox (message_id, handler) VALUES ($1, $2) ON CONFLICT DO NOTHING', [messageId, type]);
        if (rowCount === 0) return;
        await runWithContext({ correlationId: messageId, causationId: messageId }, () => handlers[type]({ type, payload }, client));
      });
    },
    async sent(orderId) {
      const { rows } = await pool.query<{ id: string; type: string; envelope: { payload: Record<string, unknown> } }>('SELECT id, type, envelope FROM outbox ORDER BY id');
      const saga = await pool.query<{ reservation_id: string }>('SELECT reservation_id FROM checkout_sagas WHERE order_id = $1', [orderId]);
      const reservationId = saga.rows[0]?.reservation_id;
      return rows
        .filter((r) => r.envelope.payload.orderId === orderId || (reservationId && r.envelope.payload.reservationId === reservationId))
        .map((r) => ({ id: r.id, type: r.type, payload: r.envelope.payload }));
    },
    async close() {
      await app.close();
      await catalogClient.close();
      await catalog.stop();
      await issuer.close();
      await db.close();
    },
  };
}

/** A checkout request for these products, one unit each unless said otherwise. */
export function checkoutBody(productIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    items: productIds.map((productId) => ({ productId, quantity: 1 })),
    shippingAddress: { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' },
    paymentMethodId: '0195f0a4-1c2b-7d3e-8f40-0000000000bb',
    ...overrides,
  };
}
