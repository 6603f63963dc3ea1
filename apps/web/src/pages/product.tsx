/**
 * A product: its pictures, price, description, reviews (keyset pages, "more reviews") and its
 * availability, read again every few seconds while the page is open: catalog's copy follows
 * inventory's events, so a sale elsewhere shows here without a reload.
 */
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { api, call, type Body } from '../api/client';
import { useCart } from '../cart';
import { ErrorPanel } from '../ui/error-panel';
import { dateTime, money } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { ProductArt, Stars } from '../ui/product-art';
import { Availability } from '../ui/product-card';
import { useLoad } from '../ui/use-load';

type Product = Body<'/products/{id}', 'get'>;
type Review = Body<'/products/{id}/reviews', 'get'>['items'][number];
const AVAILABILITY_POLL_MS = 5000;

export function ProductPage({ id }: { id: string }) {
  const product = useLoad(() => call(() => api.GET('/products/{id}', { params: { path: { id } } })), [id], { pollMs: AVAILABILITY_POLL_MS });
  if (product.state === 'loading') return <Page title="Product"><Placeholder lines={8} label="Loading the product" /></Page>;
  if (product.state === 'error') return <Page title="Product"><ErrorPanel error={product.error} onRetry={product.reload} /></Page>;
  return <ProductView product={product.data} stale={product.error !== undefined} />;
}

function ProductView({ product, stale }: { product: Product; stale: boolean }) {
  const [shown, setShown] = useState(0);
  const images = [...product.images].sort((a, b) => a.displayOrder - b.displayOrder);
  const image = images[shown] ?? images[0];
  return (
    <Page title={product.name} wide>
      <div className="product">
        <div className="gallery">
          <ProductArt url={image?.url} alt={image?.alt || product.name} size="large" />
          {images.length > 1 && (
            <ul className="thumbs" aria-label="Pictures">
              {images.map((img, i) => (
                <li key={img.url}>
                  <button type="button" aria-label={`Picture ${i + 1} of ${images.length}`} aria-pressed={i === shown} onClick={() => setShown(i)}>
                    <ProductArt url={img.url} alt="" size="thumb" />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="buy">
          <p className="price large">{money(product.priceMinor, product.currency)}</p>
          <p><Stars average={product.ratingAverage} count={product.reviewCount} /></p>
          <p className="availability" aria-live="polite">
            <Availability inStock={product.inStock} available={product.available} />
            {stale && <span className="muted"> (could not be refreshed just now)</span>}
          </p>
          {product.status === 'discontinued' ? <p className="notice">This product is no longer sold.</p> : <AddToCart product={product} />}
          <p className="muted">SKU {product.sku}</p>
          <p>{product.description}</p>
        </div>
      </div>
      <Reviews productId={product.id} />
    </Page>
  );
}

function AddToCart({ product }: { product: Product }) {
  const cart = useCart();
  const id = useId();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  const soldOut = product.inStock === false;
  const most = Math.max(1, Math.min(100, product.available ?? 100));
  return (
    <form className="add-to-cart" onSubmit={(event) => {
      event.preventDefault();
      cart.add({ productId: product.id, sku: product.sku, name: product.name, priceMinor: product.priceMinor, currency: product.currency }, quantity);
      setAdded(true);
    }}>
      <div className="field inline">
        <label htmlFor={`${id}-qty`}>Quantity</label>
        <input id={`${id}-qty`} type="number" min={1} max={most} value={quantity} onChange={(e) => setQuantity(Math.max(1, Math.min(most, Number(e.target.value) || 1)))} />
      </div>
      <button type="submit" className="button" disabled={soldOut}>{soldOut ? 'Out of stock' : 'Add to cart'}</button>
      <p className="added" role="status">{added ? <>Added. <Link href="/cart">Go to your cart</Link></> : ''}</p>
    </form>
  );
}

function Reviews({ productId }: { productId: string }) {
  const [pages, setPages] = useState<Review[][]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const first = useLoad(async () => {
    const data = await call(() => api.GET('/products/{id}/reviews', { params: { path: { id: productId }, query: { limit: 5 } } }));
    setPages([]);
    setCursor(data.nextCursor ?? undefined);
    return data.items;
  }, [productId]);
  const more = async () => {
    if (!cursor) return;
    const data = await call(() => api.GET('/products/{id}/reviews', { params: { path: { id: productId }, query: { limit: 5, cursor } } })).catch(() => undefined);
    if (!data) return;
    setPages((all) => [...all, data.items]);
    setCursor(data.nextCursor ?? undefined);
  };
  return (
    <section className="reviews" aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">Reviews</h2>
      {first.state === 'loading' && <Placeholder lines={3} label="Loading reviews" />}
      {first.state === 'error' && <ErrorPanel error={first.error} onRetry={first.reload} compact />}
      {first.state === 'ok' && first.data.length === 0 && <p className="muted">Nobody has reviewed this product yet.</p>}
      {first.state === 'ok' && (
        <ul className="review-list">
          {[first.data, ...pages].flat().map((r) => (
            <li key={r.id}>
              <p><strong>{r.reviewer.displayName}</strong>{r.verifiedPurchase && <span className="tag">Verified purchase</span>} <span aria-label={`${r.rating} out of 5`}>{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)}</span></p>
              {r.comment && <p>{r.comment}</p>}
              <p className="muted small">{dateTime(r.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
      {cursor && <button type="button" className="button secondary" onClick={() => void more()}>More reviews</button>}
    </section>
  );
}
