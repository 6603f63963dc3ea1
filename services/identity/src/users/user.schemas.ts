import { Type } from 'typebox';

export const RoleSchema = Type.Union([Type.Literal('customer'), Type.Literal('admin'), Type.Literal('courier')]);

export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String({ format: 'email' }),
  name: Type.String({ description: 'firstName and lastName joined by a space' }),
  firstName: Type.String(),
  lastName: Type.String(),
  roles: Type.Array(RoleSchema, { description: 'every user is a customer; some are also admin' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}, { description: 'A user as clients see one. Never carries a password or its hash.' });

export const EmailSchema = Type.String({ format: 'email', maxLength: 254 });
export const NameSchema = Type.String({ minLength: 1, maxLength: 201, description: 'full name; split on the first space into firstName and lastName' });
export const FirstNameSchema = Type.String({ minLength: 1, maxLength: 100 });
export const LastNameSchema = Type.String({ maxLength: 100 });

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
