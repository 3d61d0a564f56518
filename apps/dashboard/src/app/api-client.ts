import type { paths } from '@minka/contracts';
import createClient, { type Middleware } from 'openapi-fetch';
import { currentLanguage } from '../i18n';
import { sessionStore, type Tokens } from './session-store';

/**
 * The only way the dashboard talks to the API: typed by the OpenAPI contract (@minka/contracts).
 * `publicClient` has no auth (login, refresh, logout, public config); `api` adds the bearer token and
 * renews it once on a 401 before giving up and ending the session (the router then shows /login).
 */
const languageMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    return request;
  },
};

export const publicClient = createClient<paths>({ baseUrl: '' });
publicClient.use(languageMiddleware);

type Renewal = { outcome: 'renewed'; tokens: Tokens } | { outcome: 'rejected' | 'unreachable' };
let refreshing: Promise<Renewal> | null = null;

/** One refresh at a time: concurrent 401s wait for the same renewal instead of racing it. */
function refreshTokens(): Promise<Renewal> {
  refreshing ??= (async (): Promise<Renewal> => {
    const current = sessionStore.get();
    if (!current) return { outcome: 'rejected' };
    try {
      const { data } = await publicClient.POST('/api/v1/auth/refresh', {
        body: { refreshToken: current.refreshToken },
      });
      if (!data) return { outcome: 'rejected' };
      const tokens = { accessToken: data.accessToken, refreshToken: data.refreshToken };
      sessionStore.set(tokens);
      return { outcome: 'renewed', tokens };
    } catch {
      // Offline for a moment is not a reason to throw the user out; the next call tries again.
      return { outcome: 'unreachable' };
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

// The body of a request is consumed once sent, so keep an unsent copy per request id for the retry.
const unsent = new Map<string, Request>();

const authMiddleware: Middleware = {
  onRequest({ request, id }) {
    const tokens = sessionStore.get();
    if (tokens) request.headers.set('Authorization', `Bearer ${tokens.accessToken}`);
    unsent.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const copy = unsent.get(id);
    unsent.delete(id);
    // No session to renew (e.g. it ended while the request was in flight): nothing to retry.
    if (response.status !== 401 || !copy || !sessionStore.get()) return response;
    const renewal = await refreshTokens();
    if (renewal.outcome !== 'renewed') {
      if (renewal.outcome === 'rejected') sessionStore.clear('expired');
      return response;
    }
    copy.headers.set('Authorization', `Bearer ${renewal.tokens.accessToken}`);
    const retried = await fetch(copy);
    if (retried.status === 401) sessionStore.clear('expired');
    return retried;
  },
  onError({ id }) {
    unsent.delete(id);
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(languageMiddleware, authMiddleware);
