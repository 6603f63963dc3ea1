import { Type, type Static } from 'typebox';
import { CommonConfig, MessagingConfig, DatabaseUrlConfig, FlagsConfig, PortConfig, MetricsConfig, loadConfig } from '@bazaar/platform';
import type { ShippingSettings } from './shipments/shipment.js';

export const ShippingConfigSchema = Type.Object({
  ...CommonConfig,
  ...MessagingConfig,
  PORT: PortConfig(8106),
  ...MetricsConfig(8156),
  SHIPPING_DATABASE_URL: DatabaseUrlConfig(),
  IDENTITY_URL: Type.String({ pattern: '^https?://', description: "identity's base URL (its keys are at /.well-known/jwks.json)" }),
  SHIPPING_REDIS_URL: Type.String({ pattern: '^rediss?://', description: "a redis:// URL carrying shipping's own ACL user" }),
  SHIPPING_REDIS_KEY_PREFIX: Type.String({ pattern: '^shipping(:[a-z0-9_-]+)?$', default: 'shipping', description: 'shipping or shipping:<name>' }),
  // A courier whose app has not sent a position for this long is not offered work or listed as nearby.
  SHIPPING_POSITION_MAX_AGE_SECONDS: Type.Integer({ minimum: 5, maximum: 3600, default: 60 }),
  // How far from a parcel the dispatcher looks for a courier, how often it runs, and the failed
  // delivery attempts after which a parcel goes back to the warehouse.
  SHIPPING_DISPATCH_RADIUS_KM: Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 15 }),
  SHIPPING_DISPATCH_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 1000 }),
  SHIPPING_MAX_DELIVERY_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 10, default: 3 }),
  // How often the orphan cleanup asks identity which couriers' accounts still exist (hourly by default).
  SHIPPING_ORPHANS_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 86_400_000, default: 3_600_000 }),
  // The geocoder SIMULATOR places every address in one city: its centre ("latitude,longitude") and radius.
  SHIPPING_GEOCODER_CENTER: Type.String({ pattern: '^-?\\d{1,2}(\\.\\d+)?,-?\\d{1,3}(\\.\\d+)?$', default: '52.3676,4.9041', description: 'latitude,longitude' }),
  SHIPPING_GEOCODER_RADIUS_KM: Type.Number({ exclusiveMinimum: 0, maximum: 50, default: 6 }),
  SHIPPING_SUPPORTED_COUNTRIES: Type.String({
    pattern: '^[A-Za-z]{2}(\\s*,\\s*[A-Za-z]{2})*$',
    default: 'AT,AU,BE,CA,CH,DE,DK,ES,FI,FR,GB,IE,IT,JP,NL,NO,NZ,PL,PT,SE,US',
    description: 'a comma-separated list of ISO 3166-1 alpha-2 country codes',
  }),
  SHIPPING_CARRIER: Type.String({ minLength: 1, maxLength: 50, default: 'bazaar-courier' }),
  // Feature flags (flagd's file): courier-dispatch-strategy picks how couriers are chosen; without it, the nearest.
  ...FlagsConfig,
});

export type ShippingConfig = Static<typeof ShippingConfigSchema>;

export function loadShippingConfig(env: NodeJS.ProcessEnv = process.env): ShippingConfig {
  return loadConfig(ShippingConfigSchema, env);
}

export function settingsFrom(config: Pick<ShippingConfig, 'SHIPPING_SUPPORTED_COUNTRIES' | 'SHIPPING_CARRIER'>): ShippingSettings {
  return {
    supportedCountries: new Set(config.SHIPPING_SUPPORTED_COUNTRIES.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean)),
    carrier: config.SHIPPING_CARRIER,
  };
}

export const jwksUrlOf = (identityUrl: string): string => `${identityUrl.replace(/\/+$/, '')}/.well-known/jwks.json`;
