import { api } from '@app/api-client';
import { ApiError, asProblem } from '@app/problem';
import type { BoardItem, PlanDetail, PlanStatus } from './deliveries-types';

// What the network map shows of deliveries: the routes of the plans in progress and the stops by status.

/** Plans whose routes are on the map: optimised (routes drawn, not yet loaded) and dispatched (on the road). */
export const PLANS_IN_PROGRESS = ['optimised', 'dispatched'] as const satisfies readonly PlanStatus[];
/** Stops drawn at most (the newest plans first, as the board lists them). */
export const MAP_STOPS_LIMIT = 500;
const PAGE_SIZE = 100;

export const networkMapKeys = {
  plansInProgress: ['deliveries', 'map', 'plans-in-progress'] as const,
  stops: ['deliveries', 'map', 'stops'] as const,
};

function fail(response: Response, error: unknown): never {
  throw new ApiError(response.status, asProblem(error));
}

export async function fetchPlansInProgress(signal: AbortSignal): Promise<PlanDetail[]> {
  const pages = await Promise.all(
    PLANS_IN_PROGRESS.map(async (status) => {
      const { data, error, response } = await api.GET('/api/v1/deliveries/plans', {
        params: { query: { status, page: 1, pageSize: PAGE_SIZE } },
        signal,
      });
      return data ?? fail(response, error);
    }),
  );
  const ids = pages.flatMap((p) => p.items.map((plan) => plan.id));
  return Promise.all(
    ids.map(async (id) => {
      const { data, error, response } = await api.GET('/api/v1/deliveries/plans/{id}', { params: { path: { id } }, signal });
      return data ?? fail(response, error);
    }),
  );
}

export interface MapStops {
  items: BoardItem[];
  /** Stops that matched in all; more than `items` when the limit cut the list. */
  total: number;
}

export async function fetchMapStops(signal: AbortSignal): Promise<MapStops> {
  const items: BoardItem[] = [];
  let total = 0;
  for (let page = 1; items.length < MAP_STOPS_LIMIT; page++) {
    const { data, error, response } = await api.GET('/api/v1/deliveries/board', {
      params: { query: { page, pageSize: PAGE_SIZE } },
      signal,
    });
    const body = data ?? fail(response, error);
    total = body.total;
    items.push(...body.items);
    if (body.items.length < PAGE_SIZE || items.length >= total) break;
  }
  return { items: items.slice(0, MAP_STOPS_LIMIT), total };
}
