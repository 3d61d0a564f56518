import type { paths } from '@minka/contracts';
import { api } from '@app/api-client';
import { ApiError, asProblem } from '@app/problem';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;

export type CommunityPage = Json<'/api/v1/communities', 'get'>;
export type CommunitySummary = CommunityPage['items'][number];
export type Community = Json<'/api/v1/communities/{id}', 'get'>;
export type Leader = Json<'/api/v1/communities/{id}/leaders', 'get'>[number];
export type NeedPage = Json<'/api/v1/needs', 'get'>;
export type Need = NeedPage['items'][number];
export type NeedStatus = Need['status'];
export type GeoCollection = Json<'/api/v1/communities/geo', 'get'>;
export type CommunityQuery = NonNullable<paths['/api/v1/communities']['get']['parameters']['query']>;
export type NeedQuery = NonNullable<paths['/api/v1/needs']['get']['parameters']['query']>;
export type GeoQuery = paths['/api/v1/communities/geo']['get']['parameters']['query'];

export const communityKeys = {
  all: ['communities'] as const,
  list: (q: CommunityQuery) => ['communities', 'list', q] as const,
  detail: (id: string) => ['communities', 'detail', id] as const,
  leaders: (id: string) => ['communities', 'leaders', id] as const,
  needs: (q: NeedQuery) => ['needs', 'list', q] as const,
  geo: (q: GeoQuery) => ['communities', 'geo', q] as const,
};

function fail(response: Response, error: unknown): never {
  throw new ApiError(response.status, asProblem(error));
}

export async function fetchCommunities(query: CommunityQuery): Promise<CommunityPage> {
  const { data, error, response } = await api.GET('/api/v1/communities', { params: { query } });
  return data ?? fail(response, error);
}

export async function fetchCommunity(id: string): Promise<Community> {
  const { data, error, response } = await api.GET('/api/v1/communities/{id}', { params: { path: { id } } });
  return data ?? fail(response, error);
}

export async function fetchLeaders(id: string): Promise<Leader[]> {
  const { data, error, response } = await api.GET('/api/v1/communities/{id}/leaders', { params: { path: { id } } });
  return data ?? fail(response, error);
}

export async function fetchNeeds(query: NeedQuery): Promise<NeedPage> {
  const { data, error, response } = await api.GET('/api/v1/needs', { params: { query } });
  return data ?? fail(response, error);
}

export async function fetchGeo(query: GeoQuery): Promise<GeoCollection> {
  const { data, error, response } = await api.GET('/api/v1/communities/geo', { params: { query } });
  return data ?? fail(response, error);
}

export async function transitionNeed(id: string, status: Exclude<NeedStatus, 'submitted'>, reason: string): Promise<Need> {
  const { data, error, response } = await api.POST('/api/v1/needs/{id}/transitions', {
    params: { path: { id } },
    body: { status, reason },
  });
  return data ?? fail(response, error);
}

export type Department = Json<'/api/v1/geography/departments', 'get'> extends Array<infer D> ? D : never;

export async function fetchDepartments(): Promise<Department[]> {
  const { data, error, response } = await api.GET('/api/v1/geography/departments');
  return data ?? fail(response, error);
}
