/** Deleting the account, confirmed with the password; the shop signs the customer out and says what happens next. */
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { api, call, type ApiError } from '../api/client';
import { useSession } from '../session';
import { ErrorPanel } from '../ui/error-panel';
import { Field } from '../ui/field';

export function DeleteAccount() {
  const { signOut } = useSession();
  const [, navigate] = useLocation();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get('password');
    setBusy(true);
    try {
      await call(() => api.DELETE('/users/me', { body: { password: typeof password === 'string' ? password : '' } }));
      // The session ended with the account: forget it here too.
      await signOut();
      navigate('/?account-deleted=1');
    } catch (e) {
      setError(e as ApiError);
      setBusy(false);
    }
  };
  const wrongPassword = error?.fields.password;
  return (
    <section className="box" aria-labelledby="delete-account-heading">
      <h2 id="delete-account-heading">Delete your account</h2>
      <details>
        <summary>Delete my account</summary>
        <p>
          Your name, email, phone, addresses, saved cards and preferences are erased, and you are signed out everywhere.
          Your reviews stay, shown as by a former customer. Your orders are kept for our accounts, without your name or address;
          a parcel on its way is still delivered. This cannot be undone.
        </p>
        <form className="form" onSubmit={(e) => void submit(e)}>
          <Field label="Your password, to confirm" name="password" type="password" autoComplete="current-password" required error={wrongPassword ? 'This is not your password.' : undefined} />
          {error && !wrongPassword && <ErrorPanel error={error} compact />}
          <button type="submit" className="button danger" disabled={busy}>Delete my account for good</button>
        </form>
      </details>
    </section>
  );
}
