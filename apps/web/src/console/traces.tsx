/**
 * Traces found by an order id (the gateway's /admin/traces, from the trace receiver), newest first;
 * each opens on its waterfall (trace.tsx). The order id lives in the address, so a saga's page can
 * link here and a search can be shared.
 */
import { useId, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { admin, type TraceSummary } from './admin-api';

export const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);

export function Traces() {
  const orderId = new URLSearchParams(useSearch()).get('orderId')?.trim() ?? '';
  const [, navigate] = useLocation();
  const field = useId();
  const found = useLoad(async () => (orderId ? (await admin.traces(orderId)).items : null), [orderId]);
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const asked = String(new FormData(event.currentTarget).get('orderId') ?? '').trim();
    navigate(asked ? `/traces?orderId=${encodeURIComponent(asked)}` : '/traces');
  };
  return (
    <Page title="Traces">
      <p>A trace follows one request through every service it reached, messages included. Find an order's traces by its id (on its saga's page).</p>
      <form className="period" role="search" onSubmit={search}>
        <div className="field">
          <label htmlFor={field}>Order id</label>
          <input id={field} name="orderId" defaultValue={orderId} key={orderId} size={38} autoComplete="off" spellCheck={false} />
        </div>
        <button type="submit">Find traces</button>
      </form>
      <div aria-live="polite">
        {found.state === 'loading' && <Placeholder lines={3} label="Looking for traces" />}
        {found.state === 'error' && <ErrorPanel error={found.error} onRetry={found.reload} />}
        {found.state === 'ok' && found.data && <TraceList orderId={orderId} traces={found.data} />}
      </div>
    </Page>
  );
}

function TraceList({ orderId, traces }: { orderId: string; traces: TraceSummary[] }) {
  if (traces.length === 0) return <p>No trace names order {orderId}: it may be older than the traces kept, or tracing is off.</p>;
  return (
    <>
      <h2>{traces.length} {traces.length === 1 ? 'trace' : 'traces'} of order {orderId}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Traces, scrolls sideways">
        <table className="lines">
          <caption className="visually-hidden">Traces naming the order, newest first</caption>
          <thead><tr><th scope="col">Trace</th><th scope="col">Services</th><th scope="col" className="num">Spans</th><th scope="col" className="num">Errors</th><th scope="col" className="num">Duration</th><th scope="col">Started</th></tr></thead>
          <tbody>
            {traces.map((t) => (
              <tr key={t.traceId}>
                <th scope="row"><Link href={`/traces/${t.traceId}`}>{t.root.service}: {t.root.name}</Link></th>
                <td>{t.services.join(', ')}</td>
                <td className="num">{t.spanCount}</td>
                <td className="num">{t.errors}</td>
                <td className="num">{ms(t.durationMs)}</td>
                <td>{dateTime(t.start)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
