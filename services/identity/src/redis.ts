import { createHash } from 'node:crypto';
import { AppError } from '@bazaar/platform';

/**
 * Every Redis key identity writes, built in one place so none can escape the `identity:` namespace
 * its ACL user is limited to. Tests pass a narrower prefix (`identity:test-…`) to run side by side.
 */
export interface RedisKeys {
  readonly prefix: string;
  session(sessionId: string): string;
  /** The refresh-token hashes a session has already rotated away from (reuse detection). */
  usedRefreshTokens(sessionId: string): string;
  /** Sorted set of ended sessions, scored by when their last access token expires. */
  revokedSessions(): string;
  /** The ids of a user's sessions, so a password reset can end every one of them. */
  userSessions(userId: string): string;
  failuresByEmail(email: string): string;
  failuresByIp(ip: string): string;
  /** Registrations and email changes naming this email / made from this client (account discovery). */
  discoveryByEmail(email: string): string;
  discoveryByIp(ip: string): string;
  /** Requests that mail a link (verification, password reset) for this email / from this client. */
  linksByEmail(email: string): string;
  linksByIp(ip: string): string;
}

export const PRODUCTION_PREFIX = 'identity';

export function redisKeys(prefix: string = PRODUCTION_PREFIX): RedisKeys {
  if (prefix !== PRODUCTION_PREFIX && !prefix.startsWith(`${PRODUCTION_PREFIX}:`)) {
    throw new Error(`identity's Redis keys must live under "${PRODUCTION_PREFIX}:" (got prefix ${JSON.stringify(prefix)})`);
  }
  return {
    prefix,
    session: (sessionId) => `${prefix}:session:${sessionId}`,
    usedRefreshTokens: (sessionId) => `${prefix}:session-used:${sessionId}`,
    revokedSessions: () => `${prefix}:revoked-sessions`,
    userSessions: (userId) => `${prefix}:user-sessions:${userId}`,
    // Hashed so that addresses (personal data) never appear in key names, and odd characters cannot
    // reshape a key.
    failuresByEmail: (email) => `${prefix}:throttle:email:${digest(email.trim().toLowerCase())}`,
    failuresByIp: (ip) => `${prefix}:throttle:ip:${digest(ip)}`,
    discoveryByEmail: (email) => `${prefix}:throttle:discovery-email:${digest(email.trim().toLowerCase())}`,
    discoveryByIp: (ip) => `${prefix}:throttle:discovery-ip:${digest(ip)}`,
    linksByEmail: (email) => `${prefix}:throttle:link-email:${digest(email.trim().toLowerCase())}`,
    linksByIp: (ip) => `${prefix}:throttle:link-ip:${digest(ip)}`,
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/** Redis being down makes identity answer 503 (a known, retryable state), not a 500. */
export async function available<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw new AppError('unavailable', 'the session store is unavailable; try again shortly', { cause: error });
  }
}
