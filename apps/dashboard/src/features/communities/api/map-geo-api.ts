import type { paths } from '@minka/contracts';
import { api } from '@app/api-client';
import { ApiError, asProblem } from '@app/problem';

// The map's geo requests, with the query's AbortSignal: a request for a box the user has already
// panned away from is cancelled instead of piling up behind the current one.

export type MapGeoQuery = paths['/api/v1/communities/geo']['get']['parameters']['query'];
export type MapGeoCollection = paths['/api/v1/communities/geo']['get']['responses'][200]['content']['application/json'];
export type MapGeoFeature = MapGeoCollection['features'][number];

export const mapGeoKeys = {
  view: (q: MapGeoQuery) => ['communities', 'geo', 'map', q] as const,
};

export async function fetchMapGeo(query: MapGeoQuery, signal: AbortSignal): Promise<MapGeoCollection> {
  const { data, error, response } = await api.GET('/api/v1/communities/geo', { params: { query }, signal });
  if (data) return data;
  throw new ApiError(response.status, asProblem(error));
}
