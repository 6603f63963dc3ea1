import { isIP } from 'node:net';
import { Type, type Static } from 'typebox';
import { CommonConfig, MessagingConfig, DatabaseUrlConfig, PortConfig, MetricsConfig, loadConfig } from '@bazaar/platform';

export const IdentityConfigSchema = Type.Object({
  ...CommonConfig,
  ...MessagingConfig,
  PORT: PortConfig(8101),
  ...MetricsConfig(8151),
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
  IDENTITY_DISCOVERY_MAX_PER_IP: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 10 }),
  IDENTITY_DISCOVERY_IP_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 600 }),
  IDENTITY_DISCOVERY_MAX_PER_EMAIL: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  IDENTITY_DISCOVERY_EMAIL_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 3600 }),
  // Where the web storefront lives: the links identity has mailed (verify-email, reset-password) open there.
  IDENTITY_PUBLIC_URL: Type.String({ pattern: '^https?://[^\\s/?#@]+(/[^\\s?#]*)?$', maxLength: 500, default: 'http://localhost:8080', description: 'an http(s) URL without query or fragment, e.g. https://shop.example.com' }),
  IDENTITY_VERIFICATION_TTL_SECONDS: Type.Integer({ minimum: 300, maximum: 30 * 86_400, default: 86_400 }),
  // Short: a reset link in a mailbox is a key to the account.
  IDENTITY_PASSWORD_RESET_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 86_400, default: 1800 }),
  IDENTITY_LINK_MAX_PER_IP: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 20 }),
  IDENTITY_LINK_IP_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 600 }),
  IDENTITY_LINK_MAX_PER_EMAIL: Type.Integer({ minimum: 1, maximum: 1000, default: 3 }),
  IDENTITY_LINK_EMAIL_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 3600 }),
  // The peers (the gateway) whose X-Forwarded-For names the client; throttling counts that address.
  // Empty trusts nobody: the client is the socket's peer.
  IDENTITY_TRUSTED_PROXIES: Type.String({ default: '', description: 'a comma-separated list of IP addresses or CIDRs, e.g. 10.0.0.0/8' }),
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
  /** Registrations and email changes, which answer 409 for a taken email, counted per client and per email. */
  discovery: DiscoveryLimits;
  /** The storefront's base URL (no trailing slash), where mailed links point. */
  publicUrl: string;
  verificationTtlSeconds: number;
  passwordResetTtlSeconds: number;
  /** Requests that mail a link (a new verification, a password reset), counted per client and per email. */
  linkRequests: DiscoveryLimits;
}

/** A limit on requests counted per client address and per email, each over its own window. */
export interface DiscoveryLimits {
  maxPerIp: number;
  ipWindowSeconds: number;
  maxPerEmail: number;
  emailWindowSeconds: number;
}

export const defaultSettings: IdentitySettings = {
  accessTokenTtlSeconds: 300,
  refreshTokenTtlSeconds: 7 * 86_400,
  argon2MemoryKib: 19_456,
  adminEmails: [],
  throttle: { maxFailuresPerEmail: 5, maxFailuresPerIp: 20, windowSeconds: 900 },
  discovery: { maxPerIp: 10, ipWindowSeconds: 600, maxPerEmail: 5, emailWindowSeconds: 3600 },
  publicUrl: 'http://localhost:8080',
  verificationTtlSeconds: 86_400,
  passwordResetTtlSeconds: 1800,
  linkRequests: { maxPerIp: 20, ipWindowSeconds: 600, maxPerEmail: 3, emailWindowSeconds: 3600 },
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
    discovery: {
      maxPerIp: config.IDENTITY_DISCOVERY_MAX_PER_IP,
      ipWindowSeconds: config.IDENTITY_DISCOVERY_IP_WINDOW_SECONDS,
      maxPerEmail: config.IDENTITY_DISCOVERY_MAX_PER_EMAIL,
      emailWindowSeconds: config.IDENTITY_DISCOVERY_EMAIL_WINDOW_SECONDS,
    },
    publicUrl: config.IDENTITY_PUBLIC_URL.replace(/\/+$/, ''),
    verificationTtlSeconds: config.IDENTITY_VERIFICATION_TTL_SECONDS,
    passwordResetTtlSeconds: config.IDENTITY_PASSWORD_RESET_TTL_SECONDS,
    linkRequests: {
      maxPerIp: config.IDENTITY_LINK_MAX_PER_IP,
      ipWindowSeconds: config.IDENTITY_LINK_IP_WINDOW_SECONDS,
      maxPerEmail: config.IDENTITY_LINK_MAX_PER_EMAIL,
      emailWindowSeconds: config.IDENTITY_LINK_EMAIL_WINDOW_SECONDS,
    },
  };
}

/** The trusted proxies from the variable; an entry that is not an address or a CIDR is refused. */
export function trustedProxiesFrom(config: IdentityConfig): string[] {
  const entries = config.IDENTITY_TRUSTED_PROXIES.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const max = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
    if (!family || !bitsOk || extra !== undefined) {
      throw new Error(`IDENTITY_TRUSTED_PROXIES: ${JSON.stringify(entry)} is not an IP address or CIDR`);
    }
  }
  return entries;
}

export function parseEmailList(value: string): string[] {
  return value.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
}
