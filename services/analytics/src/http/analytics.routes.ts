import { Type } from 'typebox';
import { AppError, type JwtVerifier, type ServiceApp } from '@bazaar/platform';
import type { Reconciler } from '../reconciliation/reconciler.js';
import { REPORTS, reportNamed, type Period } from '../reports/reports.js';
import { FACT_TABLES } from '../ingest/fold.js';
import type { RebuildResult } from '../ingest/rebuild.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { toCsv } from './csv.js';
import { RebuildSchema, ReconciliationSchema, ReportListSchema, ReportParams, ReportQuery, ReportSchema, StatusSchema } from './analytics.schemas.js';

export interface AnalyticsRoutesDeps {
  warehouse: Warehouse;
  auth: JwtVerifier;
  reconciler: Reconciler;
  rebuild: () => Promise<RebuildResult>;
  /** The ingestion's state: when a batch was last folded, and each CDC source's. */
  status: () => { lastFoldedAt: string | null; cdc: Record<string, unknown>[] };
}

const security = [{ bearer: [] }];
const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

/** The period a report asked for, defaults filled in and its bounds checked. */
export function periodOf(query: { from?: string | undefined; to?: string | undefined }, today = new Date()): Period {
  const to = query.to ?? today.toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1) throw AppError.invalid('from must not be after to', [{ field: 'query.from', message: `${from} is after ${to}` }]);
  if (days > MAX_DAYS) throw AppError.invalid(`a period is at most ${MAX_DAYS} days`, [{ field: 'query.from', message: `${from} to ${to} is ${days} days` }]);
  return { from, to };
}

/** Reports, reconciliation and the warehouse's state: for admins only (the gateway checks it too). */
export function registerAnalyticsRoutes(app: ServiceApp, deps: AnalyticsRoutesDeps): void {
  const admin = deps.auth.preHandler({ role: 'admin' });

  app.get('/analytics/reports', {
    schema: { operationId: 'listReports', tags: ['analytics'], summary: 'The reports there are (admins)', security, response: { 200: ReportListSchema } },
    preHandler: admin,
  }, async () => ({ items: REPORTS.map(({ name, title, description, columns }) => ({ name, title, description, columns: [...columns] })) }));

  app.get('/analytics/reports/:name', {
    schema: {
      operationId: 'getReport', tags: ['analytics'], summary: 'One report over a period of UTC days (admins), as JSON or CSV', security,
      description: 'Beyond the parameters\' schemas, 400 when from is after to or the period exceeds 366 days. format=csv (or Accept: text/csv) answers text/csv.',
      params: ReportParams, querystring: ReportQuery,
      response: { 200: { content: { 'application/json': { schema: ReportSchema }, 'text/csv': { schema: Type.String({ maxLength: 1_000_000_000, description: 'RFC 4180, a header line first' }) } } } },
    },
    preHandler: admin,
  }, async (request, reply) => {
    const report = reportNamed(request.params.name)!;
    const period = periodOf(request.query);
    const rows = await report.query(deps.warehouse, period);
    const csv = request.query.format === 'csv' || (request.query.format === undefined && /\btext\/csv\b/.test(request.headers.accept ?? ''));
    if (csv) {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${report.name}_${period.from}_${period.to}.csv"`)
        .send(toCsv(report.columns, rows));
    }
    return { report: report.name, title: report.title, period, columns: [...report.columns], rows: rows as Record<string, string | number | boolean | null>[] };
  });

  app.get('/analytics/reconciliation', {
    schema: {
      operationId: 'getReconciliation', tags: ['analytics'], summary: 'The newest reconciliation run and its findings (admins)', security,
      description: '404 before the first run (runs happen on a schedule, or POST /analytics/reconciliation/runs).',
      response: { 200: ReconciliationSchema },
    },
    preHandler: admin,
  }, async () => {
    const run = await deps.reconciler.latest();
    if (!run) throw AppError.notFound('a reconciliation run');
    return run;
  });

  app.post('/analytics/reconciliation/runs', {
    schema: {
      operationId: 'runReconciliation', tags: ['analytics'], summary: 'Reconcile now (admins)', security,
      description: 'Runs every check and answers the run. A request while a run is under way gets that run.',
      response: { 201: ReconciliationSchema },
    },
    preHandler: admin,
  }, async (_request, reply) => reply.code(201).send(await deps.reconciler.run('request')));

  app.get('/analytics/status', {
    schema: {
      operationId: 'getAnalyticsStatus', tags: ['analytics'], summary: "The warehouse's contents and how current it is (admins)", security,
      description: 'Events held and the newest, rows per fact table, when this process last folded a batch, and each CDC source\'s state (streaming, copying or reconnecting, its last applied position and lag).',
      response: { 200: StatusSchema },
    },
    preHandler: admin,
  }, async () => {
    const [totals] = await deps.warehouse.all<{ events: number; newest: string | null }>('SELECT count(*) AS events, max(occurred_at) AS newest FROM raw_events');
    const facts: Record<string, number> = {};
    for (const table of FACT_TABLES) {
      facts[table] = (await deps.warehouse.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n;
    }
    const state = deps.status();
    return { events: totals?.events ?? 0, newestEventAt: totals?.newest ?? null, lastFoldedAt: state.lastFoldedAt, facts, cdc: state.cdc };
  });

  app.post('/analytics/rebuild', {
    schema: {
      operationId: 'rebuildWarehouse', tags: ['analytics'], summary: 'Derive every fact table again from the raw events (admins)', security,
      description: 'One transaction: reports see the old tables until it commits. Events arriving meanwhile wait and are folded after it.',
      response: { 200: RebuildSchema },
    },
    preHandler: admin,
  }, async () => deps.rebuild());
}
