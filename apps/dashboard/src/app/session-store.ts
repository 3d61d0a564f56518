/**
 * Owns the token pair. Kept in sessionStorage: it survives a reload but not closing the tab, and is
 * never shared with other tabs. Listeners hear about every change (login, refresh, logout, expiry).
 */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export type SessionEnd = 'logout' | 'expired';

const storageKey = 'minka.session';
type Listener = (tokens: Tokens | null, reason?: SessionEnd) => void;
const listeners = new Set<Listener>();

function read(): Tokens | null {
  const raw = sessionStorage.getItem(storageKey);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Tokens>;
    return typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string'
      ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken }
      : null;
  } catch {
    return null;
  }
}

export const sessionStore = {
  get: read,
  set(tokens: Tokens): void {
    sessionStorage.setItem(storageKey, JSON.stringify(tokens));
    listeners.forEach((listener) => listener(tokens));
  },
  clear(reason: SessionEnd): void {
    sessionStorage.removeItem(storageKey);
    listeners.forEach((listener) => listener(null, reason));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
