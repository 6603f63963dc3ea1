/**
 * The gateway's admin routes the console's operations pages read: each service's health, outbox and
 * dead-letter queue, the checkout sagas, the traces and the isolation audit. Every page calls them
 * through this file only, so their types and paths are in one place.
 *
 * The services' routes are typed by the generated schema. The trace receiver's (`/admin/traces`,
 * `/admin/audit`) are not in the gateway's merged document the snapshot is made from, so their types
 * are written here from the receiver's answers (tools/src/trace-receiver.ts, audit-runner.ts).
 */
import { api, ApiError, call, getUndocumented, postUndocumented, type Body } from '../api/client';
import type { paths } from '../api/schema';

export type ServiceHealth = Body<'/admin/services/{service}/health', 'get'>;
export type Status = ServiceHealth['status'];
export type Outbox = Body<'/admin/services/{service}/outbox', 'get'>;
export type DeadLetters = Body<'/admin/services/{service}/dlq', 'get'>;
export type DeadLetter = DeadLetters['messages'][number];
export type SagaFilter = paths['/admin/sagas']['get']['parameters']['query']['state'];
export type SagaPage = Body<'/admin/sagas', 'get'>;
export type SagaSummary = SagaPage['items'][number];
export type SagaDetail = Body<'/admin/sagas/{orderId}', 'get'>;

type ServiceOf<P extends keyof paths> = paths[P] extends { get: { parameters: { path: { service: infer S } } } } | { post: { parameters: { path: { service: infer S } } } } ? S : never;
/**
 * A service's name from the address, as one the route accepts: the gateway itself holds each route
 * to its services (a name it does not route is a 404, which the page says as such).
 */
const serviceFor = <P extends keyof paths>(name: string) => name as ServiceOf<P>;

/** A trace in a list (tools/src/trace-receiver.ts). */
export interface TraceSummary {
  traceId: string;
  root: { name: string; service: string };
  services: string[];
  spanCount: number;
  errors: number;
  start: string;
  durationMs: number;
  orderIds: string[];
  correlationIds: string[];
}
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: 'internal' | 'server' | 'client' | 'producer' | 'consumer' | 'unspecified';
  service: string;
  startMs: number;
  start: string;
  durationMs: number;
  status: 'unset' | 'ok' | 'error';
  statusMessage?: string;
  attributes: Record<string, AttributeValue>;
}
export interface Trace { traceId: string; dropped: number; spans: Span[] }

export interface AuditFinding { service: string; area: string; check: string; outcome: 'ok' | 'breach' | 'skipped'; detail?: string }
/** The latest finished run (its findings empty and `error` set when it could not finish), and whether one is under way. */
export interface AuditReport {
  running: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  error: string | null;
  summary: Record<AuditFinding['outcome'], number>;
  findings: AuditFinding[];
}

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** A 404 read as "nothing here": a service with no outbox, a saga or trace that is not kept. */
export async function orNothing<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

const isReport = (body: unknown): body is ServiceHealth => typeof body === 'object' && body !== null && 'checks' in body && 'status' in body;

export const admin = {
  // An unhealthy service answers 503 with its report, which is the report to show.
  health: async (name: string): Promise<ServiceHealth> => {
    let report: ServiceHealth | undefined;
    try {
      return await call(async () => {
        const answer = await api.GET('/admin/services/{service}/health', { params: { path: { service: serviceFor<'/admin/services/{service}/health'>(name) } } });
        if (answer.response.status === 503 && isReport(answer.error)) report = answer.error;
        return answer;
      });
    } catch (error) {
      if (report) return report;
      throw error;
    }
  },
  outbox: (name: string) => call(() => api.GET('/admin/services/{service}/outbox', { params: { path: { service: serviceFor<'/admin/services/{service}/outbox'>(name) } } })),
  deadLetters: (name: string, limit = 100) => call(() => api.GET('/admin/services/{service}/dlq', { params: { path: { service: serviceFor<'/admin/services/{service}/dlq'>(name) }, query: { limit } } })),
  replay: (name: string, which: { id: string } | { all: true }) =>
    call(() => api.POST('/admin/services/{service}/dlq/replay', { params: { path: { service: serviceFor<'/admin/services/{service}/dlq/replay'>(name) } }, body: which })),
  sagas: (state: SagaFilter, after?: string, limit = 50) => call(() => api.GET('/admin/sagas', { params: { query: { state, limit, ...(after ? { after } : {}) } } })),
  saga: (orderId: string) => call(() => api.GET('/admin/sagas/{orderId}', { params: { path: { orderId } } })),
  traces: (orderId: string) => getUndocumented<{ items: TraceSummary[] }>(`/admin/traces${query({ orderId })}`),
  trace: (traceId: string) => getUndocumented<Trace>(`/admin/traces/${encodeURIComponent(traceId)}`),
  audit: () => getUndocumented<AuditReport>('/admin/audit'),
  /** Starts a run (unless one is under way) and answers at once. */
  runAudit: () => postUndocumented<AuditReport>('/admin/audit'),
};
