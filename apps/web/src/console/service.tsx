/**
 * One service as it sees itself: its own /health (every check with its latency, message and
 * details), its golden signals, its outbox backlog, and its dead-letter queue with replay. Health,
 * signals and outbox are read again every 5 s; the parked messages when asked, so a list being read
 * does not move.
 */
import { Link, useParams } from 'wouter';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { admin, orNothing, type ServiceHealth } from './admin-api';
import { DeadLetterQueue } from './dead-letters';
import { GoldenSignals } from './signals';

const POLL_MS = 5000;
const minutes = (seconds: number) => {
  const n = Math.round(seconds / 60);
  return `${n} ${n === 1 ? 'minute' : 'minutes'}`;
};

export function ServicePage() {
  const { service = '' } = useParams<{ service: string }>();
  const health = useLoad(() => admin.health(service), [service], { pollMs: POLL_MS });
  const outbox = useLoad(() => orNothing(admin.outbox(service)), [service], { pollMs: POLL_MS });
  // The sections under the health checks wait for their first answer (and the outbox's): a table of
  // checks arriving late would push everything below it down the page.
  const settled = health.state !== 'loading' && outbox.state !== 'loading';
  return (
    <Page title={`Service ${service}`}>
      <p><Link href="/">All services</Link></p>
      <section aria-labelledby="checks-heading">
        <h2 id="checks-heading">Health checks</h2>
        {health.state === 'loading' && <Placeholder lines={4} label={`Loading ${service}'s health`} />}
        {health.state === 'error' && <ErrorPanel error={health.error} onRetry={health.reload} />}
        {health.state === 'ok' && <Checks report={health.data} />}
        {health.error && <p className="notice" role="status">Showing the report of {dateTime(health.data?.timestamp ?? new Date().toISOString())}: {health.error.message}</p>}
      </section>
      {settled && <>
        <section aria-labelledby="signals-heading">
          <h2 id="signals-heading">Golden signals</h2>
          <GoldenSignals service={service} />
        </section>
        <section aria-labelledby="outbox-heading">
          <h2 id="outbox-heading">Outbox</h2>
          {outbox.state === 'error' && <ErrorPanel error={outbox.error} onRetry={outbox.reload} compact />}
          {outbox.state === 'ok' && !outbox.data && <p>{service} gives no outbox figures: it keeps no outbox, or does not serve them yet.</p>}
          {outbox.state === 'ok' && outbox.data && (
            <dl className="figures">
              <div><dt>Messages not yet published</dt><dd>{outbox.data.backlog}</dd></div>
              <div><dt>Oldest waiting</dt><dd>{outbox.data.backlog === 0 ? '–' : `${Math.round(outbox.data.oldestAgeSeconds)} s`}</dd></div>
            </dl>
          )}
        </section>
        <DeadLetterQueue service={service} />
      </>}
    </Page>
  );
}

function Checks({ report }: { report: ServiceHealth }) {
  const checks = Object.entries(report.checks).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <p>{report.service} is <strong className={`pill health-${report.status}`}>{report.status}</strong>, up for {minutes(report.uptime)} (version {report.version}).</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Health checks, scrolls sideways">
        <table className="lines">
          <caption className="visually-hidden">Each of {report.service}'s health checks</caption>
          <thead><tr><th scope="col">Check</th><th scope="col">Status</th><th scope="col" className="num">Answer in</th><th scope="col">Message</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {checks.map(([name, check]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td><span className={`pill health-${check.status}`}>{check.status}</span></td>
                <td className="num">{Math.round(check.latency)} ms</td>
                <td className="wrap-anywhere">{check.message ?? ''}</td>
                <td className="wrap-anywhere small">{check.details ? Object.entries(check.details).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
