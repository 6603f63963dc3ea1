/** An HTTP answer from one of the system's services, its body parsed as JSON. */
export interface JsonAnswer {
  status: number;
  headers: Headers;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of several services, read field by field
}

export interface JsonRequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** A JSON request to a running service, as a client would make it. A body that is not JSON comes back as `{ text }`. */
export async function requestJson(url: string, method: string, options: JsonRequestOptions = {}): Promise<JsonAnswer> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  const text = await response.text();
  let body: JsonAnswer['body'] = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { text };
  }
  return { status: response.status, headers: response.headers, body };
}

/** GET requests a service process answered on one route, read from its `/metrics` (the kit's request histogram). */
export async function getsServed(metricsUrl: string, route: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return text.split('\n')
    .filter((line) => line.startsWith('http_request_duration_seconds_count{') && line.includes(`route="${route}"`) && line.includes('method="GET"'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
