import { Type } from 'typebox';
import { AppError, type ServiceApp } from '@bazaar/platform';
import { requireUser, signedIn } from '../auth/authenticate.js';
import { deleteAccount, deleteOwnAccount, type DeletionDeps } from './account-deletion.service.js';
import { findErasure } from './erasure.store.js';
import { toErasureView } from './erasure.js';
import { IdParams } from './user.schemas.js';

const DeleteMyAccountBody = Type.Object({
  password: Type.String({ minLength: 1, maxLength: 1024, description: "the account's password, to confirm" }),
}, { additionalProperties: false });

const Deleted = Type.Null({ description: 'the account is deleted and every session ended; the other services erase their copies' });

const ErasureSchema = Type.Object({
  userId: Type.String({ format: 'uuid', maxLength: 36 }),
  deletedAt: Type.String({ format: 'date-time', maxLength: 40 }),
  services: Type.Array(Type.Object({
    service: Type.String({ maxLength: 60 }),
    erasedAt: Type.Union([Type.String({ format: 'date-time', maxLength: 40 }), Type.Null()], { description: 'null: the service has not confirmed yet' }),
    summary: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
  }), { maxItems: 50 }),
  pending: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50, description: 'the services that have not confirmed yet' }),
  complete: Type.Boolean({ description: 'every service has confirmed' }),
}, { description: "A deleted user's erasure: which services have confirmed (user.erased) and which not yet" });

/** Deleting an account (its owner, or an operator) and following the erasure across the services. */
export function registerAccountDeletionRoutes(app: ServiceApp, deps: DeletionDeps & Parameters<typeof requireUser>[0]): void {
  const preHandler = requireUser(deps);
  const adminOnly = async (request: Parameters<typeof preHandler>[0]) => {
    await preHandler(request);
    if (!signedIn(request).roles.includes('admin')) throw AppError.forbidden('this needs the admin role');
  };

  app.delete('/users/me', {
    schema: {
      operationId: 'deleteMyAccount', tags: ['users'], summary: 'Delete my account',
      description: 'Confirmed with the password. The profile is blanked, addresses and preferences removed, every session ended; each service then erases or anonymises what it holds (orders are kept for accounting without the personal fields). Wrong passwords count as failed logins (429 with Retry-After).',
      security: [{ bearer: [] }], body: DeleteMyAccountBody, response: { 204: Deleted },
    },
    config: { problems: { 403: 'the password is wrong', 404: 'the account has been deleted', 429: 'too many wrong passwords for this account or from this client; wait as Retry-After says' } },
    preHandler,
  }, async (request, reply) => {
    await deleteOwnAccount(deps, signedIn(request).userId, request.body.password, request.ip);
    request.log.info({ userId: signedIn(request).userId }, 'account deleted by its owner');
    return reply.code(204).send(null);
  });

  app.delete('/users/:id', {
    schema: {
      operationId: 'deleteUser', tags: ['users'], summary: 'Delete a user (admin)',
      description: 'As the user deleting their own account, without the password.',
      security: [{ bearer: ['admin'] }], params: IdParams, response: { 204: Deleted },
    },
    config: { problems: { 404: 'no such user, or already deleted', 409: 'the user is an admin: admins are named by configuration, not deleted through the API' } },
    preHandler: adminOnly,
  }, async (request, reply) => {
    await deleteAccount(deps, request.params.id, 'admin');
    request.log.info({ userId: request.params.id, by: signedIn(request).userId }, 'account deleted by an operator');
    return reply.code(204).send(null);
  });

  app.get('/users/:id/erasure', {
    schema: {
      operationId: 'getUserErasure', tags: ['users'], summary: "A deleted user's erasure across the services (admin)",
      security: [{ bearer: ['admin'] }], params: IdParams, response: { 200: ErasureSchema },
    },
    config: { problems: { 404: 'no such deleted user' } },
    preHandler: adminOnly,
  }, async (request) => {
    const record = await findErasure(deps.pool, request.params.id);
    if (!record) throw AppError.notFound('a deleted user with this id');
    return toErasureView(request.params.id, record);
  });
}
