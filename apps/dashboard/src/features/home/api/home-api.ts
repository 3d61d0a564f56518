import type { paths } from '@minka/contracts';
import { api, publicClient } from '@app/api-client';
import { ApiError, asProblem } from '@app/problem';

/**
 * The few reads of the home pages that no other feature makes yet: the leader's stops awaiting
 * confirmation, the admin's organisations, users and audit log, the public campaigns, and the full
 * lists that the charts aggregate (stock rows, donations), read page by page at the API's maximum size.
 */
type Ok<P extends keyof paths> = paths[P]['get'] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

export type MyStop = Ok<'/api/v1/deliveries/my-stops'>['items'][number];
export type MyStopPage = Ok<'/api/v1/deliveries/my-stops'>;
export type OrganizationPage = Ok<'/api/v1/admin/organizations'>;
export type UserPage = Ok<'/api/v1/admin/users'>;
export type AuditPage = Ok<'/api/v1/admin/audit-log'>;
export type PublicCampaign = Ok<'/api/v1/public/campaigns'>['items'][number];
export type StockRow = Ok<'/api/v1/inventory/stock'>['items'][number];
export type DonationRow = Ok<'/api/v1/donations'>['items'][number];

/** The API's maximum page size: the charts read every page of a list at this size. */
const PAGE = 100;
/** A chart never reads more than this many pages (the text alternative says when it stopped). */
export const MAX_PAGES = 10;

export const homeKeys = {
  myStops: ['home', 'my-stops'] as const,
  organizations: ['home', 'admin', 'organizations'] as const,
  users: ['home', 'admin', 'users'] as const,
  audit: ['home', 'admin', 'audit'] as const,
  publicCampaigns: ['home', 'public-campaigns'] as const,
  allStock: ['home', 'stock'] as const,
  allDonations: ['home', 'donations'] as const,
};

function fail(response: Response, error: unknown): never {
  throw new ApiError(response.status, asProblem(error));
}

export async function fetchMyStops(): Promise<MyStopPage> {
  const { data, error, response } = await api.GET('/api/v1/deliveries/my-stops', { params: { query: { pageSize: 50 } } });
  return data ?? fail(response, error);
}

export async function fetchOrganizations(): Promise<OrganizationPage> {
  const { data, error, response } = await api.GET('/api/v1/admin/organizations', { params: { query: { pageSize: PAGE } } });
  return data ?? fail(response, error);
}

/** Totals only (page size 1): the home shows how many users there are and how many are active. */
export async function fetchUserCounts(): Promise<{ total: number; active: number }> {
  const [all, active] = await Promise.all([
    api.GET('/api/v1/admin/users', { params: { query: { pageSize: 1 } } }),
    api.GET('/api/v1/admin/users', { params: { query: { pageSize: 1, status: 'active' } } }),
  ]);
  const total = all.data ?? fail(all.response, all.error);
  const live = active.data ?? fail(active.response, active.error);
  return { total: total.total, active: live.total };
}

export async function fetchAudit(): Promise<AuditPage> {
  const { data, error, response } = await api.GET('/api/v1/admin/audit-log', { params: { query: { pageSize: 8 } } });
  return data ?? fail(response, error);
}

export async function fetchPublicCampaigns(): Promise<PublicCampaign[]> {
  const { data, error, response } = await publicClient.GET('/api/v1/public/campaigns');
  return (data ?? fail(response, error)).items;
}

export interface AllOf<T> {
  items: T[];
  /** How many the API has; more than `items.length` only when MAX_PAGES was reached. */
  total: number;
}

async function readAll<T>(page: (n: number) => Promise<{ items: T[]; total: number }>): Promise<AllOf<T>> {
  const first = await page(1);
  const pages = Math.min(MAX_PAGES, Math.ceil(first.total / PAGE));
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)));
  return { items: [first, ...rest].flatMap((p) => p.items), total: first.total };
}

/** Every stock row (items and kits) of the warehouses the user may see. */
export function fetchAllStock(): Promise<AllOf<StockRow>> {
  return readAll(async (page) => {
    const { data, error, response } = await api.GET('/api/v1/inventory/stock', { params: { query: { page, pageSize: PAGE } } });
    return data ?? fail(response, error);
  });
}

/** The donations of the campaigns the user may see (for the chart by month and the latest list). */
export function fetchAllDonations(): Promise<AllOf<DonationRow>> {
  return readAll(async (page) => {
    const { data, error, response } = await api.GET('/api/v1/donations', { params: { query: { page, pageSize: PAGE } } });
    return data ?? fail(response, error);
  });
}
