import fc from 'fast-check';
import { JSON_TYPE, bodyArb, jsonBody, type Body } from './hostile.bodies.js';
import { HUGE, cursorArb, hostileStringArb, isCursorName, validValue, type JsonSchema, type Known } from './hostile.values.js';

/** One route as the hostile check sees it: what its published document says it takes. */
export interface HostileRoute {
  method: string;
  /** The path as OpenAPI writes it: `/products/{id}/reviews`. */
  path: string;
  params: Record<string, JsonSchema>;
  query: Record<string, JsonSchema>;
  /** Headers the route documents (an Idempotency-Key, say), by lower-case name. */
  headers: Record<string, JsonSchema>;
  /** The query parameters and headers it requires, by name (headers in lower case). */
  required?: string[];
  /** The JSON body's schema, if the route takes one. */
  body?: JsonSchema;
  /** Whether the document says it needs a token. */
  secured: boolean;
}

/** A request exactly as sent, so a failure can be replayed. */
export interface HostileRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The JSON value the body holds when it is JSON text the route's schema can judge. */
  json?: { value: unknown };
}

/**
 * Header sets of real callers: a signed-in customer, an admin for services with admin routes, and
 * any other role a service serves (a courier, say), by any name.
 */
export interface HostileAuth {
  user?: Record<string, string>;
  admin?: Record<string, string>;
  [role: string]: Record<string, string> | undefined;
}

/** A URL piece: encoded text, or bytes put into the URL as they are (percent garbage, `../`). */
type Piece = { text: string } | { raw: string };
// A lone surrogate has no UTF-8 form: it goes as the bytes a careless encoder would write for it.
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text].map((c) => (/[\ud800-\udfff]/.test(c) && c.length === 1 ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
}
const pieceText = (p: Piece) => ('raw' in p ? p.raw : encode(p.text));
const rawPieces = ['%', '%zz', '%E0%A4%A', '..', '%2e%2e', '.', '%2F', 'a/b', '%00', '%ff%fe'];

function hostileText(name: string): fc.Arbitrary<string> {
  return isCursorName(name) ? fc.oneof(cursorArb, hostileStringArb) : hostileStringArb;
}

function paramArb(name: string, schema: JsonSchema, known: Known): fc.Arbitrary<Piece> {
  return fc.oneof(
    { arbitrary: validValue(schema, known, name).map((v) => ({ text: String(v) })), weight: 3 },
    { arbitrary: hostileText(name).filter((t) => t !== '').map((text) => ({ text })), weight: 3 },
    { arbitrary: fc.constantFrom(...rawPieces).map((r) => ({ raw: r })), weight: 1 },
  );
}

const queryPieces = (name: string, values: Piece[]): Piece[] => values.map((p) => ({ raw: `${encode(name)}=${pieceText(p)}` }));

function hostileQueryValue(name: string, schema: JsonSchema, known: Known): fc.Arbitrary<Piece[]> {
  const one = fc.oneof(
    { arbitrary: validValue(schema, known, name).map((v) => ({ text: String(v) })), weight: 1 },
    { arbitrary: hostileText(name).map((text) => ({ text })), weight: 4 },
  );
  // Repeating a name makes it an array; a piece without `=` is a name with no value.
  return fc.oneof(
    { arbitrary: one.map((p) => queryPieces(name, [p])), weight: 6 },
    { arbitrary: fc.tuple(one, one).map((ps) => queryPieces(name, ps)), weight: 1 },
    { arbitrary: fc.constant<Piece[]>([{ raw: encode(name) }]), weight: 1 },
  );
}

function cleanQueryValue(name: string, schema: JsonSchema, known: Known, required: boolean): fc.Arbitrary<Piece[] | undefined> {
  const value = validValue(schema, known, name).map((v) => queryPieces(name, [{ text: String(v) }]));
  return required ? value : sometimes(value, 5);
}

// Names a route may not document but a careless handler could still read.
const strayNames = ['limit', 'cursor', 'q', 'sort', 'id', '__proto__', 'constructor', 'a[b]'];

/** `arb`'s value in `weight` cases out of ten, undefined in the others. */
function sometimes<T>(arb: fc.Arbitrary<T>, weight: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 10 - weight }, { arbitrary: arb, weight });
}

const queryText = (parts: (Piece[] | undefined)[]) => {
  const pieces = parts.flatMap((p) => p ?? []).map(pieceText);
  return pieces.length ? `?${pieces.join('&')}` : '';
};

/**
 * Mostly one documented parameter hostile and the others valid or absent (so the hostile one gets
 * past the others' checks) or none (so a hostile path, body or header does), sometimes all of them
 * at once, plus stray names and garbage.
 */
function queryArb(route: HostileRoute, known: Known): fc.Arbitrary<string> {
  const entries = Object.entries(route.query);
  const clean = fc.tuple(...entries.map(([name, schema]) => cleanQueryValue(name, schema, known, route.required?.includes(name) ?? false)));
  const hostile = fc.tuple(...entries.map(([name, schema]) => hostileQueryValue(name, schema, known)));
  // A route that documents no query still gets one: what it does with one is what is tried.
  const strayValue = fc.tuple(fc.constantFrom(...strayNames), cursorArb, hostileStringArb).map(([n, c, v]) => [{ raw: `${encode(n)}=${encode(isCursorName(n) ? c : v)}` }]);
  const stray = sometimes(strayValue, entries.length ? 2 : 5);
  const garbage = sometimes(fc.constantFrom('%', '&&', '=', 'x=%zz', 'a=1&a', '%00=1').map((r) => [{ raw: r }]), 1);
  const focus = fc.oneof({ arbitrary: fc.nat(), weight: 4 }, { arbitrary: fc.constant(-1), weight: 1 });
  return fc.tuple(focus, clean, hostile, stray, garbage).map(([k, c, h, s, g]) => {
    const chosen = entries.map((_, i) => (k === -1 || i === k % (entries.length + 1) ? h[i] : c[i]));
    return queryText([...chosen, s, g]);
  });
}

const forged = ['Bearer not.a.token', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiYWRtaW4iXX0.', 'bearer x.y.z'];

function authArb(route: HostileRoute, auth: HostileAuth): fc.Arbitrary<Record<string, string>> {
  const callers = Object.values(auth).filter((h): h is Record<string, string> => h !== undefined);
  const deep = route.secured ? 4 : 2;
  const anonymous = fc.oneof(
    fc.constant({}),
    // A real token with its signature altered is forged too.
    fc.constantFrom(...forged, ...(auth.user?.authorization ? [`${auth.user.authorization.slice(0, -4)}AAAA`] : [])).map((authorization) => ({ authorization })),
  );
  return fc.oneof({ arbitrary: anonymous, weight: 2 }, ...callers.map((headers) => ({ arbitrary: fc.constant({ ...headers }), weight: deep })));
}

const extraHeaders = sometimes(fc.constantFrom<Record<string, string>>(
  { 'x-correlation-id': HUGE.slice(0, 4000) }, { 'x-correlation-id': '../\\"<>' }, { traceparent: '00-zz-zz-01' },
  { 'idempotency-key': '' }, { 'idempotency-key': HUGE.slice(0, 2000) }, { 'idempotency-key': 'not a uuid' },
  { accept: 'text/html' }, { 'if-none-match': '*' }, { 'x-forwarded-for': '::1, garbage' },
), 2);

// Header values travel as visible ASCII: anything else is the HTTP parser's to refuse, not the app's.
const headerSafe = (text: string) => /^[\x20-\x7e]*$/.test(text);

/** Documented headers: valid, hostile or absent, independently. */
function documentedHeaders(route: HostileRoute, known: Known, clean: boolean): fc.Arbitrary<Record<string, string>> {
  const entries = Object.entries(route.headers);
  const values = entries.map(([name, schema]) => {
    const valid = validValue(schema, known, name).map(String).filter(headerSafe);
    if (clean) return valid;
    return fc.oneof(
      { arbitrary: valid, weight: 5 },
      { arbitrary: hostileText(name).filter(headerSafe), weight: 3 },
      { arbitrary: fc.constant(undefined), weight: 1 },
    );
  });
  return fc.tuple(...values).map((vs) => Object.fromEntries(entries.flatMap(([name], i) => (vs[i] === undefined ? [] : [[name, vs[i]!]]))));
}

function cleanPartsArb(route: HostileRoute, auth: HostileAuth, known: Known, takesBody: boolean): fc.Arbitrary<Parts> {
  const names = Object.keys(route.params);
  const params = fc.tuple(...names.map((n) => validValue(route.params[n], known, n).map((v): Piece => ({ text: String(v) }))));
  const query = fc.tuple(...Object.entries(route.query).map(([name, schema]) => cleanQueryValue(name, schema, known, route.required?.includes(name) ?? false))).map(queryText);
  const body = takesBody && route.body ? validValue(route.body, known).map(jsonBody) : fc.constant<Body>({});
  const callers = Object.values(auth).filter((h): h is Record<string, string> => h !== undefined);
  const headers = callers.length ? fc.constantFrom(...callers) : fc.constant({});
  return fc.tuple(params, query, body, headers, documentedHeaders(route, known, true));
}

type Parts = [Piece[], string, Body, Record<string, string>, Record<string, string> | undefined];

const hostileHeaders = (route: HostileRoute, known: Known) =>
  fc.tuple(documentedHeaders(route, known, false), extraHeaders).map(([documented, extra]) => ({ ...documented, ...extra }));

const toRequest = (route: HostileRoute) => ([values, query, b, authHeaders, extra]: Parts): HostileRequest => {
  let path = route.path;
  Object.keys(route.params).forEach((name, i) => { path = path.replace(`{${name}}`, pieceText(values[i]!)); });
  const headers: Record<string, string> = { ...extra, ...authHeaders };
  if (b.type) headers['content-type'] = b.type;
  return {
    method: route.method, url: `${path}${query}`, headers,
    ...(b.text !== undefined ? { body: b.text } : {}),
    ...(b.json && b.type === JSON_TYPE ? { json: b.json } : {}),
  };
};

/** Requests to one route that are valid as far as its document tells, from real callers. */
export function cleanRequestArb(route: HostileRoute, auth: HostileAuth, known: Known): fc.Arbitrary<HostileRequest> {
  const takesBody = route.body !== undefined || ['POST', 'PUT', 'PATCH'].includes(route.method);
  return cleanPartsArb(route, auth, known, takesBody).map(toRequest(route));
}

/**
 * Requests to one route: mostly hostile (its path, query, body and headers filled as above), one in
 * five entirely valid, so that routes reached by a valid request are also tried with hostile ones
 * that differ from it in one place.
 */
export function requestArb(route: HostileRoute, auth: HostileAuth, known: Known): fc.Arbitrary<HostileRequest> {
  const names = Object.keys(route.params);
  const takesBody = route.body !== undefined || ['POST', 'PUT', 'PATCH'].includes(route.method);
  const hostile: fc.Arbitrary<Parts> = fc.tuple(
    fc.tuple(...names.map((n) => paramArb(n, route.params[n]!, known))),
    queryArb(route, known),
    takesBody ? bodyArb(route.body, known) : fc.constant<Body>({}),
    authArb(route, auth),
    hostileHeaders(route, known),
  );
  const parts = fc.oneof({ arbitrary: hostile, weight: 4 }, { arbitrary: cleanPartsArb(route, auth, known, takesBody), weight: 1 });
  return parts.map(toRequest(route));
}
