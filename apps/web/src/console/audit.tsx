/**
 * The isolation audit's latest findings: for each service, whether its database, Redis keys and
 * broker user are its own, as the audit tried them. Breaches first, then what was skipped, then
 * what holds; "Run the audit now" runs it again.
 */
import { useState } from 'react';
import type { ApiError } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { admin, orNothing, type AuditFinding, type AuditReport } from './admin-api';

const RANK: Record<AuditFinding['outcome'], number> = { breach: 0, skipped: 1, ok: 2 };
const ordered = (findings: AuditFinding[]) => [...findings].sort((a, b) => RANK[a.outcome] - RANK[b.outcome] || a.service.localeCompare(b.service) || a.area.localeCompare(b.area));

export function Audit() {
  const latest = useLoad(() => orNothing(admin.audit()), []);
  const [ran, setRan] = useState<AuditReport>();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const runNow = async () => {
    setRunning(true);
    setFailure(undefined);
    try {
      setRan(await admin.runAudit());
    } catch (error) {
      setFailure(error as ApiError);
    } finally {
      setRunning(false);
    }
  };
  const report = ran ?? (latest.state === 'ok' ? latest.data : undefined);
  return (
    <Page title="Isolation audit">
      <p>Whether each service's data is its own: no other service's role reaches its database, its Redis keys are under its prefix, its broker user reaches its own queues only.</p>
      <p className="actions">
        <button type="button" className="button" disabled={running} onClick={() => void runNow()}>{running ? 'Running the audit…' : 'Run the audit now'}</button>
      </p>
      {failure && <ErrorPanel error={failure} compact />}
      <div aria-live="polite">
        {latest.state === 'loading' && !ran && <Placeholder lines={8} label="Loading the audit's findings" />}
        {latest.state === 'error' && !ran && <ErrorPanel error={latest.error} onRetry={latest.reload} />}
        {latest.state === 'ok' && !report && <p>The audit has not run yet.</p>}
        {report && <Findings report={report} />}
      </div>
    </Page>
  );
}

function Findings({ report }: { report: AuditReport }) {
  const count = (outcome: AuditFinding['outcome']) => report.findings.filter((f) => f.outcome === outcome).length;
  const breaches = count('breach');
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">
        {report.ranAt ? `Audit of ${dateTime(report.ranAt)}: ` : ''}
        {breaches === 0 ? 'no breach' : `${breaches} ${breaches === 1 ? 'breach' : 'breaches'}`}, {count('ok')} held, {count('skipped')} skipped
      </h2>
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
