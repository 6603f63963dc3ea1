/**
 * The gateway's admin routes the console's operations pages read: each service's health, outbox and
 * dead-letter queue, the checkout sagas, the traces and the isolation audit. Every page calls them
 * through this file only, so their types and paths are in one place.
 */
import { ApiError, getUndocumented, postUndocumented } from '../api/client';

export type Status = 'healthy' | 'degraded' | 'unhealthy';

/** A service's own /health (packages/platform's HealthStatus). */
export interface ServiceHealth {
  status: Status;
  service: string;
  version: string;
  uptime: number;
  timestamp: string;
  checks: Record<string, { status: Status; latency: number; message?: string; details?: Record<string, unknown> }>;
}

/** `oldestAgeSeconds` is 0 when nothing waits. */
export interface Outbox { backlog: number; oldestAgeSeconds: number }

/** One parked message, as the kit's dead-letter listing gives it (packages/platform, dlq.routes.ts). */
export interface DeadLetter {
  id: string;
  type?: string;
  version?: number;
  error: string;
  failedAt?: string;
  attempts?: number;
  queue?: string;
  exchange?: string;
  routingKey?: string;
  envelope?: unknown;
  body?: string;
}
export interface DeadLetters { queue: string; depth: number; messages: DeadLetter[]; consumes?: boolean }

export type SagaFilter = 'open' | 'stuck' | 'all';
export interface SagaSummary {
  orderId: string;
  number: string;
  state: string;
  step: string | null;
  attempt: number;
  deadlineAt: string | null;
  startedAt: string;
  finishedAt: string | null;
  reason: string | null;
  /** Open and past its step's deadline, or its compensation sent again unanswered. */
  stuck: boolean;
}
export interface SagaStepRecord { seq: number; step: string; kind: 'action' | 'compensation' | 'delivery'; status: string; detail: string | null; at: string }
/** What the saga knows of each thing it asked for, and its step log. */
export interface SagaDetail extends SagaSummary { payment: string; reservation: string; shipment: string; steps: SagaStepRecord[] }
export interface SagaPage { items: SagaSummary[]; nextCursor: string | null }

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

const service = (name: string) => encodeURIComponent(name);
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

export const admin = {
  // An unhealthy service answers 503 with its report, which is the report to show.
  health: (name: string) => getUndocumented<ServiceHealth>(`/admin/services/${service(name)}/health`, { alsoData: [503] }),
  outbox: (name: string) => getUndocumented<Outbox>(`/admin/services/${service(name)}/outbox`),
  deadLetters: (name: string, limit = 100) => getUndocumented<DeadLetters>(`/admin/services/${service(name)}/dlq${query({ limit })}`),
  replay: (name: string, which: { id: string } | { all: true }) => postUndocumented<{ replayed: number }>(`/admin/services/${service(name)}/dlq/replay`, which),
  sagas: (state: SagaFilter, after?: string, limit = 50) => getUndocumented<SagaPage>(`/admin/sagas${query({ state, limit, after })}`),
  saga: (orderId: string) => getUndocumented<SagaDetail>(`/admin/sagas/${encodeURIComponent(orderId)}`),
  traces: (orderId: string) => getUndocumented<{ items: TraceSummary[] }>(`/admin/traces${query({ orderId })}`),
  trace: (traceId: string) => getUndocumented<Trace>(`/admin/traces/${encodeURIComponent(traceId)}`),
  audit: () => getUndocumented<AuditReport>('/admin/audit'),
  /** Starts a run (unless one is under way) and answers at once. */
  runAudit: () => postUndocumented<AuditReport>('/admin/audit'),
};
