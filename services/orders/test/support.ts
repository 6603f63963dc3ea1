// Orders as one test file sees it: a fresh database, the app built in-process with a stand-in for
// catalog (another service: a tiny HTTP server answering GET /products/:id) and for identity's keys,
// a `publish` writing to a real outbox in that database, and replies delivered exactly as the
// consumer does it (payload checked against its contract, inbox row and handler in one transaction).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contracts, type Messages } from '@bazaar/contracts';
import { createEnvelope, createJwtVerifier, createLogger, uuidv7, type Pool, type ServiceApp } from '@bazaar/platform';
import {
  createServiceTestDatabase, deliverMessage, startTestIssuer, type ServiceTestDatabase, type TestIssuer,
} from '@bazaar/platform/testing';
import { MIGRATIONS_DIR, buildApp } from '../src/app.js';
import { createDeadlineJob, type DeadlineJob } from '../src/checkout/deadline.job.js';
import { createReplyHandler, replyHandlers, type SagaRunnerDeps } from '../src/checkout/saga.runner.js';
import type { SagaMessage, SagaSettings } from '../src/checkout/saga.types.js';
import { createCatalog, type Catalog } from '../src/orders/catalog.client.js';
import { orderRecords } from '../src/orders/order-records.store.js';
import type { CatalogProduct } from '../src/orders/order.js';

export const settings: SagaSettings = { stepTimeoutMs: 30_000, reservationTtlSeconds: 604_800 };

/** catalog's GET /products/prices, as far as orders can tell; `stop()` makes it unreachable. */
export class StandInCatalog {
  readonly products = new Map<string, CatalogProduct>();
  private server?: http.Server;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      // Catalog's GET /products/prices?ids=…: the products it has, in id order, the others left out.
      const url = new URL(req.url ?? '/', 'http://catalog');
      if (url.pathname === '/products/prices') {
        const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean).sort();
        const items = ids.map((id) => this.products.get(id)).filter((p) => p !== undefined);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items }));
        return;
      }
      // Orders asks catalog for nothing else.
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 404, detail: `no route ${url.pathname}` }));
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
  db: ServiceTestDatabase<Messages>;
  pool: Pool;
  app: ServiceApp;
  catalog: StandInCatalog;
  catalogClient: Catalog;
  issuer: TestIssuer;
  clock: { now: Date };
  deadlines: DeadlineJob;
  /** The saga's runner as main.ts wires it, on this database and the harness's clock. */
  runner: SagaRunnerDeps;
  token(userId?: string, roles?: string[]): Promise<string>;
  /** Delivers a reply or delivery event as the consumer does; the same `messageId` twice is absorbed by the inbox. */
  deliver(type: SagaMessage['type'], payload: Record<string, unknown>, messageId?: string): Promise<void>;
  /** What orders wrote to its outbox about an order (commands and events), oldest first. */
  sent(orderId: string): Promise<Sent[]>;
  close(): Promise<void>;
}

/** Who sends each kind of reply. */
const SOURCES: Record<string, string> = { payment: 'payments', stock: 'inventory', shipment: 'shipping' };

export async function startOrders(label: string): Promise<Harness> {
  const db = await createServiceTestDatabase({ service: 'orders', label: `orders_${label}`, migrationsDir: MIGRATIONS_DIR, contracts });
  const pool = db.pool;
  const catalog = new StandInCatalog();
  await catalog.start();
  const issuer = await startTestIssuer();
  const verifier = createJwtVerifier({ jwksUrl: issuer.jwksUrl });
  const clock = { now: new Date() };
  const now = () => clock.now;
  const logger = createLogger('orders', 'silent');
  const catalogClient = createCatalog({ baseUrl: catalog.url, timeoutMs: 1000 });
  const app = await buildApp({ pool, logger, verifier, catalog: catalogClient, settings, now, publish: db.publish });
  const runner: SagaRunnerDeps = { settings, now, publish: db.publish, orders: orderRecords, logger };
  const handlers = replyHandlers(createReplyHandler(runner));
  const deadlines = createDeadlineJob({ pool, deps: runner, logger, intervalMs: 60_000, batchSize: 100 });

  return {
    db, pool, app, catalog, catalogClient, issuer, clock, deadlines, runner,
    token: (userId = randomUUID(), roles = ['customer']) => issuer.token({ userId, roles }),
    async deliver(type, payload, messageId = uuidv7()) {
      const envelope = { ...createEnvelope(SOURCES[type.split('.')[0]!]!, type, 1, payload), id: messageId, correlationId: messageId, causationId: messageId };
      await deliverMessage({ pool, contracts, kind: 'events', handlers }, envelope);
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
