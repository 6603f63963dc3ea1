import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { AuditRunner } from './audit-runner.js';
import { traceReceiverDocument } from './trace-receiver.openapi.js';

/**
 * A trace receiver for `npm start` and the tests: it takes spans over OTLP/HTTP in JSON (what the
 * kit's exporter sends; POST /v1/traces), keeps the most recent traces in memory and serves them:
 *
 * - `GET /traces?orderId=&correlationId=&traceId=&limit=`: the matching traces, newest first, each
 *   summarised (root span, services, span count, duration, errors, the order and correlation ids seen);
 * - `GET /traces/:traceId`: every span of one trace, by start time, for a waterfall;
 * - `GET /audit` and `POST /audit`: the isolation audit's latest result, and a new run (given `audit`);
 * - `GET /openapi.json` (these routes, for the gateway's merged document) and `GET /health/live`.
 *
 * In production the services export to a real collector instead (Jaeger, Tempo, an OpenTelemetry
 * Collector): only OTEL_EXPORTER_OTLP_ENDPOINT changes.
 */
export interface TraceReceiverOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /**
   * Traces kept (default 1000). The least recently updated ones go first, those that name no order
   * (routine traffic: couriers' positions, polls) before those that do (checkouts, deliveries).
   */
  maxTraces?: number;
  /** Spans kept per trace; later ones are counted as dropped (default 5000). */
  maxSpansPerTrace?: number;
  /** Spans kept in all (default 200,000, some 200 MB): past it, the least recently updated traces go. */
  maxSpans?: number;
  /** The isolation audit the launcher runs, served at /audit (404 without). */
  audit?: AuditRunner;
}

export interface TraceReceiver {
  /** The OTLP endpoint to give services as OTEL_EXPORTER_OTLP_ENDPOINT (they add `/v1/traces`). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: 'internal' | 'server' | 'client' | 'producer' | 'consumer' | 'unspecified';
  service: string;
  /** Start as epoch milliseconds (with fractions) and ISO text. */
  startMs: number;
  start: string;
  durationMs: number;
  status: 'unset' | 'ok' | 'error';
  statusMessage?: string;
  attributes: Record<string, AttributeValue>;
  links: { traceId: string; spanId: string }[];
  events: { name: string; timeMs: number; attributes: Record<string, AttributeValue> }[];
}

interface StoredTrace {
  traceId: string;
  spans: SpanRecord[];
  dropped: number;
  /** A span names an order: the trace is kept longer than routine traffic (a courier's location, a poll). */
  aboutAnOrder: boolean;
}

const KINDS: SpanRecord['kind'][] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const ORDER_ATTRIBUTES = ['bazaar.order_id', 'order.id'];
const CORRELATION_ATTRIBUTES = ['bazaar.correlation_id'];
const HEX = (length: number) => new RegExp(`^[0-9a-f]{${length}}$`);
const TRACE_ID = HEX(32);
const PLAIN_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_BODY = 16 * 1024 * 1024;

export async function startTraceReceiver(options: TraceReceiverOptions = {}): Promise<TraceReceiver> {
  const maxTraces = options.maxTraces ?? 1000;
  const maxSpansPerTrace = options.maxSpansPerTrace ?? 5000;
  const maxSpans = options.maxSpans ?? 200_000;
  // A Map keeps insertion order: a trace touched again is moved to the end, the first is the oldest.
  const traces = new Map<string, StoredTrace>();
  let spanCount = 0;

  const store = (spans: SpanRecord[]) => {
    for (const span of spans) {
      let stored = traces.get(span.traceId);
      if (stored) traces.delete(span.traceId);
      else stored = { traceId: span.traceId, spans: [], dropped: 0, aboutAnOrder: false };
      traces.set(span.traceId, stored);
      if (stored.spans.length < maxSpansPerTrace) {
        stored.spans.push(span);
        spanCount += 1;
        stored.aboutAnOrder ||= ORDER_ATTRIBUTES.some((key) => typeof span.attributes[key] === 'string');
      } else {
        stored.dropped += 1;
      }
    }
    while (traces.size > maxTraces || (spanCount > maxSpans && traces.size > 1)) evictOne();
  };

  /** The least recently updated trace that names no order goes first; the oldest of all when every one does. */
  const evictOne = () => {
    let victim: StoredTrace | undefined;
    for (const stored of traces.values()) {
      if (!stored.aboutAnOrder) {
        victim = stored;
        break;
      }
    }
    victim ??= traces.values().next().value!;
    spanCount -= victim.spans.length;
    traces.delete(victim.traceId);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => problem(res, 400, 'Bad request', error instanceof Error ? error.message : String(error)));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (url.pathname === '/v1/traces') {
      if (req.method !== 'POST') return problem(res, 405, 'Method not allowed', 'OTLP spans are POSTed');
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      if (type !== 'application/json') return problem(res, 415, 'Unsupported media type', 'this receiver takes OTLP/HTTP in JSON (OTEL_EXPORTER_OTLP_PROTOCOL=http/json)');
      let body = await readBody(req);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body, { maxOutputLength: MAX_BODY });
      store(parseOtlpJson(JSON.parse(body.toString('utf8'))));
      return json(res, 200, {});
    }
    if (url.pathname === '/audit') {
      if (!options.audit) return problem(res, 404, 'Not found', 'no isolation audit is run here');
      if (req.method === 'POST') return json(res, 202, options.audit.run());
      if (req.method !== 'GET') return problem(res, 405, 'Method not allowed', 'the audit is read with GET and run again with POST');
      return json(res, 200, options.audit.latest());
    }
    if (req.method !== 'GET') return problem(res, 405, 'Method not allowed', 'traces are read with GET');
    // What the gateway asks of every upstream: that it is alive, and what it serves.
    if (url.pathname === '/health/live') return json(res, 200, { status: 'up' });
    if (url.pathname === '/openapi.json') return json(res, 200, traceReceiverDocument);
    if (url.pathname === '/traces') return json(res, 200, { items: search(url.searchParams) });
    const one = /^\/traces\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const traceId = decodeURIComponent(one[1]!).toLowerCase();
      if (!TRACE_ID.test(traceId)) return problem(res, 400, 'Bad request', 'a trace id is 32 hexadecimal digits');
      const stored = traces.get(traceId);
      if (!stored) return problem(res, 404, 'Not found', `no trace ${traceId} is kept here (it may be older than the last ${maxTraces})`);
      return json(res, 200, { traceId, dropped: stored.dropped, spans: [...stored.spans].sort((a, b) => a.startMs - b.startMs) });
    }
    return problem(res, 404, 'Not found', 'try GET /traces or GET /traces/:traceId');
  }

  function search(params: URLSearchParams) {
    for (const key of params.keys()) {
      if (!['orderId', 'correlationId', 'traceId', 'limit'].includes(key)) throw new Error(`unknown parameter ${key}`);
    }
    const check = (name: string, pattern: RegExp) => {
      const value = params.get(name) ?? undefined;
      if (value !== undefined && !pattern.test(value)) throw new Error(`${name} is not a valid id`);
      return value;
    };
    const orderId = check('orderId', PLAIN_ID);
    const correlationId = check('correlationId', PLAIN_ID);
    const traceId = check('traceId', TRACE_ID);
    const limitText = params.get('limit') ?? '50';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error('limit is a whole number from 1 to 1000');
    const items = [];
    for (const stored of [...traces.values()].reverse()) {
      if (traceId && stored.traceId !== traceId) continue;
      const summary = summarise(stored);
      if (orderId && !summary.orderIds.includes(orderId) && !stored.spans.some((s) => String(s.attributes['url.path'] ?? '').includes(orderId))) continue;
      if (correlationId && !summary.correlationIds.includes(correlationId)) continue;
      items.push(summary);
      if (items.length >= limit) break;
    }
    return items;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** One trace in a list: what a console shows before the waterfall is opened. */
function summarise(stored: StoredTrace) {
  const ids = new Set(stored.spans.map((s) => s.spanId));
  // The root: the span without a parent, else (its parent not received yet) the earliest.
  const roots = stored.spans.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
  const root = roots.find((s) => !s.parentSpanId) ?? [...roots].sort((a, b) => a.startMs - b.startMs)[0]!;
  const start = Math.min(...stored.spans.map((s) => s.startMs));
  const end = Math.max(...stored.spans.map((s) => s.startMs + s.durationMs));
  const values = (keys: string[]) => [...new Set(stored.spans.flatMap((s) => keys.map((k) => s.attributes[k]).filter((v): v is string => typeof v === 'string')))];
  return {
    traceId: stored.traceId,
    root: { name: root.name, service: root.service },
    services: [...new Set(stored.spans.map((s) => s.service))].sort(),
    spanCount: stored.spans.length,
    errors: stored.spans.filter((s) => s.status === 'error').length,
    start: new Date(start).toISOString(),
    durationMs: Math.round((end - start) * 1000) / 1000,
    orderIds: values(ORDER_ATTRIBUTES),
    correlationIds: values(CORRELATION_ATTRIBUTES),
  };
}

interface OtlpKeyValue { key: string; value?: OtlpAnyValue }
interface OtlpAnyValue {
  stringValue?: string; boolValue?: boolean; intValue?: string | number; doubleValue?: number; bytesValue?: string;
  arrayValue?: { values?: OtlpAnyValue[] }; kvlistValue?: { values?: OtlpKeyValue[] };
}
interface OtlpSpan {
  traceId: string; spanId: string; parentSpanId?: string; name: string; kind?: number;
  startTimeUnixNano: string | number; endTimeUnixNano: string | number;
  attributes?: OtlpKeyValue[]; status?: { code?: number; message?: string };
  links?: { traceId: string; spanId: string }[];
  events?: { name: string; timeUnixNano: string | number; attributes?: OtlpKeyValue[] }[];
}
interface OtlpRequest { resourceSpans?: { resource?: { attributes?: OtlpKeyValue[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[] }

/** The spans of an OTLP/JSON ExportTraceServiceRequest. Ids are hex, as OTLP/JSON says. */
export function parseOtlpJson(request: OtlpRequest): SpanRecord[] {
  const spans: SpanRecord[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = attributesOf(resourceSpans.resource?.attributes);
    const service = typeof resource['service.name'] === 'string' ? resource['service.name'] : 'unknown';
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        const traceId = hexId(span.traceId, 32);
        const spanId = hexId(span.spanId, 16);
        const parent = span.parentSpanId ? hexId(span.parentSpanId, 16) : undefined;
        const startMs = nanosToMs(span.startTimeUnixNano);
        spans.push({
          traceId,
          spanId,
          ...(parent && parent !== '0000000000000000' ? { parentSpanId: parent } : {}),
          name: String(span.name).slice(0, 256),
          kind: KINDS[span.kind ?? 0] ?? 'unspecified',
          service,
          startMs,
          start: new Date(startMs).toISOString(),
          durationMs: Math.max(0, nanosToMs(span.endTimeUnixNano) - startMs),
          status: span.status?.code === 2 ? 'error' : span.status?.code === 1 ? 'ok' : 'unset',
          ...(span.status?.message ? { statusMessage: span.status.message } : {}),
          attributes: attributesOf(span.attributes),
          links: (span.links ?? []).map((l) => ({ traceId: hexId(l.traceId, 32), spanId: hexId(l.spanId, 16) })),
          events: (span.events ?? []).map((e) => ({ name: e.name, timeMs: nanosToMs(e.timeUnixNano), attributes: attributesOf(e.attributes) })),
        });
      }
    }
  }
  return spans;
}

function hexId(value: unknown, length: number): string {
  const text = String(value ?? '').toLowerCase();
  if (!HEX(length).test(text)) throw new Error(`an id of ${length} hexadecimal digits was expected, not ${text.slice(0, 40)}`);
  return text;
}

/** Nanoseconds since the epoch (a decimal string in OTLP/JSON) as milliseconds, keeping microseconds. */
function nanosToMs(value: string | number): number {
  const nanos = BigInt(value);
  return Number(nanos / 1000n) / 1000;
}

function attributesOf(list: OtlpKeyValue[] | undefined): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const { key, value } of list ?? []) out[key] = valueOf(value);
  return out;
}

function valueOf(value: OtlpAnyValue | undefined): AttributeValue {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(valueOf);
  if (value.kvlistValue) return attributesOf(value.kvlistValue.values);
  return null;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error(`the request is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function problem(res: ServerResponse, status: number, title: string, detail: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}
