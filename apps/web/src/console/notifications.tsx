/**
 * Notifications' queue and its failed messages (GET /notifications/queue, /notifications/failed),
 * each with its last error and a retry (POST /notifications/:id/retry), or all of them at once
 * (POST /notifications/failed/retry). The queue's counts are read again every 5 s.
 */
import { useState } from 'react';
import { api, call, type ApiError, type Body } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';

type Failed = Body<'/notifications/failed', 'get'>['items'][number];
const QUEUE_POLL_MS = 5000;

export function FailedNotifications() {
  const queue = useLoad(() => call(() => api.GET('/notifications/queue')), [], { pollMs: QUEUE_POLL_MS });
  const [after, setAfter] = useState<string>();
  const [earlier, setEarlier] = useState<Failed[]>([]);
  const failed = useLoad(() => call(() => api.GET('/notifications/failed', { params: { query: { limit: 50, ...(after ? { after } : {}) } } })), [after]);
  const [said, setSaid] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const again = () => { setEarlier([]); setAfter(undefined); failed.reload(); queue.reload(); };
  const retry = async (what: 'all' | Failed) => {
    setError(undefined);
    try {
      const answer = what === 'all'
        ? await call(() => api.POST('/notifications/failed/retry'))
        : await call(() => api.POST('/notifications/{id}/retry', { params: { path: { id: what.id } } }));
      setSaid(what === 'all' ? `${answer.retried} ${answer.retried === 1 ? 'message' : 'messages'} queued again.` : `The ${what.kind} message to ${what.recipient ?? 'the user'} is queued again.`);
      again();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const items = [...earlier, ...(failed.state === 'ok' ? failed.data.items : [])];
  return (
    <Page title="Failed notifications">
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">The queue</h2>
        {queue.state === 'loading' && <Placeholder lines={2} label="Loading the queue" />}
        {queue.state === 'error' && <ErrorPanel error={queue.error} onRetry={queue.reload} compact />}
        {queue.state === 'ok' && (
          <dl className="figures">
            <div><dt>Waiting</dt><dd>{queue.data.waiting}</dd></div>
            <div><dt>Sending</dt><dd>{queue.data.active}</dd></div>
            <div><dt>Delayed (retrying)</dt><dd>{queue.data.delayed}</dd></div>
            <div><dt>Oldest waiting</dt><dd>{Math.round(queue.data.oldestWaitingAgeSeconds)} s</dd></div>
            <div><dt>Failed, can be retried</dt><dd>{queue.data.failedInHistory}</dd></div>
          </dl>
        )}
      </section>
      <section aria-labelledby="failed-heading">
        <h2 id="failed-heading">Failed messages</h2>
        <p role="status">{said ?? ''}</p>
        {error && <ErrorPanel error={error} compact />}
        {failed.state === 'loading' && <Placeholder lines={4} label="Loading the failed messages" />}
        {failed.state === 'error' && <ErrorPanel error={failed.error} onRetry={failed.reload} />}
        {failed.state === 'ok' && items.length === 0 && <p>No message has failed.</p>}
        {items.length > 0 && (
          <>
            <p className="actions"><button type="button" className="button secondary" onClick={() => void retry('all')}>Retry every failed message</button></p>
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Failed messages, scrolls sideways">
              <table className="lines">
                <caption className="visually-hidden">Failed messages, newest first, with their last error</caption>
                <thead><tr><th scope="col">Message</th><th scope="col">To</th><th scope="col" className="num">Tries</th><th scope="col">Last error</th><th scope="col">Created</th><th scope="col"><span className="visually-hidden">Retry</span></th></tr></thead>
                <tbody>
                  {items.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">{m.kind} <span className="muted small">({m.channel})</span>{m.subject && <><br /><span className="small">{m.subject}</span></>}</th>
                      <td className="wrap-anywhere">{m.recipient ?? '–'}</td>
                      <td className="num">{m.attempts}</td>
                      <td className="wrap-anywhere">{m.lastError ?? '–'}</td>
                      <td>{dateTime(m.createdAt)}</td>
                      <td><button type="button" className="button secondary" aria-label={`Retry the ${m.kind} message to ${m.recipient ?? m.userId}`} onClick={() => void retry(m)}>Retry</button></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {failed.state === 'ok' && failed.data.next && <button type="button" className="button secondary" onClick={() => { setEarlier(items); setAfter(failed.data.next); }}>More failed messages</button>}
      </section>
    </Page>
  );
}
