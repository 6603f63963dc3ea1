import { AppError } from '@bazaar/platform';
import type { FastifyRequest } from 'fastify';
import type { KeyRing } from './key-ring.js';
import type { SessionStore } from './session.store.js';
import { InvalidTokenError, verifyAccessToken, type AccessClaims } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by {@link requireUser} on routes that need a signed-in user. */
    auth?: AccessClaims;
  }
}

export interface AuthenticateDeps {
  ring: KeyRing;
  sessions: SessionStore;
  now: () => Date;
}

const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]+)$/i;

/**
 * The user an `Authorization: Bearer` header speaks for. Every failure (no header, not a JWT, bad
 * signature, wrong algorithm, expired, session logged out) is a 401 with `WWW-Authenticate: Bearer`.
 */
export async function authenticate(deps: AuthenticateDeps, header: string | undefined): Promise<AccessClaims> {
  const token = header ? BEARER.exec(header)?.[1] : undefined;
  if (!token) throw AppError.unauthorized('an Authorization: Bearer <token> header is required');
  let claims: AccessClaims;
  try {
    claims = await verifyAccessToken(deps.ring, token, deps.now());
  } catch (error) {
    if (error instanceof InvalidTokenError) throw AppError.unauthorized(error.message);
    throw error;
  }
  if (!(await deps.sessions.isOpen(claims.sessionId, claims.userId))) {
    throw AppError.unauthorized('the session of this token has ended; log in again');
  }
  return claims;
}

/** A preHandler that admits only requests carrying a valid token of an open session. */
export function requireUser(deps: AuthenticateDeps) {
  return async (request: FastifyRequest): Promise<void> => {
    request.auth = await authenticate(deps, request.headers.authorization);
  };
}

/** The signed-in user of a route guarded by {@link requireUser}. */
export function signedIn(request: FastifyRequest): AccessClaims {
  if (!request.auth) throw new Error('route is missing the requireUser preHandler');
  return request.auth;
}
