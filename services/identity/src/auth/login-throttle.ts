import type { Redis } from 'ioredis';
import { AppError } from '@bazaar/platform';
import type { DiscoveryLimits } from '../config.js';
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
    if (waits.length > 0) throw tooMany('too many failed logins', waits);
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

/**
 * Counts every attempt per client address and per target email, each counter living for its window
 * from the first attempt; past either limit the answer is 429 with Retry-After, before anything is
 * looked up, so being refused tells nothing about the email.
 */
export class AttemptLimit {
  constructor(
    private readonly redis: Redis,
    private readonly keyOf: { email: (email: string) => string; ip: (ip: string) => string },
    private readonly limits: DiscoveryLimits,
    private readonly what: string,
  ) {}

  /** Counts this attempt; throws a 429 when this email or this address is over its limit. */
  async attempt(email: string, ip: string): Promise<void> {
    const emailKey = this.keyOf.email(email);
    const ipKey = this.keyOf.ip(ip);
    const results = await available(this.redis.multi()
      .incr(emailKey).expire(emailKey, this.limits.emailWindowSeconds, 'NX').pttl(emailKey)
      .incr(ipKey).expire(ipKey, this.limits.ipWindowSeconds, 'NX').pttl(ipKey)
      .exec());
    const [emailCount, , emailTtl, ipCount, , ipTtl] = (results ?? []).map(([, value]) => Number(value ?? 0));
    const waits: number[] = [];
    if ((emailCount ?? 0) > this.limits.maxPerEmail) waits.push(emailTtl ?? 0);
    if ((ipCount ?? 0) > this.limits.maxPerIp) waits.push(ipTtl ?? 0);
    if (waits.length > 0) throw tooMany(this.what, waits);
  }
}

/**
 * Registration and email change answer 409 when an email is taken, so each attempt tells whether
 * an address has an account: every attempt counts.
 */
export class DiscoveryThrottle extends AttemptLimit {
  constructor(redis: Redis, keys: RedisKeys, limits: DiscoveryLimits) {
    super(redis, { email: keys.discoveryByEmail, ip: keys.discoveryByIp }, limits, 'too many registrations or email changes');
  }
}

/**
 * Each request for a new verification link or a password reset makes identity send an email: the
 * limit keeps anyone from turning it into a way to flood a mailbox (or the mail server).
 */
export class LinkThrottle extends AttemptLimit {
  constructor(redis: Redis, keys: RedisKeys, limits: DiscoveryLimits) {
    super(redis, { email: keys.linksByEmail, ip: keys.linksByIp }, limits, 'too many requests for emailed links');
  }
}

function tooMany(what: string, waitsMs: number[]): AppError {
  const retryAfter = Math.max(1, Math.ceil(Math.max(...waitsMs) / 1000));
  return new AppError('too_many_requests', `${what}; try again in ${retryAfter} seconds`, {
    headers: { 'retry-after': String(retryAfter) },
    extensions: { retryAfter },
  });
}
