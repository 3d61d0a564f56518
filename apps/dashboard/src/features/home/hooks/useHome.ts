import { useQuery } from '@tanstack/react-query';
import {
  fetchAllDonations,
  fetchAllStock,
  fetchAudit,
  fetchMyStops,
  fetchOrganizations,
  fetchPublicCampaigns,
  fetchUserCounts,
  homeKeys,
} from '../api/home-api';

// A home is looked at, not worked in: its reads may be a minute old.
const fresh = { staleTime: 60_000 };

export const useMyStops = () => useQuery({ queryKey: homeKeys.myStops, queryFn: fetchMyStops, ...fresh });
export const useOrganizations = () => useQuery({ queryKey: homeKeys.organizations, queryFn: fetchOrganizations, ...fresh });
export const useUserCounts = () => useQuery({ queryKey: homeKeys.users, queryFn: fetchUserCounts, ...fresh });
export const useAuditLatest = () => useQuery({ queryKey: homeKeys.audit, queryFn: fetchAudit, ...fresh });
export const usePublicCampaigns = () => useQuery({ queryKey: homeKeys.publicCampaigns, queryFn: fetchPublicCampaigns, ...fresh });
export const useAllStock = () => useQuery({ queryKey: homeKeys.allStock, queryFn: fetchAllStock, ...fresh });
export const useAllDonations = () => useQuery({ queryKey: homeKeys.allDonations, queryFn: fetchAllDonations, ...fresh });
