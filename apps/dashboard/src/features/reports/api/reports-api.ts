import type { components, paths } from '@minka/contracts';
import { api } from '@app/api-client';
import { ApiError, asProblem } from '@app/problem';

/**
 * Reports of the network (issue #9): the 3W/4W file and the coverage report. Files need the bearer
 * token, so they are fetched as blobs through the api client and saved from memory under the name
 * the server gives in Content-Disposition.
 */
export type CoverageReport = components['schemas']['CoverageReportDto'];
export type CoverageRow = components['schemas']['CoverageRowDto'];
export type CoverageGap = components['schemas']['CoverageGapDto'];
export type CoverageOverlap = components['schemas']['CoverageOverlapDto'];
export type KitCategory = CoverageRow['category'];
export type District = components['schemas']['DistrictDto'];
export type Organization = { id: string; name: string };

type ThreeWQuery = NonNullable<paths['/api/v1/reports/3w']['get']['parameters']['query']>;
export type ThreeWFormat = NonNullable<ThreeWQuery['format']>;
export type ThreeWParams = { from?: string; to?: string; organizationId?: string; sector?: KitCategory; format: ThreeWFormat };
export type CoverageParams = { from?: string; to?: string; days?: number };

export const KIT_CATEGORIES: readonly KitCategory[] = ['hygiene', 'food', 'medical', 'water_sanitation', 'shelter', 'other'];

export const reportKeys = {
  all: ['reports'] as const,
  coverage: (p: CoverageParams) => ['reports', 'coverage', p.from ?? '', p.to ?? '', p.days ?? 0] as const,
  districts: (province: string) => ['geography', 'districts', province] as const,
  organizations: ['reports', 'organizations'] as const,
};

function fail(response: Response, error: unknown): never {
  throw new ApiError(response.status, asProblem(error));
}

/** Empty strings are "not set": the API then applies its defaults. */
const given = <T>(value: T | '' | undefined): T | undefined => (value === '' ? undefined : value);

export async function fetchCoverage(p: CoverageParams): Promise<CoverageReport> {
  const { data, error, response } = await api.GET('/api/v1/reports/coverage', {
    params: { query: { from: given(p.from), to: given(p.to), days: p.days } },
  });
  return data ?? fail(response, error);
}

/** A province's districts (with their centroids); no province has more than 100. */
export async function fetchProvinceDistricts(province: string): Promise<District[]> {
  const { data, error, response } = await api.GET('/api/v1/geography/districts', {
    params: { query: { province, pageSize: 100 } },
  });
  return (data ?? fail(response, error)).items;
}

/** The network's organisations: only administrators may list them all. */
export async function fetchOrganizations(): Promise<Organization[]> {
  const { data, error, response } = await api.GET('/api/v1/admin/organizations', { params: { query: { pageSize: 100 } } });
  return (data ?? fail(response, error)).items.map((o) => ({ id: o.id, name: o.name }));
}

/** `attachment; filename="minka-3w-….csv"` → `minka-3w-….csv` (RFC 6266, quoted or bare). */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  const match = header ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header) : null;
  if (!match?.[1]) return fallback;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/** Hands a blob to the browser as a download (an object URL on a temporary link). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; give the browser a moment before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export interface DownloadedFile {
  filename: string;
  bytes: number;
}

export async function downloadThreeW(p: ThreeWParams): Promise<DownloadedFile> {
  const { data, error, response } = await api.GET('/api/v1/reports/3w', {
    params: {
      query: { from: given(p.from), to: given(p.to), organizationId: given(p.organizationId), sector: given(p.sector), format: p.format },
    },
    parseAs: 'blob',
  });
  if (!data) fail(response, error);
  return saveDownload(data, response, `minka-3w.${p.format}`);
}

export type DocumentFormat = 'csv' | 'pdf';
export type DayRange = { from?: string; to?: string };

function saveDownload(data: Blob, response: Response, fallback: string): DownloadedFile {
  const filename = filenameFromDisposition(response.headers.get('content-disposition'), fallback);
  saveBlob(data, filename);
  return { filename, bytes: data.size };
}

/** A campaign's donor report (money by month, kits by district); without a range, the whole campaign. */
export async function downloadDonorReport(campaignId: string, range: DayRange, format: DocumentFormat): Promise<DownloadedFile> {
  const { data, error, response } = await api.GET('/api/v1/reports/campaigns/{id}/donor-report', {
    params: { path: { id: campaignId }, query: { from: given(range.from), to: given(range.to), format } },
    parseAs: 'blob',
  });
  if (!data) fail(response, error);
  return saveDownload(data, response, `minka-donantes.${format}`);
}

/** Today's stock of a warehouse. */
export async function downloadStockReport(warehouseId: string, format: DocumentFormat): Promise<DownloadedFile> {
  const { data, error, response } = await api.GET('/api/v1/reports/warehouses/{id}/stock', {
    params: { path: { id: warehouseId }, query: { format } },
    parseAs: 'blob',
  });
  if (!data) fail(response, error);
  return saveDownload(data, response, `minka-stock.${format}`);
}

/** A warehouse's ledger movements of the range, with running balances. */
export async function downloadLedger(warehouseId: string, range: DayRange): Promise<DownloadedFile> {
  const { data, error, response } = await api.GET('/api/v1/reports/warehouses/{id}/ledger.csv', {
    params: { path: { id: warehouseId }, query: { from: given(range.from), to: given(range.to) } },
    parseAs: 'blob',
  });
  if (!data) fail(response, error);
  return saveDownload(data, response, 'minka-kardex.csv');
}
