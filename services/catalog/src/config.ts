import { Type, type Static } from 'typebox';
import { CommonConfig, MessagingConfig, DatabaseUrlConfig, PortConfig, MetricsConfig, loadConfig } from '@bazaar/platform';

export const CatalogConfigSchema = Type.Object({
  ...CommonConfig,
  ...MessagingConfig,
  PORT: PortConfig(8102),
  ...MetricsConfig(8152),
  CATALOG_DATABASE_URL: DatabaseUrlConfig(),
  // A streaming replica of CATALOG_DATABASE_URL's database, for the listing, the search and product
  // pages (see reads.ts and the README's "Read replica"); unset, every read goes to the primary.
  CATALOG_READ_DATABASE_URL: Type.Optional(DatabaseUrlConfig()),
  CATALOG_READ_MAX_LAG_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 5_000, description: 'beyond this lag the replica serves no reads (they go to the primary)' }),
  CATALOG_READ_CHECK_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 1_000, description: 'how often the replica\'s lag is checked' }),
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
