import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createDonor,
  donationKeys,
  fetchCampaign,
  fetchCampaigns,
  fetchDonations,
  fetchDonors,
  fetchMine,
  fetchPublicCampaign,
  recordDonation,
  type NewDonation,
  type NewDonor,
} from '../api/donations-api';

export const useCampaigns = () => useQuery({ queryKey: donationKeys.campaigns, queryFn: fetchCampaigns });
export const useCampaign = (id: string) =>
  useQuery({ queryKey: donationKeys.campaign(id), queryFn: () => fetchCampaign(id), enabled: !!id });
export const useDonationList = (campaignId: string, page: number) =>
  useQuery({
    queryKey: donationKeys.list(campaignId, page),
    queryFn: () => fetchDonations(campaignId, page),
    enabled: !!campaignId,
    placeholderData: keepPreviousData,
  });
export const useMyDonations = () => useQuery({ queryKey: donationKeys.mine, queryFn: fetchMine });
export const useDonors = (q: string) =>
  useQuery({ queryKey: donationKeys.donors(q), queryFn: () => fetchDonors(q), placeholderData: keepPreviousData });
export const usePublicCampaign = (slug: string) =>
  useQuery({ queryKey: donationKeys.publicCampaign(slug), queryFn: () => fetchPublicCampaign(slug), refetchInterval: 60_000 });

export function useRecordDonation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: NewDonation; key: string }) => recordDonation(body, key),
    onSuccess: () => client.invalidateQueries({ queryKey: donationKeys.all }),
  });
}

export function useCreateDonor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: NewDonor; key: string }) => createDonor(body, key),
    onSuccess: () => client.invalidateQueries({ queryKey: donationKeys.all }),
  });
}
