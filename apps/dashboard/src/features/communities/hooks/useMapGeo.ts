import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchMapGeo, mapGeoKeys, type MapGeoQuery } from '../api/map-geo-api';

/** The visible box and zoom of the map, as the geo endpoint takes them. */
export interface GeoView {
  bbox: string;
  zoom: number;
}

function useGeo(layer: NonNullable<MapGeoQuery['layer']>, view: GeoView | null) {
  const query: MapGeoQuery = { bbox: view?.bbox ?? '', zoom: view?.zoom ?? 0, layer };
  return useQuery({
    queryKey: mapGeoKeys.view(query),
    // Consuming `signal` lets React Query abort the request once its key is no longer wanted.
    queryFn: ({ signal }) => fetchMapGeo(query, signal),
    enabled: view !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** Communities in the box, clustered by the API at low zoom, with their highest open urgency. */
export const useNeedsGeo = (view: GeoView | null) => useGeo('communities', view);

/** The INEI gazetteer of populated places in the box: pre-built clusters up to zoom 11, points beyond. */
export const usePlacesGeo = (view: GeoView | null) => useGeo('places', view);
