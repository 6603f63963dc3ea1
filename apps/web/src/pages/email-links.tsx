/**
 * The pages identity's mailed links open (`/verify-email?token=…`, `/reset-password?token=…`): each
 * posts the token back to identity. A token is good once; a used, expired or replaced one is a 400
 * naming `token`, shown with the way to get a new link.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearch } from 'wouter';
import { api, ApiError, call } from '../api/client';
import { useSession } from '../session';
import { ErrorPanel } from '../ui/error-panel';
import { Field } from '../ui/field';
import { Page } from '../ui/page';

type Outcome = { state: 'working' } | { state: 'done'; email: string } | { state: 'failed'; error: ApiError };

export function VerifyEmail() {
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const { user, setUser } = useSession();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'working' });
  const sent = useRef(false);
  useEffect(() => {
    // Once: a second post of the same token would be refused as used (StrictMode runs effects twice).
    if (sent.current) return;
    sent.current = true;
    if (!token) return setOutcome({ state: 'failed', error: new ApiError('This link has no token. Open the link from the email again.', 400, 'go-home') });
    call(() => api.POST('/auth/verify-email', { body: { token } })).then(
      (answer) => setOutcome({ state: 'done', email: answer.email }),
      (error: ApiError) => setOutcome({ state: 'failed', error: error.fields.token ? new ApiError('This link has been used, has expired, or a newer one was sent. Ask for a new link from your account page.', 400, 'go-home') : error }),
    );
  }, [token]);
  useEffect(() => {
    if (outcome.state === 'done' && user && user.email === outcome.email && !user.emailVerified) setUser({ ...user, emailVerified: true });
  }, [outcome, user, setUser]);
  return (
    <Page title="Confirm your email address">
      {outcome.state === 'working' && <p role="status">Confirming your address…</p>}
      {outcome.state === 'done' && <p className="notice notice-ok" role="status">Thank you: {outcome.email} is confirmed. <Link href="/">Go shopping</Link></p>}
      {outcome.state === 'failed' && <><ErrorPanel error={outcome.error} /><p>{user ? <Link href="/account">Send a new link from your account</Link> : <Link href="/sign-in?next=/account">Sign in to send a new link</Link>}</p></>}
    </Page>
  );
}

export function ResetPassword() {
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get('password');
    setBusy(true);
    try {
      await call(() => api.POST('/auth/password-reset/confirm', { body: { token, password: typeof password === 'string' ? password : '' } }));
      setDone(true);
    } catch (e) {
      const failure = e as ApiError;
      setError(failure.fields.token ? new ApiError('This reset link has been used, has expired, or a newer one was sent. Ask for a new one.', 400, 'fix-input') : failure);
    } finally {
      setBusy(false);
    }
  };
  if (done) return <Page title="Choose a new password"><p className="notice notice-ok" role="status">Your password is changed and every session was signed out. <Link href="/sign-in">Sign in with the new password</Link></p></Page>;
  return (
    <Page title="Choose a new password">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field label="New password" name="password" type="password" autoComplete="new-password" required minLength={8} error={error?.fields.password} />
        {error && <ErrorPanel error={error} compact />}
        <button type="submit" className="button" disabled={busy || !token}>Save the new password</button>
      </form>
      <p><Link href="/forgot-password">Send me a new link</Link></p>
    </Page>
  );
}

export function ForgotPassword() {
  const [error, setError] = useState<ApiError>();
  const [sent, setSent] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = new FormData(event.currentTarget).get('email');
    try {
      await call(() => api.POST('/auth/password-reset', { body: { email: typeof email === 'string' ? email : '' } }));
      setSent(true);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <Page title="Reset your password">
      {sent
        ? <p className="notice notice-ok" role="status">If that address has an account, a link to choose a new password is on its way. It works for 30 minutes.</p>
        : (
          <form className="form" onSubmit={(e) => void submit(e)}>
            <Field label="Email" name="email" type="email" autoComplete="email" required error={error?.fields.email} />
            {error && <ErrorPanel error={error} compact />}
            <button type="submit" className="button">Send me a link</button>
          </form>
        )}
    </Page>
  );
}
