import { Link, useLocation } from 'wouter';
import type { ApiError } from '../api/client';
import { useSession } from '../session';

/** A failure as the user meets it: what happened, and a way on. Never a blank page. */
export function ErrorPanel({ error, onRetry, compact = false }: { error: ApiError; onRetry?: () => void; compact?: boolean }) {
  const [location] = useLocation();
  const next = encodeURIComponent(location);
  return (
    <div className={compact ? 'notice notice-error compact' : 'notice notice-error'} role="alert">
      <p>{error.message}</p>
      <p className="actions">
        {error.remedy === 'sign-in' && <Link className="button" href={`/sign-in?next=${next}`}>Sign in again</Link>}
        {(error.remedy === 'retry' || error.remedy === 'wait') && onRetry && <button type="button" className="button" onClick={onRetry}>Try again</button>}
        {error.remedy !== 'sign-in' && <Link href="/">Back to the shop</Link>}
      </p>
    </div>
  );
}

/** A page that needs a signed-in customer, asked of a visitor. */
export function SignInFirst({ what }: { what: string }) {
  const [location] = useLocation();
  // A session that ended by itself while this page asked for data: said here, where it happened.
  const { expired } = useSession();
  return (
    <div className="notice" {...(expired ? { role: 'status' } : {})}>
      <p>{expired ? <>Your session has ended. Sign in again to see {what}.</> : <>Sign in to see {what}.</>}</p>
      <p className="actions">
        <Link className="button" href={`/sign-in?next=${encodeURIComponent(location)}`}>Sign in</Link>
        <Link href="/register">Create an account</Link>
      </p>
    </div>
  );
}
