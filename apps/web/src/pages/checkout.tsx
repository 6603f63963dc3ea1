/**
 * Checkout: where to, which card, then one order. The Idempotency-Key is made once per submission of
 * this cart (kept in sessionStorage with the cart it was made for), so a double click, a retry after
 * a lost answer or a reload mid-submission places one order; a changed cart gets a new key.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { api, ApiError, call } from '../api/client';
import { useCart, type CartLine } from '../cart';
import { useSession } from '../session';
import { ErrorPanel, SignInFirst } from '../ui/error-panel';
import { Field } from '../ui/field';
import { money } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { AddressFields, addressBody, CardFields, saveCard } from './account';

const KEY = 'bazaar.checkout';
const fingerprint = (lines: CartLine[]) => lines.map((l) => `${l.productId}x${l.quantity}`).join(',');

/** The key of this cart's submission: the one already made for the same cart, or a new one. */
function idempotencyKey(lines: CartLine[]): string {
  const cart = fingerprint(lines);
  try {
    const kept = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { cart: string; key: string } | null;
    if (kept?.cart === cart) return kept.key;
  } catch { /* a broken entry is replaced below */ }
  const key = crypto.randomUUID();
  sessionStorage.setItem(KEY, JSON.stringify({ cart, key }));
  return key;
}

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === 'string' ? value.trim() : '';
};

export function Checkout() {
  const { user } = useSession();
  const cart = useCart();
  const [, navigate] = useLocation();
  const addresses = useLoad(() => (user ? call(() => api.GET('/users/me/addresses')) : Promise.resolve({ items: [] })), [user?.id]);
  const cards = useLoad(() => (user ? call(() => api.GET('/payments/methods')) : Promise.resolve({ items: [] })), [user?.id]);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submitting = useRef(false);
  // The card typed in and saved by an earlier submission: sent again as the same payment method, so
  // a retry after a lost answer is the same order request and its key gives back the order placed.
  const typedCard = useRef<{ entered: string; paymentMethodId: string } | undefined>(undefined);

  if (!user) return <Page title="Checkout"><SignInFirst what="the checkout" /></Page>;
  if (cart.lines.length === 0) return <Page title="Checkout"><p>Your cart is empty. <Link href="/search">Find something you like</Link>.</p></Page>;
  const currency = cart.lines[0]!.currency;
  const total = cart.lines.reduce((s, l) => s + l.priceMinor * l.quantity, 0);

  const place = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // One submission at a time: the button is disabled too, but a fast second click can beat React.
    if (submitting.current) return;
    submitting.current = true;
    setBusy(true);
    setError(undefined);
    const form = new FormData(event.currentTarget);
    try {
      const key = idempotencyKey(cart.lines);
      let paymentMethodId = text(form, 'card');
      if (paymentMethodId === 'new') {
        const entered = ['number', 'expMonth', 'expYear', 'cvc'].map((field) => text(form, field).replace(/\s+/g, '')).join('/');
        if (typedCard.current?.entered !== entered) typedCard.current = { entered, paymentMethodId: (await saveCard(form)).paymentMethodId };
        paymentMethodId = typedCard.current.paymentMethodId;
      }
      const chosen = text(form, 'address');
      const saved = addresses.state === 'ok' ? addresses.data.items.find((a) => a.id === chosen) : undefined;
      const typed = addressBody(form);
      const source = saved ?? typed;
      const shippingAddress = {
        name: text(form, 'recipient'), line1: source.addressLine1, city: source.city, postalCode: source.postalCode, country: source.country,
        ...(source.addressLine2 ? { line2: source.addressLine2 } : {}),
      };
      const order = await call(() => api.POST('/orders', {
        params: { header: { 'idempotency-key': key } },
        body: { items: cart.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })), shippingAddress, paymentMethodId },
      }));
      if (!saved && text(form, 'saveAddress')) await call(() => api.POST('/users/me/addresses', { body: typed })).catch(() => undefined);
      sessionStorage.removeItem(KEY);
      cart.clear();
      navigate(`/orders/${order.id}?placed=1`);
    } catch (e) {
      const failure = e as ApiError;
      // This cart's key already placed an order with other details (changed after an answer was lost):
      // a new key lets the shopper order again, once they have seen that order.
      if (failure.fields['idempotency-key']) {
        sessionStorage.removeItem(KEY);
        setError(new ApiError('An order for this cart was placed a moment ago with other details: look in My orders first. Placing this order now makes a second one.', failure.status, 'fix-input'));
        return;
      }
      setError(failure.status >= 500 || failure.status === 0
        ? new ApiError('Orders cannot be taken right now. Your cart is kept: try again in a moment. If the order went through all the same, it is in My orders, and trying again with this cart does not place it twice.', failure.status, 'retry')
        : failure);
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  return (
    <Page title="Checkout">
      <form className="form checkout" onSubmit={(e) => void place(e)}>
        <fieldset>
          <legend>Deliver to</legend>
          <Field label="Recipient's name" name="recipient" autoComplete="name" required defaultValue={user.name} error={error?.fields['shippingAddress.name']} />
          {addresses.state === 'loading' && <Placeholder lines={2} label="Loading your addresses" />}
          {addresses.state === 'error' && <ErrorPanel error={addresses.error} onRetry={addresses.reload} compact />}
          {addresses.state === 'ok' && <Choice name="address" options={addresses.data.items.map((a) => ({ value: a.id, label: `${a.addressLine1}, ${a.postalCode} ${a.city}, ${a.country}`, preferred: a.isDefault }))} newLabel="A new address">
            <AddressFields error={error} />
            <div className="field checkbox"><input id="save-address" name="saveAddress" type="checkbox" defaultChecked /><label htmlFor="save-address">Save it to my account</label></div>
          </Choice>}
        </fieldset>
        <fieldset>
          <legend>Pay with</legend>
          {cards.state === 'loading' && <Placeholder lines={2} label="Loading your cards" />}
          {cards.state === 'error' && <ErrorPanel error={cards.error} onRetry={cards.reload} compact />}
          {cards.state === 'ok' && <Choice name="card" options={cards.data.items.map((c) => ({ value: c.paymentMethodId, label: `${c.brand} ending ${c.last4}, expires ${String(c.expMonth).padStart(2, '0')}/${c.expYear}` }))} newLabel="A new card">
            <CardFields error={error} />
          </Choice>}
        </fieldset>
        <section aria-labelledby="summary-heading" className="box">
          <h2 id="summary-heading">Your order</h2>
          <ul className="plain">{cart.lines.map((l) => <li key={l.productId}>{l.quantity} × {l.name}: {money(l.priceMinor * l.quantity, l.currency)}</li>)}</ul>
          <p className="total">Total: <strong>{money(total, currency)}</strong></p>
        </section>
        {error && <ErrorPanel error={error} compact />}
        <button type="submit" className="button large" disabled={busy || addresses.state !== 'ok' || cards.state !== 'ok'}>{busy ? 'Placing your order…' : 'Place order'}</button>
      </form>
    </Page>
  );
}

/** Radio buttons over saved things, and "a new one" that opens its form. */
function Choice({ name, options, newLabel, children }: { name: string; options: { value: string; label: string; preferred?: boolean }[]; newLabel: string; children: React.ReactNode }) {
  const initial = options.find((o) => o.preferred)?.value ?? options[0]?.value ?? 'new';
  const [chosen, setChosen] = useState(initial);
  return (
    <div className="choice">
      {options.map((o) => (
        <div key={o.value} className="field checkbox">
          <input type="radio" id={`${name}-${o.value}`} name={name} value={o.value} checked={chosen === o.value} onChange={() => setChosen(o.value)} />
          <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
      <div className="field checkbox">
        <input type="radio" id={`${name}-new`} name={name} value="new" checked={chosen === 'new'} onChange={() => setChosen('new')} />
        <label htmlFor={`${name}-new`}>{newLabel}</label>
      </div>
      {chosen === 'new' && <div className="nested">{children}</div>}
    </div>
  );
}
