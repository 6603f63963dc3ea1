import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import type { Role } from '../users/user.js';
import { TOKEN_ALGORITHM, type KeyRing } from './key-ring.js';

export const ISSUER = 'bazaar-identity';
export const AUDIENCE = 'bazaar';

/** Who a valid access token speaks for. */
export interface AccessClaims {
  userId: string;
  email: string;
  roles: Role[];
  sessionId: string;
}

export class InvalidTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'the access token has expired' : 'the access token is not valid');
  }
}

/** A short-lived ES256 JWT: `sub` the user, `sid` their session, `jti` unique, header `kid`. */
export async function signAccessToken(ring: KeyRing, claims: AccessClaims, ttlSeconds: number, now: Date): Promise<string> {
  const key = ring.signingKey();
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ email: claims.email, roles: claims.roles, sid: claims.sessionId })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/**
 * Checks signature, algorithm, issuer, audience and lifetime. The algorithm is pinned to ES256, so
 * a token claiming `alg: none`, or HS256 with the public key as its secret, is refused before any
 * key is used. Whether the session is still open is the caller's next check.
 */
export async function verifyAccessToken(ring: KeyRing, token: string, now: Date): Promise<AccessClaims> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, (header) => ring.verificationKey(header.kid), {
      algorithms: [TOKEN_ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ['sub', 'exp', 'iat', 'jti', 'sid', 'email'],
    }));
  } catch (error) {
    throw new InvalidTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
  }
  const { sub, email, roles, sid } = payload;
  if (typeof sub !== 'string' || typeof email !== 'string' || typeof sid !== 'string' || !isRoles(roles)) {
    throw new InvalidTokenError('invalid');
  }
  return { userId: sub, email, roles, sessionId: sid };
}

const isRoles = (value: unknown): value is Role[] =>
  Array.isArray(value) && value.every((r) => r === 'customer' || r === 'admin' || r === 'courier');
