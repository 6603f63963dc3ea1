import { Type } from 'typebox';

export const RoleSchema = Type.Union([Type.Literal('customer'), Type.Literal('admin'), Type.Literal('courier')]);

export const PhoneSchema = Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', maxLength: 16, description: 'E.164: a plus, the country code and the number, digits only (e.g. +14155550123)' });

export const NotificationPreferencesSchema = Type.Object({
  email: Type.Boolean(),
  sms: Type.Boolean({ description: 'needs a phone number to be of use' }),
  push: Type.Boolean(),
}, { additionalProperties: false, description: 'The channels the shop may use for messages about my account and orders' });

export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid', maxLength: 36 }),
  email: Type.String({ format: 'email', maxLength: 254 }),
  name: Type.String({ maxLength: 201, description: 'firstName and lastName joined by a space' }),
  firstName: Type.String({ maxLength: 100 }),
  lastName: Type.String({ maxLength: 100 }),
  roles: Type.Array(RoleSchema, { maxItems: 3, description: 'every user is a customer; some are also admin or courier (each role once)' }),
  emailVerified: Type.Boolean({ description: 'whether the user opened the verification link sent to the current email address' }),
  phone: Type.Union([PhoneSchema, Type.Null()]),
  notificationPreferences: NotificationPreferencesSchema,
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
