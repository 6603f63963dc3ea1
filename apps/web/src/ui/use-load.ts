/**
 * Loads a page's data: loading, then the data or the error to show, with `reload` for "try again".
 * `pollMs` reads it again on a timer (the order's live timeline); a failed poll keeps the data shown
 * and reports the error beside it instead of blanking the page.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError } from '../api/client';

export type Load<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'ok'; data: T; error?: ApiError }
  | { state: 'error'; data?: undefined; error: ApiError };

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList, options: { pollMs?: number | false } = {}): Load<T> & { reload: () => void } {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    let live = true;
    const run = async (first: boolean) => {
      try {
        const data = await latest.current();
        if (live) setResult({ state: 'ok', data });
      } catch (error) {
        const shown = error instanceof ApiError ? error : new ApiError('Something went wrong on this page. Try again.', 0, 'retry');
        if (live) setResult((previous) => (!first && previous.state === 'ok' ? { ...previous, error: shown } : { state: 'error', error: shown }));
      }
    };
    setResult((previous) => (previous.state === 'ok' && round > 0 ? previous : { state: 'loading' }));
    void run(true);
    const timer = options.pollMs ? setInterval(() => void run(false), options.pollMs) : undefined;
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
    // The caller's deps decide when to load again, as for useEffect.
  }, [...deps, round, options.pollMs]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...result, reload };
}
