import { randomUUID } from 'node:crypto';
import type { CreateShipmentPayload } from '@bazaar/contracts';
import { withTransaction, type Pool } from '@bazaar/platform';
import { settingsFrom } from '../src/config.js';
import { cancelShipment, createShipment, type ShipmentHandlerDeps } from '../src/shipments/shipment.handlers.js';
import type { TestDb } from './support.js';

export const settings = settingsFrom({ SHIPPING_SUPPORTED_COUNTRIES: 'DE,FR,GB,NL,US', SHIPPING_CARRIER: 'bazaar-courier' });

export function createCommand(overrides: Partial<CreateShipmentPayload> = {}, recipient: Partial<CreateShipmentPayload['recipient']> = {}): CreateShipmentPayload {
  return {
    shipmentRequestId: randomUUID(),
    orderId: randomUUID(),
    userId: randomUUID(),
    recipient: { name: 'Ada Lovelace', line1: '12 Market Street', city: 'Amsterdam', postalCode: '1012 AB', country: 'NL', ...recipient },
    items: [{ sku: 'BZR-0001', quantity: 2 }, { sku: 'BZR-0002', quantity: 1 }],
    ...overrides,
  };
}

/** Shipping's command handlers over the test database, each run on a transaction of its own as the inbox runs it. */
export function shippingWith(db: Pick<TestDb, 'pool' | 'publish'>, trackingNumber?: () => string) {
  const deps: ShipmentHandlerDeps = { settings, publish: db.publish, ...(trackingNumber ? { trackingNumber } : {}) };
  return {
    create: (command: CreateShipmentPayload) => withTransaction(db.pool, (client) => createShipment(deps, client, command)),
    cancel: (orderId: string, reason = 'order cancelled') => withTransaction(db.pool, (client) => cancelShipment(deps, client, { orderId, reason })),
  };
}

export async function shipmentsOf(pool: Pool, orderId: string) {
  const { rows } = await pool.query('SELECT * FROM shipments WHERE order_id_ref = $1', [orderId]);
  return rows as Record<string, unknown>[];
}
