import { Type, type Static } from 'typebox';
import { CommonConfig, MessagingConfig, DatabaseUrlConfig, PortConfig, loadConfig } from '@bazaar/platform';

export const IdentityConfigSchema = Type.Object({
  ...CommonConfig,
  ...MessagingConfig,
  PORT: PortConfig(8101),
  IDENTITY_DATABASE_URL: DatabaseUrlConfig(),
  IDENTITY_REDIS_URL: Type.String({ pattern: '^rediss?://', description: "a redis:// URL carrying identity's own ACL user" }),
  // Every key identity writes starts with this; a second copy of the system (tests) narrows it.
  IDENTITY_REDIS_KEY_PREFIX: Type.String({ pattern: '^identity(:[a-z0-9_-]+)?$', default: 'identity', description: 'identity or identity:<name>' }),
  IDENTITY_ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 30, maximum: 3600, default: 300 }),
  IDENTITY_REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 300, maximum: 90 * 86_400, default: 7 * 86_400 }),
  // OWASP's argon2id baseline is m=19456 KiB, t=2, p=1; tests lower the memory to stay fast.
  IDENTITY_ARGON2_MEMORY_KIB: Type.Integer({ minimum: 64, maximum: 1_048_576, default: 19_456 }),
  IDENTITY_ADMIN_EMAILS: Type.String({ default: '', description: 'a comma-separated list of email addresses' }),
  IDENTITY_LOGIN_MAX_FAILURES_PER_EMAIL: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  IDENTITY_LOGIN_MAX_FAILURES_PER_IP: Type.Integer({ minimum: 1, maximum: 100_000, default: 20 }),
  IDENTITY_LOGIN_THROTTLE_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 900 }),
  // Which peers may set X-Forwarded-For: the gateway calls identity over loopback, and the client's
  // own address is what login throttling must count. "false" trusts nobody.
  IDENTITY_TRUST_PROXY: Type.String({ default: 'loopback', description: 'false, true, or a comma-separated list of addresses, CIDRs or loopback/linklocal/uniquelocal' }),
});

export type IdentityConfig = Static<typeof IdentityConfigSchema>;

/** What the app needs to know, independent of where it came from (environment or a test). */
export interface IdentitySettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  argon2MemoryKib: number;
  /** Lower-cased addresses that are given the admin role when they register. */
  adminEmails: string[];
  throttle: { maxFailuresPerEmail: number; maxFailuresPerIp: number; windowSeconds: number };
}

export const defaultSettings: IdentitySettings = {
  accessTokenTtlSeconds: 300,
  refreshTokenTtlSeconds: 7 * 86_400,
  argon2MemoryKib: 19_456,
  adminEmails: [],
  throttle: { maxFailuresPerEmail: 5, maxFailuresPerIp: 20, windowSeconds: 900 },
};

export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  return loadConfig(IdentityConfigSchema, env);
}

export function settingsFrom(config: IdentityConfig): IdentitySettings {
  return {
    accessTokenTtlSeconds: config.IDENTITY_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: config.IDENTITY_REFRESH_TOKEN_TTL_SECONDS,
    argon2MemoryKib: config.IDENTITY_ARGON2_MEMORY_KIB,
    adminEmails: parseEmailList(config.IDENTITY_ADMIN_EMAILS),
    throttle: {
      maxFailuresPerEmail: config.IDENTITY_LOGIN_MAX_FAILURES_PER_EMAIL,
      maxFailuresPerIp: config.IDENTITY_LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: config.IDENTITY_LOGIN_THROTTLE_WINDOW_SECONDS,
    },
  };
}

/** Fastify's `trustProxy` from the variable: a boolean, or the list of trusted peers. */
export function trustProxyFrom(config: IdentityConfig): boolean | string[] {
  const value = config.IDENTITY_TRUST_PROXY.trim();
  if (value === 'false' || value === '') return false;
  if (value === 'true') return true;
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export function parseEmailList(value: string): string[] {
  return value.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
}
