import { useQuery } from '@tanstack/react-query';
import { fetchMapStops, fetchPlansInProgress, networkMapKeys } from '../api/network-map-api';

/** Full details (vehicles, stops, routes with their paths) of the plans in progress. */
export function usePlansInProgress() {
  return useQuery({
    queryKey: networkMapKeys.plansInProgress,
    queryFn: ({ signal }) => fetchPlansInProgress(signal),
    staleTime: 30_000,
  });
}

/** Delivery stops of the caller's network with their status (newest plans first, capped). */
export function useMapStops() {
  return useQuery({ queryKey: networkMapKeys.stops, queryFn: ({ signal }) => fetchMapStops(signal), staleTime: 30_000 });
}
