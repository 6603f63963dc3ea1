import { useState } from 'react';
import { Link } from 'wouter';
import { api, call, type Body } from '../api/client';
import { useSession } from '../session';
import { ErrorPanel, SignInFirst } from '../ui/error-panel';
import { dateTime, words } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';

type Message = Body<'/notifications', 'get'>['items'][number];
const CHANNELS = { email: 'Email', sms: 'Text message', push: 'Push' } as const;

/** What the shop has told me, by every channel, newest first. */
export function Notifications() {
  const { user } = useSession();
  const [after, setAfter] = useState<string>();
  const [earlier, setEarlier] = useState<Message[]>([]);
  const page = useLoad(() => (user ? call(() => api.GET('/notifications', { params: { query: { limit: 20, ...(after ? { after } : {}) } } })) : Promise.resolve(undefined)), [user?.id, after]);
  if (!user) return <Page title="My messages"><SignInFirst what="your messages" /></Page>;
  const items = [...earlier, ...(page.state === 'ok' && page.data ? page.data.items : [])];
  return (
    <Page title="My messages">
      {page.state === 'error' && <ErrorPanel error={page.error} onRetry={page.reload} />}
      {page.state === 'ok' && items.length === 0 && <p>No messages yet.</p>}
      <ul className="messages">
        {items.map((m) => (
          <li key={m.id} className="box">
            <p className="message-head"><strong>{m.subject ?? words(m.kind)}</strong> <span className="tag">{CHANNELS[m.channel]}</span> <span className="muted small">{dateTime(m.createdAt)} · {words(m.status)}</span></p>
            <details><summary>Read it</summary><p className="message-body">{m.body}</p></details>
            {m.orderId && <p><Link href={`/orders/${m.orderId}`}>See the order</Link></p>}
          </li>
        ))}
      </ul>
      {page.state === 'loading' && <Placeholder lines={5} label="Loading your messages" />}
      {page.state === 'ok' && page.data?.next && <button type="button" className="button secondary" onClick={() => { setEarlier(items); setAfter(page.data!.next); }}>Older messages</button>}
    </Page>
  );
}
