import type { Redis } from 'ioredis';
import { AppError, createServiceApp, registerDatabaseHealth, registerDeadLetterRoutes, registerSignalsRoute, type DeadLetterQueue, type Logger, type Pool, type ServiceApp } from '@bazaar/platform';
import pkg from '../package.json' with { type: 'json' };
import { defaultSettings, type IdentitySettings } from './config.js';
import { registerAuthRoutes } from './auth/auth.routes.js';
import { authenticate } from './auth/authenticate.js';
import { KeyRing } from './auth/key-ring.js';
import { DiscoveryThrottle, LinkThrottle, LoginThrottle } from './auth/login-throttle.js';
import { PasswordHasher } from './auth/password.js';
import { SessionStore } from './auth/session.store.js';
import { registerEmailLinkRoutes } from './email-links/email-link.routes.js';
import { redisKeys } from './redis.js';
import { registerAccountDeletionRoutes } from './users/account-deletion.routes.js';
import { registerAddressRoutes } from './users/addresses.routes.js';
import { registerUserLookupRoute } from './users/user-lookup.routes.js';
import type { IdentityPublish } from './users/user.events.js';
import { registerPreferenceRoutes } from './users/preferences.routes.js';
import { registerRoleRoutes } from './users/roles.routes.js';
import { registerUserRoutes } from './users/users.routes.js';

export interface IdentityDeps {
  pool: Pool;
  /** A connection as identity's own Redis ACL user. */
  redis: Redis;
  logger: Logger;
  /** Where identity's events (user.registered, user.updated, the mailed links) are recorded, in the transaction that made the change: the service's outbox. */
  publish: IdentityPublish;
  settings?: Partial<IdentitySettings>;
  /** Namespace of every Redis key; `identity` in production, `identity:<something>` in tests. */
  keyPrefix?: string;
  now?: () => Date;
  /** Addresses or CIDRs (the gateway) whose X-Forwarded-For names the client; none by default. */
  trustedProxies?: string[];
  /** The service's parked messages, listed and replayed by admins at /admin/dlq. */
  deadLetters?: DeadLetterQueue;
  processMetrics?: boolean;
}

/**
 * Builds the identity service, ready to serve or to `inject` into. Loads (or, on the very first
 * start, creates) the token signing key from identity's database.
 */
export async function buildApp(deps: IdentityDeps): Promise<ServiceApp> {
  const settings: IdentitySettings = { ...defaultSettings, ...deps.settings };
  const now = deps.now ?? (() => new Date());
  const keys = redisKeys(deps.keyPrefix);
  const ring = await KeyRing.open(deps.pool);

  const app = await createServiceApp({
    name: 'identity',
    version: pkg.version,
    logger: deps.logger,
    description: 'Users, their addresses and preferences, sign-in and sessions, email verification and password reset by mailed links. Access tokens are ES256 JWTs verifiable with /.well-known/jwks.json.',
    processMetrics: deps.processMetrics ?? false,
    fastify: { trustProxy: deps.trustedProxies?.length ? deps.trustedProxies : false },
  });
  registerDatabaseHealth(app.health, deps.pool);
  app.health.register('redis', async () => {
    await deps.redis.ping();
  });

  const hasher = new PasswordHasher(settings.argon2MemoryKib);
  await hasher.prepare();
  // Listed a minute past the access tokens' lifetime: verifiers accept a few seconds of clock skew.
  const sessions = new SessionStore(deps.redis, keys, settings.refreshTokenTtlSeconds, settings.accessTokenTtlSeconds + 60, now);
  const auth = {
    pool: deps.pool,
    hasher,
    ring,
    sessions,
    throttle: new LoginThrottle(deps.redis, keys, settings.throttle),
    discovery: new DiscoveryThrottle(deps.redis, keys, settings.discovery),
    links: new LinkThrottle(deps.redis, keys, settings.linkRequests),
    settings,
    now,
    publish: deps.publish,
  };
  registerAuthRoutes(app, auth);
  registerUserRoutes(app, auth);
  registerEmailLinkRoutes(app, auth);
  registerAddressRoutes(app, auth);
  registerPreferenceRoutes(app, auth);
  registerRoleRoutes(app, auth);
  registerAccountDeletionRoutes(app, auth);
  registerUserLookupRoute(app, auth);
  if (deps.deadLetters) {
    registerDeadLetterRoutes(app, deps.deadLetters, {
      preHandler: async (request) => {
        const claims = await authenticate(auth, request.headers.authorization);
        if (!claims.roles.includes('admin')) throw AppError.forbidden('this needs the admin role');
      },
      outbox: deps.pool,
    });
  }
  registerSignalsRoute(app, { preHandler: async (request) => { if (!(await authenticate(auth, request.headers.authorization)).roles.includes('admin')) throw AppError.forbidden('this needs the admin role'); } });
  await app.ready();
  return app;
}
