import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { Ajv, type ErrorObject, type Options as AjvOptions, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { AppError, problemOf } from '../errors.js';
import type { ServiceApp } from './app.js';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
const MAX_INSTANCE_LENGTH = 200;

/**
 * What a problem document may say about the request's URL: its path alone (a query string can hold
 * anything, tokens included), with control characters escaped and the length bounded, so a problem
 * never carries raw input back to the client or into a log line.
 */
export function instanceOf(url: string): string {
  return safeText(url.split('?', 1)[0] ?? '', MAX_INSTANCE_LENGTH);
}

/** `text` with control characters escaped and its length bounded, fit to be sent back or logged. */
export function safeText(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const escaped = text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

function nulError(where: string): AppError {
  return AppError.invalid(`invalid request: ${where} contains a NUL character`, [{ field: where, message: 'must not contain a NUL character (U+0000)' }]);
}

/** The dotted path of the first string (or key) in `value` that holds a NUL, under `base`. */
export function findNul(value: unknown, base: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? base : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return base;
    const found = findNul(item, `${base}.${key}`);
    if (found) return found;
  }
  return undefined;
}

const NUL_ESCAPED = /%00/i;

function nulInUrl(request: FastifyRequest): string | undefined {
  // A NUL in a parameter or the query can only come from the URL as sent, raw or as %00: most URLs
  // hold neither, and are passed without looking at their parsed parts.
  const sent = request.raw.url ?? request.url;
  if (!sent.includes('\u0000') && !NUL_ESCAPED.test(sent)) return undefined;
  // An unrouted request has a catch-all `*` parameter: that is the path, named as such below.
  const fromParams = request.is404 ? undefined : findNul(request.params, 'params');
  if (fromParams) return fromParams;
  const path = request.url.split('?', 1)[0] ?? '';
  if (path.includes('\u0000') || NUL_ESCAPED.test(path)) return 'path';
  return findNul(request.query, 'querystring');
}

/**
 * Refuses NUL characters (which PostgreSQL cannot store in text) anywhere in a request before any
 * handler runs: in the path, a path parameter or the query string (onRequest), and in any string
 * or key of a JSON body (the JSON parser, after Fastify's own parsing and its prototype-poisoning
 * checks). The 400 names where it was found: `params.slug`, `querystring.q`, `body.address.line1`.
 */
export function registerNulGuard(app: ServiceApp): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const where = nulInUrl(request);
    done(where ? nulError(where) : undefined);
  });
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    void parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      // A NUL can only arrive escaped (a raw control character is not valid JSON).
      const where = text.includes('\\u0000') ? findNul(value, 'body') : undefined;
      if (where) return done(nulError(where), undefined);
      done(null, value);
    });
  });
}

const baseAjvOptions: AjvOptions = {
  // As Fastify's own compiler sets them, except: every error is reported (to name every field),
  // nothing unknown is silently removed (additionalProperties: false refuses it instead), and
  // NaN and ±Infinity are never numbers.
  addUsedSchema: false,
  allErrors: true,
  removeAdditional: false,
  useDefaults: true,
  strictNumbers: true,
};

const LARGEST = Number.MAX_SAFE_INTEGER;

/** The first number in `value` that is not finite or beyond ±(2^53 − 1), as an Ajv-style error. */
function unsafeNumber(value: unknown, path: string): ErrorObject | undefined {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && Math.abs(value) <= LARGEST) return undefined;
    return { keyword: 'maximum', instancePath: path, schemaPath: '#', params: { limit: LARGEST }, message: `must be a finite number between -${LARGEST} and ${LARGEST}` };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = unsafeNumber(item, `${path}/${key}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * A body schema may not give a required property a default: the contract would tell clients they
 * must send it while the server quietly invents it when they do not. Thrown at route registration.
 */
function refuseRequiredDefaults(schema: unknown, route: string, seen = new Set<unknown>()): void {
  if (typeof schema !== 'object' || schema === null || seen.has(schema)) return;
  seen.add(schema);
  const s = schema as { required?: unknown; properties?: Record<string, { default?: unknown } | undefined> };
  if (Array.isArray(s.required) && s.properties) {
    for (const name of s.required) {
      if (typeof name === 'string' && s.properties[name]?.default !== undefined) {
        throw new Error(`${route}: the body's required property "${name}" has a default; make it optional or drop the default`);
      }
    }
  }
  for (const member of Object.values(schema)) refuseRequiredDefaults(member, route, seen);
}

type Validator = ValidateFunction & { errors?: ErrorObject[] | null };

/**
 * The kit's schema compiler. Bodies are validated strictly, with no type coercion: `"2"` is not a
 * number, `null` not a string, an array not its first element. Query strings, path parameters and
 * headers arrive as text, so they are converted as their schema documents (`coerceTypes: 'array'`).
 * In every part, a number that is not finite or not exactly representable (beyond ±(2^53 − 1)) is
 * refused, so `Infinity`, `1e999` and the like never reach a handler or SQL.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = new Ajv({ ...baseAjvOptions, coerceTypes: false });
  const coercing = new Ajv({ ...baseAjvOptions, coerceTypes: 'array' });
  for (const ajv of [strict, coercing]) {
    addFormats(ajv);
    // OpenAPI's int32 and int64 say how wide an integer is, for clients; `type: integer` with its
    // minimum and maximum is what refuses, so a wrong number is named once, not also for its format.
    ajv.addFormat('int32', true);
    ajv.addFormat('int64', true);
  }
  return ({ schema, httpPart, method, url }) => {
    const isBody = httpPart === 'body';
    if (isBody) refuseRequiredDefaults(schema, `${method} ${url}`);
    const validate = (isBody ? strict : coercing).compile(schema as object);
    const checked = ((data: unknown, context?: unknown) => {
      const valid = (validate as (data: unknown, context?: unknown) => boolean)(data, context);
      if (!valid) {
        checked.errors = validate.errors;
        return false;
      }
      const unsafe = unsafeNumber(data, '');
      checked.errors = unsafe ? [unsafe] : null;
      return !unsafe;
    }) as Validator;
    // Fastify passes the parent object (so a coerced root value can be written back) only to
    // validators that look like Ajv's.
    checked.schemaEnv = validate.schemaEnv;
    checked.schema = validate.schema;
    return checked;
  };
}

/**
 * Fastify's own refusals before routing (a malformed URL, a path parameter longer than
 * `maxParamLength`), as problem+json that does not echo the URL.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const status = tooLong ? 414 : 400;
  const message = tooLong ? 'a path segment is longer than this service accepts' : error.code === 'FST_ERR_BAD_URL' ? 'the URL is not validly percent-encoded' : 'the request could not be routed';
  // No `instance`: the URL itself is what was refused.
  const body = { ...problemOf(AppError.invalid(message), undefined, request.id), status };
  void reply.code(status).type(PROBLEM_JSON).send(body);
}

const LONG_REQUEST_LINE = 8192;

function longRequestLine(raw: unknown): boolean {
  if (!Buffer.isBuffer(raw) || !/^[A-Z]+ \//.test(raw.subarray(0, 16).toString('latin1'))) return false;
  const end = raw.indexOf('\r\n');
  return (end === -1 ? raw.length : end) > LONG_REQUEST_LINE;
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers too large, a request line
 * too long, malformed HTTP): answered on the raw socket as problem+json, echoing nothing.
 */
export function clientErrorHandler(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let title = 'Bad Request';
  let detail = 'the request is not valid HTTP';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    [status, title, detail] = [408, 'Request Timeout', 'the request was not received in time'];
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    // The limit covers the request line and the headers together: when the data that overflowed
    // starts with a request line that alone is long, the URI is to blame.
    [status, title, detail] = longRequestLine(error.rawPacket)
      ? [414, 'URI Too Long', 'the request URI is longer than this service accepts']
      : [431, 'Request Header Fields Too Large', 'the request headers are larger than this service accepts'];
  }
  if (socket.writable) {
    const body = JSON.stringify({ ...problemOf(AppError.invalid(detail)), status, title });
    socket.write(`HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_JSON}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
