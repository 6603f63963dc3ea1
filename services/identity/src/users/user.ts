import type { FieldError } from '@bazaar/platform';

export type Role = 'customer' | 'admin' | 'courier';

/** The roles an operator may give or take back through the API; admins are named by configuration alone. */
export type AssignableRole = Exclude<Role, 'admin'>;

/** The channels a user lets the shop use for messages (the contract's NotificationPreferences). */
export interface NotificationPreferences {
  email: boolean;
  sms: boolean;
  push: boolean;
}

export interface User {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  /** Raised with every change identity announces (user.registered is version 1). */
  version: number;
  /** E.164, or null when the user gave none. */
  phone: string | null;
  /** When the user proved they read the current email address; null until then. */
  emailVerifiedAt: Date | null;
  notificationPreferences: NotificationPreferences;
  createdAt: Date;
  updatedAt: Date;
}

/** What clients see of a user: never anything about the password. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  firstName: string;
  lastName: string;
  roles: Role[];
  emailVerified: boolean;
  phone: string | null;
  notificationPreferences: NotificationPreferences;
  createdAt: string;
  updatedAt: string;
}

export interface NameInput {
  name?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
}

/**
 * Every user is a customer; an admin is a customer who may also run the operations console; a courier
 * one who may also deliver (shipping's courier API).
 */
export const rolesOf = (role: Role): Role[] => (role === 'customer' ? ['customer'] : ['customer', role]);

export const fullName = (firstName: string, lastName: string): string => [firstName, lastName].filter(Boolean).join(' ');

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: fullName(user.firstName, user.lastName),
    firstName: user.firstName,
    lastName: user.lastName,
    roles: rolesOf(user.role),
    emailVerified: user.emailVerifiedAt !== null,
    phone: user.phone,
    notificationPreferences: { ...user.notificationPreferences },
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** `"Ada King Lovelace"` → first name `Ada`, last name `King Lovelace` (split on the first space). */
export function splitName(name: string): { firstName: string; lastName: string } {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  const space = trimmed.indexOf(' ');
  if (space < 0) return { firstName: trimmed, lastName: '' };
  return { firstName: trimmed.slice(0, space), lastName: trimmed.slice(space + 1) };
}

/**
 * The names a request sets: `firstName`/`lastName` when given, otherwise taken from `name`. With
 * `required`, a request that names nobody is an error on `body.name`.
 */
export function resolveNames(
  input: NameInput,
  required: boolean,
): { firstName?: string; lastName?: string } | FieldError {
  const fromName: Partial<ReturnType<typeof splitName>> = input.name !== undefined ? splitName(input.name) : {};
  const firstName = input.firstName?.trim() ?? fromName.firstName;
  const lastName = input.lastName?.trim() ?? fromName.lastName;
  if (firstName === '' || (required && firstName === undefined)) {
    return { field: input.firstName !== undefined ? 'body.firstName' : 'body.name', message: 'must give a name (or a firstName)' };
  }
  return {
    ...(firstName !== undefined ? { firstName } : {}),
    ...(lastName !== undefined ? { lastName } : {}),
  };
}

export const isFieldError = (value: unknown): value is FieldError =>
  typeof value === 'object' && value !== null && 'field' in value && 'message' in value;

export const normaliseEmail = (email: string): string => email.trim();

export const roleFor = (email: string, adminEmails: readonly string[]): Role =>
  adminEmails.includes(email.trim().toLowerCase()) ? 'admin' : 'customer';
