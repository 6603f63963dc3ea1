/**
 * The gateway's API, typed by the generated schema (schema.d.ts, from the gateway's merged OpenAPI
 * document). Every call goes to /api/…, which the app's server (or Vite in development) forwards to
 * the gateway, so the app is same-origin and needs no CORS.
 *
 * A call either gives its data or throws an `ApiError` a page can show as it is: what happened in a
 * sentence, and which way on (try again, sign in, fix a field).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Problem = components['schemas']['Problem'];
export type CategoryNode = components['schemas']['def-0'];

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Success<O> = O extends { responses: infer R }
  ? R extends { 200: infer A } ? Json<A> : R extends { 201: infer A } ? Json<A> : R extends { 202: infer A } ? Json<A> : never
  : never;
/** The JSON body of an operation's success, as the gateway's document describes it. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = Success<paths[P][M]>;

export const api = createClient<paths>({ baseUrl: '/api' });

/** What the user can do about a failure; the error panel offers the matching way on. */
export type Remedy = 'retry' | 'sign-in' | 'fix-input' | 'go-home' | 'wait';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly remedy: Remedy,
    /** Each refused field's message by its name in the request (`email`, `card.number`). */
    readonly fields: Record<string, string> = {},
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Session hooks the client calls: the current access token, and a refresh when it is refused. */
export interface TokenSource {
  token(): string | undefined;
  refresh(): Promise<boolean>;
  expired(): void;
}

let tokens: TokenSource | undefined;
/** Where the client takes its access token and refreshes from (the session); set before any call. */
export const setTokenSource = (source: TokenSource) => { tokens = source; };

const authorize: Middleware = {
  onRequest({ request }) {
    const token = tokens?.token();
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};
api.use(authorize);

const isProblem = (body: unknown): body is Problem => typeof body === 'object' && body !== null && 'status' in body && 'title' in body;

/** The field named by a problem's `body.card.number`, `querystring.q`: the part after the location. */
const fieldName = (where: string) => where.replace(/^(body|querystring|params|headers)\.?/, '') || where;

/** The error a user is shown for an answer that was not a success. */
export function toApiError(status: number, body: unknown): ApiError {
  const problem = isProblem(body) ? body : undefined;
  const fields = Object.fromEntries((problem?.errors ?? []).map((e) => [fieldName(e.field), e.message]));
  const detail = problem?.detail;
  if (status === 401) return new ApiError('Your session has ended. Sign in again to carry on where you were.', status, 'sign-in', fields, problem?.code);
  if (status === 403) return new ApiError('This page is not open to your account.', status, 'go-home', fields, problem?.code);
  if (status === 404) return new ApiError(detail ?? 'There is nothing here: it may have been removed, or the link is wrong.', status, 'go-home', fields, problem?.code);
  if (status === 429) return new ApiError('Too many tries in a short time. Wait a minute, then try again.', status, 'wait', fields, problem?.code);
  if (status >= 500) {
    const upstream = (problem as { upstream?: string } | undefined)?.upstream;
    const what = upstream ? `Our ${upstream} service is not answering right now` : 'Part of the shop is not answering right now';
    return new ApiError(`${what}. Nothing was lost: try again in a moment.`, status, 'retry', fields, problem?.code);
  }
  return new ApiError(detail ?? problem?.title ?? `The request was refused (${status}).`, status, Object.keys(fields).length ? 'fix-input' : 'retry', fields, problem?.code);
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * The data of an answer, or an ApiError. A 401 with a session is refreshed once and asked again
 * (`again`); a second 401 ends the session.
 */
export async function call<T>(request: () => Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request();
    if (answer.response.status === 401 && tokens?.token() && (await tokens.refresh())) answer = await request();
  } catch {
    throw new ApiError('The shop cannot be reached: check your connection, then try again.', 0, 'retry');
  }
  if (answer.response.ok) return answer.data as T;
  if (answer.response.status === 401 && tokens?.token()) tokens.expired();
  throw toApiError(answer.response.status, answer.error);
}

/** The degraded parts of a composed answer (`X-Degraded`), for a page that shows what it has. */
export const degradedOf = (response: Response) => (response.headers.get('x-degraded') ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * GET of a gateway route its merged document leaves out (the gateway's own `/health`, whose full
 * report it gives admins only): the same token, refresh and failures as `call`, the caller's type.
 */
export async function getUndocumented<T>(path: string, options: { alsoData?: number[] } = {}): Promise<T> {
  let data: T | undefined;
  const answer = await call<T>(async () => {
    const token = tokens?.token();
    const response = await fetch(`/api${path}`, { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    const body: unknown = await response.json().catch(() => undefined);
    // A health report says "unhealthy" with a 503 and is still the report to show.
    if (options.alsoData?.includes(response.status) && body !== undefined) data = body as T;
    return response.ok ? { data: body as T, response } : { error: body, response };
  }).catch((error: unknown) => {
    if (data !== undefined) return data;
    throw error;
  });
  return answer;
}

/** POST to a gateway route its merged document does not describe yet, with the same failures as `call`. */
export async function postUndocumented<T>(path: string, body?: unknown): Promise<T> {
  return call<T>(async () => {
    const token = tokens?.token();
    const headers: Record<string, string> = { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`/api${path}`, { method: 'POST', headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const answer: unknown = await response.json().catch(() => undefined);
    return response.ok ? { data: answer as T, response } : { error: answer, response };
  });
}
