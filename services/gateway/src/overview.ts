import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, type ServiceApp, type ServiceClient, type ServiceResponse } from '@bazaar/platform';
import { identityHeaders, type GatewayAuth } from './auth.js';

/** How many of the caller's orders the overview shows. */
export const OVERVIEW_ORDERS = 5;

/** One upstream the overview reads, with the budget of that call (retries included). */
export interface OverviewPart {
  client: ServiceClient;
  timeoutMs: number;
}

export interface OverviewOptions {
  auth: GatewayAuth;
  /** Identity, which serves the profile: without it there is no overview (the route is not registered). */
  identity: OverviewPart;
  /** Orders; when it is not configured the orders part is always degraded (`not-configured`). */
  orders?: OverviewPart;
}

/**
 * Why the orders part is missing: no answer (`timeout`, `unreachable`, `circuit-open`, as the upstream
 * client says), an answer that is not a list of orders (`upstream-error` with its status,
 * `invalid-response`), or no orders upstream in this deployment (`not-configured`).
 */
const DEGRADED_REASONS = ['timeout', 'unreachable', 'circuit-open', 'upstream-error', 'invalid-response', 'not-configured'] as const;
export type DegradedReason = (typeof DEGRADED_REASONS)[number];

type OrdersPart =
  | { items: object[]; status: 'ok' }
  | { items: object[]; status: 'degraded'; reason: DegradedReason; upstreamStatus?: number };

/** Names the parts an answer was served without; present only on a degraded answer. */
export const DEGRADED_HEADER = 'x-degraded';

const Opaque = Type.Object({}, { additionalProperties: true });
const OverviewSchema = Type.Object({
  profile: Type.Object({}, { additionalProperties: true, description: "identity's GET /users/me, as it answered" }),
  orders: Type.Object({
    items: Type.Array(Opaque, { maxItems: OVERVIEW_ORDERS, description: "the caller's latest orders, as orders lists them (GET /orders); empty when degraded" }),
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    reason: Type.Optional(Type.Enum(DEGRADED_REASONS, { description: 'why the orders are missing' })),
    upstreamStatus: Type.Optional(Type.Integer({ format: 'int32', minimum: 100, maximum: 599, description: "orders' status, with upstream-error" })),
  }),
  degraded: Type.Array(Type.Literal('orders'), { maxItems: 1, description: 'the parts served without their data; empty when the answer is complete' }),
});

/**
 * `GET /me/overview`: the signed-in user's profile (identity's `GET /users/me`) and their last five
 * orders (orders' `GET /orders?limit=5`), composed at the gateway (API composition): both calls are
 * made at once, each through its upstream's client (timeout, retries, breaker), forwarding the
 * caller's Authorization and identity headers as the proxy does.
 *
 * The two parts fail differently, because the profile is the point of the page:
 * - orders gives no usable answer (down, slow, circuit open, an error): 200 with the profile, the
 *   orders part `{ items: [], status: 'degraded', reason }`, `degraded: ['orders']`, and the header
 *   `X-Degraded: orders`. The answer waits at most for the orders call's budget.
 * - identity gives no answer or a 5xx: 503 problem naming identity (`upstream: 'identity'`), at once,
 *   without waiting for orders (its call is cancelled). A 4xx from identity (401 for a session ended
 *   since the token was issued, 404 for a deleted account) is the caller's answer and is passed on.
 *
 * The answer is personal: `Cache-Control: private, no-store`.
 */
export function registerOverview(app: ServiceApp, options: OverviewOptions): void {
  app.get('/me/overview', {
    schema: {
      operationId: 'getMyOverview',
      tags: ['me'],
      summary: 'My profile and my last five orders (orders may be degraded, the profile never is)',
      security: [{ bearer: [] }],
      response: { 200: OverviewSchema },
    },
    config: { problems: { 404: "identity has no account for the token's user (deleted since it was issued)" } },
  }, async (request, reply) => {
    const caller = await options.auth.enforce(request, 'user');
    const headers = {
      accept: 'application/json',
      authorization: request.headers.authorization,
      ...identityHeaders(caller),
    };
    // The caller going away cancels both calls; identity failing cancels the orders call. A cancelled
    // call is never counted against its upstream's breaker.
    const gone = new AbortController();
    const ordersCancel = new AbortController();
    const onClose = () => { if (!reply.raw.writableFinished) gone.abort(); };
    reply.raw.once('close', onClose);
    try {
      const ordersPart = readOrders(options.orders, headers, AbortSignal.any([gone.signal, ordersCancel.signal]), request);
      const profile = await readProfile(options.identity, headers, gone.signal).catch((error: unknown) => {
        ordersCancel.abort();
        throw error;
      });
      if (profile.passOn) {
        ordersCancel.abort();
        return passOn(reply, profile.passOn);
      }
      const orders = await ordersPart;
      const degraded: 'orders'[] = orders.status === 'degraded' ? ['orders'] : [];
      reply.header('cache-control', 'private, no-store');
      if (degraded.length) reply.header(DEGRADED_HEADER, degraded.join(', '));
      return { profile: profile.body, orders, degraded };
    } finally {
      reply.raw.off('close', onClose);
    }
  });
}

type Headers = Record<string, string | undefined>;

type ProfilePart = { body: object; passOn?: undefined } | { passOn: ServiceResponse<Buffer> };

async function readProfile(part: OverviewPart, headers: Headers, signal: AbortSignal): Promise<ProfilePart> {
  // No answer at all is thrown by the client as a 503 problem naming identity, with its reason.
  const response = await part.client.request<Buffer>({ method: 'GET', path: '/users/me', headers, signal, timeoutMs: part.timeoutMs, raw: true });
  if (response.status >= 400 && response.status < 500) return { passOn: response };
  const body = response.status >= 200 && response.status < 300 ? jsonObject(response) : undefined;
  if (!body) {
    throw AppError.unavailable(`identity is unavailable: it answered ${response.status} to GET /users/me`, { upstream: 'identity', upstreamStatus: response.status });
  }
  return { body };
}

async function readOrders(part: OverviewPart | undefined, headers: Headers, signal: AbortSignal, request: FastifyRequest): Promise<OrdersPart> {
  const degraded = (reason: DegradedReason, upstreamStatus?: number): OrdersPart => {
    if (!signal.aborted) request.log.warn({ upstream: 'orders', reason, upstreamStatus }, 'overview served without orders');
    return { items: [], status: 'degraded', reason, ...(upstreamStatus !== undefined ? { upstreamStatus } : {}) };
  };
  if (!part) return degraded('not-configured');
  let response: ServiceResponse<Buffer>;
  try {
    response = await part.client.request<Buffer>({ method: 'GET', path: `/orders?limit=${OVERVIEW_ORDERS}`, headers, signal, timeoutMs: part.timeoutMs, raw: true });
  } catch (error) {
    const reason = error instanceof AppError ? error.options.extensions?.reason : undefined;
    return degraded(reason === 'timeout' || reason === 'circuit-open' ? reason : 'unreachable');
  }
  if (response.status < 200 || response.status >= 300) return degraded('upstream-error', response.status);
  const items = (jsonObject(response) as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items) || !items.every(isObject)) return degraded('invalid-response');
  return { items: items.slice(0, OVERVIEW_ORDERS), status: 'ok' };
}

/** The body of a JSON answer if it is an object. */
export function jsonObject(response: ServiceResponse<Buffer>): object | undefined {
  if (!/[/+]json\b/.test(String(response.headers['content-type'] ?? ''))) return undefined;
  try {
    const value: unknown = JSON.parse(response.body.toString('utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object' && !Array.isArray(value);

/** An upstream's own 4xx answer, passed on as it came (status, problem body and the headers that matter). */
export function passOn(reply: FastifyReply, response: ServiceResponse<Buffer>): FastifyReply {
  for (const name of ['content-type', 'www-authenticate', 'retry-after']) {
    const value = response.headers[name];
    if (value !== undefined) reply.header(name, value);
  }
  return reply.code(response.status).send(response.body);
}
