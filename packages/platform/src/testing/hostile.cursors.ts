import fc from 'fast-check';
import type { ServiceApp } from '../http/app.js';
import { cleanRequestArb, type HostileAuth, type HostileRequest, type HostileRoute } from './hostile.requests.js';
import { b64, cursorValues, isCursorName, type Known } from './hostile.values.js';

/** A page's cursor as the route itself gave it, with the request (less its cursor) that got it. */
interface Harvested { url: string; headers: Record<string, string>; cursor: unknown }

const HARVEST_REQUESTS = 30;

function decode(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Real cursors of a list route: valid requests for pages of one item, each `nextCursor` kept (one per
 * shape: a cursor's first element names its sort) with the request that got it. A cursor crafted
 * from a real one, alongside the query it belongs to, gets past every check but the one on the
 * part changed, which is where the bugs were (a key PostgreSQL refuses to cast).
 */
export async function harvestCursors(app: ServiceApp, route: HostileRoute, auth: HostileAuth, known: Known, seed: number): Promise<{ name: string; pages: Harvested[] } | undefined> {
  const name = Object.keys(route.query).find(isCursorName);
  if (route.method !== 'GET' || !name) return undefined;
  const limit = Object.keys(route.query).find((n) => /^(limit|pageSize|size)$/i.test(n));
  const pages = new Map<string, Harvested>();
  for (const request of fc.sample(cleanRequestArb(route, auth, known), { numRuns: HARVEST_REQUESTS, seed })) {
    const url = new URL(request.url, 'http://hostile.test');
    url.searchParams.delete(name);
    if (limit) url.searchParams.set(limit, '1');
    const target = `${url.pathname}${url.search}`;
    const response = await app.inject({ method: 'GET', url: target, headers: request.headers });
    if (response.statusCode !== 200) continue;
    const body = response.json() as Record<string, unknown>;
    const cursor = Object.entries(body).find(([key, value]) => /cursor/i.test(key) && typeof value === 'string')?.[1] as string | undefined;
    const decoded = cursor === undefined ? undefined : decode(cursor);
    if (decoded === undefined) continue;
    const shape = JSON.stringify(Array.isArray(decoded) ? decoded[0] : Object.keys(decoded as object));
    if (!pages.has(shape)) pages.set(shape, { url: target, headers: request.headers, cursor: decoded });
  }
  return pages.size ? { name, pages: [...pages.values()] } : undefined;
}

/** Real cursors with one part replaced by a hostile value, sent with the query that got them. */
export function craftedCursorArb(harvest: { name: string; pages: Harvested[] }): fc.Arbitrary<HostileRequest> {
  return fc.tuple(fc.constantFrom(...harvest.pages), fc.nat(), cursorValues).map(([page, at, value]) => {
    let crafted: unknown = value;
    if (Array.isArray(page.cursor)) crafted = page.cursor.map((part, i) => (i === at % (page.cursor as unknown[]).length ? value : part));
    else if (typeof page.cursor === 'object' && page.cursor !== null) {
      const keys = Object.keys(page.cursor);
      crafted = { ...page.cursor, [keys[at % keys.length]!]: value };
    }
    const separator = page.url.includes('?') ? '&' : '?';
    return { method: 'GET', url: `${page.url}${separator}${encodeURIComponent(harvest.name)}=${b64(JSON.stringify(crafted))}`, headers: page.headers };
  });
}
