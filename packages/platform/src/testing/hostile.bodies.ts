import fc from 'fast-check';
import { HUGE, hostileValueArb, rawJson, validValue, type JsonSchema, type Known } from './hostile.values.js';

/** A request body as sent: its text and media type, and the JSON value when the text is JSON. */
export interface Body { text?: string; type?: string; json?: { value: unknown } }

export const JSON_TYPE = 'application/json';

/** Every path to a value inside `value` (object keys and array indexes), up to a small depth. */
function pathsIn(value: unknown, depth = 3): string[][] {
  if (depth === 0 || typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [[key], ...pathsIn(item, depth - 1).map((p) => [key, ...p])]);
}

function setAt(target: unknown, path: string[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(target) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const leaf = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(leaf), 1);
    else delete node[leaf];
  } else {
    node[leaf] = value;
  }
  return copy;
}

type Mutation = { kind: 'set' | 'coerce' | 'remove' | 'extra' | 'whole'; at: number; value: unknown; key: string };

/** What a lenient parser would take for `value`: `"2"` or `true` for 2, `"true"` for true, `[s]` for s. */
function nearMisses(value: unknown): unknown[] {
  if (typeof value === 'number') return [String(value), true, false, null, [value], {}];
  if (typeof value === 'string') return [Number(value) || 1, null, [value], true, {}];
  if (typeof value === 'boolean') return [String(value), Number(value), null, [value]];
  if (Array.isArray(value)) return [value[0] ?? 'x', null, {}, JSON.stringify(value)];
  return [[value], null, JSON.stringify(value), 'x'];
}

function valueAt(body: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), body);
}

function mutate(body: unknown, schema: JsonSchema, m: Mutation): unknown {
  if (m.kind === 'whole' || typeof body !== 'object' || body === null) return m.kind === 'whole' && m.at % 5 === 0 ? [body] : m.value;
  const declared = Object.keys((schema.properties ?? {}) as object).map((k) => [k]);
  const paths = [...pathsIn(body), ...declared];
  const path = paths[m.at % Math.max(paths.length, 1)];
  if (m.kind === 'extra' || !path) return setAt(body, [m.key], m.value, false);
  if (m.kind === 'coerce') {
    const misses = nearMisses(valueAt(body, path));
    return setAt(body, path, misses[Math.floor(m.at / paths.length) % misses.length], false);
  }
  return setAt(body, path, m.value, m.kind === 'remove');
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('set', 'set', 'set', 'coerce', 'coerce', 'coerce', 'remove', 'extra', 'whole'),
  at: fc.nat(),
  value: hostileValueArb,
  key: fc.constantFrom('extra', '__proto__', 'constructor', 'isAdmin', 'id', 'a\u0000'),
});

const malformed = ['{', '{"a":', '[1,]', '{"a":1}}', "{'a':1}", 'nul', '\u0000', '{"a":"\u0000"}', '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]', '"x"', '1e999', 'null', ''];
const otherTypes = ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/jsonx', undefined];

export function jsonBody(value: unknown): Body {
  const text = rawJson(value);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { text, type: JSON_TYPE };
  }
  return { text, type: JSON_TYPE, json: { value: parsed } };
}

/** Bodies for a route: valid ones, valid ones mutated, malformed text, other media types, huge. */
export function bodyArb(schema: JsonSchema | undefined, known: Known): fc.Arbitrary<Body> {
  const valid = validValue(schema, known);
  const mutated = fc.tuple(valid, mutationArb).map(([b, m]) => jsonBody(mutate(b, schema ?? {}, m)));
  const rawText = fc.constantFrom(...malformed).map((text): Body => ({ text, type: JSON_TYPE }));
  const texts = fc.oneof(
    { arbitrary: valid.map((v) => JSON.stringify(v)), weight: 1 },
    { arbitrary: fc.constantFrom('a=1&b=2', 'a\u0000b', '{"a":"\u0000"}', '\u0000', HUGE.slice(0, 64)), weight: 2 },
  );
  const wrongType = fc.tuple(texts, fc.constantFrom(...otherTypes, 'text/plain'))
    .map(([text, type]): Body => (type ? { text, type } : { text }));
  const odd = fc.constantFrom<Body>({}, { type: JSON_TYPE }, { text: '', type: JSON_TYPE }, { text: JSON.stringify({ filler: HUGE.repeat(100) }), type: JSON_TYPE });
  // A route that documents no JSON body may read the raw text: other media types matter more there.
  const typed = schema !== undefined;
  return fc.oneof(
    { arbitrary: valid.map(jsonBody), weight: 2 },
    { arbitrary: mutated, weight: typed ? 6 : 1 },
    { arbitrary: rawText, weight: 2 },
    { arbitrary: wrongType, weight: typed ? 3 : 6 },
    { arbitrary: odd, weight: 1 },
  );
}
