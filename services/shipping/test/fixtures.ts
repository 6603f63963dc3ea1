import { randomUUID } from 'node:crypto';
import type { Pool } from '@bazaar/platform';
import { settingsFrom } from '../src/config.js';
import { createMessageHandlers } from '../src/events.js';
import { inTransaction } from './support.js';

export const settings = settingsFrom({ SHIPPING_SUPPORTED_COUNTRIES: 'DE,FR,GB,NL,US', SHIPPING_CARRIER: 'bazaar-courier' });

export function createCommand(overrides: Record<string, unknown> = {}, recipient: Record<string, unknown> = {}) {
  return {
    shipmentRequestId: randomUUID(),
    orderId: randomUUID(),
    userId: randomUUID(),
    recipient: { name: 'Ada Lovelace', line1: '12 Market Street', city: 'Amsterdam', postalCode: '1012 AB', country: 'NL', ...recipient },
    items: [{ sku: 'BZR-0001', quantity: 2 }, { sku: 'BZR-0002', quantity: 1 }],
    ...overrides,
  };
}

export function shippingWith(pool: Pool, trackingNumber?: () => string) {
  const { commandHandlers } = createMessageHandlers({ settings, ...(trackingNumber ? { trackingNumber } : {}) });
  return {
    create: (payload: unknown) => inTransaction(pool, (client) => commandHandlers['shipping.create-shipment'](client, payload)),
    cancel: (orderId: string, reason = 'order cancelled') =>
      inTransaction(pool, (client) => commandHandlers['shipping.cancel-shipment'](client, { orderId, reason })),
  };
}

export async function shipmentsOf(pool: Pool, orderId: string) {
  const { rows } = await pool.query('SELECT * FROM shipments WHERE order_id_ref = $1', [orderId]);
  return rows as Record<string, unknown>[];
}
