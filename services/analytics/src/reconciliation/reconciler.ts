import { randomUUID } from 'node:crypto';
import type { Warehouse } from '../warehouse/warehouse.js';
import { CHECKS, type Check, type Finding } from './checks.js';

export interface CheckResult {
  check: string;
  title: string;
  status: 'ok' | 'findings' | 'skipped';
  findings: number;
  note?: string;
}

export interface ReconciliationRun {
  runId: string;
  startedAt: string;
  finishedAt: string;
  trigger: 'schedule' | 'request';
  checks: CheckResult[];
  /** At most `maxFindingsPerCheck` per check; `checks[].findings` has the full count. */
  findings: (Finding & { check: string })[];
}

export interface ReconcilerSettings {
  graceSeconds: number;
  sagaDeadlineSeconds: number;
  /** Findings kept per check and run (default 1000); the count is always whole. */
  maxFindingsPerCheck?: number;
  /** Runs kept (default 100): the oldest are deleted with their findings. */
  keepRuns?: number;
  onRun?: (run: ReconciliationRun) => void;
  now?: () => Date;
}

/** Runs every check, keeps the run and its findings in the warehouse, and tells `onRun` (metrics). */
export class Reconciler {
  private running: Promise<ReconciliationRun> | undefined;

  constructor(private readonly warehouse: Warehouse, private readonly settings: ReconcilerSettings, private readonly checks: readonly Check[] = CHECKS) {}

  /** One run; a request during a run gets that run's result rather than a second run beside it. */
  run(trigger: ReconciliationRun['trigger']): Promise<ReconciliationRun> {
    this.running ??= this.runOnce(trigger).finally(() => (this.running = undefined));
    return this.running;
  }

  private async runOnce(trigger: ReconciliationRun['trigger']): Promise<ReconciliationRun> {
    const now = this.settings.now?.() ?? new Date();
    const ctx = { now, judgedBefore: new Date(now.getTime() - this.settings.graceSeconds * 1000), sagaDeadlineSeconds: this.settings.sagaDeadlineSeconds };
    const max = this.settings.maxFindingsPerCheck ?? 1000;
    const checks: CheckResult[] = [];
    const findings: ReconciliationRun['findings'] = [];
    for (const check of this.checks) {
      const outcome = await check.run(this.warehouse, ctx);
      if ('skipped' in outcome) {
        checks.push({ check: check.id, title: check.title, status: 'skipped', findings: 0, note: outcome.skipped });
        continue;
      }
      checks.push({ check: check.id, title: check.title, status: outcome.length ? 'findings' : 'ok', findings: outcome.length });
      findings.push(...outcome.slice(0, max).map((f) => ({ check: check.id, entity: f.entity, detail: f.detail })));
    }
    const run: ReconciliationRun = { runId: randomUUID(), startedAt: now.toISOString(), finishedAt: new Date().toISOString(), trigger, checks, findings };
    await this.save(run);
    this.settings.onRun?.(run);
    return run;
  }

  private save(run: ReconciliationRun): Promise<void> {
    return this.warehouse.write(async (tx) => {
      await tx.run('INSERT INTO reconciliation_runs VALUES ($1::UUID, $2::TIMESTAMPTZ, $3::TIMESTAMPTZ, $4, $5::JSON)', [run.runId, run.startedAt, run.finishedAt, run.trigger, JSON.stringify(run.checks)]);
      for (let i = 0; i < run.findings.length; i += 300) {
        const chunk = run.findings.slice(i, i + 300);
        await tx.run(
          `INSERT INTO reconciliation_findings VALUES ${chunk.map((_, k) => `($1::UUID, $${k * 3 + 2}, $${k * 3 + 3}, $${k * 3 + 4})`).join(', ')}`,
          [run.runId, ...chunk.flatMap((f) => [f.check, f.entity, f.detail])],
        );
      }
      const keep = this.settings.keepRuns ?? 100;
      await tx.run(`DELETE FROM reconciliation_findings WHERE run_id NOT IN (SELECT run_id FROM reconciliation_runs ORDER BY finished_at DESC LIMIT ${keep})`);
      await tx.run(`DELETE FROM reconciliation_runs WHERE run_id NOT IN (SELECT run_id FROM reconciliation_runs ORDER BY finished_at DESC LIMIT ${keep})`);
    });
  }

  /** The newest run with its findings, or undefined before the first. */
  async latest(): Promise<ReconciliationRun | undefined> {
    const [row] = await this.warehouse.all<{ run_id: string; started_at: string; finished_at: string; trigger: ReconciliationRun['trigger']; checks: string }>(
      'SELECT run_id::VARCHAR AS run_id, started_at, finished_at, trigger, checks::VARCHAR AS checks FROM reconciliation_runs ORDER BY finished_at DESC LIMIT 1',
    );
    if (!row) return undefined;
    const findings = await this.warehouse.all<Finding & { check: string }>(
      'SELECT check_id AS "check", entity, detail FROM reconciliation_findings WHERE run_id = $1::UUID ORDER BY check_id, entity', [row.run_id],
    );
    return { runId: row.run_id, startedAt: row.started_at, finishedAt: row.finished_at, trigger: row.trigger, checks: JSON.parse(row.checks) as CheckResult[], findings };
  }
}
