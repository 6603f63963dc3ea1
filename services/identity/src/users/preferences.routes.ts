import { Type } from 'typebox';
import { AppError, type ServiceApp } from '@bazaar/platform';
import { requireUser, signedIn } from '../auth/authenticate.js';
import { deletePreference, listPreferences, putPreference } from './preference.store.js';
import { security, type UsersDeps } from './users.routes.js';

const KeyParams = Type.Object({
  key: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$', description: 'lower-case letters, digits, dots, dashes and underscores, e.g. notifications.email' }),
});
const PreferenceSchema = Type.Object({ key: Type.String(), value: Type.String(), updatedAt: Type.String({ format: 'date-time' }) });

/** The signed-in user's preferences: one string value per key. */
export function registerPreferenceRoutes(app: ServiceApp, deps: UsersDeps): void {
  const preHandler = requireUser(deps);
  const tags = ['preferences'];

  app.get('/users/me/preferences', {
    schema: {
      tags, summary: 'My preferences as a key → value map', security,
      response: { 200: Type.Object({ preferences: Type.Record(Type.String(), Type.String()) }) },
    },
    preHandler,
  }, async (request) => {
    const list = await listPreferences(deps.pool, signedIn(request).userId);
    return { preferences: Object.fromEntries(list.map((p) => [p.key, p.value])) };
  });

  app.put('/users/me/preferences/:key', {
    schema: {
      tags, summary: 'Set one preference', security, params: KeyParams,
      body: Type.Object({ value: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
      response: { 200: PreferenceSchema },
    },
    preHandler,
  }, async (request) => {
    const preference = await putPreference(deps.pool, signedIn(request).userId, request.params.key, request.body.value);
    return { ...preference, updatedAt: preference.updatedAt.toISOString() };
  });

  app.delete('/users/me/preferences/:key', {
    schema: { tags, summary: 'Remove one preference', security, params: KeyParams },
    preHandler,
  }, async (request, reply) => {
    if (!(await deletePreference(deps.pool, signedIn(request).userId, request.params.key))) throw AppError.notFound('the preference');
    return reply.code(204).send();
  });
}
