// Requests a route's published OpenAPI document allows, for property tests that a valid-by-schema
// request is never refused by an undocumented rule (each service's list-rules tests).
import fc from 'fast-check';
import type { ServiceApp } from '../http/app.js';

/** The seed and size of every property run here: the same cases each time. */
export const PROPERTY_RUNS = { seed: 20_261_205, numRuns: 250 } as const;

export interface Schema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}

export interface QueryParameter {
  name: string;
  required: boolean;
  description: string;
  schema: Schema;
}

type Document = { paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean; description?: string; schema: Schema }[] }>> };

/** The query parameters of an operation, as the service's published OpenAPI document states them. */
export function publishedQuery(app: ServiceApp, method: string, path: string): QueryParameter[] {
  const operation = (app.swagger() as unknown as Document).paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${path} is not in the published document`);
  return (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({
    name: p.name, required: p.required ?? false, description: `${p.description ?? ''} ${(p.schema as { description?: string }).description ?? ''}`, schema: p.schema,
  }));
}

const codePoints = (text: string) => [...text].length;

/** Text the schema's length bounds allow; no NUL, which the kit refuses anywhere in a request (its documented edge rule). */
function textOf(schema: Schema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? 1000;
  const units = fc.oneof(fc.string({ unit: 'grapheme', minLength, maxLength }), fc.string({ unit: 'binary-ascii', minLength, maxLength }));
  return units.map((s) => s.replaceAll('\u0000', ' ')).filter((s) => codePoints(s) >= minLength && codePoints(s) <= maxLength);
}

/**
 * What format uuid takes: any case, and with the `urn:uuid:` prefix that ajv-formats also accepts,
 * as long as the schema's length bound lets it through.
 */
function uuidOf(schema: Schema): fc.Arbitrary<string> {
  const uuid = fc.tuple(fc.uuid(), fc.boolean(), fc.boolean()).map(([id, upper, urn]) => `${urn ? 'urn:uuid:' : ''}${upper ? id.toUpperCase() : id}`);
  return uuid.filter((id) => id.length <= (schema.maxLength ?? Infinity));
}

/** Values the schema allows, as query-string text; `known` adds values that exist (seeded slugs, real cursors). */
export function valueOf(schema: Schema, known: readonly string[] = []): fc.Arbitrary<string> {
  let arbitrary: fc.Arbitrary<string>;
  if (schema.enum) arbitrary = fc.constantFrom(...schema.enum.map(String));
  else if (schema.type === 'boolean') arbitrary = fc.constantFrom('true', 'false');
  else if (schema.type === 'integer') {
    const min = BigInt(schema.minimum ?? Number.MIN_SAFE_INTEGER);
    const max = BigInt(schema.maximum ?? Number.MAX_SAFE_INTEGER);
    arbitrary = fc.oneof(fc.constantFrom(min, max), fc.bigInt({ min, max })).map(String);
  } else if (schema.format === 'uuid') arbitrary = uuidOf(schema);
  else if (schema.pattern) {
    const { minLength = 0, maxLength = Infinity } = schema;
    arbitrary = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => codePoints(s) >= minLength && codePoints(s) <= maxLength);
  } else arbitrary = textOf(schema);
  return known.length > 0 ? fc.oneof(arbitrary, fc.constantFrom(...known)) : arbitrary;
}

/** Query strings the published parameters allow: each optional parameter present or not. */
export function queryOf(parameters: QueryParameter[], known: Record<string, readonly string[]> = {}): fc.Arbitrary<Record<string, string>> {
  const model = Object.fromEntries(parameters.map((p) => [p.name, valueOf(p.schema, known[p.name])]));
  return fc.record(model, { requiredKeys: parameters.filter((p) => p.required).map((p) => p.name) }) as fc.Arbitrary<Record<string, string>>;
}
