import { Type, type Static } from 'typebox';
import { CommonConfig, DatabaseUrlConfig, ServiceUrlConfig, FlagsConfig, MessagingConfig, PortConfig, MetricsConfig, loadConfig } from '@bazaar/platform';
import type { SagaSettings } from './checkout/saga.types.js';

const Url = (what: string) => Type.String({ pattern: '^https?://', description: what });

export const OrdersConfigSchema = Type.Object({
  ...CommonConfig,
  ...MessagingConfig,
  PORT: PortConfig(8104),
  ...MetricsConfig(8154),
  ORDERS_DATABASE_URL: DatabaseUrlConfig(),
  IDENTITY_URL: Url("identity's base URL (its keys are at /.well-known/jwks.json)"),
  CATALOG_URL: ServiceUrlConfig("catalog's base URL, where prices are read at checkout"),
  // How long a checkout step waits for its reply before it is compensated (a compensation is sent
  // again after it, with backoff).
  ORDERS_STEP_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 30_000 }),
  // How often the deadline job looks for steps past their deadline, and how many it handles a run.
  ORDERS_DEADLINE_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 600_000, default: 1_000 }),
  ORDERS_DEADLINE_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
  // The budget of one price read from catalog at checkout, retries included.
  ORDERS_CATALOG_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 2_000 }),
  // How long inventory holds an order's stock. A confirmed order keeps its reservation until dispatch
  // turns it into shipped stock, so this must outlive the wait for a courier (default 7 days).
  ORDERS_RESERVATION_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 90 * 86_400, default: 7 * 86_400 }),
  // flagd's flag-definition file (re-read when it changes). Without it every flag is at its fallback:
  // `checkout-fraud-check` off, no checkout is screened.
  ...FlagsConfig,
  // The fraud screening (for checkouts the flag turns it on for): how long the scorer may take before
  // the order goes on unscreened, the score that rejects an order, and how often the screening job
  // looks for checkouts to screen and how many it screens a run. A checkout of this process wakes the
  // job as it commits; the interval finds those another replica, or a process that died, left waiting.
  ORDERS_FRAUD_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 2_000 }),
  ORDERS_FRAUD_REJECT_SCORE: Type.Integer({ minimum: 1, maximum: 100, default: 70 }),
  ORDERS_SCREENING_INTERVAL_MS: Type.Integer({ minimum: 20, maximum: 60_000, default: 5_000 }),
  ORDERS_SCREENING_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 1_000, default: 50 }),
});

export type OrdersConfig = Static<typeof OrdersConfigSchema>;

export function loadOrdersConfig(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  return loadConfig(OrdersConfigSchema, env);
}

export function sagaSettingsFrom(config: Pick<OrdersConfig, 'ORDERS_STEP_TIMEOUT_MS' | 'ORDERS_RESERVATION_TTL_SECONDS'>): SagaSettings {
  return { stepTimeoutMs: config.ORDERS_STEP_TIMEOUT_MS, reservationTtlSeconds: config.ORDERS_RESERVATION_TTL_SECONDS };
}

export const jwksUrlOf = (identityUrl: string): string => `${identityUrl.replace(/\/+$/, '')}/.well-known/jwks.json`;
