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
/** What a cursor looks like (base64url), for schemas. */
export const CURSOR_PATTERN = BASE64URL.source;

export const LimitSchema = Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20, description: 'page size, 1 to 100' });
export const CursorSchema = Type.String({
  minLength: 1, maxLength: 512, pattern: CURSOR_PATTERN,
  description: 'the nextCursor of the previous page of the same listing (same sort); any other value is a 400 naming cursor',
});

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
    // The tag is named only when it looks like one of ours: a crafted one is the client's text (a NUL, say).
    const named = typeof cursorTag === 'string' && /^[a-z_]{1,20}$/.test(cursorTag);
    throw malformed(`belongs to ${named ? `sort ${cursorTag}` : 'another listing'}; start again without a cursor`);
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

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/;
/** The largest finite and the smallest normal PostgreSQL `real` (float4): a relevance rank fits between. */
const REAL_MAX = 3.4028234e38;
const REAL_MIN_NORMAL = 1.1754944e-38;

/**
 * Cursor key checks shared by the orderings. Each accepts only what PostgreSQL takes for the column's
 * type, so a crafted key is a 400 here rather than a cast error (a 500) in the query.
 */
export const isIsoTimestamp = (key: unknown): key is string => {
  const parts = typeof key === 'string' ? ISO_TIMESTAMP.exec(key) : null;
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  // Built field by field (Date.UTC maps years 0-99 to 1900-1999), then read back: 30 February or hour
  // 24 roll over into other fields and so fail the comparison; PostgreSQL has no year 0.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
};
/** A price in minor units: a non-negative integer, as prices are. */
export const isSafeInteger = (key: unknown): key is number => Number.isSafeInteger(key) && (key as number) >= 0;
/** A relevance rank: `ts_rank` is never negative, and the key is cast to `real`. */
export const isFiniteNumber = (key: unknown): key is number =>
  typeof key === 'number' && (key === 0 || (key >= REAL_MIN_NORMAL && key <= REAL_MAX));
/** An average rating, 0 to 5 with at most two decimals, as `rating_avg` holds it. */
export const isDecimal = (key: unknown): key is string => typeof key === 'string' && /^\d(\.\d{1,2})?$/.test(key) && Number(key) <= 5;
