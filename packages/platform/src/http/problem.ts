import type { FastifyError } from 'fastify';
import { isDatabaseUnavailable } from '../db/pool.js';
import { AppError, internalProblem, problemOf, type ErrorCode, type FieldError } from '../errors.js';
import type { ServiceApp } from './app.js';
import { instanceOf, safeText } from './edge.js';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/**
 * The one place errors become responses. AppErrors and Fastify's own 4xx errors (validation, bad
 * JSON, wrong media type, body too large) are sent as problem+json naming what is wrong; the
 * service's database out of reach is a 503 the client may retry; anything else is logged in full and
 * answered with a bare 500 that carries only the correlation id.
 */
export function registerErrorHandling(app: ServiceApp): void {
  app.setErrorHandler((thrown: FastifyError | AppError | Error, request, reply) => {
    const error = isDatabaseUnavailable(thrown)
      ? new AppError('unavailable', 'the service cannot reach its database; try again shortly', { headers: { 'retry-after': '5' }, extensions: { reason: 'database-unavailable' }, cause: thrown })
      : thrown;
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      if (error.options.headers) reply.headers(error.options.headers);
      return reply.code(error.status).type(PROBLEM_JSON).send(problemOf(error, instanceOf(request.url), request.id));
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const part = fastifyError.validationContext ?? 'body';
      const errors: FieldError[] = fastifyError.validation.map((v) => ({
        field: fieldOf(part, v.instancePath, v.params),
        message: v.message ?? 'is invalid',
      }));
      const summary = errors.map((e) => `${e.field} ${e.message}`).join('; ');
      return reply
        .code(400)
        .type(PROBLEM_JSON)
        .send(problemOf(AppError.invalid(`invalid request: ${summary}`, errors), instanceOf(request.url), request.id));
    }
    const status = fastifyError.statusCode;
    if (status && status >= 400 && status < 500) {
      const code: ErrorCode = status === 404 ? 'not_found' : status === 429 ? 'too_many_requests' : status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'invalid_data';
      // Fastify's and plugins' messages are fixed text, but one that quoted input must not carry it raw.
      const appError = new AppError(code, safeText(fastifyError.message));
      const body = { ...problemOf(appError, instanceOf(request.url), request.id), status };
      return reply.code(status).type(PROBLEM_JSON).send(body);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).type(PROBLEM_JSON).send(internalProblem(instanceOf(request.url), request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new AppError('not_found', `no route for ${request.method} ${instanceOf(request.url)}`);
    return reply.code(404).type(PROBLEM_JSON).send(problemOf(error, instanceOf(request.url), request.id));
  });
}

function fieldOf(part: string, instancePath: string, params: Record<string, unknown>): string {
  const missing = params.missingProperty;
  const extra = params.additionalProperty;
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  const leaf = typeof missing === 'string' ? missing : typeof extra === 'string' ? extra : '';
  return [part, path, leaf].filter(Boolean).join('.');
}
