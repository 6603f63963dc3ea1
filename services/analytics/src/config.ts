import { Type, type Static } from 'typebox';
import Value from 'typebox/value';
import { CommonConfig, MessagingConfig, MetricsConfig, PortConfig, loadConfig } from '@bazaar/platform';

/** One data product analytics reads by logical replication (the launcher provisions its role and slot). */
export const CdcSourceSchema = Type.Object({
  source: Type.String({ pattern: '^[a-z][a-z0-9-]*$', description: 'the service that publishes it' }),
  url: Type.String({ pattern: '^postgres(ql)?://', description: "its replication-only role on the service's database" }),
  publication: Type.String({ pattern: '^[a-z_][a-z0-9_]*$' }),
  slot: Type.String({ pattern: '^[a-z0-9_]{1,63}$' }),
}, { additionalProperties: false });
export type CdcSource = Static<typeof CdcSourceSchema>;

export const AnalyticsConfigSchema = Type.Object({
  ...CommonConfig,
  ...MessagingConfig,
  PORT: PortConfig(8108),
  ...MetricsConfig(8158),
  IDENTITY_URL: Type.String({ pattern: '^https?://', description: "identity's base URL (only its keys, at /.well-known/jwks.json, are read)" }),
  ANALYTICS_DATA_DIR: Type.String({ minLength: 1, default: '.data/analytics', description: 'where analytics keeps its files (the launcher gives <data-dir>/analytics)' }),
  ANALYTICS_WAREHOUSE_FILE: Type.Optional(Type.String({ minLength: 1, description: 'the DuckDB file analytics alone writes; default <ANALYTICS_DATA_DIR>/warehouse.duckdb' })),
  ANALYTICS_DUCKDB_THREADS: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
  ANALYTICS_DUCKDB_MEMORY_LIMIT: Type.Optional(Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?\\s?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$' })),
  // Events folded per transaction, and how long the first waits for company: freshness against throughput.
  ANALYTICS_BATCH_MAX: Type.Integer({ minimum: 1, maximum: 10_000, default: 500 }),
  ANALYTICS_BATCH_LINGER_MS: Type.Integer({ minimum: 0, maximum: 10_000, default: 20 }),
  /** JSON array of data products to read by CDC (the launcher writes it); absent or []: events only. */
  ANALYTICS_CDC_SOURCES: Type.Optional(Type.String({ maxLength: 20_000 })),
  ANALYTICS_RECONCILE_INTERVAL_MS: Type.Integer({ minimum: 1000, maximum: 86_400_000, default: 300_000 }),
  /**
   * When the first scheduled run comes after start: soon, so the console has an answer, but after the
   * event consumer has taken what waited in its queue. The grace below still keeps young facts out.
   */
  ANALYTICS_RECONCILE_FIRST_RUN_MS: Type.Integer({ minimum: 0, maximum: 86_400_000, default: 30_000 }),
  /** How often the confirmations owed for deleted users (user.erased) are sent; a round with none owed reads one query. */
  ANALYTICS_ERASURE_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 5000 }),
  /**
   * How long a cross-service fact may be incomplete before reconciliation calls it a finding: the
   * events of one checkout arrive from several services, seconds apart, in no set order.
   */
  ANALYTICS_RECONCILE_GRACE_SECONDS: Type.Integer({ minimum: 0, maximum: 86_400, default: 300 }),
  /**
   * The longest a checkout saga may take from order.placed to its end (confirmed, rejected or
   * cancelled). orders retries each step after ORDERS_STEP_TIMEOUT_MS (30 s) with backoff, so five
   * minutes is several steps' worth of retries.
   */
  ANALYTICS_SAGA_DEADLINE_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 300 }),
});

export type AnalyticsConfig = Static<typeof AnalyticsConfigSchema>;

export function loadAnalyticsConfig(env: NodeJS.ProcessEnv = process.env): AnalyticsConfig {
  return loadConfig(AnalyticsConfigSchema, env);
}

/** The CDC sources of ANALYTICS_CDC_SOURCES, each checked; a malformed list fails the start, naming why. */
export function cdcSourcesOf(config: Pick<AnalyticsConfig, 'ANALYTICS_CDC_SOURCES'>): CdcSource[] {
  if (!config.ANALYTICS_CDC_SOURCES) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(config.ANALYTICS_CDC_SOURCES);
  } catch {
    throw new Error('ANALYTICS_CDC_SOURCES must be a JSON array of {source, url, publication, slot}');
  }
  if (!Array.isArray(parsed)) throw new Error('ANALYTICS_CDC_SOURCES must be a JSON array of {source, url, publication, slot}');
  return parsed.map((item, i) => {
    if (!Value.Check(CdcSourceSchema, item)) throw new Error(`ANALYTICS_CDC_SOURCES[${i}] must hold exactly source, url, publication and slot (${[...Value.Errors(CdcSourceSchema, item)].map((e) => `${e.instancePath || '/'} ${e.message}`).slice(0, 3).join('; ')})`);
    return item;
  });
}

export const warehouseFileOf = (config: Pick<AnalyticsConfig, 'ANALYTICS_DATA_DIR' | 'ANALYTICS_WAREHOUSE_FILE'>): string =>
  config.ANALYTICS_WAREHOUSE_FILE ?? `${config.ANALYTICS_DATA_DIR.replace(/\/+$/, '')}/warehouse.duckdb`;

export const jwksUrlOf = (identityUrl: string): string => `${identityUrl.replace(/\/+$/, '')}/.well-known/jwks.json`;
