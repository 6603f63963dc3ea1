/**
 * One order's checkout saga: where it is (state, the step it waits on, how often that was sent, its
 * deadline, why it is being undone) and its step log, every action and compensation in order. Read
 * again every 5 s until the saga ends; its traces are one link away.
 */
import { Link, useParams } from 'wouter';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime, time, words } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { admin, type SagaDetail } from './admin-api';

const POLL_MS = 5000;

export function SagaPage() {
  const { orderId = '' } = useParams<{ orderId: string }>();
  const saga = useLoad(() => admin.saga(orderId), [orderId], { pollMs: POLL_MS });
  const title = saga.state === 'ok' ? `Saga of order ${saga.data.number}` : 'Saga';
  return (
    <Page title={title}>
      <p className="actions"><Link href="/sagas">All sagas in flight</Link><Link href={`/traces?orderId=${encodeURIComponent(orderId)}`}>Traces of this order</Link></p>
      {saga.state === 'loading' && <Placeholder lines={8} label="Loading the saga" />}
      {saga.state === 'error' && <ErrorPanel error={saga.error} onRetry={saga.reload} />}
      {saga.error && saga.state === 'ok' && <p className="notice" role="status">Showing the saga as last read: {saga.error.message}</p>}
      {saga.state === 'ok' && <SagaView saga={saga.data} />}
    </Page>
  );
}

function SagaView({ saga }: { saga: SagaDetail }) {
  return (
    <>
      <dl className="figures figures-words">
        <div><dt>State</dt><dd>{words(saga.state)}</dd></div>
        <div><dt>Waiting on</dt><dd>{saga.step ? words(saga.step) : 'nothing'}</dd></div>
        <div><dt>Sent</dt><dd>{saga.step ? `${saga.attempt}×` : '–'}</dd></div>
        <div><dt>Deadline</dt><dd>{saga.deadlineAt ? time(saga.deadlineAt) : '–'}</dd></div>
        <div><dt>Fraud screening</dt><dd>{saga.fraudCheck ? 'yes (the checkout-fraud-check flag was on for this customer)' : 'no'}</dd></div>
        <div><dt>Payment</dt><dd>{words(saga.payment)}</dd></div>
        <div><dt>Stock</dt><dd>{words(saga.reservation)}</dd></div>
        <div><dt>Shipment</dt><dd>{words(saga.shipment)}</dd></div>
      </dl>
      <p>
        {saga.stuck && <><strong className="pill health-unhealthy">stuck</strong> </>}
        Started {dateTime(saga.startedAt)}{saga.finishedAt ? `, ended ${dateTime(saga.finishedAt)}` : ', not ended'}.
        {saga.reason && ` Reason: ${saga.reason}.`} Order id <code className="wrap-anywhere">{saga.orderId}</code>.
      </p>
      <h2>Step log</h2>
      {saga.steps.length === 0 ? <p>No step has been sent yet.</p> : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Step log, scrolls sideways">
          <table className="lines">
            <caption className="visually-hidden">Every step of the saga in order, actions and compensations</caption>
            <thead><tr><th scope="col" className="num">#</th><th scope="col">Step</th><th scope="col">Kind</th><th scope="col">Outcome</th><th scope="col">Detail</th><th scope="col">At</th></tr></thead>
            <tbody>
              {saga.steps.map((s) => (
                <tr key={s.seq}>
                  <td className="num">{s.seq}</td>
                  <th scope="row">{words(s.step)}</th>
                  <td>{s.kind}</td>
                  <td><span className={`pill step-${s.status}`}>{words(s.status)}</span></td>
                  <td className="wrap-anywhere">{s.detail ?? ''}</td>
                  <td>{time(s.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
