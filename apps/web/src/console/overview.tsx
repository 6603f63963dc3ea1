/**
 * The services as the gateway sees them (its own `/health`, whose full report the gateway gives
 * admins only: each upstream's liveness, latency and circuit breaker) with each service's golden
 * signals over the last 5 s, and the warehouse's state (analytics' GET /analytics/status). All read
 * again every 5 s.
 */
import { Link } from 'wouter';
import { api, call, getUndocumented } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime, words } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { QUANTILE_NOTE, signalTexts, useSignals } from './signals';

/**
 * The kit's health report (packages/platform's HealthStatus). The gateway leaves its own `/health`
 * out of the merged API document, so this type is written here rather than generated.
 */
interface HealthReport {
  status: 'healthy' | 'degraded' | 'unhealthy';
  service: string;
  version: string;
  uptime: number;
  timestamp: string;
  checks: Record<string, { status: 'healthy' | 'degraded' | 'unhealthy'; latency: number; message?: string; details?: { breaker?: string } }>;
}

const POLL_MS = 5000;
/** The gateway's checks named after a service (its upstreams) open on that service's own page; its Redis and the like do not. */
const UPSTREAM = /^(identity|catalog|inventory|payments|shipping|orders|notifications|analytics)$/;

export function Overview() {
  const health = useLoad(() => getUndocumented<HealthReport>('/health', { alsoData: [503] }), [], { pollMs: POLL_MS });
  const warehouse = useLoad(() => call(() => api.GET('/analytics/status')), [], { pollMs: POLL_MS });
  // The warehouse's section waits for the services' table above it, which would push it down.
  const settled = health.state !== 'loading';
  return (
    <Page title="Services">
      <section aria-labelledby="health-heading">
        <h2 id="health-heading">Health, as the gateway sees it</h2>
        <p>A service's name opens its own health checks, its golden signals, its outbox and its dead-letter queue.</p>
        {health.state === 'loading' && <Placeholder lines={6} label="Loading the services' health" />}
        {health.state === 'error' && <ErrorPanel error={health.error} onRetry={health.reload} />}
        {health.state === 'ok' && <HealthTable report={health.data} />}
        {health.error && <p className="notice" role="status">Showing the report of {dateTime(health.data?.timestamp ?? new Date().toISOString())}: {health.error.message}</p>}
      </section>
      {settled && <section aria-labelledby="warehouse-heading">
        <h2 id="warehouse-heading">Warehouse (analytics)</h2>
        {warehouse.state === 'loading' && <Placeholder lines={3} label="Loading the warehouse's state" />}
        {warehouse.state === 'error' && <ErrorPanel error={warehouse.error} onRetry={warehouse.reload} compact />}
        {warehouse.state === 'ok' && (
          <>
            <dl className="figures">
              <div><dt>Events held</dt><dd>{warehouse.data.events}</dd></div>
              {Object.entries(warehouse.data.facts).map(([table, rows]) => <div key={table}><dt>{words(table)}</dt><dd>{rows}</dd></div>)}
            </dl>
            <p className="muted">Newest event {warehouse.data.newestEventAt ? dateTime(warehouse.data.newestEventAt) : 'none yet'}; last folded {warehouse.data.lastFoldedAt ? dateTime(warehouse.data.lastFoldedAt) : 'not yet'}; {warehouse.data.cdc.length} {warehouse.data.cdc.length === 1 ? 'data product' : 'data products'} read by CDC.</p>
          </>
        )}
      </section>}
    </Page>
  );
}

function HealthTable({ report }: { report: HealthReport }) {
  const checks = Object.entries(report.checks).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <p>The gateway is <strong className={`pill health-${report.status}`}>{report.status}</strong>, up for {Math.round(report.uptime / 60)} minutes (version {report.version}).</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Services and dependencies, scrolls sideways">
        <table className="lines">
          <caption className="visually-hidden">Each service the gateway routes to with its golden signals, and the gateway's own dependencies</caption>
          <thead>
            <tr>
              <th scope="col">Service or dependency</th><th scope="col">Status</th><th scope="col" className="num">Answer in</th><th scope="col">Circuit breaker</th>
              {/* As wide as "measuring…", so the figures arriving move nothing. */}
              {['Requests', '5xx share', 'p50 / p99', 'Pool in use'].map((label) => <th key={label} scope="col" className="num" style={{ minWidth: '7.5em' }}>{label}</th>)}
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {checks.map(([name, check]) => (
              <tr key={name}>
                <th scope="row">{UPSTREAM.test(name) ? <Link href={`/services/${name}`}>{name}</Link> : name}</th>
                <td><span className={`pill health-${check.status}`}>{check.status}</span></td>
                <td className="num">{Math.round(check.latency)} ms</td>
                <td>{check.details?.breaker ? words(check.details.breaker) : '–'}</td>
                {UPSTREAM.test(name) ? <SignalCells service={name} /> : <td colSpan={4} />}
                <td className="wrap-anywhere">{check.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">Requests, 5xx share and latency over the last 5 s, from two snapshots of each service's counters (health probes left out). {QUANTILE_NOTE}</p>
    </>
  );
}

/** One service's figures in its row: "measuring…" in the same cells until its second snapshot. */
function SignalCells({ service }: { service: string }) {
  const texts = signalTexts(useSignals(service));
  if (!texts) return <td colSpan={4} className="muted">no signals</td>;
  return (
    <>
      <td className="num">{texts.rate}</td>
      <td className="num">{texts.errors}</td>
      <td className="num">{texts.p50 === texts.p99 ? texts.p50 : `${texts.p50} / ${texts.p99}`}</td>
      <td className="num">{texts.pool}</td>
    </>
  );
}
