import { Link } from 'wouter';
import { MAX_QUANTITY, useCart } from '../cart';
import { useSession } from '../session';
import { money } from '../ui/format';
import { Page } from '../ui/page';

export function CartPage() {
  const { lines, setQuantity, remove } = useCart();
  const { user } = useSession();
  if (lines.length === 0) return <Page title="Your cart"><p>Your cart is empty. <Link href="/search">Find something you like</Link>.</p></Page>;
  const currencies = [...new Set(lines.map((l) => l.currency))];
  return (
    <Page title="Your cart">
      <table className="lines">
        <caption className="visually-hidden">Products in your cart</caption>
        <thead><tr><th scope="col">Product</th><th scope="col">Quantity</th><th scope="col">Price</th><th scope="col"><span className="visually-hidden">Remove</span></th></tr></thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.productId}>
              <th scope="row"><Link href={`/products/${line.productId}`}>{line.name}</Link></th>
              <td>
                <input type="number" min={1} max={MAX_QUANTITY} value={line.quantity} aria-label={`Quantity of ${line.name}`}
                  onChange={(e) => setQuantity(line.productId, Number(e.target.value) || 1)} className="qty" />
              </td>
              <td>{money(line.priceMinor * line.quantity, line.currency)}</td>
              <td><button type="button" className="link-button" onClick={() => remove(line.productId)} aria-label={`Remove ${line.name}`}>Remove</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {currencies.length === 1
        ? <p className="total">Total: <strong>{money(lines.reduce((s, l) => s + l.priceMinor * l.quantity, 0), currencies[0]!)}</strong> <span className="muted">(prices are confirmed at checkout)</span></p>
        : <p className="notice">Your cart holds prices in {currencies.join(' and ')}: one order takes one currency. Remove the lines of the other before checking out.</p>}
      <p className="actions">
        {user ? <Link className="button" href="/checkout">Check out</Link> : <Link className="button" href="/sign-in?next=/checkout">Sign in to check out</Link>}
        <Link href="/search">Keep shopping</Link>
      </p>
    </Page>
  );
}
