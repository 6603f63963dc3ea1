/**
 * Stock (inventory's GET /inventory, admin): each item with its product's name, which inventory keeps
 * as a copy that follows catalog's product.updated by version, so a renamed product shows its new name
 * here without the console asking catalog; and what inventory's orphan cleanup found last
 * (GET /admin/services/inventory/orphans): items whose product catalog no longer has, archived.
 */
import { useState } from 'react';
import { api, call, type Body } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';

type Item = Body<'/inventory', 'get'>['items'][number];

export function Stock() {
  const [after, setAfter] = useState<string>();
  const [earlier, setEarlier] = useState<Item[]>([]);
  const page = useLoad(() => call(() => api.GET('/inventory', { params: { query: { lowStock: false, limit: 50, ...(after ? { after } : {}) } } })), [after]);
  const orphans = useLoad(() => call(() => api.GET('/admin/services/{service}/orphans', { params: { path: { service: 'inventory' } } })), []);
  const items = [...earlier, ...(page.state === 'ok' ? page.data.items : [])];
  const check = orphans.state === 'ok' ? orphans.data.checks[0] : undefined;
  return (
    <Page title="Stock">
      <section aria-labelledby="orphans-heading">
        <h2 id="orphans-heading">Orphan cleanup</h2>
        {orphans.state === 'loading' && <Placeholder lines={1} label="Loading the orphan cleanup" />}
        {orphans.state === 'error' && <ErrorPanel error={orphans.error} onRetry={orphans.reload} compact />}
        {orphans.state === 'ok' && (check
          ? <p>Last run {dateTime(check.checkedAt)}: {check.outcome === 'complete'
            ? `${check.checked} ${check.checked === 1 ? 'item' : 'items'} checked with catalog, ${check.found} naming a product catalog does not have (${check.orphans.filter((o) => o.repaired).length} archived).`
            : `${check.outcome}: ${check.reason ?? 'no answer'}. Nothing was concluded.`}</p>
          : <p>The orphan cleanup has not run yet.</p>)}
      </section>
      <section aria-labelledby="items-heading">
        <h2 id="items-heading">Items</h2>
        {page.state === 'loading' && <Placeholder lines={4} label="Loading the stock" />}
        {page.state === 'error' && <ErrorPanel error={page.error} onRetry={page.reload} />}
        {page.state === 'ok' && items.length === 0 && <p>No stock item yet.</p>}
        {items.length > 0 && (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Stock items, scrolls sideways">
            <table className="lines">
              <caption className="visually-hidden">Stock items in SKU order, with their product's current name</caption>
              <thead><tr><th scope="col">Product</th><th scope="col">SKU</th><th scope="col" className="num">On hand</th><th scope="col" className="num">Reserved</th><th scope="col" className="num">Available</th><th scope="col">State</th></tr></thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.sku}>
                    <th scope="row">{item.productName ?? <span className="muted">not named by catalog yet</span>}</th>
                    <td>{item.sku}</td>
                    <td className="num">{item.onHand}</td>
                    <td className="num">{item.reserved}</td>
                    <td className="num">{item.available}</td>
                    <td>{item.archivedAt ? `archived: ${item.archivedReason ?? ''}` : item.available <= item.lowStockThreshold ? 'low' : 'in stock'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.state === 'ok' && page.data.next && <button type="button" className="button secondary" onClick={() => { setEarlier(items); setAfter(page.data.next); }}>More items</button>}
      </section>
    </Page>
  );
}
