/**
 * The warehouse's reconciliation (analytics' GET /analytics/reconciliation, POST …/runs): the newest
 * run's checks, each ok, with findings or skipped, and the orders or SKUs at fault; a button runs
 * the checks now. Before the first run the service answers 404, which is said as such.
 */
import { useState } from 'react';
import { api, ApiError, call, type Body } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime, words } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';

type Run = Body<'/analytics/reconciliation', 'get'>;
const SHOWN_FINDINGS = 200;

export function Reconciliation() {
  const latest = useLoad(async () => {
    try {
      return await call(() => api.GET('/analytics/reconciliation'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }, []);
  const [ran, setRan] = useState<Run>();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const runNow = async () => {
    setRunning(true);
    setFailure(undefined);
    try {
      setRan(await call(() => api.POST('/analytics/reconciliation/runs')));
    } catch (error) {
      setFailure(error as ApiError);
    } finally {
      setRunning(false);
    }
  };
  const run = ran ?? (latest.state === 'ok' ? latest.data : undefined);
  return (
    <Page title="Reconciliation">
      <p>Checks across services that no single service can make, run by the warehouse every few minutes.</p>
      <p className="actions">
        <button type="button" className="button" disabled={running} onClick={() => void runNow()}>{running ? 'Running the checks…' : 'Run the checks now'}</button>
      </p>
      {failure && <ErrorPanel error={failure} compact />}
      <div aria-live="polite">
        {latest.state === 'loading' && !ran && <Placeholder lines={6} label="Loading the newest run" />}
        {latest.state === 'error' && !ran && <ErrorPanel error={latest.error} onRetry={latest.reload} />}
        {latest.state === 'ok' && !run && <p>The checks have not run yet.</p>}
        {run && <RunView run={run} />}
      </div>
    </Page>
  );
}

function RunView({ run }: { run: Run }) {
  const total = run.checks.reduce((n, c) => n + c.findings, 0);
  return (
    <section aria-labelledby="run-heading">
      <h2 id="run-heading">Run of {dateTime(run.finishedAt)} ({run.trigger === 'request' ? 'asked for' : 'scheduled'}): {total === 0 ? 'everything holds' : `${total} ${total === 1 ? 'finding' : 'findings'}`}</h2>
      <table className="lines">
        <caption className="visually-hidden">Each check of the run</caption>
        <thead><tr><th scope="col">Check</th><th scope="col">Status</th><th scope="col" className="num">Findings</th><th scope="col">Note</th></tr></thead>
        <tbody>
          {run.checks.map((c) => (
            <tr key={c.check}>
              <th scope="row">{c.title} <span className="muted small">({c.check})</span></th>
              <td><span className={`pill check-${c.status}`}>{words(c.status)}</span></td>
              <td className="num">{c.findings}</td>
              <td>{c.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.findings.length > 0 && (
        <>
          <h3>What is at fault</h3>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Findings, scrolls sideways">
            <table className="lines">
              <caption className="visually-hidden">Findings: the order or SKU at fault and why</caption>
              <thead><tr><th scope="col">Check</th><th scope="col">Order or SKU</th><th scope="col">Detail</th></tr></thead>
              <tbody>
                {run.findings.slice(0, SHOWN_FINDINGS).map((f, i) => <tr key={i}><td>{f.check}</td><td className="wrap-anywhere">{f.entity}</td><td>{f.detail}</td></tr>)}
              </tbody>
            </table>
          </div>
          {run.findings.length > SHOWN_FINDINGS && <p className="muted">The first {SHOWN_FINDINGS} of {run.findings.length} findings are shown.</p>}
        </>
      )}
    </section>
  );
}
