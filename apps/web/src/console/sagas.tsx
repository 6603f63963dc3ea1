/**
 * Checkout sagas, in flight or stuck (their step past its deadline, or sent more than once), or
 * every one; the filter lives in the address. Each opens on its step log (saga.tsx). The list is
 * read again every 5 s while it shows its first page.
 */
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime, words } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { admin, type SagaFilter, type SagaSummary } from './admin-api';

const POLL_MS = 5000;
const FILTERS: { value: SagaFilter; title: string }[] = [
  { value: 'open', title: 'In flight' },
  { value: 'stuck', title: 'Stuck' },
  { value: 'all', title: 'All' },
];
const filterOf = (search: string): SagaFilter => {
  const asked = new URLSearchParams(search).get('state');
  return FILTERS.find((f) => f.value === asked)?.value ?? 'open';
};

export function Sagas() {
  const state = filterOf(useSearch());
  // The pages read so far belong to one filter: another filter starts from its first page.
  const [more, setMore] = useState<{ state: SagaFilter; after: string; earlier: SagaSummary[] }>();
  const after = more?.state === state ? more.after : undefined;
  const earlier = more?.state === state ? more.earlier : [];
  const page = useLoad(() => admin.sagas(state, after), [state, after], { pollMs: after ? false : POLL_MS });
  const items = [...earlier, ...(page.state === 'ok' ? page.data.items : [])];
  const next = page.state === 'ok' ? page.data.nextCursor : null;
  const title = FILTERS.find((f) => f.value === state)!.title;
  return (
    <Page title="Sagas">
      <p>Each order's checkout: the step it waits on, how often it was sent, and its deadline.</p>
      <nav aria-label="Which sagas">
        <ul className="report-list">
          {FILTERS.map((f) => <li key={f.value}><Link href={`/sagas?state=${f.value}`} aria-current={f.value === state ? 'page' : undefined}>{f.title}</Link></li>)}
        </ul>
      </nav>
      <h2>{title}</h2>
      {page.state === 'loading' && <Placeholder lines={5} label="Loading the sagas" />}
      {page.state === 'error' && <ErrorPanel error={page.error} onRetry={page.reload} />}
      {page.error && page.state === 'ok' && <p className="notice" role="status">Showing the sagas as last read: {page.error.message}</p>}
      {page.state === 'ok' && items.length === 0 && <p>{state === 'stuck' ? 'No saga is stuck.' : state === 'open' ? 'No checkout is in flight.' : 'No checkout has started yet.'}</p>}
      {items.length > 0 && <SagaTable sagas={items} />}
      {next && <button type="button" className="button secondary" onClick={() => setMore({ state, after: next, earlier: items })}>More sagas</button>}
    </Page>
  );
}

function SagaTable({ sagas }: { sagas: SagaSummary[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Sagas, scrolls sideways">
      <table className="lines">
        <caption className="visually-hidden">Sagas, with their state, the step they wait on and its deadline</caption>
        <thead><tr><th scope="col">Order</th><th scope="col">State</th><th scope="col">Waiting on</th><th scope="col" className="num">Sent</th><th scope="col">Deadline</th><th scope="col">Started</th><th scope="col">Reason</th></tr></thead>
        <tbody>
          {sagas.map((s) => (
            <tr key={s.orderId}>
              <th scope="row"><Link href={`/sagas/${s.orderId}`}>{s.number}</Link></th>
              <td><span className={`pill saga-${s.state}`}>{words(s.state)}</span>{s.stuck && <> <span className="pill health-unhealthy">stuck</span></>}</td>
              <td>{s.step ? words(s.step) : '–'}</td>
              <td className="num">{s.step ? `${s.attempt}×` : '–'}</td>
              <td>{s.deadlineAt ? dateTime(s.deadlineAt) : '–'}</td>
              <td>{dateTime(s.startedAt)}</td>
              <td>{s.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
