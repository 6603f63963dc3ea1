/**
 * The isolation audit's latest findings: for each service, whether its database, Redis keys and
 * broker user are its own, as the audit tried them. Breaches first, then what was skipped, then
 * what holds. "Run the audit now" starts a run, which takes some seconds: the page reads the report
 * again every 2 s, and shows the previous findings while a run is under way.
 */
import { useState } from 'react';
import type { ApiError } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { admin, type AuditFinding, type AuditReport } from './admin-api';

const POLL_MS = 2000;
const RANK: Record<AuditFinding['outcome'], number> = { breach: 0, skipped: 1, ok: 2 };
const ordered = (findings: AuditFinding[]) => [...findings].sort((a, b) => RANK[a.outcome] - RANK[b.outcome] || a.service.localeCompare(b.service) || a.area.localeCompare(b.area));

export function Audit() {
  // The report is kept in the receiver's memory: cheap to read, so read on a timer, not only while running.
  const latest = useLoad(() => admin.audit(), [], { pollMs: POLL_MS });
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const runNow = async () => {
    setStarting(true);
    setFailure(undefined);
    try {
      await admin.runAudit();
      latest.reload();
    } catch (error) {
      setFailure(error as ApiError);
    } finally {
      setStarting(false);
    }
  };
  const report = latest.state === 'ok' ? latest.data : undefined;
  const running = starting || report?.running === true;
  return (
    <Page title="Isolation audit">
      <p>Whether each service's data is its own: no other service's role reaches its database, its Redis keys are under its prefix, its broker user reaches its own queues only.</p>
      <p className="actions">
        <button type="button" className="button" disabled={running} onClick={() => void runNow()}>{running ? 'The audit is running…' : 'Run the audit now'}</button>
      </p>
      {failure && <ErrorPanel error={failure} compact />}
      <div aria-live="polite">
        {latest.state === 'loading' && <Placeholder lines={8} label="Loading the audit's findings" />}
        {latest.state === 'error' && <ErrorPanel error={latest.error} onRetry={latest.reload} />}
        {report && !report.finishedAt && <p>{report.running ? 'The first run is under way.' : 'The audit has not run yet.'}</p>}
        {report?.finishedAt && <Findings report={report} finishedAt={report.finishedAt} />}
      </div>
    </Page>
  );
}

function Findings({ report, finishedAt }: { report: AuditReport; finishedAt: string }) {
  const { breach, ok, skipped } = report.summary;
  if (report.error) return <div className="notice notice-error"><p>The run of {dateTime(finishedAt)} could not finish: {report.error}</p></div>;
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">
        Run of {dateTime(finishedAt)}: {breach === 0 ? 'no breach' : `${breach} ${breach === 1 ? 'breach' : 'breaches'}`}, {ok} held, {skipped} skipped
      </h2>
      {report.durationMs !== null && <p className="muted">It took {(report.durationMs / 1000).toFixed(1)} s.</p>}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit findings, scrolls sideways">
        <table className="lines">
          <caption className="visually-hidden">Each check of the audit, breaches first</caption>
          <thead><tr><th scope="col">Service</th><th scope="col">Area</th><th scope="col">Check</th><th scope="col">Outcome</th><th scope="col">Detail</th></tr></thead>
          <tbody>
            {ordered(report.findings).map((f, i) => (
              <tr key={i} className={`audit-${f.outcome}`}>
                <th scope="row">{f.service}</th>
                <td>{f.area}</td>
                <td className="wrap-anywhere">{f.check}</td>
                <td><span className={`pill audit-pill-${f.outcome}`}>{f.outcome}</span></td>
                <td className="wrap-anywhere">{f.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
