import swagger from '@fastify/swagger';
import { Type, type Static } from 'typebox';
import { errorStatus } from '../errors.js';
import type { ServiceApp } from './app.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Problems a route sends beyond those the kit documents for every route (see {@link documentProblems}),
     * by status, each with when it is sent: `{ 409: 'the email has an account' }`.
     */
    problems?: Partial<Record<ProblemStatus, string>>;
  }
}

export type ProblemStatus = (typeof errorStatus)[keyof typeof errorStatus] | 413 | 415;

const codes = Object.keys(errorStatus) as (keyof typeof errorStatus)[];

/** RFC 9457 problem details as the kit sends them (errors.ts `problemOf`); extensions may be added. */
export const ProblemSchema = Type.Object({
  type: Type.String({ format: 'uri', maxLength: 100, description: 'https://bazaar.dev/problems/<code>' }),
  title: Type.String({ maxLength: 100 }),
  status: Type.Integer({ format: 'int32', minimum: 400, maximum: 599 }),
  detail: Type.String({ maxLength: 100_000, description: 'what is wrong, for people; validation problems name every field' }),
  code: Type.Union(codes.map((code) => Type.Literal(code)), { description: 'what is wrong, for programs' }),
  instance: Type.Optional(Type.String({ maxLength: 201, description: 'the path of the request, escaped and bounded; never its query' })),
  correlationId: Type.Optional(Type.String({ maxLength: 200, description: 'the x-correlation-id of the request, to quote when reporting' })),
  errors: Type.Optional(Type.Array(Type.Object({
    field: Type.String({ maxLength: 500, description: 'where: `body.address.line1`, `querystring.limit`, `params.id`' }),
    message: Type.String({ maxLength: 500 }),
  }), { maxItems: 1000, description: 'one entry per field refused' })),
}, { additionalProperties: true, description: 'RFC 9457 problem details; some problems add members (`reason`, `upstream`…)' });
export type ProblemDocument = Static<typeof ProblemSchema>;

type Json = Record<string, unknown>;
type Operation = Json & { responses?: Record<string, Json>; parameters?: unknown[]; requestBody?: unknown; security?: Json[] };

const integerHeader = (description: string, minimum: number, maximum: number): Json => ({
  description, schema: { type: 'integer', format: 'int32', minimum, maximum },
});

/** The headers @fastify/rate-limit sends on every answer of a limited route (its defaults, not the draft spec's). */
export const RATE_LIMIT_HEADERS: Json = {
  'X-RateLimit-Limit': integerHeader('requests allowed in the window', 1, 10_000_000),
  'X-RateLimit-Remaining': integerHeader('requests left in the window', 0, 10_000_000),
  'X-RateLimit-Reset': integerHeader('seconds until the window resets', 0, 86_400),
};
const RETRY_AFTER: Json = { 'Retry-After': integerHeader('seconds to wait before trying again', 1, 86_400) };
const WWW_AUTHENTICATE: Json = {
  'WWW-Authenticate': { description: '`Bearer`, with `error="invalid_token"` and why when a token was refused', schema: { type: 'string', maxLength: 300, pattern: '^Bearer' } },
};

const problem = (description: string, headers?: Json): Json => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const hasScopes = (security: Json[] | undefined) => security?.some((s) => Object.values(s).some((scopes) => Array.isArray(scopes) && scopes.length > 0)) ?? false;
const needsToken = (security: Json[] | undefined) => (security?.length ?? 0) > 0 && !security!.some((s) => Object.keys(s).length === 0);

/**
 * Adds to an operation the problems the kit sends for it, unless the route documents them itself:
 * 400 (any input can be refused, a NUL in the query string included), 401 where it needs a token,
 * 403 where its security names roles, 404 where its path has parameters, 413 and 415 where it takes
 * a body, 429 where it is rate limited or says it throttles, and 500 and 503 everywhere (a database
 * or another service out of reach is a 503). Rate-limited operations get the rate-limit headers on
 * every 2xx and 4xx.
 */
export function documentProblems(path: string, operation: Operation, route: RouteNote = {}): void {
  const responses = (operation.responses ??= {});
  const add = (status: number, description: string, headers?: Json) => {
    responses[String(status)] ??= problem(description, headers);
  };
  add(400, 'the request is invalid; the problem names each field and why');
  if (needsToken(operation.security)) add(401, 'no valid access token', WWW_AUTHENTICATE);
  if (hasScopes(operation.security)) add(403, 'the token lacks a role this needs');
  if (path.includes('{')) add(404, 'nothing is found at this path');
  if (operation.requestBody) {
    add(413, 'the body is larger than the service accepts');
    add(415, 'the body is not JSON');
  }
  for (const [status, description] of Object.entries(route.problems ?? {})) {
    if (description) add(Number(status), description, status === '429' ? RETRY_AFTER : undefined);
  }
  if (route.rateLimited) add(429, 'too many requests from this client; wait as Retry-After says', RETRY_AFTER);
  add(500, 'an unexpected error, logged under the correlation id');
  add(503, 'something this needs (the database, another service) cannot be reached; retry later');
  if (route.rateLimited) documentRateLimit(operation);
  if (route.headers) documentHeaders(operation, route.headers);
}

/** What the document says of a route beyond its schema. */
export interface RouteNote {
  rateLimited?: boolean;
  problems?: Partial<Record<number, string>>;
  /** Headers sent with every answer (see {@link OpenApiOptions.headers}). */
  headers?: Json;
}

/** Adds headers to every answer of an operation. */
export function documentHeaders(operation: Operation, headers: Json): void {
  for (const response of Object.values(operation.responses ?? {})) {
    response.headers = { ...(response.headers as Json | undefined), ...headers };
  }
}

/** Adds the rate-limit headers to each 2xx and 4xx answer of an operation. */
export function documentRateLimit(operation: Operation): void {
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (/^[24]/.test(status)) response.headers = { ...(response.headers as Json | undefined), ...RATE_LIMIT_HEADERS };
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ROUTE_NOTE = 'x-bazaar-route';

/** Each operation of a document, with its path. */
export function* operationsOf(document: { paths?: Record<string, Json> }): Generator<[string, string, Operation]> {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      if (item[method] && typeof item[method] === 'object') yield [path, method, item[method] as Operation];
    }
  }
}

export interface OpenApiOptions {
  title: string;
  version: string;
  description: string;
  /** For app-wide rate limits: whether requests to a route (its URL as registered) are limited. */
  rateLimited?: (url: string) => boolean;
  /** Headers an app-wide plugin adds to every answer (CORS at the gateway), by name. */
  headers?: Json;
}

/** The bearer scheme every service verifies; the gateway's merged document uses it too. */
export const BEARER_SCHEME = {
  type: 'http' as const, scheme: 'bearer', bearerFormat: 'JWT',
  description: "identity's access token: an ES256-signed JWT, verified as RFC8725 advises (algorithm pinned to ES256, issuer, audience and expiry checked, keys from identity's key set, ended sessions refused). A requirement that lists `admin` needs that role.",
};

/**
 * The service's OpenAPI document at `/openapi.json`: @fastify/swagger over the routes' TypeBox schemas,
 * with the problems the kit sends added to each operation ({@link documentProblems}), one shared
 * `Problem` schema, and every tag used listed. `npm run lint:api` checks that
 * every operation has an `operationId`.
 */
export async function registerOpenApi(app: ServiceApp, options: OpenApiOptions): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, version: options.version, description: options.description },
      components: { securitySchemes: { bearer: BEARER_SCHEME } },
    },
    transform: ({ schema, url, route }) => {
      // `rateLimit` is @fastify/rate-limit's per-route setting: an object limits the route, false exempts it.
      const config = route.config as { rateLimit?: unknown; problems?: RouteNote['problems'] } | undefined;
      const rateLimited = config?.rateLimit !== undefined ? config.rateLimit !== false : options.rateLimited?.(url) ?? false;
      const note: RouteNote = { rateLimited, problems: config?.problems ?? {}, ...(options.headers ? { headers: options.headers } : {}) };
      return { schema: { ...(schema as Json), [ROUTE_NOTE]: note } as typeof schema, url };
    },
    transformObject: (documents) => {
      if (!('openapiObject' in documents)) return documents.swaggerObject;
      return finish(documents.openapiObject as Json & { paths?: Record<string, Json> });
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

function finish(document: Json & { paths?: Record<string, Json>; components?: Json; tags?: { name: string }[] }): Json {
  const tags = new Set<string>();
  for (const [path, , operation] of operationsOf(document)) {
    const note = operation[ROUTE_NOTE] as RouteNote | undefined;
    delete operation[ROUTE_NOTE];
    documentProblems(path, operation, note);
    for (const tag of (operation.tags as string[] | undefined) ?? []) tags.add(tag);
  }
  const components = (document.components ??= {}) as { schemas?: Json };
  components.schemas = { ...components.schemas, Problem: ProblemSchema };
  const listed = new Set((document.tags ?? []).map((t) => t.name));
  document.tags = [...(document.tags ?? []), ...[...tags].filter((t) => !listed.has(t)).sort().map((name) => ({ name }))];
  return document;
}
