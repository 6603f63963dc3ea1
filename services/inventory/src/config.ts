import { Type, type Static } from 'typebox';
import { CommonConfig, MessagingConfig, DatabaseUrlConfig, PortConfig, MetricsConfig, ServiceUrlConfig, loadConfig } from '@bazaar/platform';
import type { StockSettings } from './stock/stock.js';

export const InventoryConfigSchema = Type.Object({
  ...CommonConfig,
  ...MessagingConfig,
  PORT: PortConfig(8103),
  ...MetricsConfig(8153),
  INVENTORY_DATABASE_URL: DatabaseUrlConfig(),
  IDENTITY_URL: Type.String({ pattern: '^https?://', description: "identity's base URL (its keys are at /.well-known/jwks.json)" }),
  INVENTORY_LOW_STOCK_THRESHOLD: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 5 }),
  INVENTORY_RESERVATION_TTL_SECONDS: Type.Integer({ minimum: 1, maximum: 7 * 86_400, default: 900 }),
  INVENTORY_EXPIRY_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 5_000 }),
  INVENTORY_EXPIRY_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
  // Asked only by the orphan cleanup, for which of its products' ids still exist.
  CATALOG_URL: ServiceUrlConfig("catalog's base URL (the orphan cleanup asks its /products/lookup)"),
  INVENTORY_ORPHANS_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 86_400_000, default: 3_600_000, description: 'how often the orphan cleanup runs (hourly by default)' }),
});

export type InventoryConfig = Static<typeof InventoryConfigSchema>;

export function loadInventoryConfig(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  return loadConfig(InventoryConfigSchema, env);
}

export function settingsFrom(config: Pick<InventoryConfig, 'INVENTORY_LOW_STOCK_THRESHOLD' | 'INVENTORY_RESERVATION_TTL_SECONDS'>): StockSettings {
  return {
    lowStockThreshold: config.INVENTORY_LOW_STOCK_THRESHOLD,
    reservationTtlSeconds: config.INVENTORY_RESERVATION_TTL_SECONDS,
  };
}

export const jwksUrlOf = (identityUrl: string): string => `${identityUrl.replace(/\/+$/, '')}/.well-known/jwks.json`;

/** What the demo seeder needs: the database and the threshold new stock items get. */
export const InventorySeedConfigSchema = Type.Object({
  INVENTORY_DATABASE_URL: DatabaseUrlConfig(),
  INVENTORY_LOW_STOCK_THRESHOLD: InventoryConfigSchema.properties.INVENTORY_LOW_STOCK_THRESHOLD,
  INVENTORY_RESERVATION_TTL_SECONDS: InventoryConfigSchema.properties.INVENTORY_RESERVATION_TTL_SECONDS,
});

export function loadSeedConfig(env: Record<string, string | undefined>): Static<typeof InventorySeedConfigSchema> {
  return loadConfig(InventorySeedConfigSchema, env);
}
