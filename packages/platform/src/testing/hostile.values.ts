import fc from 'fast-check';

/** A JSON Schema as an OpenAPI document carries it (TypeBox's output, after @fastify/swagger). */
export type JsonSchema = Record<string, unknown>;

/**
 * A long run of this text is how a huge input is recognised when an answer quotes it back: an error
 * may cite a bounded prefix, never the whole value.
 */
export const HUGE_UNIT = 'hostile-';
export const HUGE = HUGE_UNIT.repeat(1_500);
/** Longer than any bounded quotation (the kit cuts quoted text at 300 characters). */
export const ECHO_SIGN = HUGE_UNIT.repeat(64);

/** Marks a body value that is written into the JSON text raw (`1e999` is valid JSON, not finite). */
export const raw = (text: string) => `~raw(${text})~`;
export const rawJson = (value: unknown): string => JSON.stringify(value).replace(/"~raw\((.*?)\)~"/g, '$1');

/** Text that each broke a service once, or would break a careless one, in kinds of equal weight. */
const stringKinds: readonly (readonly string[])[] = [
  ['a\u0000b', '\u0000', '%00'],
  [HUGE],
  ['Infinity', '-Infinity', 'NaN', '1e999', '-1e999', '-0', '9007199254740993', '18446744073709551616', '-1', '0', '1.5', '0x10'],
  ['2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2026-02-30'],
  ['', ' ', '\t\r\n', 'true', 'null', '[]', '{}'],
  ['../../../etc/passwd', '..', '%', '%zz', '%E0%A4%A', "' OR 1=1 --", '<script>', '00000000-0000-0000-0000-00000000000g'],
  ['\ud800', 'ǅ😀\u202e', 'İı', '\u00ad\u200b'],
];
export const hostileStrings: readonly string[] = stringKinds.flat();
export const hostileStringArb: fc.Arbitrary<string> = fc.oneof(...stringKinds.map((kind) => fc.constantFrom(...kind)));

/** Values of the wrong type, out of range, not finite or oddly shaped, for any place in a body. */
export const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileStringArb, weight: 2 },
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0, 2 ** 53 + 2, -(2 ** 63)),
  fc.constantFrom<unknown>([], {}, ['x'], [null], { a: 1 }),
  fc.constantFrom(raw('1e999'), raw('-1e999'), raw('1e-999'), raw('12345678901234567890123')),
);

export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Keys that the cursors of Bazaar's lists hold (a sort's key and an id), with hostile values. */
export const cursorValues: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('2026-02-30T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z'),
  // Beyond `real` (a rank), negative, a rating above 5, beyond 2^53, below real's smallest normal.
  fc.constantFrom(1e39, -1e39, 3.5e38, -1, 6, 5.001, 2 ** 53 + 2, 1e-45, '1e39', '6.00'),
  fc.constantFrom('a\u0000b', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', HUGE, ''),
  fc.constantFrom<unknown>(null, true, [], {}),
  fc.constantFrom('price_asc', 'relevance', 'newest', 'rating', 'orders', 'reviews'),
);
const cursorKeys = ['k', 'key', 'id', 'at', 'createdAt', 'sort', 'rank', 'price', 'rating', 'name', 'v', 't', 'tag'];
// The tags Bazaar's lists put first in their cursors (`[tag, key, id]`, `[tag, id]`): a sort's or a list's name.
const cursorTags = fc.constantFrom<unknown>('newest', 'oldest', 'price_asc', 'price_desc', 'rating', 'relevance', 'reviews', 'orders', 'payments', 'shipments', 'name');
const cursorIds = fc.oneof(fc.uuid(), cursorValues);

/**
 * Cursors as a caller could craft them: base64url of JSON objects and arrays whose keys are invalid
 * dates, year 0, ranks beyond `real`, wrong types or another sort's; base64url of text that is not
 * JSON; random base64; and plain garbage.
 */
export const cursorArb: fc.Arbitrary<string> = fc.oneof(
  fc.dictionary(fc.constantFrom(...cursorKeys), cursorValues, { minKeys: 1, maxKeys: 4 }).map((o) => b64(JSON.stringify(o))),
  fc.array(cursorValues, { minLength: 1, maxLength: 3 }).map((a) => b64(JSON.stringify(a))),
  { arbitrary: fc.tuple(cursorTags, cursorValues, cursorIds).map((a) => b64(JSON.stringify(a))), weight: 3 },
  fc.tuple(cursorTags, cursorIds).map((a) => b64(JSON.stringify(a))),
  fc.tuple(cursorTags, cursorValues, cursorIds).map(([sort, k, id]) => b64(JSON.stringify({ sort, key: k, id }))),
  fc.constantFrom(b64('not json'), b64('1e999'), b64('null'), b64('"x"'), b64('{'), '====', '!!', ''),
  fc.base64String({ maxLength: 60 }),
  hostileStringArb,
);

/** Whether a parameter or property is a cursor, from its name. */
export const isCursorName = (name: string) => /cursor|after|before|page(token)?$/i.test(name);

const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  uuid: () => fc.uuid(),
  email: () => fc.stringMatching(/^[a-z]{1,12}$/).map((s) => `${s}@example.test`),
  'date-time': () => fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  date: () => fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  uri: () => fc.constantFrom('https://example.test/a', 'https://example.test/images/1.png'),
};

const num = (s: JsonSchema, key: string): number | undefined => (typeof s[key] === 'number' ? s[key] : undefined);

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  const format = typeof s.format === 'string' ? FORMATS[s.format] : undefined;
  if (format) return format();
  const minLength = num(s, 'minLength') ?? 0;
  const maxLength = Math.max(minLength, Math.min(num(s, 'maxLength') ?? 24, minLength + 24));
  if (typeof s.pattern === 'string') {
    return fc.stringMatching(new RegExp(s.pattern)).filter((t) => t.length >= minLength && t.length <= (num(s, 'maxLength') ?? Infinity));
  }
  return fc.string({ minLength, maxLength });
}

function numberOf(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = num(s, 'exclusiveMinimum');
  const exclusiveMax = num(s, 'exclusiveMaximum');
  const min = num(s, 'minimum') ?? (exclusiveMin !== undefined ? exclusiveMin + (integer ? 1 : 1e-6) : -1_000);
  const max = num(s, 'maximum') ?? (exclusiveMax !== undefined ? exclusiveMax - (integer ? 1 : 1e-6) : Math.max(min, 0) + 100_000);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectOf(s: JsonSchema, known: Known): fc.Arbitrary<Record<string, unknown>> {
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(s.required) ? (s.required as string[]) : [];
  const model = Object.fromEntries(Object.entries(properties).map(([name, p]) => [name, validValue(p, known, name)]));
  return fc.record(model, { requiredKeys: required.filter((r) => r in model) });
}

/** Values known to exist (ids of seeded records), by parameter or property name. */
export type Known = Readonly<Record<string, readonly unknown[]>>;

/**
 * A value that the schema accepts (as far as a generator can tell: patterns and formats are
 * followed, cross-field rules are not), preferring a known value for a named field.
 */
export function validValue(schema: JsonSchema | undefined, known: Known = {}, name?: string): fc.Arbitrary<unknown> {
  const generated = validBySchema(schema ?? {}, known);
  const seeded = name ? known[name] : undefined;
  return seeded?.length ? fc.oneof({ arbitrary: fc.constantFrom(...seeded), weight: 3 }, { arbitrary: generated, weight: 1 }) : generated;
}

function validBySchema(s: JsonSchema, known: Known): fc.Arbitrary<unknown> {
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...(s.enum as unknown[]));
  const choices = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(choices) && choices.length) return fc.oneof(...choices.map((c) => validBySchema(c, known)));
  if (Array.isArray(s.allOf) && s.allOf.length) return validBySchema(Object.assign({}, ...(s.allOf as JsonSchema[])), known);
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string': return stringOf(s);
    case 'integer': return numberOf(s, true);
    case 'number': return numberOf(s, false);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': {
      const minLength = num(s, 'minItems') ?? 0;
      const maxLength = Math.max(minLength, Math.min(num(s, 'maxItems') ?? 3, 3));
      return fc.array(validBySchema((s.items ?? {}) as JsonSchema, known), { minLength, maxLength });
    }
    case 'object': return objectOf(s, known);
    default: return s.properties ? objectOf(s, known) : fc.constantFrom<unknown>('x', 1, true, { a: 1 });
  }
}
