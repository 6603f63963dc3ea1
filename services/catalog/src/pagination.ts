import { Type } from 'typebox';
import { AppError } from '@bazaar/platform';
import { queryField } from './schemas.js';

/**
 * Keyset pagination. A cursor is opaque to clients: base64url of the JSON array `[tag, key, id]`, where
 * `tag` names the ordering it belongs to (a product sort, or `reviews`), `key` is the sort key of the
 * last item of the page and `id` breaks ties. The next page is "rows after (key, id) in that order",
 * so a page costs the same however deep it is, and nothing is skipped or repeated when rows are added.
 */
export type CursorKey = string | number;

export interface Cursor {
  key: CursorKey;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export const LimitSchema = Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'page size, 1 to 100' });
export const CursorSchema = Type.String({ minLength: 1, maxLength: 512, description: 'nextCursor of the previous page' });

export function encodeCursor(tag: string, key: CursorKey, id: string): string {
  return Buffer.from(JSON.stringify([tag, key, id])).toString('base64url');
}

function malformed(reason: string): AppError {
  return AppError.invalid(`${queryField('cursor')} ${reason}`, [{ field: queryField('cursor'), message: reason }]);
}

/**
 * Reads a cursor made by {@link encodeCursor} for `tag`; `validKey` checks the key's type for that
 * ordering. Anything else (garbage, a cursor of another sort, a tampered key) is a 400 on the `cursor` parameter.
 */
export function decodeCursor(raw: string, tag: string, validKey: (key: unknown) => key is CursorKey): Cursor {
  if (!BASE64URL.test(raw)) throw malformed('is not a cursor returned by this API');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw malformed('is not a cursor returned by this API');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw malformed('is not a cursor returned by this API');
  const [cursorTag, key, id] = parsed as unknown[];
  if (cursorTag !== tag) {
    throw malformed(`belongs to ${typeof cursorTag === 'string' ? `sort ${cursorTag}` : 'another listing'}; start again without a cursor`);
  }
  if (typeof id !== 'string' || !UUID.test(id) || !validKey(key)) throw malformed('is not a cursor returned by this API');
  return { key, id };
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only tells that there is a next page,
 * whose cursor is the position of the page's last item.
 */
export function pageOf<R, T>(rows: R[], limit: number, tag: string, position: (row: R) => Cursor, toItem: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(tag, position(last).key, position(last).id) : null;
  return { items: items.map(toItem), nextCursor };
}

/** Cursor key checks shared by the orderings. */
export const isIsoTimestamp = (key: unknown): key is string =>
  typeof key === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(key) && !Number.isNaN(Date.parse(key));
export const isSafeInteger = (key: unknown): key is number => Number.isSafeInteger(key);
export const isFiniteNumber = (key: unknown): key is number => typeof key === 'number' && Number.isFinite(key);
export const isDecimal = (key: unknown): key is string => typeof key === 'string' && /^\d{1,3}(\.\d{1,2})?$/.test(key);
