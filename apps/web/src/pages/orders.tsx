import { useState } from 'react';
import { Link } from 'wouter';
import { api, call, type Body } from '../api/client';
import { useSession } from '../session';
import { ErrorPanel, SignInFirst } from '../ui/error-panel';
import { dateTime, money, words } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';

type Listed = Body<'/orders', 'get'>['items'][number];

export function Orders() {
  const { user } = useSession();
  const [cursor, setCursor] = useState<string>();
  const [earlier, setEarlier] = useState<Listed[]>([]);
  const page = useLoad(() => (user ? call(() => api.GET('/orders', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } })) : Promise.resolve(undefined)), [user?.id, cursor]);
  if (!user) return <Page title="My orders"><SignInFirst what="your orders" /></Page>;
  const items = [...earlier, ...(page.state === 'ok' && page.data ? page.data.items : [])];
  return (
    <Page title="My orders">
      {page.state === 'error' && <ErrorPanel error={page.error} onRetry={page.reload} />}
      {page.state === 'ok' && items.length === 0 && <p>No orders yet. <Link href="/search">Start shopping</Link>.</p>}
      {items.length > 0 && (
        <table className="lines">
          <caption className="visually-hidden">Your orders, newest first</caption>
          <thead><tr><th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Status</th><th scope="col">Total</th></tr></thead>
          <tbody>
            {items.map((o) => (
              <tr key={o.id}>
                <th scope="row"><Link href={`/orders/${o.id}`}>{o.number}</Link></th>
                <td>{dateTime(o.createdAt)}</td>
                <td><span className={`pill status-${o.status}`}>{words(o.status)}</span></td>
                <td>{money(o.totalMinor, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.state === 'loading' && <Placeholder lines={5} label="Loading your orders" />}
      {page.state === 'ok' && page.data?.nextCursor && (
        <button type="button" className="button secondary" onClick={() => { setEarlier(items); setCursor(page.data!.nextCursor!); }}>Older orders</button>
      )}
    </Page>
  );
}
