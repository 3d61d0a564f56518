import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  communityKeys,
  fetchCommunities,
  fetchCommunity,
  fetchDepartments,
  fetchGeo,
  fetchLeaders,
  fetchNeeds,
  transitionNeed,
  type CommunityQuery,
  type GeoQuery,
  type NeedQuery,
  type NeedStatus,
} from '../api/communities-api';

export function useCommunities(query: CommunityQuery) {
  return useQuery({ queryKey: communityKeys.list(query), queryFn: () => fetchCommunities(query), placeholderData: keepPreviousData });
}

export function useCommunity(id: string) {
  return useQuery({ queryKey: communityKeys.detail(id), queryFn: () => fetchCommunity(id) });
}

/** Leaders are personal data: only fetched when the API says the caller may read them (each read is logged). */
export function useLeaders(id: string, enabled: boolean) {
  return useQuery({ queryKey: communityKeys.leaders(id), queryFn: () => fetchLeaders(id), enabled, staleTime: 60_000 });
}

export function useNeeds(query: NeedQuery) {
  return useQuery({ queryKey: communityKeys.needs(query), queryFn: () => fetchNeeds(query), placeholderData: keepPreviousData });
}

export function useCommunitiesGeo(query: GeoQuery | null) {
  return useQuery({
    queryKey: communityKeys.geo(query ?? { bbox: '', zoom: 0 }),
    queryFn: () => fetchGeo(query as GeoQuery),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useNeedTransition() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; status: Exclude<NeedStatus, 'submitted'>; reason: string }) => transitionNeed(v.id, v.status, v.reason),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['needs'] });
      await client.invalidateQueries({ queryKey: communityKeys.all });
    },
  });
}

export function useDepartments() {
  return useQuery({ queryKey: ['geography', 'departments'], queryFn: fetchDepartments, staleTime: Infinity });
}
