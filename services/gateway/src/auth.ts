import type { FastifyRequest } from 'fastify';
import { AppError, type AuthUser, type JwtVerifier } from '@bazaar/platform';
import type { AuthMode } from './routes.table.js';

/** Headers that carry the verified caller to upstreams; whatever a client sends under these names is dropped. */
export const IDENTITY_HEADERS = ['x-user-id', 'x-user-email', 'x-user-roles'] as const;

export interface GatewayAuth {
  /**
   * The caller if the request carries a valid token, else undefined; never throws. Used for rate-limit
   * keys and to pass the caller on from public routes too.
   */
  identify(request: FastifyRequest): Promise<AuthUser | undefined>;
  /** Enforces a route's mode: 401 without a valid token, 403 without the admin role. */
  enforce(request: FastifyRequest, mode: AuthMode): Promise<AuthUser | undefined>;
}

/**
 * The gateway checks tokens locally against identity's published keys: no call to identity per
 * request. Without a verifier (no route needs a user), every token is ignored.
 */
export function createGatewayAuth(verifier: JwtVerifier | undefined): GatewayAuth {
  return {
    async identify(request) {
      if (!verifier) return undefined;
      return verifier.authenticate(request).catch(() => undefined);
    },
    async enforce(request, mode) {
      if (mode === 'public') return this.identify(request);
      if (!verifier) throw AppError.unavailable('this route needs a signed-in user, but no key set is configured to verify tokens');
      return mode === 'admin' ? verifier.requireRole(request, 'admin') : verifier.requireUser(request);
    },
  };
}

/** The identity headers for a verified caller, as the upstreams read them. */
export function identityHeaders(user: AuthUser | undefined): Record<string, string> {
  if (!user) return {};
  return { 'x-user-id': user.userId, 'x-user-email': user.email, 'x-user-roles': user.roles.join(',') };
}
