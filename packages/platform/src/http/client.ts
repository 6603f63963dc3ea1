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
  /**
   * e.g. `http://127.0.0.1:8102`; request paths are appended to it. Several replicas of the upstream
   * are a list (or one comma-separated string, as in `CATALOG_URL=http://a:8102,http://b:8102`): calls
   * are balanced across them, each replica with a circuit breaker of its own (see createServiceClient).
   */
  baseUrl: string | readonly string[];
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

/** One replica of an upstream, as health reports show it. */
export interface EndpointReport {
  url: string;
  breaker: BreakerState;
}

export interface ServiceClient {
  readonly name: string;
  /** The first replica's base URL (the only one, usually). */
  readonly baseUrl: string;
  /** Every replica's base URL, in the order configured. */
  readonly baseUrls: readonly string[];
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
  /**
   * The upstream's circuit as a whole, for health reports: `closed` while any replica's is, else
   * `half-open` while any replica's is, else `open`.
   */
  state(): BreakerState;
  /** Each replica's URL and circuit. */
  endpoints(): EndpointReport[];
  /**
   * The replica the next call would go to (round robin over those whose circuit lets calls through),
   * for a caller that sends a request itself, past retries and breakers (the gateway's streamed routes).
   */
  pick(): string;
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
 * Errors raised before a request could leave: no connection was made (refused, no route, no such
 * host, connect timed out) or the replica's circuit is open. Another replica may take such a call
 * whatever its method, since the first never saw it.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
const notSent = (e: Error) => isCircuitError(e) || NOT_SENT_CODES.has((e as Error & { code?: string }).code ?? '');

/** `http://a:1,http://b:2/` or a list of them → each base URL once, without trailing slashes. */
export function baseUrlsOf(value: string | readonly string[]): string[] {
  const urls = (typeof value === 'string' ? value.split(',') : value).map((u) => u.trim().replace(/\/+$/, '')).filter(Boolean);
  if (urls.length === 0) throw new Error('a service client needs at least one base URL');
  return [...new Set(urls)];
}

/**
 * An HTTP client for calling one other service, the way every synchronous call in Bazaar is made: the
 * request context (correlation id, traceparent) is passed on, each call has a time budget, safe calls
 * are retried with jittered exponential backoff on network errors, timeouts and 502/503/504, and a
 * consecutive-failure circuit breaker fails calls fast while the upstream is down, letting one probe
 * through after `halfOpenAfterMs` and closing again when it succeeds.
 *
 * Given several replicas of the upstream, calls go round them, skipping those whose circuit is open
 * until it is time to probe them again, and a call that could not be sent to one (connection refused)
 * goes to the next at once, whatever its method: a replica that is down or stopping costs callers
 * nothing while the others answer. (On a cluster one Service address fronts the pods and the
 * platform balances; the list is for several processes on one machine, `npm start -- --replicas`.)
 *
 * A call that gets no answer is a 503 `unavailable` problem (not 504) whatever the cause, with the
 * `upstream` and a `reason` (`circuit-open`, `timeout`, `unreachable`): the caller's remedy is the same
 * (try again later), and for a timed-out non-idempotent call the outcome is unknown either way, which
 * is what `Idempotency-Key` exists for.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const { name, logger } = options;
  const baseUrls = baseUrlsOf(options.baseUrl);
  const budgetMs = options.timeoutMs ?? 5000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? budgetMs;
  const maxAttempts = Math.max(1, options.retry?.maxAttempts ?? 3);
  const halfOpenAfterMs = options.breaker?.halfOpenAfterMs ?? 10_000;
  const agent = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: attemptTimeoutMs } });

  // One breaker per replica: a replica that fails is left out (its circuit open) while the others take
  // its share; with one replica this is the upstream's breaker, as it always was.
  const endpoints: Endpoint[] = baseUrls.map((url) => {
    const label = baseUrls.length > 1 ? `${name} (${url})` : name;
    const breaker = circuitBreaker(
      handleWhen((e) => !(e instanceof CallerAbortedError)).orWhenResult(isUnavailableResult),
      { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breaker?.threshold ?? 5) },
    );
    const endpoint: Endpoint = { url, breaker, openedAt: 0, policies: new Map() };
    breaker.onBreak(() => {
      endpoint.openedAt = Date.now();
      logger?.warn({ upstream: name, url }, `circuit to ${label} opened: ${baseUrls.length > 1 ? 'its calls go to the other replicas' : 'failing calls fast'}`);
    });
    breaker.onHalfOpen(() => logger?.info({ upstream: name, url }, `circuit to ${label} half-open: probing`));
    breaker.onReset(() => logger?.info({ upstream: name, url }, `circuit to ${label} closed: it answers again`));
    return endpoint;
  });

  let turn = 0;
  /**
   * Round robin over the replicas that take calls now: circuit closed, or open for longer than
   * `halfOpenAfterMs` (the call is its probe). Replicas this call already tried come last. When none
   * takes calls, the next in turn (its breaker refuses the call: `circuit-open`).
   */
  function choose(tried: ReadonlySet<Endpoint>): Endpoint {
    if (endpoints.length === 1) return endpoints[0]!;
    const now = Date.now();
    const start = turn++ % endpoints.length;
    let fallback: Endpoint | undefined;
    for (let i = 0; i < endpoints.length; i++) {
      const endpoint = endpoints[(start + i) % endpoints.length]!;
      const { state } = endpoint.breaker;
      const takes = state === CircuitState.Closed || (state === CircuitState.Open && now - endpoint.openedAt >= halfOpenAfterMs);
      if (takes && !tried.has(endpoint)) return endpoint;
      if (takes || !tried.has(endpoint)) fallback ??= endpoint;
    }
    return fallback ?? endpoints[start]!;
  }

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
      policies = { safe: wrap(budget, retryPolicy), unsafe: budget };
      budgets.set(budgetOfCall, policies);
    }
    return policies;
  };
  const guardedBy = (endpoint: Endpoint, budgetOfCall: number): IPolicy => {
    let guarded = endpoint.policies.get(budgetOfCall);
    if (!guarded) {
      guarded = attemptTimeoutMs < budgetOfCall ? wrap(endpoint.breaker, attemptTimeout) : endpoint.breaker;
      endpoint.policies.set(budgetOfCall, guarded);
    }
    return guarded;
  };

  /**
   * One attempt of a call: to a replica chosen by {@link choose}; when the request could not leave
   * (connection refused, the replica's circuit open), at once to the next replica not yet tried, so a
   * replica that is down costs a call nothing but a refused connection. Anything else (an answer, a
   * timeout, a connection lost mid-request) ends the attempt: whether to try again is the retry
   * policy's decision, which for a call that is not safe to repeat is never.
   */
  async function attemptOnReplicas(req: ServiceRequest, body: Buffer | string | undefined, headers: Record<string, string | string[]>, signal: AbortSignal, budgetOfCall: number, tried: Set<Endpoint>): Promise<ServiceResponse> {
    for (;;) {
      const endpoint = choose(tried);
      const fresh = !tried.has(endpoint);
      tried.add(endpoint);
      try {
        return await guardedBy(endpoint, budgetOfCall).execute(({ signal: attemptSignal }) => attempt(endpoint.url, req, body, headers, attemptSignal), signal) as ServiceResponse;
      } catch (error) {
        const untried = endpoints.some((e) => !tried.has(e));
        if (!fresh || !untried || !notSent(error as Error) || signal.aborted || req.signal?.aborted) throw error;
        logger?.debug({ upstream: name, url: endpoint.url, err: error }, `call to ${name} not sent to ${endpoint.url}: trying another replica`);
      }
    }
  }

  async function attempt(url: string, req: ServiceRequest, body: Buffer | string | undefined, headers: Record<string, string | string[]>, signal: AbortSignal): Promise<ServiceResponse> {
    if (req.signal?.aborted) throw new CallerAbortedError();
    if (signal.aborted) throw new TaskCancelledError('the call ran out of time');
    try {
      const response = await undiciRequest(`${url}${req.path}`, {
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
    const budgetOfCall = req.timeoutMs ?? budgetMs;
    const policies = policiesFor(budgetOfCall);
    // The replicas this call has tried: a retry goes to another one while there is one.
    const tried = new Set<Endpoint>();
    const call = { ...req, method };
    try {
      const response = await (safe ? policies.safe : policies.unsafe).execute(({ signal }) => {
        if (tried.size >= endpoints.length) tried.clear();
        return attemptOnReplicas(call, body, headers, signal, budgetOfCall, tried);
      }, req.signal);
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

  const stateOf = (endpoint: Endpoint): BreakerState => {
    switch (endpoint.breaker.state) {
      case CircuitState.Closed: return 'closed';
      case CircuitState.HalfOpen: return 'half-open';
      default: return 'open';
    }
  };

  return {
    name,
    baseUrl: baseUrls[0]!,
    baseUrls,
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
      const states = endpoints.map(stateOf);
      return states.includes('closed') ? 'closed' : states.includes('half-open') ? 'half-open' : 'open';
    },
    endpoints: () => endpoints.map((endpoint) => ({ url: endpoint.url, breaker: stateOf(endpoint) })),
    pick: () => choose(new Set()).url,
    close: () => agent.close(),
  };
}

/** A replica: its base URL, its own circuit breaker and, per call budget, the breaker with the attempt timeout. */
interface Endpoint {
  url: string;
  breaker: ReturnType<typeof circuitBreaker>;
  /** When its circuit last opened (ms since the epoch). */
  openedAt: number;
  policies: Map<number, IPolicy>;
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
