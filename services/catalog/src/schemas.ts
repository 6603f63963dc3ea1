import { Type } from 'typebox';

/** Schemas shared by the routes of several features. */
export const Uuid = Type.String({ format: 'uuid' });
// Handlers return Date objects; the response serialiser writes them as ISO 8601 strings.
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const IdParams = Type.Object({ id: Uuid });
/** Routes that need a bearer access token, for the OpenAPI document. */
export const bearer = [{ bearer: [] }];

/**
 * How a query-string parameter is named in a problem's `errors`: the same prefix the platform's
 * schema validation uses (Fastify's `querystring`), so a client sees one naming whichever check failed.
 */
export const queryField = (name: string): string => `querystring.${name}`;
