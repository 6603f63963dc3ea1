/**
 * Who is signed in: identity's access and refresh tokens and the profile, kept in localStorage so a
 * reload keeps the session. An access token refused with 401 is refreshed once; a refresh refused
 * ends the session, and the page that asked says so with a way to sign in again.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, call, setTokenSource, type Body } from './api/client';

export type Profile = Body<'/users/me', 'get'>;
interface Stored { token: string; refreshToken: string; user: Profile }

const KEY = 'bazaar.session';
const read = (): Stored | undefined => {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? JSON.parse(raw) as Stored : undefined;
  } catch {
    return undefined;
  }
};

interface SessionValue {
  user: Profile | undefined;
  /** Set when the last session ended by itself (a 401 that a refresh could not cure). */
  expired: boolean;
  signIn(stored: Stored): void;
  signOut(): Promise<void>;
  setUser(user: Profile): void;
  isAdmin: boolean;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

let current = read();
let refreshing: Promise<boolean> | undefined;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored | undefined>(current);
  const [expired, setExpired] = useState(false);
  const save = useCallback((next: Stored | undefined) => {
    current = next;
    if (next) localStorage.setItem(KEY, JSON.stringify(next));
    else localStorage.removeItem(KEY);
    setStored(next);
  }, []);

  // Handed to the API client while rendering, before any page below asks for data: children's effects
  // run before this component's, so tokens handed over in an effect missed a page's first requests on
  // a direct load (a reload of the checkout sent them without the token, and was refused with 401).
  useMemo(() => setTokenSource({
    token: () => current?.token,
    refresh: () => {
      const refreshToken = current?.refreshToken;
      if (!refreshToken) return Promise.resolve(false);
      // Calls refused at once share one refresh: a refresh token works once.
      refreshing ??= api.POST('/auth/refresh', { body: { refreshToken } }).then(({ data }) => {
        if (!data || !current) return false;
        save({ ...current, token: data.token, refreshToken: data.refreshToken });
        return true;
      }, () => false).finally(() => { refreshing = undefined; });
      return refreshing;
    },
    expired: () => {
      save(undefined);
      setExpired(true);
    },
  }), [save]);

  useEffect(() => {
    // Another tab signing in or out changes this one too.
    const onStorage = (event: StorageEvent) => { if (event.key === KEY) { current = read(); setStored(current); } };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [save]);

  const value = useMemo<SessionValue>(() => ({
    user: stored?.user,
    expired,
    isAdmin: stored?.user.roles.includes('admin') ?? false,
    signIn: (next) => { setExpired(false); save(next); },
    setUser: (user) => { if (current) save({ ...current, user }); },
    signOut: async () => {
      const token = current?.token;
      if (token) await call(() => api.POST('/auth/logout', {})).catch(() => undefined);
      save(undefined);
    },
  }), [stored, expired, save]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
