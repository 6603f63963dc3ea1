import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ServiceApp, type ServiceClient } from '@bazaar/platform';
import { IDENTITY_HEADERS, identityHeaders, type GatewayAuth } from './auth.js';
import { authFor, upstreamParameter } from './routes.table.js';
import type { GatewayRoute } from './config.js';
import { CANARY_HEADER, type Canaries, type Canary } from './canary.js';
import type { DualRun } from './dual-run.js';

/** `.` or `..` as a path segment, plain or percent-encoded. */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;
/** A slash or backslash that an upstream might take for a separator: encoded, or a backslash. */
const HIDDEN_SEPARATOR = /%2f|%5c|\\/i;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** RFC 9110 §7.6.1 hop-by-hop headers, plus ones the gateway sets itself on each leg. */
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'host', 'content-length', 'expect',
]);
/** Set for the upstream call from the request context and the socket, never copied from the client. */
const SET_BY_GATEWAY = new Set<string>([...IDENTITY_HEADERS, 'x-correlation-id', 'traceparent', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host']);

/**
 * Registers one catch-all route per table entry (`/prefix` and `/prefix/*`) that checks the route's
 * auth mode and forwards the request unchanged (path, query, body bytes) to its upstream through
 * that upstream's resilient client, then answers with the upstream's status, headers and body bytes.
 * A route with `rewrite` sends the path with its prefix replaced; one whose upstream is a parameter
 * sends it to the service that segment names, if the route allows it.
 */
export async function registerProxyRoutes(
  app: ServiceApp,
  options: ProxyOptions,
): Promise<void> {
  await app.register(async (scope) => {
    // Bodies are forwarded as bytes, whatever their type: the upstream parses and validates them.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    for (const route of options.routes) {
      const handler = (request: FastifyRequest, reply: FastifyReply) => forward(request, reply, route, options);
      for (const url of [route.prefix, `${route.prefix}/*`]) {
        scope.route({ method: METHODS, url, schema: { hide: true }, exposeHeadRoute: false, handler });
      }
    }
  });
}

export interface ProxyOptions {
  routes: GatewayRoute[];
  clients: Map<string, ServiceClient>;
  auth: GatewayAuth;
  /** Second versions of services, sent a share of their routes' requests (canary.ts). */
  canaries?: Canaries;
  /** Reads answered by the primary and compared with the canary's answer (dual-run.ts). */
  dualRun?: DualRun;
}

type Call = { method: string; path: string; headers: Record<string, string | string[]>; body: Buffer | undefined; signal: AbortSignal; timeoutMs: number };
type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

async function forward(
  request: FastifyRequest,
  reply: FastifyReply,
  route: GatewayRoute,
  options: ProxyOptions,
): Promise<FastifyReply> {
  const received = request.raw.url ?? request.url;
  // The route's auth was chosen by this path; an upstream that resolved dot segments would serve
  // another path than the one checked (`/auth/../users/me`), so such paths are refused.
  const queryAt = received.indexOf('?');
  if (DOT_SEGMENT.test(queryAt === -1 ? received : received.slice(0, queryAt))) throw AppError.invalid('the path may not contain "." or ".." segments');
  const caller = await options.auth.enforce(request, authFor(route.auth, request.method));
  const { upstream, path } = target(route, received);
  const client = options.clients.get(upstream)!;
  const abort = new AbortController();
  const onClose = () => { if (!reply.raw.writableFinished) abort.abort(); };
  reply.raw.once('close', onClose);
  try {
    const call = {
      method: request.method,
      path,
      headers: Object.assign(requestHeaders(request), identityHeaders(caller)),
      body: Buffer.isBuffer(request.body) && request.body.length > 0 ? request.body : undefined,
      signal: abort.signal,
      timeoutMs: route.timeoutMs,
    };
    // A service's canary takes a share of the routes of its own (not the operators' per-service routes).
    const canary = route.direct || upstreamParameter(route) ? undefined : options.canaries?.get(upstream);
    let response: Answer;
    if (route.direct) response = await direct(client, call);
    else if (canary?.chosen(request.headers[CANARY_HEADER], caller?.userId)) response = await viaCanary(canary, client, call, request);
    else {
      response = await client.request<Buffer>({ ...call, raw: true });
      const compared = canary && request.method === 'GET' ? options.dualRun?.routeOf(upstream, path.split('?')[0]!) : undefined;
      if (compared) {
        const primary = { status: response.status, contentType: response.headers['content-type'] as string | undefined, body: response.body };
        options.dualRun!.mirror({ route: compared, client: canary!.client, path, headers: call.headers, timeoutMs: route.timeoutMs, primary });
      }
    }
    reply.code(response.status).headers(responseHeaders(response.headers));
    return reply.send(response.body);
  } finally {
    reply.raw.off('close', onClose);
  }
}

/** Sent again to the primary when the canary fails it: reads, and writes whose Idempotency-Key makes a second send harmless. */
const replayable = (call: Call) => ['GET', 'HEAD', 'OPTIONS'].includes(call.method) || call.headers['idempotency-key'] !== undefined;

/**
 * A request the canary takes: sent once (its client does not retry). Its outcome is counted, a 5xx or
 * no answer as an error. A failed read (or a write with an Idempotency-Key) is then answered by the
 * primary, so the client does not see the canary's failure; any other write is not sent again, since
 * the canary may have carried it out on the shared database: its 5xx is passed on, and no answer is a
 * 503 problem saying the request was not replayed. A client that asked for the canary
 * (`X-Bazaar-Canary: always`) gets the canary's answer whatever it is.
 */
async function viaCanary(canary: Canary, primary: ServiceClient, call: Call, request: FastifyRequest): Promise<Answer> {
  const fallBack = replayable(call) && request.headers[CANARY_HEADER] !== 'always';
  let failure: string;
  try {
    const response = await canary.client.request<Buffer>({ ...call, raw: true });
    if (response.status < 500) {
      canary.record('ok');
      return response;
    }
    failure = `answered ${response.status}`;
    canary.record('error', failure);
    if (!fallBack) return response;
  } catch (error) {
    // The caller went away: the canary is not to blame.
    if (call.signal.aborted) throw error;
    const reason = error instanceof AppError ? error.options.extensions?.reason : undefined;
    failure = typeof reason === 'string' ? reason : (error as Error).message;
    canary.record('error', failure);
    if (!fallBack) {
      throw AppError.unavailable(`the canary of ${canary.service} gave no answer (${failure}); the request was not sent again, as it may have been carried out`, { upstream: canary.service, canary: true, reason: failure });
    }
  }
  request.log.warn({ upstream: canary.service, method: call.method, failure }, `the canary of ${canary.service} failed a request; the primary answers it`);
  return primary.request<Buffer>({ ...call, raw: true });
}

/**
 * Where a request goes: the route's upstream, or the one its parameter names (only those the route
 * allows, compared as sent, undecoded: `%6frders` is not orders), and its path there, the prefix
 * replaced by `rewrite`. A rewritten path is not the one the client sent, so no separator may hide
 * in it (`%2f`, `%5c`, `\`) for an upstream to take apart otherwise than the gateway did.
 */
export function target(route: Pick<GatewayRoute, 'prefix' | 'upstream' | 'upstreams' | 'rewrite'>, received: string): { upstream: string; path: string } {
  const parameter = upstreamParameter(route);
  if (!parameter && !route.rewrite) return { upstream: route.upstream, path: received };
  const queryAt = received.indexOf('?');
  const pathname = queryAt === -1 ? received : received.slice(0, queryAt);
  const query = queryAt === -1 ? '' : received.slice(queryAt);
  const wanted = route.prefix.split('/');
  const segments = pathname.split('/');
  let upstream = route.upstream;
  if (parameter) {
    const named = segments[wanted.indexOf(`:${parameter}`)] ?? '';
    if (!route.upstreams?.includes(named)) {
      const shown = named.slice(0, 64);
      throw new AppError('not_found', `no service ${JSON.stringify(shown)} answers here; this path takes ${route.upstreams?.join(', ')}`, { extensions: { service: shown } });
    }
    upstream = named;
  }
  if (!route.rewrite) return { upstream, path: received };
  if (HIDDEN_SEPARATOR.test(pathname)) throw AppError.invalid('the path may not contain an encoded slash or a backslash');
  const rest = segments.slice(wanted.length);
  return { upstream, path: `${[route.rewrite, ...rest].join('/')}${query}` };
}

/**
 * One call past the client's retries and breaker (a `direct` route's): the upstream's answer, whatever
 * its status; no answer is the 503 problem the client would send, naming the upstream.
 */
async function direct(client: ServiceClient, call: Call): Promise<Answer> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(call.headers)) for (const v of [value].flat()) headers.append(name, v);
  const signal = AbortSignal.any([call.signal, AbortSignal.timeout(call.timeoutMs)]);
  try {
    const response = await fetch(`${client.pick()}${call.path}`, { method: call.method, headers, ...(call.body ? { body: call.body } : {}), signal, redirect: 'manual' });
    const body = Buffer.from(await response.arrayBuffer());
    // fetch has decoded the body, so its encoding and length no longer describe what is sent on.
    const passed: IncomingHttpHeaders = {};
    response.headers.forEach((value, name) => { if (name !== 'content-encoding' && name !== 'content-length') passed[name] = value; });
    return { status: response.status, headers: passed, body };
  } catch (error) {
    if (call.signal.aborted) throw error;
    const reason = signal.aborted ? 'timeout' : 'unreachable';
    throw AppError.unavailable(`${client.name} is unavailable: ${reason === 'timeout' ? `no answer within ${call.timeoutMs} ms` : (error as Error).message}`, { upstream: client.name, reason });
  }
}

function requestHeaders(request: FastifyRequest): Record<string, string | string[]> {
  const received = request.headers;
  const dropped = connectionTokens(received);
  const headers: Record<string, string | string[]> = {};
  for (const name in received) {
    const value = received[name];
    if (value === undefined || HOP_BY_HOP.has(name) || SET_BY_GATEWAY.has(name) || name === CANARY_HEADER || (dropped !== NONE && dropped.has(name))) continue;
    headers[name] = value;
  }
  // Upstreams (identity's login throttling) count the client's address, so say which one it is;
  // a client's own X-Forwarded-For is passed on only from a proxy the gateway trusts.
  // Fastify's `ips` (set only when proxies are trusted) is the socket address then the trusted hops.
  headers['x-forwarded-for'] = request.ips ? [...request.ips].reverse().join(', ') : request.ip;
  headers['x-forwarded-proto'] = request.protocol;
  if (received.host) headers['x-forwarded-host'] = received.host;
  return headers;
}

function responseHeaders(upstream: IncomingHttpHeaders): Record<string, string | string[]> {
  const dropped = connectionTokens(upstream);
  const headers: Record<string, string | string[]> = {};
  for (const name in upstream) {
    const value = upstream[name];
    // CORS is the gateway's answer to browsers, not each upstream's.
    if (value === undefined || HOP_BY_HOP.has(name) || (dropped !== NONE && dropped.has(name)) || name.startsWith('access-control-')) continue;
    headers[name] = value;
  }
  return headers;
}

const NONE: ReadonlySet<string> = new Set();

/** Headers named in `Connection` are hop-by-hop too (none, most often: then no set is made). */
function connectionTokens(headers: IncomingHttpHeaders): ReadonlySet<string> {
  const value = headers.connection;
  // What nearly every request and answer carries names no header that is not dropped already.
  if (!value || value === 'keep-alive' || value === 'close') return NONE;
  return new Set(String(value).split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
}
