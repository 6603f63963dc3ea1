import { Type } from 'typebox';

/** Schemas shared by the routes of several features. */
// 36 characters: the hyphenated form alone (format uuid also takes a `urn:uuid:` prefix, which PostgreSQL does not).
export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
// Handlers return Date objects; the response serialiser writes them as ISO 8601 strings.
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time', maxLength: 30 });
/** A count or version held in a PostgreSQL `integer`. */
export const Int32 = (options: { minimum?: number; description?: string } = {}) =>
  Type.Integer({ format: 'int32', minimum: 0, maximum: 2_147_483_647, ...options });
export const IdParams = Type.Object({ id: Uuid });
/** Routes that need a bearer access token, for the OpenAPI document. */
export const bearer = [{ bearer: [] }];
/** Routes for admins: a token without the role is a 403, which the document then states. */
export const adminOnly = [{ bearer: ['admin'] }];
/** Routes anyone may call without a token, stated so rather than left without security. */
export const anonymous = [{}];

/**
 * How a query-string parameter is named in a problem's `errors`: the same prefix the platform's
 * schema validation uses (Fastify's `querystring`), so a client sees one naming whichever check failed.
 */
export const queryField = (name: string): string => `querystring.${name}`;
