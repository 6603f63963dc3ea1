import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BatchOutcome } from './ingest/inbox.js';
import type { ReconciliationRun } from './reconciliation/reconciler.js';
import { CHECKS } from './reconciliation/checks.js';

/**
 * analytics' own metrics: how much it folds, how fresh the warehouse is, and what reconciliation
 * found (`reconciliation_findings{check}`, alerted on in deploy/prometheus/alerts.yml).
 */
export function registerAnalyticsMetrics(registry: Registry) {
  const registers = [registry];
  const folded = new Counter({ name: 'warehouse_events_folded_total', help: 'Events appended to raw_events and folded into the facts', registers });
  const duplicates = new Counter({ name: 'warehouse_events_duplicate_total', help: 'Deliveries of events the warehouse already had', registers });
  const batchSeconds = new Histogram({
    name: 'warehouse_fold_batch_seconds', help: 'Time to fold one batch in one transaction', registers,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  const freshness = new Histogram({
    name: 'warehouse_freshness_seconds', help: 'From an event\'s commit at its source to its fold into the warehouse', registers,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  });
  const findings = new Gauge({ name: 'reconciliation_findings', help: 'Entities breaking each cross-service invariant at the last reconciliation', labelNames: ['check'], registers });
  const skipped = new Gauge({ name: 'reconciliation_check_skipped', help: '1 when a check could not run at the last reconciliation (its data is not read here)', labelNames: ['check'], registers });
  const lastRun = new Gauge({ name: 'reconciliation_last_run_timestamp_seconds', help: 'When the last reconciliation finished', registers });
  for (const check of CHECKS) findings.set({ check: check.id }, 0);
  let lastFoldedAt: Date | undefined;
  return {
    onBatch(outcome: BatchOutcome) {
      folded.inc(outcome.folded);
      if (outcome.duplicates) duplicates.inc(outcome.duplicates);
      batchSeconds.observe(outcome.seconds);
      for (const seconds of outcome.freshness) freshness.observe(seconds);
      if (outcome.folded) lastFoldedAt = new Date();
    },
    onRun(run: ReconciliationRun) {
      for (const check of run.checks) {
        findings.set({ check: check.check }, check.findings);
        skipped.set({ check: check.check }, check.status === 'skipped' ? 1 : 0);
      }
      lastRun.set(Date.parse(run.finishedAt) / 1000);
    },
    lastFoldedAt: () => lastFoldedAt?.toISOString() ?? null,
  };
}
