/** The string codes an {@link AppError} may carry, each mapped once to an HTTP status. */
export const errorStatus = {
  invalid_data: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_required: 428,
  unprocessable: 422,
  too_many_requests: 429,
  internal: 500,
  bad_gateway: 502,
  unavailable: 503,
  timeout: 504,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** One field-level problem in a request, as listed in a problem+json `errors` member. */
export interface FieldError {
  /** JSON pointer or dotted name of the offending field, e.g. `/email` or `query.limit`. */
  field: string;
  message: string;
}

/**
 * The one error type services throw for expected failures. It is rendered once, by the app's error
 * handler, as RFC 9457 problem+json. Anything else thrown is treated as a 500 whose details are
 * logged and never sent.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      /** Extra members merged into the problem document (must not hold secrets). */
      extensions?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = errorStatus[code];
  }

  static invalid(message: string, errors: FieldError[] = []): AppError {
    return new AppError('invalid_data', message, { errors });
  }
  /** `what` names the thing looked for ("order 42"); `next`, when given, says what to do about it. */
  static notFound(what: string, next?: string): AppError {
    return new AppError('not_found', next ? `${what} was not found; ${next}` : `${what} was not found`);
  }
  static conflict(message: string, extensions?: Record<string, unknown>): AppError {
    return new AppError('conflict', message, extensions ? { extensions } : {});
  }
  static unauthorized(message = 'authentication is required'): AppError {
    return new AppError('unauthorized', message, { headers: { 'www-authenticate': 'Bearer' } });
  }
  static forbidden(message = 'you may not do this'): AppError {
    return new AppError('forbidden', message);
  }
  static unavailable(message: string, extensions?: Record<string, unknown>): AppError {
    return new AppError('unavailable', message, extensions ? { extensions } : {});
  }
}

/** An RFC 9457 problem details document as Bazaar sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  errors?: FieldError[];
  correlationId?: string;
  [extension: string]: unknown;
}

const titles: Record<ErrorCode, string> = {
  invalid_data: 'Invalid request data',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  precondition_required: 'Precondition required',
  unprocessable: 'Unprocessable request',
  too_many_requests: 'Too many requests',
  internal: 'Internal server error',
  bad_gateway: 'Bad gateway',
  unavailable: 'Service unavailable',
  timeout: 'Gateway timeout',
};

export function problemOf(error: AppError, instance?: string, correlationId?: string): Problem {
  return {
    ...error.options.extensions,
    type: `https://bazaar.dev/problems/${error.code.replace(/_/g, '-')}`,
    title: titles[error.code],
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(error.options.errors?.length ? { errors: error.options.errors } : {}),
    ...(instance ? { instance } : {}),
    ...(correlationId ? { correlationId } : {}),
  };
}

export function internalProblem(instance?: string, correlationId?: string): Problem {
  return problemOf(
    new AppError('internal', 'an unexpected error occurred; it has been logged with the correlation id'),
    instance,
    correlationId,
  );
}
