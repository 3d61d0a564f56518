import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CurrentUser } from '../features/auth/api/auth-api';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser';
import { sessionStore, type SessionEnd, type Tokens } from './session-store';

export type AuthStatus = 'anonymous' | 'loading' | 'authenticated' | 'error';

interface AuthState {
  status: AuthStatus;
  user: CurrentUser | null;
  /** Why the last session ended, so the login page can say "your session expired". */
  ended: SessionEnd | null;
  retry: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [tokens, setTokens] = useState<Tokens | null>(() => sessionStore.get());
  const [ended, setEnded] = useState<SessionEnd | null>(null);

  useEffect(
    () =>
      sessionStore.subscribe((next, reason) => {
        setTokens(next);
        setEnded(next ? null : (reason ?? null));
        // Nothing of the previous user may survive into the next session.
        if (!next) queryClient.clear();
      }),
    [queryClient],
  );

  const me = useCurrentUser(tokens !== null);
  const { refetch } = me;

  const value = useMemo<AuthState>(() => {
    const status: AuthStatus = !tokens
      ? 'anonymous'
      : me.data
        ? 'authenticated'
        : me.isError
          ? 'error'
          : 'loading';
    return {
      status,
      user: tokens ? (me.data ?? null) : null,
      ended,
      retry: () => void refetch(),
    };
  }, [tokens, me.data, me.isError, ended, refetch]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside <AuthProvider>');
  return state;
}
