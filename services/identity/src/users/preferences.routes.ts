import { Type } from 'typebox';
import { AppError, type ServiceApp } from '@bazaar/platform';
import { requireUser, signedIn } from '../auth/authenticate.js';
import { deletePreference, listPreferences, putPreference } from './preference.store.js';
import { security, type UsersDeps } from './users.routes.js';

const KeyParams = Type.Object({
  key: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$', maxLength: 64, description: 'lower-case letters, digits, dots, dashes and underscores, e.g. notifications.email' }),
});
const Value = Type.String({ maxLength: 2000 });
const PreferenceSchema = Type.Object({ key: KeyParams.properties.key, value: Value, updatedAt: Type.String({ format: 'date-time', maxLength: 40 }) });

/** The signed-in user's preferences: one string value per key. */
export function registerPreferenceRoutes(app: ServiceApp, deps: UsersDeps): void {
  const preHandler = requireUser(deps);
  const tags = ['preferences'];

  app.get('/users/me/preferences', {
    schema: {
      operationId: 'getMyPreferences', tags, summary: 'My preferences as a key → value map', security,
      response: { 200: Type.Object({ preferences: Type.Record(KeyParams.properties.key, Value) }) },
    },
    preHandler,
  }, async (request) => {
    const list = await listPreferences(deps.pool, signedIn(request).userId);
    return { preferences: Object.fromEntries(list.map((p) => [p.key, p.value])) };
  });

  app.put('/users/me/preferences/:key', {
    schema: {
      operationId: 'setMyPreference', tags, summary: 'Set one preference', security, params: KeyParams,
      body: Type.Object({ value: Value }, { additionalProperties: false }),
      response: { 200: PreferenceSchema },
    },
    preHandler,
  }, async (request) => {
    const preference = await putPreference(deps.pool, signedIn(request).userId, request.params.key, request.body.value);
    return { ...preference, updatedAt: preference.updatedAt.toISOString() };
  });

  app.delete('/users/me/preferences/:key', {
    schema: { operationId: 'deleteMyPreference', tags, summary: 'Remove one preference', security, params: KeyParams, response: { 204: Type.Null({ description: 'the preference is removed' }) } },
    preHandler,
  }, async (request, reply) => {
    if (!(await deletePreference(deps.pool, signedIn(request).userId, request.params.key))) throw AppError.notFound('the preference');
    return reply.code(204).send(null);
  });
}
