/**
 * Search and category listing over catalog's keyset pages: the filters and the page's cursor live in
 * the address (shareable, and Back returns to the previous page), and a new filter starts again from
 * the first page, since a cursor belongs to its sort.
 */
import { useId, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api, call, type CategoryNode } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { Page } from '../ui/page';
import { GridPlaceholder, ProductGrid } from '../ui/product-card';
import { useLoad } from '../ui/use-load';

const SORTS = [['relevance', 'Best match'], ['newest', 'Newest'], ['price_asc', 'Price: low to high'], ['price_desc', 'Price: high to low'], ['rating', 'Best rated']] as const;
type Sort = (typeof SORTS)[number][0];
const PAGE_SIZE = 20;

const toMinor = (value: string | null) => (value && Number.isFinite(Number(value)) && Number(value) >= 0 ? Math.round(Number(value) * 100) : undefined);
const flatten = (nodes: CategoryNode[], depth = 0): { slug: string; label: string }[] =>
  nodes.flatMap((n) => [{ slug: n.slug, label: `${'— '.repeat(depth)}${n.name}` }, ...flatten(n.children, depth + 1)]);

export function Search() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const id = useId();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const min = params.get('min') ?? '';
  const max = params.get('max') ?? '';
  const inStock = params.get('inStock') === 'true';
  const sortParam = params.get('sort');
  const sort: Sort = SORTS.some(([s]) => s === sortParam) ? sortParam as Sort : q ? 'relevance' : 'newest';
  const cursor = params.get('cursor') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;

  const categories = useLoad(() => call(() => api.GET('/categories')), []);
  const results = useLoad(() => call(() => api.GET('/products', {
    params: {
      query: {
        limit: PAGE_SIZE, sort, ...(q ? { q } : {}), ...(category ? { category } : {}), ...(cursor ? { cursor } : {}),
        ...(toMinor(min) !== undefined ? { minPrice: toMinor(min) } : {}), ...(toMinor(max) !== undefined ? { maxPrice: toMinor(max) } : {}),
        ...(inStock ? { inStock: true } : {}),
      },
    },
  })), [q, category, min, max, inStock, sort, cursor]);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['q', 'category', 'min', 'max', 'sort']) {
      const value = form.get(key);
      if (typeof value === 'string' && value.trim()) next.set(key, value.trim());
    }
    if (form.get('inStock')) next.set('inStock', 'true');
    navigate(`/search?${next}`);
  };
  const nextPage = (nextCursor: string) => {
    const next = new URLSearchParams(params);
    next.set('cursor', nextCursor);
    next.set('page', String(page + 1));
    navigate(`/search?${next}`);
  };
  const categoryName = categories.state === 'ok' ? flatten(categories.data.items).find((c) => c.slug === category)?.label.replace(/^(— )+/, '') : undefined;
  const title = q ? `Results for “${q}”` : categoryName ?? (category ? 'Category' : 'All products');

  return (
    <Page title={title} wide>
      <div className="search-layout">
        <form className="filters" onSubmit={apply} aria-label="Filters" key={`${q}|${category}|${min}|${max}|${inStock}|${sort}`}>
          <div className="field"><label htmlFor={`${id}-q`}>Words</label><input id={`${id}-q`} name="q" type="search" defaultValue={q} /></div>
          <div className="field">
            <label htmlFor={`${id}-category`}>Category</label>
            {/* Made again once the categories arrive: the chosen one is an option only from then, and a
                select whose chosen option is replaced falls back to the first, "Every category". */}
            <select id={`${id}-category`} name="category" defaultValue={category} key={categories.state}>
              <option value="">Every category</option>
              {categories.state === 'ok' && flatten(categories.data.items).map((c) => <option key={c.slug} value={c.slug}>{c.label}</option>)}
              {categories.state !== 'ok' && category && <option value={category}>{category}</option>}
            </select>
          </div>
          <div className="field-row">
            <div className="field"><label htmlFor={`${id}-min`}>Min price (€)</label><input id={`${id}-min`} name="min" type="number" min="0" step="0.01" inputMode="decimal" defaultValue={min} /></div>
            <div className="field"><label htmlFor={`${id}-max`}>Max price (€)</label><input id={`${id}-max`} name="max" type="number" min="0" step="0.01" inputMode="decimal" defaultValue={max} /></div>
          </div>
          <div className="field checkbox"><input id={`${id}-stock`} name="inStock" type="checkbox" defaultChecked={inStock} /><label htmlFor={`${id}-stock`}>In stock only</label></div>
          <div className="field">
            <label htmlFor={`${id}-sort`}>Sort by</label>
            <select id={`${id}-sort`} name="sort" defaultValue={sort}>{SORTS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}</select>
          </div>
          <button type="submit" className="button">Show products</button>
        </form>
        <div className="results" aria-live="polite">
          {results.state === 'loading' && <GridPlaceholder />}
          {results.state === 'error' && <ErrorPanel error={results.error} onRetry={results.reload} />}
          {results.state === 'ok' && (
            <>
              <p className="muted">Page {page}{results.data.items.length === 0 ? ': nothing matches these filters.' : ''}</p>
              <ProductGrid items={results.data.items} />
              <nav className="pager" aria-label="Pages">
                {page > 1 && <button type="button" className="button secondary" onClick={() => window.history.back()}>Previous page</button>}
                {results.data.nextCursor && <button type="button" className="button" onClick={() => nextPage(results.data.nextCursor!)}>Next page</button>}
              </nav>
            </>
          )}
        </div>
      </div>
    </Page>
  );
}
