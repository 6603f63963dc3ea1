import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request as undiciRequest } from 'undici';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { AppError, type ErrorCode } from '../errors.js';
import { contextHeaders } from '../context.js';
import { httpClientInstrumented } from '../observability/tracing.js';
import type { Logger } from '../logger.js';

/** How a service client behaves; every number has a default suited to calls inside one data centre. */
export interface ServiceClientOptions {
  /** The upstream's name, as in errors (`upstream` extension), logs and health. */
  name: string;
  /** e.g. `http://127.0.0.1:8102`; request paths are appended to it. */
  baseUrl: string;
  /**
   * The whole budget of one call, retries and backoff included (default 5000 ms): a call settles within
   * it, answered or failed. A single attempt is also cut at `attemptTimeoutMs` (default: the budget).
   */
  timeoutMs?: number;
  attemptTimeoutMs?: number;
  retry?: {
    /** Attempts in all, the first included (default 3). 1 turns retries off. */
    maxAttempts?: number;
    /** First backoff delay (default 50 ms); later ones grow exponentially with decorrelated jitter. */
    initialDelayMs?: number;
    maxDelayMs?: number;
  };
  breaker?: {
    /** Consecutive failed calls that open the circuit (default 5). */
    threshold?: number;
    /** How long the circuit stays open before one probe call is let through (default 10 s). */
    halfOpenAfterMs?: number;
  };
  logger?: Logger;
}

export interface ServiceRequest {
  method: string;
  /** Path and query, starting with `/`. */
  path: string;
  headers?: Record<string, string | string[] | undefined>;
  /**
   * A Buffer or string is sent as is; any other value is sent as JSON. Bodies are buffered, never
   * streams, so that a retried attempt can send them again.
   */
  body?: unknown;
  /** Aborts the call (e.g. when the caller's own client went away); not counted against the upstream. */
  signal?: AbortSignal;
  /** Overrides the client's budget for this call. */
  timeoutMs?: number;
  /** Return the body as a Buffer even when it is JSON (a proxy passes bytes on unchanged). */
  raw?: boolean;
}

export interface ServiceResponse<T = unknown> {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the upstream said so (and `raw` was not asked for), else the bytes. */
  body: T;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** Why an upstream call got no answer; sent as the `reason` extension of the 503 problem. */
export type UnavailableReason = 'circuit-open' | 'timeout' | 'unreachable';

export interface ServiceClient {
  readonly name: string;
  readonly baseUrl: string;
  /**
   * Sends one request through timeout, retry (idempotent methods, or an `Idempotency-Key` header) and
   * the circuit breaker. Any answer the upstream gives is returned, whatever its status; when no answer
   * comes (unreachable, timed out, circuit open) it throws a 503 {@link AppError} naming the upstream.
   */
  request<T = unknown>(request: ServiceRequest): Promise<ServiceResponse<T>>;
  /**
   * GETs JSON and returns it on 2xx. Otherwise throws an AppError: 404 → `not_found`, 502–504 →
   * `unavailable`, anything else → `bad_gateway`; each names the upstream and its status.
   */
  getJson<T>(path: string, options?: Pick<ServiceRequest, 'headers' | 'signal' | 'timeoutMs'>): Promise<T>;
  /** The circuit breaker's state, for health reports. */
  state(): BreakerState;
  close(): Promise<void>;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** Statuses that mean "the upstream could not serve this now": retried when safe, counted by the breaker. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/** Thrown inside an attempt when the caller itself gave up: neither retried nor counted as a failure. */
class CallerAbortedError extends Error {
  constructor() {
    super('the caller aborted the request');
    this.name = 'CallerAbortedError';
  }
}

const isUnavailableResult = (r: unknown) => UNAVAILABLE_STATUSES.has((r as ServiceResponse).status);
const isCircuitError = (e: Error) => e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError;

/**
 * An HTTP client for calling one other service, the way every synchronous call in Bazaar is made: the
 * request context (correlation id, traceparent) is passed on, each call has a time budget, safe calls
 * are retried with jittered exponential backoff on network errors, timeouts and 502/503/504, and a
 * consecutive-failure circuit breaker fails calls fast while the upstream is down, letting one probe
 * through after `halfOpenAfterMs` and closing again when it succeeds.
 *
 * A call that gets no answer is a 503 `unavailable` problem (not 504) whatever the cause, with the
 * `upstream` and a `reason` (`circuit-open`, `timeout`, `unreachable`): the caller's remedy is the same
 * (try again later), and for a timed-out non-idempotent call the outcome is unknown either way, which
 * is what `Idempotency-Key` exists for.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const { name, logger } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const budgetMs = options.timeoutMs ?? 5000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? budgetMs;
  const maxAttempts = Math.max(1, options.retry?.maxAttempts ?? 3);
  const halfOpenAfterMs = options.breaker?.halfOpenAfterMs ?? 10_000;
  const agent = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: attemptTimeoutMs } });

  const breaker = circuitBreaker(
    handleWhen((e) => !(e instanceof CallerAbortedError)).orWhenResult(isUnavailableResult),
    { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breaker?.threshold ?? 5) },
  );
  breaker.onBreak(() => logger?.warn({ upstream: name }, `circuit to ${name} opened: failing calls fast`));
  breaker.onHalfOpen(() => logger?.info({ upstream: name }, `circuit to ${name} half-open: probing`));
  breaker.onReset(() => logger?.info({ upstream: name }, `circuit to ${name} closed: it answers again`));

  const retryPolicy = retry(
    handleWhen((e) => !(e instanceof CallerAbortedError) && !isCircuitError(e)).orWhenResult(isUnavailableResult),
    {
      maxAttempts: maxAttempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: options.retry?.initialDelayMs ?? 50, maxDelay: options.retry?.maxDelayMs ?? 1000 }),
    },
  );
  retryPolicy.onRetry((event) => logger?.debug({ upstream: name, attempt: event.attempt, delayMs: event.delay }, `retrying call to ${name}`));

  // Cooperative: the attempt is aborted and its own error decides what it was (caller gone or too slow),
  // so that a caller giving up is never counted against the upstream. Signals are not aborted on
  // success (abortOnReturn): an abort per call costs more than the call's own bookkeeping.
  const attemptTimeout = timeout(attemptTimeoutMs, { strategy: TimeoutStrategy.Cooperative, abortOnReturn: false });
  // The budget is aggressive: whatever an attempt does, the call settles when the budget is spent.
  // An attempt timeout as long as the budget would add nothing, so it is left out then.
  const budgets = new Map<number, { safe: IPolicy; unsafe: IPolicy }>();
  const policiesFor = (budgetOfCall: number) => {
    let policies = budgets.get(budgetOfCall);
    if (!policies) {
      const budget = timeout(budgetOfCall, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
      const guarded = attemptTimeoutMs < budgetOfCall ? wrap(breaker, attemptTimeout) : breaker;
      policies = { safe: wrap(budget, retryPolicy, guarded), unsafe: wrap(budget, guarded) };
      budgets.set(budgetOfCall, policies);
    }
    return policies;
  };

  async function attempt(req: ServiceRequest, body: Buffer | string | undefined, headers: Record<string, string | string[]>, signal: AbortSignal): Promise<ServiceResponse> {
    if (req.signal?.aborted) throw new CallerAbortedError();
    if (signal.aborted) throw new TaskCancelledError('the call ran out of time');
    try {
      const response = await undiciRequest(`${baseUrl}${req.path}`, {
        method: req.method as 'GET',
        headers,
        body: body ?? null,
        signal,
        dispatcher: agent,
      });
      const bytes = Buffer.from(await response.body.arrayBuffer());
      return { status: response.statusCode, headers: response.headers, body: req.raw ? bytes : parseBody(bytes, response.headers) };
    } catch (error) {
      if (req.signal?.aborted) throw new CallerAbortedError();
      if (signal.aborted) throw new TaskCancelledError('the call ran out of time');
      throw error;
    }
  }

  async function send<T>(req: ServiceRequest): Promise<ServiceResponse<T>> {
    const method = req.method.toUpperCase();
    const headers: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(req.headers ?? {})) if (value !== undefined) headers[key.toLowerCase()] = value;
    Object.assign(headers, contextHeaders());
    // The instrumentation adds the trace context of its client span; a caller's copy would make two.
    if (httpClientInstrumented()) {
      delete headers.traceparent;
      delete headers.tracestate;
    }
    const body = encodeBody(req.body, headers);
    const safe = IDEMPOTENT.has(method) || headers['idempotency-key'] !== undefined;
    const policies = policiesFor(req.timeoutMs ?? budgetMs);
    try {
      const response = await (safe ? policies.safe : policies.unsafe).execute(({ signal }) => attempt({ ...req, method }, body, headers, signal), req.signal);
      return response as ServiceResponse<T>;
    } catch (error) {
      if (req.signal?.aborted) throw new CallerAbortedError();
      throw unavailable(error as Error, req.timeoutMs ?? budgetMs);
    }
  }

  function unavailable(error: Error, budget: number): Error {
    if (error instanceof CallerAbortedError || error instanceof AppError) return error;
    const reason: UnavailableReason = isCircuitError(error) ? 'circuit-open' : error instanceof TaskCancelledError ? 'timeout' : 'unreachable';
    const why = reason === 'circuit-open' ? 'it failed repeatedly, calls are paused' : reason === 'timeout' ? `no answer within ${budget} ms` : 'it cannot be reached';
    return new AppError('unavailable', `${name} is unavailable: ${why}`, {
      extensions: { upstream: name, reason },
      ...(reason === 'circuit-open' ? { headers: { 'retry-after': String(Math.max(1, Math.ceil(halfOpenAfterMs / 1000))) } } : {}),
      cause: error,
    });
  }

  return {
    name,
    baseUrl,
    request: send,
    async getJson<T>(path: string, opts: Pick<ServiceRequest, 'headers' | 'signal' | 'timeoutMs'> = {}): Promise<T> {
      const response = await send<T>({ method: 'GET', path, ...opts, headers: { accept: 'application/json', ...opts.headers } });
      if (response.status >= 200 && response.status < 300) return response.body;
      const code: ErrorCode = response.status === 404 ? 'not_found' : UNAVAILABLE_STATUSES.has(response.status) ? 'unavailable' : 'bad_gateway';
      const detail = (response.body as { detail?: unknown } | undefined)?.detail;
      throw new AppError(code, `${name} answered ${response.status} to GET ${path.split('?')[0]}${typeof detail === 'string' ? `: ${detail}` : ''}`, {
        extensions: { upstream: name, upstreamStatus: response.status },
      });
    },
    state(): BreakerState {
      switch (breaker.state) {
        case CircuitState.Closed: return 'closed';
        case CircuitState.HalfOpen: return 'half-open';
        default: return 'open';
      }
    },
    close: () => agent.close(),
  };
}

function encodeBody(body: unknown, headers: Record<string, string | string[]>): Buffer | string | undefined {
  if (body === undefined || body === null) return undefined;
  if (Buffer.isBuffer(body) || typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  headers['content-type'] ??= 'application/json';
  return JSON.stringify(body);
}

function parseBody(bytes: Buffer, headers: IncomingHttpHeaders): unknown {
  const type = headers['content-type'] ?? '';
  if (bytes.length === 0 || !/[/+]json\b/.test(type)) return bytes;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return bytes;
  }
}
