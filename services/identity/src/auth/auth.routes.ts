import { Type, type Static } from 'typebox';
import type { ServiceApp } from '@bazaar/platform';
import { UserSchema, EmailSchema, FirstNameSchema, LastNameSchema, NameSchema, anonymous } from '../users/user.schemas.js';
import { toUserView } from '../users/user.js';
import { login, refresh, register, type AuthDeps } from './auth.service.js';
import { authenticate, requireUser, signedIn } from './authenticate.js';
import { PASSWORD_POLICY } from './password.js';

const TokenFields = {
  token: Type.String({ maxLength: 2048, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$', description: 'ES256 JWT access token; send as Authorization: Bearer <token>' }),
  refreshToken: Type.String({ maxLength: 200, description: 'single-use; exchange at POST /auth/refresh for new tokens' }),
  expiresIn: Type.Integer({ format: 'int32', minimum: 30, maximum: 3600, description: 'seconds until token expires' }),
};
const SessionResponse = Type.Object({ user: UserSchema, ...TokenFields });

const RegisterBody = Type.Object({
  email: EmailSchema,
  password: Type.String({ maxLength: 1024, description: `Password policy: ${PASSWORD_POLICY}.` }),
  name: Type.Optional(NameSchema),
  firstName: Type.Optional(FirstNameSchema),
  lastName: Type.Optional(LastNameSchema),
}, { additionalProperties: false, description: 'Give name, or firstName (and lastName).' });

const LoginBody = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false });

const VerifyResponse = Type.Object({
  userId: Type.String({ format: 'uuid', maxLength: 36 }),
  email: Type.String({ format: 'email', maxLength: 254 }),
  roles: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 10 }),
  sessionId: Type.String({ format: 'uuid', maxLength: 36 }),
});

const Base64Url = (length: number) => Type.String({ maxLength: length, pattern: '^[A-Za-z0-9_-]+$' });
/** RFC 7517 key set of identity's P-256 public keys (RFC 7638 thumbprints as kid); a few while keys rotate. */
const JwksSchema = Type.Object({
  keys: Type.Array(Type.Object({
    kty: Type.Literal('EC'),
    crv: Type.Literal('P-256'),
    x: Base64Url(43),
    y: Base64Url(43),
    kid: Base64Url(43),
    alg: Type.Literal('ES256'),
    use: Type.Literal('sig'),
  }, { additionalProperties: true }), { maxItems: 100 }),
});

const throttled = 'too many attempts from this client or for this email; wait as Retry-After says';

const security = [{ bearer: [] }];

/** Seed 000's auth contract: register, login, verify; plus logout and refresh-token rotation. */
export function registerAuthRoutes(app: ServiceApp, deps: AuthDeps): void {
  app.post('/auth/register', {
    schema: { operationId: 'register', tags: ['auth'], summary: 'Create an account and sign in', description: `Password policy: ${PASSWORD_POLICY}. Attempts are limited per client and per email (429 with Retry-After).`, security: anonymous, body: RegisterBody, response: { 201: SessionResponse } },
    config: { problems: { 409: 'the email address has an account', 429: throttled } },
  }, async (request, reply) => {
    const { user, ...tokens } = await register(deps, request.body, request.ip);
    reply.header('cache-control', 'no-store');
    return reply.code(201).send({ user: toUserView(user), ...tokens });
  });

  app.post('/auth/login', {
    schema: { operationId: 'login', tags: ['auth'], summary: 'Sign in', description: 'Repeated failures for one email or from one client are answered 429 with Retry-After.', security: anonymous, body: LoginBody, response: { 200: SessionResponse } },
    config: { problems: { 401: 'the email address or password is wrong', 429: throttled } },
  }, async (request, reply) => {
    const { user, ...tokens } = await login(deps, request.body.email, request.body.password, request.ip);
    reply.header('cache-control', 'no-store');
    return { user: toUserView(user), ...tokens };
  });

  app.get('/auth/verify', {
    schema: { operationId: 'verifyToken', tags: ['auth'], summary: 'Who a bearer token speaks for', security, response: { 200: VerifyResponse } },
  }, async (request) => authenticate(deps, request.headers.authorization));

  app.post('/auth/logout', {
    schema: { operationId: 'logout', tags: ['auth'], summary: 'End the session of the bearer token', security, response: { 204: Type.Null({ description: 'the session has ended' }) } },
    preHandler: requireUser(deps),
  }, async (request, reply) => {
    await deps.sessions.close(signedIn(request).sessionId);
    return reply.code(204).send(null);
  });

  app.post('/auth/refresh', {
    schema: {
      operationId: 'refreshTokens', tags: ['auth'], summary: 'Exchange a refresh token for new tokens', security: anonymous,
      body: Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Type.Object(TokenFields) },
    },
    config: { problems: { 401: 'the refresh token is not valid, or was already used (which ends its session)' } },
  }, async (request, reply) => {
    const tokens = await refresh(deps, request.body.refreshToken);
    reply.header('cache-control', 'no-store');
    return tokens;
  });

  registerJwksRoute(app, deps);
}

function registerJwksRoute(app: ServiceApp, deps: AuthDeps): void {
  app.get('/.well-known/jwks.json', {
    schema: { operationId: 'getJwks', tags: ['auth'], summary: 'The public keys that verify access tokens (RFC 7517)', security: anonymous, response: { 200: JwksSchema } },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    // The ring holds only keys made by newKeyPair: P-256, with kid, alg and use set.
    return deps.ring.jwks() as Static<typeof JwksSchema>;
  });

  app.get('/.well-known/revoked-sessions', {
    schema: {
      operationId: 'listRevokedSessions',
      tags: ['auth'],
      security: anonymous,
      summary: 'Sessions ended lately, whose unexpired access tokens must be refused',
      description: 'Every service\'s token verifier fetches this every few seconds. A session stays listed until its last access token has expired.',
      // Bounded by the sessions that can end within an access token's lifetime; far above any real count.
      response: { 200: Type.Object({ revoked: Type.Array(Type.String({ format: 'uuid', maxLength: 36 }), { maxItems: 1_000_000 }) }) },
    },
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { revoked: await deps.sessions.revoked() };
  });
}
