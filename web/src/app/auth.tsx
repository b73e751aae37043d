import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { graphql } from '../graphql';
import type { MeQuery } from '../graphql/graphql';
import { rawMutation, rawRequest } from './client';

export type Me = NonNullable<MeQuery['me']>;

/**
 * The access token lives in this module's memory only, never in storage, so a
 * script injected into the page cannot read it from there; a reload asks the
 * service for a new one with the httpOnly refresh cookie.
 */
let accessToken: string | null = null;
export const currentToken = (): string | null => accessToken;

export const MeDocument = graphql(`
  query Me {
    me { id displayName email emailVerified roles nation { code name } organization { id name kind } }
  }
`);

interface AuthState {
  status: 'loading' | 'signed-in' | 'anonymous';
  me: Me | null;
  /** Bumped on every sign-in and sign-out, so the GraphQL client (and its cache) starts afresh. */
  generation: number;
  signIn(session: Session): Promise<void>;
  signOut(): Promise<void>;
  hasRole(...roles: string[]): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

interface Session {
  accessToken: string;
  expiresAt: string;
}

const Refresh = graphql(`
  mutation RefreshSession { refreshSession { accessToken expiresAt } }
`);
const SignOut = graphql(`
  mutation SignOut { signOut }
`);

/** A fresh access token from the httpOnly refresh cookie (rotated by the service), or null. */
async function refresh(): Promise<Session | null> {
  const r = await rawMutation(Refresh, {});
  return r.data?.refreshSession ?? null;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<AuthState['status']>('loading');
  const [generation, setGeneration] = useState(0);

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const expire = () => {
    accessToken = null;
    setMe(null);
    setStatus('anonymous');
    setGeneration((g) => g + 1);
  };

  /** Holds the token and renews it a minute before it expires, so a person at work is never signed out under their hands. */
  const keep = useCallback((session: Session | null) => {
    accessToken = session?.accessToken ?? null;
    clearTimeout(timer.current);
    if (!session) return;
    const due = Math.max(5_000, new Date(session.expiresAt).getTime() - Date.now() - 60_000);
    timer.current = setTimeout(() => void refresh().then((next) => (next ? keep(next) : expire())), due);
  }, []);

  const load = useCallback(async (session: Session | null) => {
    keep(session);
    const result = session ? await rawRequest(MeDocument, {}) : null;
    const user = result?.data?.me ?? null;
    if (!user) accessToken = null;
    setMe(user);
    setStatus(user ? 'signed-in' : 'anonymous');
    setGeneration((g) => g + 1);
  }, [keep]);

  useEffect(() => {
    // Sessions outlive a reload through the refresh cookie, when the service issues one.
    void refresh().then(load, () => load(null));
  }, [load]);

  const value = useMemo<AuthState>(
    () => ({
      status,
      me,
      generation,
      signIn: (session) => load(session),
      signOut: async () => {
        await rawMutation(SignOut, {});
        await load(null);
      },
      hasRole: (...roles) => !!me && me.roles.some((r) => roles.includes(r)),
    }),
    [status, me, generation, load],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
