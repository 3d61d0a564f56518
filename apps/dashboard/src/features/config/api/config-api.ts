import type { paths } from '@minka/contracts';
import { publicClient } from '@app/api-client';
import { ApiError, asProblem } from '@app/problem';

export type PublicConfig =
  paths['/api/v1/config']['get']['responses'][200]['content']['application/json'];

export const configKeys = { public: ['config', 'public'] as const };

export async function fetchPublicConfig(): Promise<PublicConfig> {
  const { data, error, response } = await publicClient.GET('/api/v1/config');
  if (!data) throw new ApiError(response.status, asProblem(error));
  return data;
}
