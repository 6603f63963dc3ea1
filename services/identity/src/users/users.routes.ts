import { Type } from 'typebox';
import { AppError, type Pool, type ServiceApp } from '@bazaar/platform';
import { requireUser, signedIn, type AuthenticateDeps } from '../auth/authenticate.js';
import type { DiscoveryThrottle } from '../auth/login-throttle.js';
import type { LinkSettings } from '../email-links/email-link.service.js';
import type { IdentityPublish } from './user.events.js';
import { EmailSchema, FirstNameSchema, LastNameSchema, NameSchema, NotificationPreferencesSchema, PhoneSchema, UserSchema } from './user.schemas.js';
import { setNotificationPreferences, updateProfile } from './user.service.js';
import { findUserById } from './user.store.js';
import { toUserView } from './user.js';

export interface UsersDeps extends AuthenticateDeps {
  pool: Pool;
  publish: IdentityPublish;
  /** Counts email changes: a 409 tells whether the new email has an account. */
  discovery: DiscoveryThrottle;
  /** Where the verification link mailed after an email change points, and how long it works. */
  settings: LinkSettings;
}

const ProfileChanges = Type.Object({
  email: Type.Optional(EmailSchema),
  name: Type.Optional(NameSchema),
  firstName: Type.Optional(FirstNameSchema),
  lastName: Type.Optional(LastNameSchema),
  phone: Type.Optional(Type.Union([PhoneSchema, Type.Null()], { description: 'E.164, for SMS; null removes it' })),
}, { additionalProperties: false, minProperties: 1, description: 'firstName and lastName, when given, win over name. A new email address is unverified until the link mailed to it is opened.' });

export const security = [{ bearer: [] }];

/** The signed-in user's own profile. */
export function registerUserRoutes(app: ServiceApp, deps: UsersDeps): void {
  const preHandler = requireUser(deps);

  app.get('/users/me', {
    schema: { operationId: 'getMyProfile', tags: ['users'], summary: 'My profile', security, response: { 200: UserSchema } },
    config: { problems: { 404: 'the account has been deleted' } },
    preHandler,
  }, async (request) => {
    const user = await findUserById(deps.pool, signedIn(request).userId);
    if (!user) throw AppError.notFound('the user');
    return toUserView(user);
  });

  app.patch('/users/me', {
    schema: { operationId: 'updateMyProfile', tags: ['users'], summary: 'Change my names, email address or phone number', description: 'A new email address is unverified: a verification link is mailed to it. Email changes are limited per client and per email (429 with Retry-After).', security, body: ProfileChanges, response: { 200: UserSchema } },
    config: { problems: { 404: 'the account has been deleted', 409: 'the new email address has an account', 429: 'too many email changes from this client or to this email; wait as Retry-After says' } },
    preHandler,
  }, async (request) => {
    if (request.body.email !== undefined) await deps.discovery.attempt(request.body.email, request.ip);
    return toUserView(await updateProfile(deps, signedIn(request).userId, request.body));
  });

  app.get('/users/me/notification-preferences', {
    schema: { operationId: 'getMyNotificationPreferences', tags: ['users'], summary: 'The channels the shop may use to reach me', security, response: { 200: NotificationPreferencesSchema } },
    config: { problems: { 404: 'the account has been deleted' } },
    preHandler,
  }, async (request) => {
    const user = await findUserById(deps.pool, signedIn(request).userId);
    if (!user) throw AppError.notFound('the user');
    return user.notificationPreferences;
  });

  app.put('/users/me/notification-preferences', {
    schema: {
      operationId: 'setMyNotificationPreferences', tags: ['users'], summary: 'Choose the channels the shop may use to reach me',
      description: 'Every channel is given. A change is announced (user.updated) to the services that send messages.',
      security, body: NotificationPreferencesSchema, response: { 200: NotificationPreferencesSchema },
    },
    config: { problems: { 404: 'the account has been deleted' } },
    preHandler,
  }, async (request) => (await setNotificationPreferences(deps, signedIn(request).userId, request.body)).notificationPreferences);
}
