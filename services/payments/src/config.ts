import { Type, type Static } from 'typebox';
import { CommonConfig, MessagingConfig, DatabaseUrlConfig, PortConfig, MetricsConfig, loadConfig } from '@bazaar/platform';

export const PaymentsConfigSchema = Type.Object({
  ...CommonConfig,
  ...MessagingConfig,
  PORT: PortConfig(8105),
  ...MetricsConfig(8155),
  PAYMENTS_DATABASE_URL: DatabaseUrlConfig(),
  IDENTITY_URL: Type.String({ pattern: '^https?://', description: "identity's base URL (its keys are at /.well-known/jwks.json)" }),
  // A processor call taking longer than this has an unknown outcome: an authorization is then
  // declined as processor_timeout and voided defensively; a capture, void or refund is retried.
  PAYMENTS_PROCESSOR_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 3_000 }),
  // How long the simulated processor's slow test card (4000 0000 0000 0077) takes to answer.
  PAYMENTS_SIMULATOR_SLOW_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1_500 }),
});

export type PaymentsConfig = Static<typeof PaymentsConfigSchema>;

export function loadPaymentsConfig(env: NodeJS.ProcessEnv = process.env): PaymentsConfig {
  return loadConfig(PaymentsConfigSchema, env);
}

export const jwksUrlOf = (identityUrl: string): string => `${identityUrl.replace(/\/+$/, '')}/.well-known/jwks.json`;
