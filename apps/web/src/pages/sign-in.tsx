import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, ApiError, call } from '../api/client';
import { useSession } from '../session';
import { ErrorPanel } from '../ui/error-panel';
import { Field } from '../ui/field';
import { Page } from '../ui/page';

/** Where to go after signing in: a path of this app only, never another site. */
export const safeNext = (raw: string | null) => (raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/');

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === 'string' ? value : '';
};

export function SignIn() {
  const { signIn, expired } = useSession();
  const [, navigate] = useLocation();
  const next = safeNext(new URLSearchParams(useSearch()).get('next'));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const answer = await call(() => api.POST('/auth/login', { body: { email: text(form, 'email'), password: text(form, 'password') } }));
      signIn({ token: answer.token, refreshToken: answer.refreshToken, user: answer.user });
      navigate(next);
    } catch (e) {
      // A wrong password is a 401 here, not an ended session.
      setError(e instanceof ApiError && e.status === 401 ? new ApiError('That email and password do not match an account.', 401, 'fix-input') : e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title="Sign in">
      {expired && <p className="notice" role="status">Your session ended. Sign in again to carry on.</p>}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        {error && <ErrorPanel error={error} compact />}
        <button type="submit" className="button" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      <p><Link href="/forgot-password">Forgot your password?</Link> · <Link href={`/register?next=${encodeURIComponent(next)}`}>Create an account</Link></p>
    </Page>
  );
}

export function Register() {
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const next = safeNext(new URLSearchParams(useSearch()).get('next'));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const answer = await call(() => api.POST('/auth/register', { body: { email: text(form, 'email'), password: text(form, 'password'), firstName: text(form, 'firstName'), lastName: text(form, 'lastName') } }));
      signIn({ token: answer.token, refreshToken: answer.refreshToken, user: answer.user });
      navigate(next === '/' ? '/account?welcome=1' : next);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title="Create an account">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field label="First name" name="firstName" autoComplete="given-name" required error={error?.fields.firstName} />
        <Field label="Last name" name="lastName" autoComplete="family-name" required error={error?.fields.lastName} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={error?.fields.email} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={8} hint="At least 8 characters; a long phrase is best." error={error?.fields.password} />
        {error && <ErrorPanel error={error} compact />}
        <button type="submit" className="button" disabled={busy}>{busy ? 'Creating your account…' : 'Create account'}</button>
      </form>
      <p>Already have one? <Link href="/sign-in">Sign in</Link></p>
    </Page>
  );
}

export function SignOut() {
  const { signOut } = useSession();
  const [done, setDone] = useState(false);
  useEffect(() => { void signOut().then(() => setDone(true)); }, [signOut]);
  return <Page title="Sign out"><p role="status">{done ? <>You are signed out. <Link href="/">Back to the shop</Link></> : 'Signing you out…'}</p></Page>;
}
