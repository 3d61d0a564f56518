import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  acknowledgeAlert,
  assemble,
  closeCount,
  fetchAlerts,
  fetchCapacity,
  fetchCount,
  fetchCounts,
  fetchItems,
  fetchKitTypes,
  fetchPreview,
  fetchStock,
  fetchStockCard,
  fetchTransfers,
  fetchWarehouses,
  inventoryKeys,
  openCount,
  receiveTransfer,
  recordCount,
  runAlerts,
  shipTransfer,
  type AdjustmentReason,
  type StockQuery,
  type Subject,
} from '../api/inventory-api';

export const useWarehouses = () => useQuery({ queryKey: inventoryKeys.warehouses, queryFn: fetchWarehouses, staleTime: 60_000 });
export const useKitTypes = () => useQuery({ queryKey: inventoryKeys.kitTypes, queryFn: fetchKitTypes, staleTime: 60_000 });
export const useItems = () => useQuery({ queryKey: inventoryKeys.items, queryFn: fetchItems, staleTime: 60_000 });

export function useStock(query: StockQuery, enabled = true) {
  return useQuery({ queryKey: inventoryKeys.stock(query), queryFn: () => fetchStock(query), placeholderData: keepPreviousData, enabled });
}

export function useStockCard(warehouseId: string, subject: Subject | null) {
  return useQuery({
    queryKey: inventoryKeys.card(warehouseId, subject ?? { itemId: '' }),
    queryFn: () => fetchStockCard(warehouseId, subject as Subject),
    enabled: !!warehouseId && subject !== null,
  });
}

export function useCapacity(warehouseId: string) {
  return useQuery({ queryKey: inventoryKeys.capacity(warehouseId), queryFn: () => fetchCapacity(warehouseId), enabled: !!warehouseId });
}

export function useAssemblyPreview(warehouseId: string, kitTypeId: string, count: number) {
  return useQuery({
    queryKey: inventoryKeys.preview(warehouseId, kitTypeId, count),
    queryFn: () => fetchPreview(warehouseId, kitTypeId, count),
    enabled: !!warehouseId && !!kitTypeId && count >= 1,
    placeholderData: keepPreviousData,
  });
}

/** Every stock-changing action refreshes everything inventory shows (stock, card, capacity, alerts). */
function useInventoryMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: inventoryKeys.all }) });
}

export const useAssemble = () => useInventoryMutation(assemble);
export const useShipTransfer = () => useInventoryMutation(shipTransfer);
export const useReceiveTransfer = () => useInventoryMutation(receiveTransfer);
export const useOpenCount = () => useInventoryMutation(openCount);
export const useRecordCount = () =>
  useInventoryMutation((v: { id: string; lineId: string; counted: number; reasonCode?: AdjustmentReason }) =>
    recordCount(v.id, v.lineId, v.counted, v.reasonCode),
  );
export const useCloseCount = () => useInventoryMutation(closeCount);
export const useRunAlerts = () => useInventoryMutation(runAlerts);
export const useAcknowledgeAlert = () => useInventoryMutation(acknowledgeAlert);

export function useTransfers(warehouseId: string) {
  return useQuery({ queryKey: inventoryKeys.transfers(warehouseId), queryFn: () => fetchTransfers(warehouseId), enabled: !!warehouseId });
}

export function useCounts(warehouseId: string) {
  return useQuery({ queryKey: inventoryKeys.counts(warehouseId), queryFn: () => fetchCounts(warehouseId), enabled: !!warehouseId });
}

export function useCount(id: string | null) {
  return useQuery({ queryKey: inventoryKeys.count(id ?? ''), queryFn: () => fetchCount(id as string), enabled: !!id });
}

export function useAlerts(warehouseId: string) {
  return useQuery({ queryKey: inventoryKeys.alerts(warehouseId), queryFn: () => fetchAlerts(warehouseId) });
}
