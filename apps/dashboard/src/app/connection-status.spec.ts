import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { ApiError } from './problem';
import { isConnectionFailure, STALE_AFTER_MS, staleSince } from './connection-status';

describe('isConnectionFailure', () => {
  it('counts requests that got no answer and gateway errors, not answers from the API or our own bugs', () => {
    expect(isConnectionFailure(new TypeError('Failed to fetch'))).toBe(true);
    expect(isConnectionFailure(new TypeError('NetworkError when attempting to fetch resource.'))).toBe(true);
    expect(isConnectionFailure(new ApiError(503, null))).toBe(true);
    expect(isConnectionFailure(new ApiError(404, null))).toBe(false);
    expect(isConnectionFailure(new ApiError(500, null))).toBe(false);
    expect(isConnectionFailure(new TypeError('rows.map is not a function'))).toBe(false);
  });
});

describe('staleSince', () => {
  const now = 10 * 60 * 60_000;
  let client: QueryClient;
  const unsubscribe: Array<() => void> = [];

  /** A query with data fetched at `updatedAt`, shown on screen (observed) unless `observed` is false. */
  function shown(key: string[], updatedAt: number, options: { observed?: boolean; staleTime?: number } = {}): void {
    client.setQueryData(key, { key }, { updatedAt });
    if (options.observed === false) return;
    const observer = new QueryObserver(client, { queryKey: key, enabled: false, staleTime: options.staleTime });
    unsubscribe.push(observer.subscribe(() => undefined));
  }

  beforeEach(() => {
    client = new QueryClient();
  });
  afterEach(() => {
    unsubscribe.splice(0).forEach((stop) => stop());
    client.clear();
  });

  it('says nothing while connected and the data on screen is recent', () => {
    shown(['inventory'], now - 60_000);
    expect(staleSince(client, false, now)).toBeNull();
  });

  it('gives the oldest data on screen once the connection is lost', () => {
    shown(['inventory'], now - 60_000);
    shown(['needs'], now - 3 * 60_000);
    shown(['not-on-screen'], now - 9 * 60_000, { observed: false });
    shown(['auth', 'me'], now - 8 * 60_000);
    shown(['geo', 'departments'], now - 7 * 60_000, { staleTime: Infinity });
    expect(staleSince(client, true, now)).toBe(now - 3 * 60_000);
  });

  it('calls out data whose refresh failed, and data simply older than the threshold, while connected', () => {
    shown(['inventory'], now - 60_000);
    expect(staleSince(client, false, now)).toBeNull();
    client
      .getQueryCache()
      .find({ queryKey: ['inventory'] })
      ?.setState({ errorUpdatedAt: now - 1_000 });
    expect(staleSince(client, false, now)).toBe(now - 60_000);

    shown(['needs'], now - STALE_AFTER_MS - 1);
    expect(staleSince(client, false, now)).toBe(now - STALE_AFTER_MS - 1);
  });
});
