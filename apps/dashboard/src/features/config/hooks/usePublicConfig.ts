import { useQuery } from '@tanstack/react-query';
import { configKeys, fetchPublicConfig } from '../api/config-api';

export function usePublicConfig() {
  return useQuery({
    queryKey: configKeys.public,
    queryFn: fetchPublicConfig,
    staleTime: Infinity,
  });
}
