import type { Redis } from 'ioredis';
import { AppError } from '@bazaar/platform';
import { available, type RedisKeys } from '../redis.js';

export interface ThrottleLimits {
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
}

/**
 * Counts failed logins per email address and per client address in Redis, each counter living for
 * one window from its first failure. Once either reaches its limit, logins from there are refused
 * with 429 and a Retry-After until the window ends, whether or not the password would be right,
 * so guessing cannot continue. A successful login clears the email's counter but not the address's,
 * or one valid account would let an attacker reset their budget for every other.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly limits: ThrottleLimits,
  ) {}

  /** Throws a 429 when this email or this address has used up its failures. */
  async check(email: string, ip: string): Promise<void> {
    const emailKey = this.keys.failuresByEmail(email);
    const ipKey = this.keys.failuresByIp(ip);
    const results = await available(this.redis.multi().get(emailKey).pttl(emailKey).get(ipKey).pttl(ipKey).exec());
    const [emailCount, emailTtl, ipCount, ipTtl] = (results ?? []).map(([, value]) => Number(value ?? 0));
    const waits: number[] = [];
    if ((emailCount ?? 0) >= this.limits.maxFailuresPerEmail) waits.push(emailTtl ?? 0);
    if ((ipCount ?? 0) >= this.limits.maxFailuresPerIp) waits.push(ipTtl ?? 0);
    if (waits.length === 0) return;
    const retryAfter = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    throw new AppError('too_many_requests', `too many failed logins; try again in ${retryAfter} seconds`, {
      headers: { 'retry-after': String(retryAfter) },
      extensions: { retryAfter },
    });
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.limits.windowSeconds;
    const emailKey = this.keys.failuresByEmail(email);
    const ipKey = this.keys.failuresByIp(ip);
    // EXPIRE … NX starts the window at the first failure; later failures do not extend it.
    await available(this.redis.multi().incr(emailKey).expire(emailKey, window, 'NX').incr(ipKey).expire(ipKey, window, 'NX').exec());
  }

  async recordSuccess(email: string): Promise<void> {
    await available(this.redis.del(this.keys.failuresByEmail(email)));
  }
}
