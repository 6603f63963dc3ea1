import { Link, useSearch } from 'wouter';
import { api, call, type CategoryNode } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { Page, Placeholder } from '../ui/page';
import { GridPlaceholder, ProductGrid } from '../ui/product-card';
import { useLoad } from '../ui/use-load';

export function Home() {
  const categories = useLoad(() => call(() => api.GET('/categories')), []);
  const newest = useLoad(() => call(() => api.GET('/products', { params: { query: { limit: 8, sort: 'newest' } } })), []);
  const deleted = new URLSearchParams(useSearch()).has('account-deleted');
  return (
    <Page title="Welcome to Bazaar" wide>
      {deleted && <p className="notice notice-ok" role="status">Your account is deleted and you are signed out. Thank you for shopping with us.</p>}
      <h2>Shop by category</h2>
      <div className="categories-box">
        {categories.state === 'loading' && <Placeholder lines={4} label="Loading categories" />}
        {categories.state === 'error' && <ErrorPanel error={categories.error} onRetry={categories.reload} />}
        {categories.state === 'ok' && <CategoryList nodes={categories.data.items} />}
      </div>
      <h2>New in</h2>
      {newest.state === 'loading' && <GridPlaceholder />}
      {newest.state === 'error' && <ErrorPanel error={newest.error} onRetry={newest.reload} />}
      {newest.state === 'ok' && <ProductGrid items={newest.data.items} />}
      <p><Link href="/search?sort=newest">See every product</Link></p>
    </Page>
  );
}

function CategoryList({ nodes }: { nodes: CategoryNode[] }) {
  if (nodes.length === 0) return <p className="muted">The catalog has no categories yet.</p>;
  return (
    <ul className="categories">
      {nodes.map((node) => (
        <li key={node.id}>
          <Link href={`/search?category=${node.slug}`} className="category-top">{node.name}</Link>
          {node.children.length > 0 && (
            <ul>
              {node.children.map((child) => <li key={child.id}><Link href={`/search?category=${child.slug}`}>{child.name}</Link></li>)}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
