import { useQuery } from '@tanstack/react-query';
import { authKeys, fetchCurrentUser } from '../api/auth-api';

export function useCurrentUser(enabled: boolean) {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: fetchCurrentUser,
    enabled,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
