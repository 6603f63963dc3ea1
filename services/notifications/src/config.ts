import { Type, type Static } from 'typebox';
import { CommonConfig, MessagingConfig, DatabaseUrlConfig, PortConfig, MetricsConfig, loadConfig } from '@bazaar/platform';
import { DEFAULT_JOB_SETTINGS, type JobSettings } from './delivery/queue.js';

export const NotificationsConfigSchema = Type.Object({
  ...CommonConfig,
  ...MessagingConfig,
  PORT: PortConfig(8107),
  ...MetricsConfig(8157),
  NOTIFICATIONS_DATABASE_URL: DatabaseUrlConfig(),
  IDENTITY_URL: Type.String({ pattern: '^https?://', description: "identity's base URL (only its keys, at /.well-known/jwks.json, are read)" }),
  NOTIFICATIONS_REDIS_URL: Type.String({ pattern: '^rediss?://', description: "a redis:// URL carrying notifications' own ACL user" }),
  NOTIFICATIONS_REDIS_KEY_PREFIX: Type.String({ pattern: '^notifications(:[a-z0-9_-]+)?$', default: 'notifications', description: 'notifications or notifications:<name>' }),
  NOTIFICATIONS_SMTP_URL: Type.String({ pattern: '^smtps?://', default: 'smtp://127.0.0.1:1025', description: 'the SMTP server email goes through, e.g. smtp://user:pass@mail.example:587' }),
  NOTIFICATIONS_EMAIL_FROM: Type.String({ minLength: 3, maxLength: 200, default: 'Bazaar <no-reply@bazaar.test>' }),
  // BullMQ's default job options (seed 000's values) and the worker's parallel sends.
  NOTIFICATIONS_JOB_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: DEFAULT_JOB_SETTINGS.attempts }),
  NOTIFICATIONS_JOB_BACKOFF_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: DEFAULT_JOB_SETTINGS.backoffMs }),
  NOTIFICATIONS_JOB_REMOVE_ON_COMPLETE: Type.Integer({ minimum: 0, maximum: 1_000_000, default: DEFAULT_JOB_SETTINGS.removeOnComplete }),
  NOTIFICATIONS_JOB_REMOVE_ON_FAIL: Type.Integer({ minimum: 0, maximum: 1_000_000, default: DEFAULT_JOB_SETTINGS.removeOnFail }),
  NOTIFICATIONS_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 200, default: 5 }),
  // A job whose worker stops renewing its lock for this long (a worker killed mid-send) is stalled:
  // checked as often, and sent again by a live worker, with the same Message-ID.
  NOTIFICATIONS_LOCK_DURATION_MS: Type.Integer({ minimum: 500, maximum: 600_000, default: 30_000 }),
  // How often the history is polled for messages without a job (commits also wake it at once), and
  // after how long a message still to send is checked for a job Redis lost.
  NOTIFICATIONS_DISPATCH_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 1000 }),
  NOTIFICATIONS_REQUEUE_AFTER_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 30_000 }),
  NOTIFICATIONS_REQUEUE_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 10_000 }),
});

export type NotificationsConfig = Static<typeof NotificationsConfigSchema>;

export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  return loadConfig(NotificationsConfigSchema, env);
}

export function jobSettingsFrom(config: NotificationsConfig): JobSettings {
  return {
    attempts: config.NOTIFICATIONS_JOB_ATTEMPTS,
    backoffMs: config.NOTIFICATIONS_JOB_BACKOFF_MS,
    removeOnComplete: config.NOTIFICATIONS_JOB_REMOVE_ON_COMPLETE,
    removeOnFail: config.NOTIFICATIONS_JOB_REMOVE_ON_FAIL,
  };
}

export const jwksUrlOf = (identityUrl: string): string => `${identityUrl.replace(/\/+$/, '')}/.well-known/jwks.json`;
