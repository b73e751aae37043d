import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
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
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
  hasRole(...roles: string[]): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<AuthState['status']>('loading');
  const [generation, setGeneration] = useState(0);

  const load = useCallback(async (token: string | null) => {
    accessToken = token;
    const result = token ? await rawRequest(MeDocument, {}) : null;
    const user = result?.data?.me ?? null;
    if (!user) accessToken = null;
    setMe(user);
    setStatus(user ? 'signed-in' : 'anonymous');
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    // Sessions outlive a reload through the refresh cookie, when the service issues one.
    void restoreSession().then(load, () => load(null));
  }, [load]);

  const value = useMemo<AuthState>(
    () => ({
      status,
      me,
      generation,
      signIn: (token) => load(token),
      signOut: async () => {
        await endSession();
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

const RefreshDocument = graphql(`
  mutation RefreshSession {
    refreshSession { accessToken }
  }
`);

const SignOutDocument = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** Resolves to a fresh access token from the refresh cookie, or null. */
async function restoreSession(): Promise<string | null> {
  const result = await rawMutation(RefreshDocument, {});
  return result.data?.refreshSession.accessToken ?? null;
}

async function endSession(): Promise<void> {
  if (accessToken) await rawMutation(SignOutDocument, {});
}
