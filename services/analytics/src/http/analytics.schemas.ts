import { Type, type TSchema } from 'typebox';
import { REPORTS } from '../reports/reports.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time', maxLength: 40 });
const Count = (description?: string) => Type.Integer({ format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, ...(description ? { description } : {}) });
const Day = (description: string) => Type.String({ format: 'date', maxLength: 10, description });

export const ReportParams = Type.Object({
  name: Type.Enum(REPORTS.map((r) => r.name), { description: 'one of the reports GET /analytics/reports lists' }),
}, { additionalProperties: false });

/**
 * Every rule a report request is held to is stated here. Beyond the schema, a request is refused
 * (400 naming the parameter) when `from` is after `to` or the period is longer than 366 days.
 */
export const ReportQuery = Type.Object({
  from: Type.Optional(Day('first UTC day (YYYY-MM-DD); default: 29 days before to')),
  to: Type.Optional(Day('last UTC day, inclusive; default: today')),
  format: Type.Optional(Type.Enum(['json', 'csv'], { description: 'json (default), or csv: one header line and a line per row. Accept: text/csv also asks for csv.' })),
}, { additionalProperties: false });

export const ReportSchema = Type.Object({
  report: Type.String({ maxLength: 50 }),
  title: Type.String({ maxLength: 200 }),
  period: Type.Object({ from: Type.String({ format: 'date', maxLength: 10 }), to: Type.String({ format: 'date', maxLength: 10 }) }),
  columns: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 50 }),
  rows: Type.Array(Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean(), Type.Null()])), {
    maxItems: 1_000_000, description: 'one object per row, its keys the columns',
  }),
});

export const ReportListSchema = Type.Object({
  items: Type.Array(Type.Object({
    name: Type.String({ maxLength: 50 }),
    title: Type.String({ maxLength: 200 }),
    description: Type.String({ maxLength: 2000 }),
    columns: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 50 }),
  }), { maxItems: 50 }),
});

const CheckResultSchema = Type.Object({
  check: Type.String({ maxLength: 50 }),
  title: Type.String({ maxLength: 200 }),
  status: Type.Enum(['ok', 'findings', 'skipped']),
  findings: Count('how many entities break it (all of them, though at most 1000 are listed)'),
  note: Type.Optional(Type.String({ maxLength: 500, description: 'why it was skipped' })),
});

export const ReconciliationSchema = Type.Object({
  runId: Type.String({ format: 'uuid', maxLength: 36 }),
  startedAt: Timestamp,
  finishedAt: Timestamp,
  trigger: Type.Enum(['schedule', 'request']),
  checks: Type.Array(CheckResultSchema, { maxItems: 50 }),
  findings: Type.Array(Type.Object({
    check: Type.String({ maxLength: 50 }),
    entity: Type.String({ maxLength: 200, description: 'the order id or SKU at fault' }),
    detail: Type.String({ maxLength: 1000 }),
  }), { maxItems: 50_000, description: 'at most 1000 per check' }),
});

export const StatusSchema = Type.Object({
  events: Count('events in the warehouse'),
  newestEventAt: Nullable(Timestamp),
  lastFoldedAt: Nullable(Type.String({ format: 'date-time', maxLength: 40, description: 'when this process last folded a batch' })),
  facts: Type.Record(Type.String(), Count()),
  cdc: Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 100, description: 'each data product read by CDC, with its state' }),
});

export const RebuildSchema = Type.Object({
  events: Count('raw events folded'),
  seconds: Type.Number({ minimum: 0 }),
  tables: Type.Record(Type.String(), Count()),
});
