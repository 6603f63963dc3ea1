import { Type } from 'typebox';
import { AppError, type ServiceApp } from '@bazaar/platform';
import { requireUser, signedIn } from '../auth/authenticate.js';
import { toAddressView } from './address.js';
import { addAddress, changeAddress, removeAddress } from './address.service.js';
import { findAddress, listAddresses } from './address.store.js';
import { IdParams } from './user.schemas.js';
import { security, type UsersDeps } from './users.routes.js';

const Fields = {
  addressLine1: Type.String({ minLength: 1, maxLength: 200 }),
  addressLine2: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  city: Type.String({ minLength: 1, maxLength: 100 }),
  state: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
  postalCode: Type.String({ minLength: 1, maxLength: 20 }),
  country: Type.String({ pattern: '^[A-Z]{2}$', maxLength: 2, description: 'ISO 3166-1 alpha-2 code, e.g. DE' }),
};
// Documented for clients' sake; identity does not yet refuse a user's 1001st address.
const MAX_ADDRESSES = 1000;

const IsDefault = Type.Boolean({ description: 'true makes this the default address (the previous default stops being one)' });

const AddressSchema = Type.Object({
  id: Type.String({ format: 'uuid', maxLength: 36 }),
  ...Fields,
  isDefault: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time', maxLength: 40 }),
  updatedAt: Type.String({ format: 'date-time', maxLength: 40 }),
});

const NewAddress = Type.Object({
  addressLine1: Fields.addressLine1,
  addressLine2: Type.Optional(Fields.addressLine2),
  city: Fields.city,
  state: Type.Optional(Fields.state),
  postalCode: Fields.postalCode,
  country: Fields.country,
  isDefault: Type.Optional(IsDefault),
}, { additionalProperties: false, description: "A user's first address becomes the default." });

const AddressChanges = Type.Partial(Type.Object({ ...Fields, isDefault: IsDefault }), { additionalProperties: false, minProperties: 1 });

/** The signed-in user's addresses. Another user's address id is answered 404, never 403. */
export function registerAddressRoutes(app: ServiceApp, deps: UsersDeps): void {
  const preHandler = requireUser(deps);
  const tags = ['addresses'];

  app.get('/users/me/addresses', {
    schema: { operationId: 'listMyAddresses', tags, summary: 'My addresses, the default first', security, response: { 200: Type.Object({ items: Type.Array(AddressSchema, { maxItems: MAX_ADDRESSES }) }) } },
    preHandler,
  }, async (request) => ({ items: (await listAddresses(deps.pool, signedIn(request).userId)).map(toAddressView) }));

  app.get('/users/me/addresses/:id', {
    schema: { operationId: 'getMyAddress', tags, summary: 'One of my addresses', security, params: IdParams, response: { 200: AddressSchema } },
    preHandler,
  }, async (request) => {
    const address = await findAddress(deps.pool, signedIn(request).userId, request.params.id);
    if (!address) throw AppError.notFound('the address');
    return toAddressView(address);
  });

  registerAddressChanges(app, deps);
}

function registerAddressChanges(app: ServiceApp, deps: UsersDeps): void {
  const preHandler = requireUser(deps);
  const tags = ['addresses'];

  app.post('/users/me/addresses', {
    schema: { operationId: 'addMyAddress', tags, summary: 'Add an address', security, body: NewAddress, response: { 201: AddressSchema } },
    preHandler,
  }, async (request, reply) => {
    const { isDefault, ...body } = request.body;
    const fields = { ...body, addressLine2: body.addressLine2 ?? null, state: body.state ?? null };
    const address = await addAddress(deps.pool, signedIn(request).userId, fields, isDefault);
    return reply.code(201).header('location', `/users/me/addresses/${address.id}`).send(toAddressView(address));
  });

  app.patch('/users/me/addresses/:id', {
    schema: { operationId: 'updateMyAddress', tags, summary: 'Change one of my addresses', security, params: IdParams, body: AddressChanges, response: { 200: AddressSchema } },
    preHandler,
  }, async (request) => toAddressView(await changeAddress(deps.pool, signedIn(request).userId, request.params.id, request.body)));

  app.delete('/users/me/addresses/:id', {
    schema: { operationId: 'deleteMyAddress', tags, summary: 'Delete one of my addresses', description: 'Deleting the default makes the oldest remaining address the default.', security, params: IdParams, response: { 204: Type.Null({ description: 'the address is deleted' }) } },
    preHandler,
  }, async (request, reply) => {
    await removeAddress(deps.pool, signedIn(request).userId, request.params.id);
    return reply.code(204).send(null);
  });
}
