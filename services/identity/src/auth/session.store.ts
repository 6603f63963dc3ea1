import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '@bazaar/platform';
import { available, type RedisKeys } from '../redis.js';

export type Rotation =
  | { outcome: 'rotated'; sessionId: string; userId: string; refreshToken: string }
  | { outcome: 'reused' | 'invalid' };

// Swaps the refresh hash only if the presented token is the current one, in one step, so two
// concurrent refreshes with the same token cannot both succeed. A token that was current once and
// has been rotated away from is proof of theft (or a replayed request): the session is ended.
const ROTATE = `
local current = redis.call('HGET', KEYS[1], 'refreshHash')
if not current then return {'invalid'} end
if current == ARGV[1] then
  redis.call('HSET', KEYS[1], 'refreshHash', ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[1])
  redis.call('PEXPIRE', KEYS[2], math.max(redis.call('PTTL', KEYS[1]), 1))
  return {'rotated', redis.call('HGET', KEYS[1], 'userId')}
end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
  redis.call('DEL', KEYS[1], KEYS[2])
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
  return {'reused'}
end
return {'invalid'}
`;

const REFRESH_TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Sessions in Redis: `<prefix>:session:<sid>` is a hash {userId, refreshHash, createdAt} that lives
 * as long as a refresh token may (counted from login; refreshing does not extend it). Only the
 * SHA-256 of the refresh token's secret is kept. Logging out deletes the hash, and every access
 * token of the session stops verifying at identity at once; the session id is also added to
 * `<prefix>:revoked-sessions` (scored by when its last access token expires), the list the other
 * services' verifiers fetch so that they refuse those tokens within seconds. `<prefix>:user-sessions:<userId>`
 * lists the user's session ids, so that a password reset can end all of them.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds: number,
    /** How long an ended session stays listed: the access tokens' lifetime plus verifiers' clock skew. */
    private readonly revokedForSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async open(userId: string, now: Date): Promise<{ sessionId: string; refreshToken: string }> {
    const sessionId = randomUUID();
    const secret = newSecret();
    const key = this.keys.session(sessionId);
    const mine = this.keys.userSessions(userId);
    // The user's set of sessions lives as long as their newest session may.
    const results = await available(
      this.redis.multi()
        .hset(key, { userId, refreshHash: sha256(secret), createdAt: now.toISOString() }).expire(key, this.ttlSeconds)
        .sadd(mine, sessionId).expire(mine, this.ttlSeconds)
        .exec(),
    );
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw AppError.unavailable('the session store refused to open a session', { cause: failed?.[0] });
    return { sessionId, refreshToken: `${sessionId}.${secret}` };
  }

  /** Whether the session is still open and belongs to this user. */
  async isOpen(sessionId: string, userId: string): Promise<boolean> {
    return (await available(this.redis.hget(this.keys.session(sessionId), 'userId'))) === userId;
  }

  async close(sessionId: string): Promise<void> {
    await available(this.redis.multi()
      .del(this.keys.session(sessionId), this.keys.usedRefreshTokens(sessionId))
      .zadd(this.keys.revokedSessions(), this.revokedUntil(), sessionId)
      .exec());
  }

  /**
   * Ends every session of the user (after a password reset): each is closed as logout closes one,
   * so its access tokens are refused at identity at once and by the other services within seconds.
   * Ids of sessions that already ended are listed again, harmlessly, until their entry lapses.
   */
  async closeAll(userId: string): Promise<number> {
    const mine = this.keys.userSessions(userId);
    const sessionIds = await available(this.redis.smembers(mine));
    if (sessionIds.length === 0) return 0;
    const until = this.revokedUntil();
    const batch = this.redis.multi();
    for (const sessionId of sessionIds) {
      batch.del(this.keys.session(sessionId), this.keys.usedRefreshTokens(sessionId)).zadd(this.keys.revokedSessions(), until, sessionId);
    }
    const results = await available(batch.srem(mine, ...sessionIds).exec());
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw AppError.unavailable('the session store could not end the sessions', { cause: failed?.[0] });
    return sessionIds.length;
  }

  /** The sessions ended while some of their access tokens may still be unexpired. */
  async revoked(): Promise<string[]> {
    const key = this.keys.revokedSessions();
    const results = await available(this.redis.multi().zremrangebyscore(key, '-inf', String(this.now().getTime())).zrange(key, '0', '-1').exec());
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw AppError.unavailable('the session store could not list ended sessions', { cause: failed?.[0] });
    return results[1]![1] as string[];
  }

  private revokedUntil(): number {
    return this.now().getTime() + this.revokedForSeconds * 1000;
  }

  /** Exchanges a refresh token for a new one; the old one never works again. */
  async rotate(refreshToken: string): Promise<Rotation> {
    const match = REFRESH_TOKEN.exec(refreshToken);
    if (!match) return { outcome: 'invalid' };
    const sessionId = match[1]!;
    const secret = newSecret();
    const reply = (await available(
      this.redis.eval(
        ROTATE, 3, this.keys.session(sessionId), this.keys.usedRefreshTokens(sessionId), this.keys.revokedSessions(),
        sha256(match[2]!), sha256(secret), String(this.revokedUntil()), sessionId,
      ),
    )) as [string, string?];
    if (reply[0] === 'rotated' && reply[1]) {
      return { outcome: 'rotated', sessionId, userId: reply[1], refreshToken: `${sessionId}.${secret}` };
    }
    return { outcome: reply[0] === 'reused' ? 'reused' : 'invalid' };
  }
}

const newSecret = () => randomBytes(32).toString('base64url');
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
