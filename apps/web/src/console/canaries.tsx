/**
 * The gateway's canaries: for each service that has a second version beside the first, the share of
 * its requests the canary takes, how it answered in the gateway's window (errors over outcomes against
 * the threshold), whether the gateway rolled it back and why, a form to set the share, and the dual
 * run's comparisons with the latest mismatch samples. Read every 5 s. The state is one gateway
 * instance's (the one that answers): with several, each keeps its own.
 */
import { useState, type FormEvent } from 'react';
import { api, call, type ApiError, type Body } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import './canaries.css';

const POLL_MS = 5000;

type CanaryList = Body<'/admin/canaries', 'get'>;
type Canary = CanaryList['items'][number];
type Mismatches = Body<'/admin/canaries/{service}/mismatches', 'get'>;

const canaries = {
  list: () => call(() => api.GET('/admin/canaries')),
  setShare: (service: string, share: number) => call(() => api.PUT('/admin/canaries/{service}', { params: { path: { service } }, body: { share } })),
  mismatches: (service: string) => call(() => api.GET('/admin/canaries/{service}/mismatches', { params: { path: { service } } })),
};

const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;

export function Canaries() {
  const list = useLoad(() => canaries.list(), [], { pollMs: POLL_MS });
  return (
    <Page title="Canaries" wide>
      <p>A canary is a second version of a service beside the first, on the same database. The gateway sends it a share of the service's requests and sets the share to zero by itself when its error ratio passes the threshold.</p>
      <div aria-live="polite">
        {list.state === 'loading' && <Placeholder lines={4} label="Loading the canaries" />}
        {list.state === 'error' && <ErrorPanel error={list.error} onRetry={list.reload} />}
        {list.state === 'ok' && list.error && <ErrorPanel error={list.error} compact />}
        {list.state === 'ok' && list.data.items.length === 0 && (
          <p>No service has a canary at this gateway. <code>npm start -- --canary catalog</code> runs one; <code>&lt;SERVICE&gt;_CANARY_URL</code> configures one.</p>
        )}
        {list.state === 'ok' && list.data.items.map((canary) => <CanaryPanel key={canary.service} canary={canary} onChanged={list.reload} />)}
      </div>
    </Page>
  );
}

function CanaryPanel({ canary, onChanged }: { canary: Canary; onChanged: () => void }) {
  const { window } = canary;
  const headingId = `canary-${canary.service}`;
  return (
    <section aria-labelledby={headingId} className="canary">
      <h2 id={headingId}>{canary.service} <span className={`pill canary-pill-${canary.state}`}>{canary.state.replace('-', ' ')}</span></h2>
      <dl className="canary-facts">
        <dt>Share</dt><dd>{percent(canary.share)}</dd>
        <dt>Window ({Math.round(window.ms / 1000)} s)</dt>
        <dd>{window.errors} errors of {window.total} {window.errorRatio === null ? '' : `(${percent(window.errorRatio)})`}</dd>
        <dt>Rolled back when</dt><dd>above {percent(canary.threshold)} errors, with at least {canary.minSample} outcomes</dd>
        <dt>Where</dt><dd className="wrap-anywhere">{canary.url}</dd>
        <dt>Last rollback</dt>
        <dd>{canary.lastRollback ? <>{dateTime(canary.lastRollback.at)}, from {percent(canary.lastRollback.share)}: {canary.lastRollback.reason}</> : 'never'}{canary.rollbacks > 1 ? ` (${canary.rollbacks} in all)` : ''}</dd>
      </dl>
      <ShareForm canary={canary} onChanged={onChanged} />
      <MismatchList service={canary.service} />
    </section>
  );
}

function ShareForm({ canary, onChanged }: { canary: Canary; onChanged: () => void }) {
  const [value, setValue] = useState(String(Math.round(canary.share * 100)));
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const inputId = `canary-share-${canary.service}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(undefined);
    try {
      await canaries.setShare(canary.service, Number(value) / 100);
      onChanged();
    } catch (error) {
      setFailure(error as ApiError);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="canary-share" onSubmit={(event) => void submit(event)}>
      <label htmlFor={inputId}>Share of {canary.service}'s requests (%)</label>
      <input id={inputId} type="number" min={0} max={100} step={1} required value={value} onChange={(event) => setValue(event.target.value)} />
      <button type="submit" className="button" disabled={saving}>{saving ? 'Setting…' : 'Set the share'}</button>
      {failure && <ErrorPanel error={failure} compact />}
    </form>
  );
}

function MismatchList({ service }: { service: string }) {
  const report = useLoad(() => canaries.mismatches(service), [service], { pollMs: POLL_MS });
  if (report.state === 'loading') return <Placeholder lines={2} label="Loading the dual run's comparisons" />;
  if (report.state === 'error') return <ErrorPanel error={report.error} onRetry={report.reload} compact />;
  const data: Mismatches = report.data;
  if (data.routes.length === 0) return <p className="muted">No reads are compared with this canary (GATEWAY_DUAL_RUN).</p>;
  const { counts } = data;
  return (
    <div>
      <h3>Dual run</h3>
      <p>
        {data.routes.map((r) => r.route).join(', ')}: {counts.match} matched, {counts.mismatch} differed, {counts['canary-error']} failed at the canary, {counts.skipped} skipped.
      </p>
      {data.samples.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Mismatches of ${service}, scrolls sideways`}>
          <table className="lines">
            <caption className="visually-hidden">The latest answers of the canary that differed from the primary's, newest first</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Request</th><th scope="col">Where they differ</th><th scope="col">Primary</th><th scope="col">Canary</th></tr></thead>
            <tbody>
              {data.samples.map((sample, i) => sample.differences.map((difference, j) => (
                <tr key={`${i}-${j}`}>
                  {j === 0 && <td rowSpan={sample.differences.length}>{dateTime(sample.at)}</td>}
                  {j === 0 && <th scope="row" rowSpan={sample.differences.length} className="wrap-anywhere">{sample.url}{sample.more ? ' (more differences)' : ''}</th>}
                  <td className="wrap-anywhere"><code>{difference.path}</code></td>
                  <td className="wrap-anywhere"><code>{'primary' in difference ? JSON.stringify(difference.primary) : '(absent)'}</code></td>
                  <td className="wrap-anywhere"><code>{'canary' in difference ? JSON.stringify(difference.canary) : '(absent)'}</code></td>
                </tr>
              )))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
