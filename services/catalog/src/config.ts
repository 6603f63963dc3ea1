import { Type, type Static } from 'typebox';
import { CommonConfig, MessagingConfig, DatabaseUrlConfig, PortConfig, MetricsConfig, loadConfig } from '@bazaar/platform';

export const CatalogConfigSchema = Type.Object({
  ...CommonConfig,
  ...MessagingConfig,
  PORT: PortConfig(8102),
  ...MetricsConfig(8152),
  CATALOG_DATABASE_URL: DatabaseUrlConfig(),
  // Only identity's public keys are fetched from it, to verify access tokens locally.
  IDENTITY_URL: Type.String({ pattern: '^https?://', description: 'the http:// base URL of the identity service' }),
});

export type CatalogConfig = Static<typeof CatalogConfigSchema>;

export function loadCatalogConfig(env: NodeJS.ProcessEnv = process.env): CatalogConfig {
  return loadConfig(CatalogConfigSchema, env);
}

/** Where identity publishes the keys that sign its access tokens. */
export const jwksUrlOf = (identityUrl: string): string => `${identityUrl.replace(/\/+$/, '')}/.well-known/jwks.json`;
