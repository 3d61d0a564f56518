import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from './problem';

/** Data on screen older than this is called out even when the connection is fine. */
export const STALE_AFTER_MS = 5 * 60_000;
/** How often the "N min" of the stale-data banner is recomputed. */
const TICK_MS = 30_000;

export interface ConnectionStatus {
  /** navigator.onLine: false means the device has no network at all. */
  online: boolean;
  /** The device has a network but the last request to the API failed to get an answer (or a gateway error). */
  unreachable: boolean;
  /** When the oldest data on screen was fetched, if it is worth saying (offline, failed refresh, or old). */
  staleSince: number | null;
}

/**
 * A failure that says nothing about the request itself: no answer (fetch rejects with a TypeError:
 * "Failed to fetch" in Chromium, "NetworkError…" in Firefox, "Load failed" in Safari) or a gateway in the way.
 * A TypeError from a bug in our own code is not a connection problem and is not reported as one.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 502 || error.status === 503 || error.status === 504;
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/**
 * Queries whose data a person reads on the current screen: observed, with data. The account (auth/me)
 * and static files kept forever (staleTime Infinity, e.g. the map outlines) are not "data of hace N min".
 */
function onScreen(query: Query): boolean {
  if (query.getObserversCount() === 0 || query.state.dataUpdatedAt === 0) return false;
  if (query.queryKey[0] === 'auth') return false;
  const staleTime = (query.options as { staleTime?: unknown }).staleTime;
  return staleTime !== Infinity && staleTime !== 'static';
}

export function staleSince(client: QueryClient, connectionLost: boolean, now: number): number | null {
  let oldest: number | null = null;
  for (const query of client.getQueryCache().getAll()) {
    if (!onScreen(query)) continue;
    const { dataUpdatedAt, errorUpdatedAt } = query.state;
    // Say how old the data is when it could not be refreshed, or when it is simply old.
    const refreshFailed = errorUpdatedAt > dataUpdatedAt;
    if (connectionLost || refreshFailed || now - dataUpdatedAt > STALE_AFTER_MS) {
      oldest = oldest === null ? dataUpdatedAt : Math.min(oldest, dataUpdatedAt);
    }
  }
  return oldest;
}

/**
 * Follows navigator.onLine and the outcome of every query and mutation of the app's QueryClient: a
 * request that got no answer marks the server unreachable, the next one that got any answer clears it.
 */
export function useConnectionStatus(): ConnectionStatus & { now: number } {
  const client = useQueryClient();
  const [online, setOnline] = useState(() => navigator.onLine);
  const [unreachable, setUnreachable] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const update = (): void => {
      setOnline(navigator.onLine);
      setNow(Date.now());
    };
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    const tick = window.setInterval(() => setNow(Date.now()), TICK_MS);
    const outcome = (error: unknown): void => {
      setUnreachable(error !== null && isConnectionFailure(error));
      setNow(Date.now());
    };
    const unsubscribeQueries = client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success') outcome(null);
      else if (event.type === 'updated' && event.action.type === 'error') outcome(event.action.error);
      else if (event.type === 'observerAdded' || event.type === 'observerRemoved' || event.type === 'removed') setNow(Date.now());
    });
    const unsubscribeMutations = client.getMutationCache().subscribe((event) => {
      if (event.type !== 'updated') return;
      if (event.action.type === 'success') outcome(null);
      else if (event.action.type === 'error') outcome(event.action.error);
    });
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
      window.clearInterval(tick);
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [client]);

  const connectionLost = !online || unreachable;
  return { online, unreachable: online && unreachable, staleSince: staleSince(client, connectionLost, now), now };
}
