import { Type } from 'typebox';
import { AppError, type Pool, type ServiceApp } from '@bazaar/platform';
import { requireUser, signedIn, type AuthenticateDeps } from '../auth/authenticate.js';
import { IdParams, UserSchema } from './user.schemas.js';
import { setRole } from './user.store.js';
import { toUserView } from './user.js';

export interface RolesDeps extends AuthenticateDeps {
  pool: Pool;
}

const RoleChange = Type.Object({
  role: Type.Union([Type.Literal('customer'), Type.Literal('courier')], {
    description: 'customer, or courier (may also use the courier API: shifts, live position, deliveries); admins are named by IDENTITY_ADMIN_EMAILS only',
  }),
}, { additionalProperties: false });

/** Operators give a user the courier role, or take it back. */
export function registerRoleRoutes(app: ServiceApp, deps: RolesDeps): void {
  const signedInUser = requireUser(deps);

  app.put('/users/:id/role', {
    schema: {
      operationId: 'setUserRole', tags: ['users'], summary: "Set a user's role (admin)",
      description: 'Idempotent. Takes effect with the next access token the user gets (a refresh, within 5 minutes).',
      security: [{ bearer: ['admin'] }], params: IdParams, body: RoleChange, response: { 200: UserSchema },
    },
    config: { problems: { 404: 'no such user', 409: 'the user is an admin: admins are named by configuration, not through the API' } },
    preHandler: async (request) => {
      await signedInUser(request);
      if (!signedIn(request).roles.includes('admin')) throw AppError.forbidden('this needs the admin role');
    },
  }, async (request) => {
    const result = await setRole(deps.pool, request.params.id, request.body.role);
    if (!result) throw AppError.notFound('the user');
    if (result.user.role === 'admin') throw AppError.conflict('this user is an admin; admins are named by IDENTITY_ADMIN_EMAILS, not through the API', { field: 'params.id' });
    if (result.changed) request.log.info({ userId: result.user.id, role: result.user.role, by: signedIn(request).userId }, 'role changed');
    return toUserView(result.user);
  });
}
