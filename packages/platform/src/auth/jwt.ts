import type { FastifyRequest } from 'fastify';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwksCache,
  jwtVerify,
  type ExportedJWKSCache,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { AppError } from '../errors.js';

/** Who made a request, as proven by an access token issued by identity. */
export interface AuthUser {
  userId: string;
  email: string;
  roles: string[];
  sessionId: string;
}

export interface JwtVerifierOptions {
  /** Where identity publishes its public keys (`…/.well-known/jwks.json`). */
  jwksUrl?: string;
  /** A fixed key set instead of `jwksUrl` (identity verifying its own tokens, tests). */
  jwks?: JSONWebKeySet;
  issuer?: string;
  audience?: string;
  algorithms?: string[];
  /** Allowed clock skew between issuer and verifier, in seconds (default 5). */
  clockToleranceSec?: number;
  /**
   * After a fetch of the key set, how long an unknown `kid` does not cause another fetch (default 30 s):
   * a rotated key is picked up at most this late, and tokens with made-up kids cannot hammer identity.
   */
  cooldownMs?: number;
  /** How long a fetched key set is used before it is fetched again (default 10 min). */
  cacheMaxAgeMs?: number;
  /** Time allowed for one key set fetch (default 2 s). */
  fetchTimeoutMs?: number;
  /** Named as the `upstream` when the key set cannot be fetched (default `identity`). */
  keyOwner?: string;
  /**
   * Remembers tokens already verified, so a client's next requests skip the signature check (default
   * 10,000 tokens for up to 30 s each, never past their expiry; `false` turns it off). A key removed
   * from the key set stops being accepted at most `ttlMs` later.
   */
  verifiedCache?: { max?: number; ttlMs?: number } | false;
  /**
   * Where identity lists the sessions ended lately (`GET …/.well-known/revoked-sessions`, answering
   * `{ "revoked": ["<sid>", …] }`); by default next to `jwksUrl`, `false` turns the check off. A token
   * whose `sid` is listed is refused, so a logout reaches every verifier within `revocationRefreshMs`
   * (plus one fetch) instead of when the token expires.
   *
   * Why a pull and not an event: the gateway has no broker or database, and the list is short (one
   * entry per logout, kept by identity only until the tokens of that session have expired), so each
   * verifier fetches it like the key set. It is fetched on demand: a request that finds the list older
   * than `revocationRefreshMs` waits for the next fetch, so the check holds for cached tokens too.
   * While identity cannot be reached (or answers nonsense), the last list fetched keeps being used,
   * requests stop waiting for it and it is fetched again in the background; tokens are still verified
   * by signature and expiry, so an outage of identity lets a logged-out token live at most until it
   * expires, as it did before this list existed.
   */
  revocationUrl?: string | false;
  /** How old the revoked-session list may be before a request waits for a new fetch (default 2 s). */
  revocationRefreshMs?: number;
  /** The clock in milliseconds used for the list's age (tests pass a fake one; default `Date.now`). */
  now?: () => number;
}

export interface JwtVerifier {
  /**
   * Verifies an access token: signature by a key of the set, algorithm, issuer, audience, expiry and
   * the claims Bazaar needs. Throws 401 {@link AppError} for any token problem, and 503 `unavailable`
   * when the key set cannot be fetched and none was ever fetched: a key outage is not the caller's fault,
   * and answering 401 would make clients throw valid sessions away.
   */
  verify(token: string): Promise<AuthUser>;
  /** The request's user if it carries a bearer token (verified; a bad one throws 401), else undefined. */
  authenticate(request: FastifyRequest): Promise<AuthUser | undefined>;
  /** The request's user; 401 without a valid bearer token. Verified once per request. */
  requireUser(request: FastifyRequest): Promise<AuthUser>;
  /** The request's user if they hold `role`; 401 without a token, 403 without the role. */
  requireRole(request: FastifyRequest, role: string): Promise<AuthUser>;
  /** A Fastify preHandler that requires a user (and the role, if given); read the user with `requireUser`. */
  preHandler(options?: { role?: string }): (request: FastifyRequest) => Promise<void>;
}

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i;

/** The token of an `Authorization: Bearer …` header, if there is one and it is well formed. */
export function bearerToken(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
}

function invalidToken(description: string): AppError {
  return new AppError('unauthorized', `the access token is not valid: ${description}`, {
    headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` },
  });
}

/** Tokens verified lately, oldest evicted first; an entry never outlives its token. */
class VerifiedTokens {
  private readonly entries = new Map<string, { user: AuthUser; until: number }>();

  constructor(private readonly max: number, private readonly ttlMs: number) {}

  get(token: string): AuthUser | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.user;
    this.entries.delete(token);
    return undefined;
  }

  set(token: string, user: AuthUser, expiresAt: number): void {
    if (this.max <= 0) return;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { user, until: Math.min(expiresAt, Date.now() + this.ttlMs) });
  }
}

/** The sessions identity says have ended, fetched again once older than the refresh period. */
class RevokedSessions {
  private ids = new Set<string>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private healthy = true;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly refreshMs: number,
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {}

  async has(sessionId: string): Promise<boolean> {
    if (this.now() - this.fetchedAt >= this.refreshMs) {
      // Wait for identity only while it answers; when it did not last time, serve with the last list.
      if (this.healthy) await this.refresh();
      else void this.refresh();
    }
    return this.ids.has(sessionId);
  }

  private refresh(): Promise<void> {
    this.pending ??= this.load().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async load(): Promise<void> {
    try {
      const response = await fetch(this.url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) throw new Error(`answered ${response.status}`);
      const body = (await response.json()) as { revoked?: unknown };
      if (!Array.isArray(body.revoked) || !body.revoked.every((id) => typeof id === 'string')) throw new Error('not a revoked-session list');
      this.ids = new Set(body.revoked as string[]);
      this.healthy = true;
    } catch {
      this.healthy = false;
    } finally {
      this.fetchedAt = this.now();
    }
  }
}

/** Raised by the key lookup when the key set itself could not be had (fetch failed, timed out, bad JSON). */
class KeySetUnavailable extends Error {}

/** Errors of the key lookup that are about the token (its kid or alg), not about fetching the key set. */
const tokenKeyErrors = [errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JOSENotSupported, errors.JOSEAlgNotAllowed];

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} is not acceptable`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'it was not signed by a known key';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'its algorithm is not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  return 'it is malformed';
}

function userOf(payload: JWTPayload): AuthUser {
  const { sub, email, roles, sid } = payload as JWTPayload & { email?: unknown; roles?: unknown; sid?: unknown };
  if (typeof sub !== 'string' || !sub) throw invalidToken('claim sub is missing');
  if (typeof email !== 'string') throw invalidToken('claim email is missing');
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) throw invalidToken('claim roles must be a list of names');
  if (typeof sid !== 'string') throw invalidToken('claim sid is missing');
  return { userId: sub, email, roles, sessionId: sid };
}

/**
 * Verifies identity's access tokens locally against its published key set, so each service can check
 * the caller itself (zero trust) without a call per request. The key set is cached, fetched again when
 * a token names an unknown key id (key rotation), and, should identity be unreachable when the cache
 * has aged, the keys last fetched keep being used.
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  if (!options.jwksUrl && !options.jwks) throw new Error('createJwtVerifier needs jwksUrl or jwks');
  const cache: ExportedJWKSCache | Record<string, never> = {};
  const remote = options.jwks
    ? createLocalJWKSet(options.jwks)
    : createRemoteJWKSet(new URL(options.jwksUrl!), {
      cooldownDuration: options.cooldownMs ?? 30_000,
      cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
      timeoutDuration: options.fetchTimeoutMs ?? 2000,
      [jwksCache]: cache,
    });
  const keys = async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (tokenKeyErrors.some((type) => error instanceof type)) throw error;
      throw new KeySetUnavailable('key set unavailable', { cause: error });
    }
  };
  const verifyOptions = {
    issuer: options.issuer ?? 'bazaar-identity',
    audience: options.audience ?? 'bazaar',
    algorithms: options.algorithms ?? ['ES256'],
    clockTolerance: options.clockToleranceSec ?? 5,
    requiredClaims: ['exp', 'sub'],
  };
  const verified = new WeakMap<FastifyRequest, Promise<AuthUser | undefined>>();
  const revocationUrl = options.revocationUrl ?? (options.jwksUrl ? new URL('revoked-sessions', options.jwksUrl).href : false);
  const revoked = revocationUrl
    ? new RevokedSessions(revocationUrl, options.revocationRefreshMs ?? 2000, options.fetchTimeoutMs ?? 2000, options.now ?? Date.now)
    : undefined;
  const recent = options.verifiedCache === false ? undefined : new VerifiedTokens(options.verifiedCache?.max ?? 10_000, options.verifiedCache?.ttlMs ?? 30_000);

  async function verify(token: string): Promise<AuthUser> {
    const user = recent?.get(token) ?? (await verifySignature(token));
    if (await revoked?.has(user.sessionId)) throw invalidToken('its session has ended');
    return user;
  }

  async function verifySignature(token: string): Promise<AuthUser> {
    try {
      const { payload } = await jwtVerify(token, keys, verifyOptions);
      const user = userOf(payload);
      recent?.set(token, user, payload.exp! * 1000);
      return user;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof KeySetUnavailable) {
        const last = 'jwks' in cache ? cache.jwks : undefined;
        if (last) return verifyWithLastKeys(token, last);
        throw new AppError('unavailable', `cannot verify the access token: the key set of ${options.keyOwner ?? 'identity'} is unavailable`, {
          extensions: { upstream: options.keyOwner ?? 'identity', reason: 'keys-unavailable' },
          cause: error.cause,
        });
      }
      throw invalidToken(describe(error));
    }
  }

  async function verifyWithLastKeys(token: string, last: JSONWebKeySet): Promise<AuthUser> {
    try {
      return userOf((await jwtVerify(token, createLocalJWKSet(last), verifyOptions)).payload);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw invalidToken(describe(error));
    }
  }

  function authenticate(request: FastifyRequest): Promise<AuthUser | undefined> {
    let result = verified.get(request);
    if (!result) {
      const header = request.headers.authorization;
      const token = bearerToken(request);
      result = token ? verify(token) : header ? Promise.reject(invalidToken('the Authorization header is not a bearer token')) : Promise.resolve(undefined);
      verified.set(request, result);
    }
    return result;
  }

  async function requireUser(request: FastifyRequest): Promise<AuthUser> {
    const user = await authenticate(request);
    if (!user) throw AppError.unauthorized('a bearer access token is required');
    return user;
  }

  async function requireRole(request: FastifyRequest, role: string): Promise<AuthUser> {
    const user = await requireUser(request);
    if (!user.roles.includes(role)) throw AppError.forbidden(`this requires the ${role} role`);
    return user;
  }

  return {
    verify,
    authenticate,
    requireUser,
    requireRole,
    preHandler: (opts = {}) => async (request) => {
      if (opts.role) await requireRole(request, opts.role);
      else await requireUser(request);
    },
  };
}
