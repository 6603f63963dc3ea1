import { Link } from 'wouter';
import type { Body } from '../api/client';
import { money } from './format';
import { ProductArt, Stars } from './product-art';

export type ListedProduct = Body<'/products', 'get'>['items'][number];

export function Availability({ inStock, available }: { inStock: boolean | null; available: number | null }) {
  if (inStock === null) return <span className="muted">Availability not known yet</span>;
  if (!inStock) return <span className="stock-out">Out of stock</span>;
  return <span className="stock-in">In stock{available !== null && available <= 5 ? `: only ${available} left` : ''}</span>;
}

export function ProductGrid({ items }: { items: ListedProduct[] }) {
  return (
    <ul className="grid" aria-label="Products">
      {items.map((p) => (
        <li key={p.id} className="card">
          <Link href={`/products/${p.id}`} className="card-link">
            <ProductArt url={p.imageUrl} alt="" />
            <span className="card-name">{p.name}</span>
          </Link>
          <span className="price">{money(p.priceMinor, p.currency)}</span>
          <Stars average={p.ratingAverage} count={p.reviewCount} />
          <Availability inStock={p.inStock} available={p.available} />
        </li>
      ))}
    </ul>
  );
}

/** The grid's shape while it loads, so the page does not jump when the products arrive. */
export function GridPlaceholder({ count = 8 }: { count?: number }) {
  return (
    <ul className="grid" aria-busy="true" aria-label="Loading products">
      {Array.from({ length: count }, (_, i) => <li key={i} className="card card-placeholder"><div className="art art-card" /><div className="placeholder-line" /><div className="placeholder-line" /></li>)}
    </ul>
  );
}
