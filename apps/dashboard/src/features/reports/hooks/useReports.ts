import { keepPreviousData, useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  downloadDonorReport,
  downloadLedger,
  downloadStockReport,
  downloadThreeW,
  fetchCoverage,
  fetchOrganizations,
  fetchProvinceDistricts,
  reportKeys,
  type CoverageParams,
  type DayRange,
  type DocumentFormat,
  type District,
  type ThreeWParams,
} from '../api/reports-api';

/** One request per filter set: the tables and both map layers share it through the query cache. */
export function useCoverage(params: CoverageParams) {
  return useQuery({
    queryKey: reportKeys.coverage(params),
    queryFn: () => fetchCoverage(params),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** Administrators can pick any organisation; other roles get what the page already knows. */
export function useOrganizations(enabled: boolean) {
  return useQuery({ queryKey: reportKeys.organizations, queryFn: fetchOrganizations, enabled, staleTime: 5 * 60_000 });
}

export function useThreeWDownload() {
  return useMutation({ mutationFn: (params: ThreeWParams) => downloadThreeW(params) });
}

export function useDonorReportDownload() {
  return useMutation({
    mutationFn: ({ campaignId, range, format }: { campaignId: string; range: DayRange; format: DocumentFormat }) =>
      downloadDonorReport(campaignId, range, format),
  });
}

/** Stock (CSV or PDF) or the ledger (CSV, with a range) of one warehouse. */
export function useWarehouseDownload() {
  return useMutation({
    mutationFn: (
      r: { warehouseId: string; kind: 'stock'; format: DocumentFormat } | { warehouseId: string; kind: 'ledger'; range: DayRange },
    ) => (r.kind === 'stock' ? downloadStockReport(r.warehouseId, r.format) : downloadLedger(r.warehouseId, r.range)),
  });
}

export interface Centroid {
  lat: number;
  lon: number;
}

// Module-level so TanStack Query re-runs it only when a province's districts arrive.
function centroidsOf(results: { data?: District[] }[]): Map<string, Centroid> {
  const centroids = new Map<string, Centroid>();
  for (const { data } of results) {
    for (const d of data ?? []) {
      if (d.lat !== null && d.lon !== null) centroids.set(d.ubigeo, { lat: d.lat, lon: d.lon });
    }
  }
  return centroids;
}

/**
 * District centroids (INEI capital coordinates) for the given district UBIGEOs, fetched once per
 * province (reference data: kept for the session). Districts without coordinates are left out.
 */
export function useDistrictCentroids(districtUbigeos: readonly string[]): Map<string, Centroid> {
  const provinces = useMemo(() => [...new Set(districtUbigeos.map((u) => u.slice(0, 4)))].sort(), [districtUbigeos]);
  return useQueries({
    queries: provinces.map((province) => ({
      queryKey: reportKeys.districts(province),
      queryFn: () => fetchProvinceDistricts(province),
      staleTime: Infinity,
      gcTime: Infinity,
    })),
    combine: centroidsOf,
  });
}
