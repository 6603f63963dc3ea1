/**
 * The trace receiver's read API as an OpenAPI document (`GET /openapi.json`), so that the gateway,
 * which routes `/admin/traces` and `/admin/audit` to it, shows these routes in its merged document
 * like any service's. The shapes are those trace-receiver.ts and audit-runner.ts answer with.
 */
const str = (maxLength: number, extra: Record<string, unknown> = {}) => ({ type: 'string', maxLength, ...extra });
const int = (maximum: number) => ({ type: 'integer', minimum: 0, maximum });
const TRACE_ID = str(32, { pattern: '^[0-9a-f]{32}$' });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/TraceReceiverProblem' } } },
});
const json = (description: string, ref: string) => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const problems = { 400: problem('a parameter is invalid'), 500: problem('an unexpected error'), 503: problem('the receiver cannot answer') };
const ID = str(128, { pattern: '^[A-Za-z0-9._:-]{1,128}$' });

const schemas = {
  TraceReceiverProblem: {
    type: 'object', required: ['title', 'status', 'detail'],
    properties: { type: str(100), title: str(100), status: { type: 'integer', minimum: 400, maximum: 599 }, detail: str(2000) },
  },
  TraceSummary: {
    type: 'object', additionalProperties: false,
    required: ['traceId', 'root', 'services', 'spanCount', 'errors', 'start', 'durationMs', 'orderIds', 'correlationIds'],
    properties: {
      traceId: TRACE_ID,
      root: { type: 'object', required: ['name', 'service'], properties: { name: str(256), service: str(256) } },
      services: { type: 'array', maxItems: 100, items: str(256) },
      spanCount: int(5000),
      errors: int(5000),
      start: str(30, { format: 'date-time' }),
      durationMs: { type: 'number', minimum: 0 },
      orderIds: { type: 'array', maxItems: 1000, items: str(256) },
      correlationIds: { type: 'array', maxItems: 1000, items: str(256) },
    },
  },
  TraceList: { type: 'object', required: ['items'], properties: { items: { type: 'array', maxItems: 1000, items: { $ref: '#/components/schemas/TraceSummary' } } } },
  Span: {
    type: 'object', required: ['traceId', 'spanId', 'name', 'kind', 'service', 'startMs', 'start', 'durationMs', 'status', 'attributes', 'links', 'events'],
    properties: {
      traceId: TRACE_ID,
      spanId: str(16, { pattern: '^[0-9a-f]{16}$' }),
      parentSpanId: str(16, { pattern: '^[0-9a-f]{16}$' }),
      name: str(256),
      kind: { type: 'string', enum: ['internal', 'server', 'client', 'producer', 'consumer', 'unspecified'] },
      service: str(256),
      startMs: { type: 'number', description: 'start as epoch milliseconds, with fractions' },
      start: str(30, { format: 'date-time' }),
      durationMs: { type: 'number', minimum: 0 },
      status: { type: 'string', enum: ['unset', 'ok', 'error'] },
      statusMessage: str(10_000),
      attributes: { type: 'object', additionalProperties: true },
      links: { type: 'array', maxItems: 1000, items: { type: 'object', required: ['traceId', 'spanId'], properties: { traceId: TRACE_ID, spanId: str(16) } } },
      events: {
        type: 'array', maxItems: 1000,
        items: { type: 'object', required: ['name', 'timeMs', 'attributes'], properties: { name: str(256), timeMs: { type: 'number' }, attributes: { type: 'object', additionalProperties: true } } },
      },
    },
  },
  Trace: {
    type: 'object', required: ['traceId', 'dropped', 'spans'],
    properties: { traceId: TRACE_ID, dropped: int(1e9), spans: { type: 'array', maxItems: 5000, items: { $ref: '#/components/schemas/Span' } } },
  },
  AuditReport: {
    type: 'object', additionalProperties: false,
    required: ['running', 'startedAt', 'finishedAt', 'durationMs', 'error', 'summary', 'findings'],
    properties: {
      running: { type: 'boolean', description: 'a run is under way; the rest is the latest finished run' },
      startedAt: { type: ['string', 'null'], format: 'date-time', maxLength: 30 },
      finishedAt: { type: ['string', 'null'], format: 'date-time', maxLength: 30, description: 'null until a run has finished' },
      durationMs: { type: ['integer', 'null'], minimum: 0, maximum: 3_600_000 },
      error: { type: ['string', 'null'], maxLength: 2000, description: 'why the latest run could not finish' },
      summary: { type: 'object', required: ['ok', 'breach', 'skipped'], properties: { ok: int(100_000), breach: int(100_000), skipped: int(100_000) } },
      findings: {
        type: 'array', maxItems: 100_000,
        items: {
          type: 'object', additionalProperties: false, required: ['service', 'area', 'check', 'outcome'],
          properties: {
            service: str(100),
            area: { type: 'string', enum: ['postgres', 'redis', 'rabbitmq', 'code'] },
            check: str(1000),
            outcome: { type: 'string', enum: ['ok', 'breach', 'skipped'] },
            detail: str(10_000),
          },
        },
      },
    },
  },
};

export const traceReceiverDocument = {
  openapi: '3.1.0',
  info: { title: 'trace receiver', version: '1.0.0', description: 'Recent traces kept by npm start, and the isolation audit it runs' },
  tags: [{ name: 'traces', description: 'traces of recent requests and messages, and the isolation audit' }],
  paths: {
    '/traces': {
      get: {
        operationId: 'listTraces', tags: ['traces'], summary: 'Recent traces, newest first, found by order, correlation or trace id',
        parameters: [
          { name: 'orderId', in: 'query', schema: ID, description: 'traces that name this order' },
          { name: 'correlationId', in: 'query', schema: ID },
          { name: 'traceId', in: 'query', schema: TRACE_ID },
          { name: 'limit', in: 'query', schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 1000, default: 50 } },
        ],
        responses: { 200: json('the matching traces, each summarised', 'TraceList'), ...problems },
      },
    },
    '/traces/{traceId}': {
      get: {
        operationId: 'getTrace', tags: ['traces'], summary: 'Every span of one trace, by start time (a waterfall)',
        parameters: [{ name: 'traceId', in: 'path', required: true, schema: TRACE_ID }],
        responses: { 200: json('the trace', 'Trace'), 404: problem('no such trace is kept (it may have been evicted)'), ...problems },
      },
    },
    '/audit': {
      get: {
        operationId: 'getIsolationAudit', tags: ['traces'], summary: "The isolation audit's latest result",
        responses: { 200: json('the latest run, and whether one is under way', 'AuditReport'), 404: problem('no audit is run here'), ...problems },
      },
      post: {
        operationId: 'runIsolationAudit', tags: ['traces'], summary: 'Run the isolation audit again (in the background; read GET for the result)',
        responses: { 202: json('the run started (or one was under way already)', 'AuditReport'), 404: problem('no audit is run here'), ...problems },
      },
    },
  },
  components: { schemas },
};
