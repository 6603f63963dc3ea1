/**
 * A service's dead-letter queue: how many messages are parked and each with why it was parked, its
 * tries and its payload; a replay of one or of all of them sends them back to their work queue.
 * A replay is asked for once more before it is sent: the handler runs again on each message.
 */
import { useState } from 'react';
import type { ApiError } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime } from '../ui/format';
import { Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { admin, orNothing, type DeadLetter } from './admin-api';
import { Confirm } from './confirm';

const SHOWN = 100;
const label = (m: DeadLetter) => `${m.type ?? 'message'}${m.version ? ` v${m.version}` : ''} ${m.id}`;

export function DeadLetterQueue({ service }: { service: string }) {
  const parked = useLoad(() => orNothing(admin.deadLetters(service, SHOWN)), [service]);
  const [asking, setAsking] = useState<DeadLetter | 'all'>();
  const [said, setSaid] = useState('');
  const [error, setError] = useState<ApiError>();
  const replay = async (which: DeadLetter | 'all') => {
    setAsking(undefined);
    setError(undefined);
    try {
      const { replayed } = await admin.replay(service, which === 'all' ? { all: true } : { id: which.id });
      setSaid(which === 'all' ? `${replayed} ${replayed === 1 ? 'message' : 'messages'} sent back to the work queue.` : `${label(which)} sent back to ${which.queue ?? 'its work queue'}.`);
      parked.reload();
    } catch (e) {
      setError(e as ApiError);
      parked.reload();
    }
  };
  const dlq = parked.state === 'ok' ? parked.data : undefined;
  return (
    <section aria-labelledby="dlq-heading">
      <h2 id="dlq-heading">Dead-letter queue</h2>
      <p role="status">{said}</p>
      {error && <ErrorPanel error={error} compact />}
      {parked.state === 'loading' && <Placeholder lines={4} label="Loading the parked messages" />}
      {parked.state === 'error' && <ErrorPanel error={parked.error} onRetry={parked.reload} />}
      {parked.state === 'ok' && (!dlq || dlq.consumes === false) && <p>{service} consumes no messages, so it parks none.</p>}
      {dlq && dlq.consumes !== false && (
        <>
          <p>
            <strong>{dlq.depth}</strong> {dlq.depth === 1 ? 'message is' : 'messages are'} parked in <code>{dlq.queue}</code>
            {dlq.depth > dlq.messages.length && ` (the first ${dlq.messages.length} are shown)`}.
          </p>
          <p className="actions">
            <button type="button" className="button secondary" onClick={parked.reload}>Read the queue again</button>
            {dlq.depth > 0 && <button type="button" className="button" onClick={() => setAsking('all')}>Replay every parked message</button>}
          </p>
          {dlq.messages.length > 0 && <ParkedTable messages={dlq.messages} onReplay={setAsking} />}
        </>
      )}
      {asking && (
        <Confirm
          title={asking === 'all' ? 'Replay every parked message?' : 'Replay this message?'}
          confirm={asking === 'all' ? `Replay ${dlq?.depth ?? 'all'} ${dlq?.depth === 1 ? 'message' : 'messages'}` : 'Replay the message'}
          onConfirm={() => void replay(asking)}
          onCancel={() => setAsking(undefined)}
        >
          <p>
            {asking === 'all'
              ? `Every message parked in ${dlq?.queue ?? 'the queue'} goes back to its work queue and ${service} handles it again.`
              : `${label(asking)} goes back to ${asking.queue ?? 'its work queue'} and ${service} handles it again.`}
            {' '}Replay once the cause of the failure is fixed, or it is parked again.
          </p>
        </Confirm>
      )}
    </section>
  );
}

function ParkedTable({ messages, onReplay }: { messages: DeadLetter[]; onReplay: (m: DeadLetter) => void }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Parked messages, scrolls sideways">
      <table className="lines parked">
        <caption className="visually-hidden">Parked messages, with why each was parked</caption>
        <thead><tr><th scope="col">Message</th><th scope="col">Why it was parked</th><th scope="col" className="num">Tries</th><th scope="col">Parked</th><th scope="col">Payload</th><th scope="col"><span className="visually-hidden">Replay</span></th></tr></thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.type ?? 'not a message'}{m.version ? ` v${m.version}` : ''}<br /><span className="small muted wrap-anywhere">{m.id}</span></th>
              <td className="wrap-anywhere">{m.error}</td>
              <td className="num">{m.attempts ?? '–'}</td>
              <td>{m.failedAt ? dateTime(m.failedAt) : '–'}</td>
              <td>
                <details>
                  <summary>Show<span className="visually-hidden"> the payload of {m.id}</span></summary>
                  <pre className="payload">{m.envelope !== undefined ? JSON.stringify(m.envelope, null, 2) : (m.body ?? '')}</pre>
                </details>
              </td>
              <td><button type="button" className="button secondary" aria-label={`Replay ${label(m)}`} onClick={() => onReplay(m)}>Replay</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
