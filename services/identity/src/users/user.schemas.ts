import { Type } from 'typebox';

export const RoleSchema = Type.Union([Type.Literal('customer'), Type.Literal('admin'), Type.Literal('courier')]);

export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid', maxLength: 36 }),
  email: Type.String({ format: 'email', maxLength: 254 }),
  name: Type.String({ maxLength: 201, description: 'firstName and lastName joined by a space' }),
  firstName: Type.String({ maxLength: 100 }),
  lastName: Type.String({ maxLength: 100 }),
  roles: Type.Array(RoleSchema, { maxItems: 3, description: 'every user is a customer; some are also admin or courier (each role once)' }),
  createdAt: Type.String({ format: 'date-time', maxLength: 40 }),
  updatedAt: Type.String({ format: 'date-time', maxLength: 40 }),
}, { description: 'A user as clients see one. Never carries a password or its hash.' });

export const EmailSchema = Type.String({ format: 'email', maxLength: 254 });
export const NameSchema = Type.String({ minLength: 1, maxLength: 201, description: 'full name; split on the first space into firstName and lastName' });
export const FirstNameSchema = Type.String({ minLength: 1, maxLength: 100 });
export const LastNameSchema = Type.String({ maxLength: 100 });

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });

/** For routes anyone may call: an empty requirement is OpenAPI's way to say no token is needed. */
export const anonymous = [{}];
