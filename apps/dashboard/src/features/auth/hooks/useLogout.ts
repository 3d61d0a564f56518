import { useCallback } from 'react';
import { sessionStore } from '@app/session-store';
import { logout } from '../api/auth-api';

/** Revokes the refresh token on the API, then forgets the session locally. */
export function useLogout(): () => Promise<void> {
  return useCallback(async () => {
    const tokens = sessionStore.get();
    if (tokens) await logout(tokens.refreshToken);
    sessionStore.clear('logout');
  }, []);
}
