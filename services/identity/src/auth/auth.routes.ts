import { Type } from 'typebox';
import type { ServiceApp } from '@bazaar/platform';
import { UserSchema, EmailSchema, FirstNameSchema, LastNameSchema, NameSchema } from '../users/user.schemas.js';
import { toUserView } from '../users/user.js';
import { login, refresh, register, type AuthDeps } from './auth.service.js';
import { authenticate, requireUser, signedIn } from './authenticate.js';
import { PASSWORD_POLICY } from './password.js';

const TokenFields = {
  token: Type.String({ description: 'ES256 JWT access token; send as Authorization: Bearer <token>' }),
  refreshToken: Type.String({ description: 'single-use; exchange at POST /auth/refresh for new tokens' }),
  expiresIn: Type.Integer({ description: 'seconds until token expires' }),
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
  userId: Type.String({ format: 'uuid' }),
  email: Type.String(),
  roles: Type.Array(Type.String()),
  sessionId: Type.String({ format: 'uuid' }),
});

const security = [{ bearer: [] }];

/** Seed 000's auth contract: register, login, verify; plus logout and refresh-token rotation. */
export function registerAuthRoutes(app: ServiceApp, deps: AuthDeps): void {
  app.post('/auth/register', {
    schema: { tags: ['auth'], summary: 'Create an account and sign in', description: `Password policy: ${PASSWORD_POLICY}. Attempts are limited per client and per email (429 with Retry-After).`, body: RegisterBody, response: { 201: SessionResponse } },
  }, async (request, reply) => {
    const { user, ...tokens } = await register(deps, request.body, request.ip);
    reply.header('cache-control', 'no-store');
    return reply.code(201).send({ user: toUserView(user), ...tokens });
  });

  app.post('/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in', description: 'Repeated failures for one email or from one client are answered 429 with Retry-After.', body: LoginBody, response: { 200: SessionResponse } },
  }, async (request, reply) => {
    const { user, ...tokens } = await login(deps, request.body.email, request.body.password, request.ip);
    reply.header('cache-control', 'no-store');
    return { user: toUserView(user), ...tokens };
  });

  app.get('/auth/verify', {
    schema: { tags: ['auth'], summary: 'Who a bearer token speaks for', security, response: { 200: VerifyResponse } },
  }, async (request) => authenticate(deps, request.headers.authorization));

  app.post('/auth/logout', {
    schema: { tags: ['auth'], summary: 'End the session of the bearer token', security },
    preHandler: requireUser(deps),
  }, async (request, reply) => {
    await deps.sessions.close(signedIn(request).sessionId);
    return reply.code(204).send();
  });

  app.post('/auth/refresh', {
    schema: {
      tags: ['auth'], summary: 'Exchange a refresh token for new tokens',
      body: Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Type.Object(TokenFields) },
    },
  }, async (request, reply) => {
    const tokens = await refresh(deps, request.body.refreshToken);
    reply.header('cache-control', 'no-store');
    return tokens;
  });

  registerJwksRoute(app, deps);
}

function registerJwksRoute(app: ServiceApp, deps: AuthDeps): void {
  app.get('/.well-known/jwks.json', {
    schema: { tags: ['auth'], summary: 'The public keys that verify access tokens (RFC 7517)' },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return deps.ring.jwks();
  });

  app.get('/.well-known/revoked-sessions', {
    schema: {
      tags: ['auth'],
      summary: 'Sessions ended lately, whose unexpired access tokens must be refused',
      description: 'Every service\'s token verifier fetches this every few seconds. A session stays listed until its last access token has expired.',
      response: { 200: Type.Object({ revoked: Type.Array(Type.String({ format: 'uuid' })) }) },
    },
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { revoked: await deps.sessions.revoked() };
  });
}
