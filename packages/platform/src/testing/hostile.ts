import fc from 'fast-check';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ServiceApp } from '../http/app.js';
import { craftedCursorArb, harvestCursors } from './hostile.cursors.js';
import { requestArb, type HostileAuth, type HostileRequest, type HostileRoute } from './hostile.requests.js';
import { ECHO_SIGN, type JsonSchema, type Known } from './hostile.values.js';

export type { HostileAuth, HostileRequest, HostileRoute } from './hostile.requests.js';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The seed every run uses unless HOSTILE_SEED names another (to explore beyond the fixed cases). */
export const HOSTILE_SEED = 20_260_230;

export interface HostileOptions {
  /**
   * Real callers' headers; a service with admin routes gives both. A function is called before each
   * route, so a route that ends sessions (logout) does not leave the next ones only unsigned callers.
   */
  auth?: HostileAuth | (() => Promise<HostileAuth>);
  /** Values that exist (seeded ids, SKUs, tracking numbers), by parameter or property name. */
  known?: Known;
  /** Requests per route (HOSTILE_RUNS overrides it). */
  numRuns?: number;
  /** Routes the published document does not show (a gateway's proxied prefixes, say). */
  routes?: HostileRoute[];
  /** Leave out routes for which this returns false. */
  include?: (route: HostileRoute) => boolean;
}

export interface HostileFailure {
  route: string;
  reason: string;
  request: HostileRequest;
  response: { status: number; headers: Record<string, unknown>; body: string };
  seed: number;
  /** fast-check's path to the case, for `fc.assert(…, { seed, path })`. */
  path?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
// The kit's own routes that its document does not show.
const KIT_ROUTES = ['/health', '/health/live', '/health/ready', '/metrics', '/openapi.json', '/admin/dlq'];

type OpenApi = { paths?: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> }; security?: unknown[] };
type Operation = {
  parameters?: { in: string; name: string; schema?: JsonSchema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
};

function resolve(doc: OpenApi, schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined {
  if (!schema || depth > 20) return schema;
  if (typeof schema.$ref === 'string') return resolve(doc, doc.components?.schemas?.[schema.$ref.split('/').pop()!], depth + 1);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (Array.isArray(value)) out[key] = value.map((v) => (typeof v === 'object' && v !== null ? resolve(doc, v as JsonSchema, depth + 1) : v));
    else if (typeof value === 'object' && value !== null && key !== 'const' && key !== 'default' && key !== 'examples') out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(doc, v as JsonSchema, depth + 1)])) : resolve(doc, value as JsonSchema, depth + 1);
    else out[key] = value;
  }
  return out;
}

/**
 * Every route of `app`: what its published document (`app.swagger()`) says each takes, plus the
 * kit's own undocumented routes that are registered.
 */
export function hostileRoutes(app: ServiceApp): HostileRoute[] {
  const doc = app.swagger() as OpenApi;
  const routes: HostileRoute[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const of = (where: string) => Object.fromEntries((op.parameters ?? []).filter((p) => p.in === where).map((p) => [p.name, resolve(doc, p.schema) ?? {}]));
      const body = resolve(doc, op.requestBody?.content?.['application/json']?.schema);
      const headers = Object.fromEntries(Object.entries(of('header')).map(([name, schema]) => [name.toLowerCase(), schema]));
      routes.push({
        method: method.toUpperCase(), path, params: of('path'), query: of('query'), headers, ...(body ? { body } : {}),
        required: (op.parameters ?? []).filter((p) => p.required && p.in !== 'path').map((p) => (p.in === 'header' ? p.name.toLowerCase() : p.name)),
        secured: (op.security ?? doc.security ?? []).length > 0,
      });
    }
  }
  for (const path of KIT_ROUTES) {
    if (!doc.paths?.[path] && app.hasRoute({ method: 'GET', url: path })) routes.push({ method: 'GET', path, params: {}, query: {}, headers: {}, secured: false });
  }
  return routes;
}

const PROBLEM = /^application\/problem\+json/;

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  return typeof value === 'object' && value !== null && Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
}

/** What is wrong with an answer, or undefined: the property every request must hold. */
function judge(request: HostileRequest, status: number, type: string, text: string, accepts?: ValidateFunction): string | undefined {
  if (status >= 500) return `answered ${status}`;
  if (status >= 400) {
    if (text.includes(ECHO_SIGN)) return 'the refusal quotes a huge input back';
    if (!PROBLEM.test(type)) return `answered ${status} as ${type || 'no content type'}, not application/problem+json`;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return `answered ${status} with a problem that is not JSON`;
    }
    const missing = ['type', 'title'].filter((k) => typeof body[k] !== 'string');
    if (body.status !== status) missing.push('status');
    if (missing.length) return `answered ${status} with a problem without ${missing.join(', ')}`;
    if (hasNul(body)) return 'the problem carries a NUL character back';
    return undefined;
  }
  if (text.includes('\u0000')) return `answered ${status} carrying a NUL character`;
  if (status < 300 && request.json && accepts && !accepts(request.json.value)) {
    return `answered ${status} to a body its schema refuses (${accepts.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')})`;
  }
  return undefined;
}

function bodyValidator(route: HostileRoute): ValidateFunction | undefined {
  if (!route.body) return undefined;
  const ajv = new Ajv({ strict: false, allErrors: true, strictNumbers: true, coerceTypes: false, useDefaults: false });
  addFormats(ajv);
  try {
    return ajv.compile(route.body);
  } catch {
    return undefined;
  }
}

const routeName = (r: HostileRoute) => `${r.method} ${r.path}`;

// Node's default --max-http-header-size, less room for the headers a client adds (host, length…).
const MAX_HEAD = 16 * 1024 - 512;
const headSize = (r: HostileRequest) =>
  Buffer.byteLength(`${r.method} ${r.url} HTTP/1.1\r\n`) + Object.entries(r.headers).reduce((n, [k, v]) => n + Buffer.byteLength(`${k}: ${v}\r\n`), 0);

function seedFor(seed: number, name: string): number {
  let h = seed | 0;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 16_777_619);
  return h | 0;
}

async function checkRoute(app: ServiceApp, route: HostileRoute, auth: HostileAuth, options: HostileOptions, seed: number): Promise<HostileFailure | undefined> {
  const accepts = bodyValidator(route);
  const tally = new Map<number, number>();
  let last: HostileFailure | undefined;
  const harvest = await harvestCursors(app, route, auth, options.known ?? {}, seedFor(seed, routeName(route)));
  const requests = harvest ? fc.oneof(requestArb(route, auth, options.known ?? {}), craftedCursorArb(harvest)) : requestArb(route, auth, options.known ?? {});
  const property = fc.asyncProperty(requests, async (request) => {
    // inject() skips Node's HTTP parser, which refuses a request line and headers beyond 16 KiB before
    // any app sees them (the kit answers those itself): such a request never reaches a route.
    fc.pre(headSize(request) <= MAX_HEAD);
    const response = await app.inject({
      method: request.method as 'GET', url: request.url, headers: request.headers,
      ...(request.body !== undefined ? { payload: request.body } : {}),
    });
    tally.set(response.statusCode, (tally.get(response.statusCode) ?? 0) + 1);
    const reason = judge(request, response.statusCode, String(response.headers['content-type'] ?? ''), response.body, accepts);
    if (!reason) return true;
    last = { route: routeName(route), reason, request, response: { status: response.statusCode, headers: response.headers, body: response.body }, seed };
    return false;
  });
  // A route with real cursors to craft from gets more requests: half of them are crafted cursors.
  const runs = (Number(process.env.HOSTILE_RUNS) || options.numRuns || 40) * (harvest ? 3 : 1);
  const details = await fc.check(property, { numRuns: runs, seed: seedFor(seed, routeName(route)) });
  // Which answers the requests got, to see how deep they reach (a route answering only 401 or 400 is not explored).
  if (process.env.HOSTILE_STATS) console.log(`${routeName(route)}: ${[...tally].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  if (!details.failed) return undefined;
  // Shrinking stops at the last case that failed, so `last` is the smallest one fast-check found.
  if (last) return { ...last, ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}) };
  const request = details.counterexample?.[0] ?? { method: route.method, url: route.path, headers: {} };
  return { route: routeName(route), reason: `the check itself failed: ${String(details.errorInstance)}`, request, response: { status: 0, headers: {}, body: '' }, seed };
}

/**
 * Sends every route of `app` generated hostile requests (see hostile.requests.ts) and returns the
 * routes that broke the property: no 5xx; every 4xx a problem+json with `type`, `title` and
 * `status`; no answer quoting a NUL or a huge input back; no 2xx to a JSON body its documented
 * schema refuses. Routes are tried reads first, deletes last, so seeded records live longest.
 */
export async function checkHostile(app: ServiceApp, options: HostileOptions = {}): Promise<HostileFailure[]> {
  const seed = Number(process.env.HOSTILE_SEED) || HOSTILE_SEED;
  const order = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  const routes = [...hostileRoutes(app), ...(options.routes ?? [])]
    .filter((r) => options.include?.(r) ?? true)
    .sort((a, b) => order.indexOf(a.method) - order.indexOf(b.method));
  const failures: HostileFailure[] = [];
  for (const route of routes) {
    const auth = typeof options.auth === 'function' ? await options.auth() : options.auth ?? {};
    const failure = await checkRoute(app, route, auth, options, seed);
    if (failure) failures.push(failure);
  }
  return failures;
}

const shown = (text: string, max = 600) => JSON.stringify(text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text);

/** A failure as a developer replays it: the request as sent, what came back, and the seed. */
export function describeFailure(f: HostileFailure): string {
  const headers = Object.entries(f.request.headers).map(([k, v]) => `    ${k}: ${shown(v, 200)}`).join('\n');
  return [
    `${f.route}: ${f.reason}`,
    `  request: ${f.request.method} ${shown(f.request.url, 400)}`,
    ...(headers ? ['  headers:', headers] : []),
    ...(f.request.body !== undefined ? [`  body: ${shown(f.request.body)}`] : []),
    `  response: ${f.response.status} ${String(f.response.headers['content-type'] ?? '')} ${shown(f.response.body, 400)}`,
    `  replay: HOSTILE_SEED=${f.seed}${f.path ? ` (fast-check path ${f.path})` : ''}`,
  ].join('\n');
}

/** {@link checkHostile}, failing with every broken route's request, ready to replay. */
export async function assertHostileSafe(app: ServiceApp, options: HostileOptions = {}): Promise<void> {
  const failures = await checkHostile(app, options);
  if (failures.length) throw new Error(`${failures.length} route(s) mishandled hostile requests:\n\n${failures.map(describeFailure).join('\n\n')}`);
}
