import { Type, type Static } from 'typebox';
import { CommonConfig, MessagingConfig, DatabaseUrlConfig, PortConfig, MetricsConfig, loadConfig } from '@bazaar/platform';

export const CatalogConfigSchema = Type.Object({
  ...CommonConfig,
  ...MessagingConfig,
  PORT: PortConfig(8102),
  ...MetricsConfig(8152),
  CATALOG_DATABASE_URL: DatabaseUrlConfig(),
  // identity's public keys are fetched from it, to verify access tokens locally; the orphan cleanup
  // asks its /internal/users/lookup.
  IDENTITY_URL: Type.String({ pattern: '^https?://', description: 'the http:// base URL of the identity service' }),
  CATALOG_ORPHANS_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 86_400_000, default: 3_600_000, description: 'how often the orphan cleanup runs (hourly by default)' }),
});

export type CatalogConfig = Static<typeof CatalogConfigSchema>;

export function loadCatalogConfig(env: NodeJS.ProcessEnv = process.env): CatalogConfig {
  return loadConfig(CatalogConfigSchema, env);
}

/** Where identity publishes the keys that sign its access tokens. */
export const jwksUrlOf = (identityUrl: string): string => `${identityUrl.replace(/\/+$/, '')}/.well-known/jwks.json`;
