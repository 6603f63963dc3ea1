import type { Static, TSchema } from 'typebox';
import Value from 'typebox/value';
import { AppError } from './errors.js';

/**
 * The payload as `schema` describes it, or an `invalid_data` AppError naming every bad field
 * (`payload.items.0.sku`): a message that breaks its contract cannot be fixed by retrying, so the
 * consumer parks it at once.
 */
export function parsePayload<S extends TSchema>(schema: S, payload: unknown, type: string): Static<S> {
  if (Value.Check(schema, payload)) return payload as Static<S>;
  const errors = [...Value.Errors(schema, payload)]
    .filter((e) => e.keyword !== 'boolean')
    .map((e) => ({ field: `payload${e.instancePath.replace(/\//g, '.')}`, message: e.message }));
  throw AppError.invalid(`${type}: the payload does not match its contract`, errors);
}
