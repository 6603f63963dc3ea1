/** The customer's account: the address's verification, saved addresses and saved cards, and deleting it. */
import { useState, type FormEvent } from 'react';
import { useSearch } from 'wouter';
import { api, call, type ApiError, type Body } from '../api/client';
import { useSession } from '../session';
import { DeleteAccount } from './delete-account';
import { ErrorPanel, SignInFirst } from '../ui/error-panel';
import { Field } from '../ui/field';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';

export type Address = Body<'/users/me/addresses', 'get'>['items'][number];
export type Card = Body<'/payments/methods', 'get'>['items'][number];

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === 'string' ? value.trim() : '';
};

export function Account() {
  const { user } = useSession();
  const welcome = new URLSearchParams(useSearch()).has('welcome');
  if (!user) return <Page title="Your account"><SignInFirst what="your account" /></Page>;
  return (
    <Page title="Your account">
      {welcome && <p className="notice notice-ok" role="status">Welcome, {user.firstName || user.name}! We have sent a link to {user.email} to confirm the address.</p>}
      <Verification />
      <Addresses />
      <Cards />
      <DeleteAccount />
    </Page>
  );
}

function Verification() {
  const profile = useLoad(() => call(() => api.GET('/users/me')), []);
  const [sent, setSent] = useState<string>();
  const [error, setError] = useState<ApiError>();
  if (profile.state !== 'ok') return <section className="box"><h2>Email</h2>{profile.state === 'error' ? <ErrorPanel error={profile.error} onRetry={profile.reload} compact /> : <Placeholder lines={1} />}</section>;
  const resend = async () => {
    try {
      const answer = await call(() => api.POST('/users/me/verification', {}));
      setSent(`A new link is on its way to ${answer.email}.`);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <section className="box">
      <h2>Email</h2>
      <p>{profile.data.email}: {profile.data.emailVerified ? <strong>confirmed</strong> : <>not confirmed yet. <button type="button" className="link-button" onClick={() => void resend()}>Send a new link</button></>}</p>
      {sent && <p role="status">{sent}</p>}
      {error && <ErrorPanel error={error} compact />}
    </section>
  );
}

/** The address form's fields, shared with checkout. */
export function AddressFields({ error }: { error?: ApiError | undefined }) {
  const f = error?.fields ?? {};
  return (
    <>
      <Field label="Street and number" name="addressLine1" autoComplete="address-line1" required error={f.addressLine1 ?? f['shippingAddress.line1']} />
      <Field label="Apartment, floor (optional)" name="addressLine2" autoComplete="address-line2" error={f.addressLine2} />
      <div className="field-row">
        <Field label="Postal code" name="postalCode" autoComplete="postal-code" required error={f.postalCode ?? f['shippingAddress.postalCode']} />
        <Field label="City" name="city" autoComplete="address-level2" required error={f.city ?? f['shippingAddress.city']} />
      </div>
      <Field label="Country (two letters, e.g. NL)" name="country" autoComplete="country" required maxLength={2} minLength={2} defaultValue="NL" error={f.country ?? f['shippingAddress.country']} />
    </>
  );
}

export const addressBody = (form: FormData) => ({
  addressLine1: text(form, 'addressLine1'), city: text(form, 'city'), postalCode: text(form, 'postalCode'), country: text(form, 'country').toUpperCase(),
  ...(text(form, 'addressLine2') ? { addressLine2: text(form, 'addressLine2') } : {}),
});

function Addresses() {
  const list = useLoad(() => call(() => api.GET('/users/me/addresses')), []);
  const [error, setError] = useState<ApiError>();
  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    try {
      await call(() => api.POST('/users/me/addresses', { body: { ...addressBody(new FormData(form)), isDefault: list.state === 'ok' && list.data.items.length === 0 } }));
      form.reset();
      setError(undefined);
      list.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const remove = async (id: string) => {
    await call(() => api.DELETE('/users/me/addresses/{id}', { params: { path: { id } } })).then(list.reload, (e: ApiError) => setError(e));
  };
  return (
    <section className="box" aria-labelledby="addresses-heading">
      <h2 id="addresses-heading">Addresses</h2>
      {list.state === 'loading' && <Placeholder lines={2} label="Loading addresses" />}
      {list.state === 'error' && <ErrorPanel error={list.error} onRetry={list.reload} compact />}
      {list.state === 'ok' && (list.data.items.length === 0 ? <p className="muted">No saved address yet.</p> : (
        <ul className="plain">
          {list.data.items.map((a) => (
            <li key={a.id}>
              {a.addressLine1}{a.addressLine2 ? `, ${a.addressLine2}` : ''}, {a.postalCode} {a.city}, {a.country}{a.isDefault && <span className="tag">Default</span>}{' '}
              <button type="button" className="link-button" onClick={() => void remove(a.id)} aria-label={`Remove the address ${a.addressLine1}`}>Remove</button>
            </li>
          ))}
        </ul>
      ))}
      <details>
        <summary>Add an address</summary>
        <form className="form" onSubmit={(e) => void add(e)}>
          <AddressFields error={error} />
          {error && <ErrorPanel error={error} compact />}
          <button type="submit" className="button">Save the address</button>
        </form>
      </details>
    </section>
  );
}

/** The card form's fields and the request they make, shared with checkout. */
export function CardFields({ error }: { error?: ApiError | undefined }) {
  const f = error?.fields ?? {};
  return (
    <>
      <Field label="Card number" name="number" inputMode="numeric" autoComplete="cc-number" required error={f['card.number']} hint="Demo cards: 4242 4242 4242 4242 is accepted, 4000 0000 0000 0002 is declined." />
      <div className="field-row">
        <Field label="Expiry month" name="expMonth" type="number" min={1} max={12} autoComplete="cc-exp-month" required error={f['card.expMonth']} />
        <Field label="Expiry year" name="expYear" type="number" min={2000} max={2100} autoComplete="cc-exp-year" required error={f['card.expYear']} />
        <Field label="Security code" name="cvc" inputMode="numeric" autoComplete="cc-csc" required maxLength={4} error={f['card.cvc']} />
      </div>
    </>
  );
}

export const saveCard = (form: FormData) => call(() => api.POST('/payments/methods', {
  body: { card: { number: text(form, 'number'), expMonth: Number(text(form, 'expMonth')), expYear: Number(text(form, 'expYear')), cvc: text(form, 'cvc') } },
}));

function Cards() {
  const list = useLoad(() => call(() => api.GET('/payments/methods')), []);
  const [error, setError] = useState<ApiError>();
  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    try {
      await saveCard(new FormData(form));
      form.reset();
      setError(undefined);
      list.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  // Refused (409) while an order is being paid with the card: said above the list, the card kept.
  const [removeError, setRemoveError] = useState<ApiError>();
  const remove = async (paymentMethodId: string) => {
    await call(() => api.DELETE('/payments/methods/{paymentMethodId}', { params: { path: { paymentMethodId } } }))
      .then(() => { setRemoveError(undefined); list.reload(); }, (e: ApiError) => setRemoveError(e));
  };
  return (
    <section className="box" aria-labelledby="cards-heading">
      <h2 id="cards-heading">Saved cards</h2>
      {list.state === 'loading' && <Placeholder lines={2} label="Loading cards" />}
      {list.state === 'error' && <ErrorPanel error={list.error} onRetry={list.reload} compact />}
      {list.state === 'ok' && (list.data.items.length === 0 ? <p className="muted">No saved card yet.</p> : (
        <ul className="plain">
          {list.data.items.map((c) => (
            <li key={c.paymentMethodId}>
              {c.brand} ending {c.last4}, expires {String(c.expMonth).padStart(2, '0')}/{c.expYear}{' '}
              <button type="button" className="link-button" onClick={() => void remove(c.paymentMethodId)} aria-label={`Remove the ${c.brand} card ending ${c.last4}`}>Remove</button>
            </li>
          ))}
        </ul>
      ))}
      {removeError && <ErrorPanel error={removeError} compact />}
      <details>
        <summary>Add a card</summary>
        <form className="form" onSubmit={(e) => void add(e)}>
          <CardFields error={error} />
          {error && <ErrorPanel error={error} compact />}
          <button type="submit" className="button">Save the card</button>
        </form>
      </details>
    </section>
  );
}
