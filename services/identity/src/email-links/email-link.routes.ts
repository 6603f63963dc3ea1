import { Type } from 'typebox';
import type { ServiceApp } from '@bazaar/platform';
import { requireUser, signedIn, type AuthenticateDeps } from '../auth/authenticate.js';
import { PASSWORD_POLICY } from '../auth/password.js';
import { EmailSchema, anonymous } from '../users/user.schemas.js';
import { LINK_TOKEN_LENGTH, LINK_TOKEN_PATTERN } from './email-link.js';
import { confirmPasswordReset, requestPasswordReset, resendVerification, verifyEmail, type EmailLinkDeps } from './email-link.service.js';

const LinkToken = Type.String({
  minLength: LINK_TOKEN_LENGTH, maxLength: LINK_TOKEN_LENGTH, pattern: LINK_TOKEN_PATTERN,
  description: 'the token parameter of the mailed link, as it is',
});

const badToken = 'the token is not valid: unknown, already used, expired, or replaced by a newer link (the problem names body.token)';
const throttled = 'too many links asked for from this client or for this email; wait as Retry-After says';

const ResetAccepted = Type.Object({
  message: Type.String({ maxLength: 200 }),
}, { description: 'The same answer whether or not the email has an account.' });

// One body for a known and an unknown email, so the answer tells nothing.
const RESET_ACCEPTED = { message: 'if this email address has an account, a link to choose a new password has been sent to it' };

const security = [{ bearer: [] }];

/** The flows that reach a user through a link sent by email: verifying the address, resetting the password. */
export function registerEmailLinkRoutes(app: ServiceApp, deps: EmailLinkDeps & AuthenticateDeps): void {
  app.post('/auth/verify-email', {
    schema: {
      operationId: 'verifyEmail', tags: ['auth'], summary: 'Verify my email address with the token of the mailed link', security: anonymous,
      description: 'Each link works once, until it expires or a newer one is sent.',
      body: Type.Object({ token: LinkToken }, { additionalProperties: false }),
      response: { 200: Type.Object({ email: EmailSchema, emailVerified: Type.Literal(true) }) },
    },
    config: { problems: { 400: badToken } },
  }, async (request) => {
    const user = await verifyEmail(deps, request.body.token);
    return { email: user.email, emailVerified: true as const };
  });

  app.post('/users/me/verification', {
    schema: {
      operationId: 'resendVerification', tags: ['users'], summary: 'Send me a new verification link',
      description: 'The links sent before stop working. Limited per client and per email (429 with Retry-After).',
      security,
      response: { 202: Type.Object({ email: EmailSchema, expiresAt: Type.String({ format: 'date-time', maxLength: 40 }) }, { description: 'the link is on its way to this address' }) },
    },
    config: { problems: { 404: 'the account has been deleted', 409: 'the email address is already verified', 429: throttled } },
    preHandler: requireUser(deps),
  }, async (request, reply) => {
    const link = await resendVerification(deps, signedIn(request).userId, request.ip);
    return reply.code(202).send({ email: link.email, expiresAt: link.expiresAt.toISOString() });
  });

  app.post('/auth/password-reset', {
    schema: {
      operationId: 'requestPasswordReset', tags: ['auth'], summary: 'Mail me a link to choose a new password', security: anonymous,
      description: 'The answer is the same whether or not the email has an account. The link works once, for IDENTITY_PASSWORD_RESET_TTL_SECONDS (30 minutes by default). Limited per client and per email (429 with Retry-After).',
      body: Type.Object({ email: EmailSchema }, { additionalProperties: false }),
      response: { 202: ResetAccepted },
    },
    config: { problems: { 429: throttled } },
  }, async (request, reply) => {
    // Counted before anything is looked up: an unknown email is refused exactly like a known one.
    await deps.links.attempt(request.body.email, request.ip);
    await requestPasswordReset(deps, request.body.email);
    return reply.code(202).send(RESET_ACCEPTED);
  });

  app.post('/auth/password-reset/confirm', {
    schema: {
      operationId: 'confirmPasswordReset', tags: ['auth'], summary: 'Choose a new password with the token of the mailed link', security: anonymous,
      description: `Password policy: ${PASSWORD_POLICY}. Every session of the account ends: sign in again with the new password.`,
      body: Type.Object({
        token: LinkToken,
        password: Type.String({ maxLength: 1024, description: `Password policy: ${PASSWORD_POLICY}.` }),
      }, { additionalProperties: false }),
      response: { 204: Type.Null({ description: 'the password is changed and every session has ended' }) },
    },
    config: { problems: { 400: `${badToken}; or the password breaks the policy (the problem names body.password)` } },
  }, async (request, reply) => {
    await confirmPasswordReset(deps, request.body.token, request.body.password, request.log);
    return reply.code(204).send(null);
  });
}
