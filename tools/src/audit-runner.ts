import type { Finding } from './audit.js';

/** The isolation audit as the operations console reads it: the latest finished run, and whether one is under way. */
export interface AuditReport {
  running: boolean;
  startedAt: string | null;
  /** Null until a run has finished. */
  finishedAt: string | null;
  durationMs: number | null;
  /** Why the latest run could not finish (PostgreSQL down, say); its findings are then empty. */
  error: string | null;
  summary: Record<Finding['outcome'], number>;
  findings: Finding[];
}

export interface AuditRunner {
  latest(): AuditReport;
  /** Starts a run unless one is under way; answers at once with the report as it stands. */
  run(): AuditReport;
  /** Settles when no run is under way (for shutdown and tests). */
  idle(): Promise<void>;
}

/**
 * Runs `audit` (tools/src/audit.ts against a deployment) in the background, one run at a time, and
 * keeps the latest result. A run that fails is kept as its error, never thrown.
 */
export function createAuditRunner(audit: () => Promise<Finding[]>, log: (line: string) => void = () => undefined): AuditRunner {
  let report: AuditReport = { running: false, startedAt: null, finishedAt: null, durationMs: null, error: null, summary: { ok: 0, breach: 0, skipped: 0 }, findings: [] };
  let current: Promise<void> | undefined;

  const start = () => {
    const started = Date.now();
    report = { ...report, running: true };
    current = audit().then(
      (findings) => {
        const summary = { ok: 0, breach: 0, skipped: 0 };
        for (const f of findings) summary[f.outcome] += 1;
        finish(started, { error: null, summary, findings });
        log(`isolation audit: ${summary.ok} held, ${summary.breach} breached, ${summary.skipped} skipped (${Date.now() - started} ms)`);
      },
      (error: unknown) => {
        finish(started, { error: error instanceof Error ? error.message : String(error), summary: { ok: 0, breach: 0, skipped: 0 }, findings: [] });
        log(`isolation audit: could not run: ${report.error}`);
      },
    ).finally(() => { current = undefined; });
  };
  const finish = (started: number, outcome: Pick<AuditReport, 'error' | 'summary' | 'findings'>) => {
    const now = Date.now();
    report = { running: false, startedAt: new Date(started).toISOString(), finishedAt: new Date(now).toISOString(), durationMs: now - started, ...outcome };
  };

  return {
    latest: () => report,
    run() {
      if (!current) start();
      return report;
    },
    idle: async () => { await current; },
  };
}
