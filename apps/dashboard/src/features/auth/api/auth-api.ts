import type { paths } from '@minka/contracts';
import { api, publicClient } from '@app/api-client';
import { ApiError, asProblem } from '@app/problem';
import type { Tokens } from '@app/session-store';

export type CurrentUser =
  paths['/api/v1/auth/me']['get']['responses'][200]['content']['application/json'];
export type Role = CurrentUser['roles'][number];
export interface Credentials {
  email: string;
  password: string;
}

export const authKeys = {
  me: ['auth', 'me'] as const,
};

export async function login(credentials: Credentials): Promise<Tokens> {
  const { data, error, response } = await publicClient.POST('/api/v1/auth/login', {
    body: credentials,
  });
  if (!data) throw new ApiError(response.status, asProblem(error));
  return { accessToken: data.accessToken, refreshToken: data.refreshToken };
}

/** Best effort: the session ends locally whatever the API answers. */
export async function logout(refreshToken: string): Promise<void> {
  try {
    await publicClient.POST('/api/v1/auth/logout', { body: { refreshToken } });
  } catch {
    // Offline or server down: the refresh token simply expires on its own.
  }
}

export async function fetchCurrentUser(): Promise<CurrentUser> {
  const { data, error, response } = await api.GET('/api/v1/auth/me');
  if (!data) throw new ApiError(response.status, asProblem(error));
  return data;
}
