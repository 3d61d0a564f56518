import type { paths } from '@minka/contracts';
import { api } from '@app/api-client';
import { ApiError, asProblem } from '@app/problem';

type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;

export type Warehouse = Ok<'/api/v1/inventory/warehouses', 'get'>['items'][number];
export type StockPage = Ok<'/api/v1/inventory/stock', 'get'>;
export type StockRow = StockPage['items'][number];
export type StockQuery = NonNullable<paths['/api/v1/inventory/stock']['get']['parameters']['query']>;
export type KitType = Ok<'/api/v1/inventory/kit-types', 'get'>['items'][number];
export type Item = Ok<'/api/v1/inventory/items', 'get'>['items'][number];
export type StockCard = Ok<'/api/v1/inventory/stock-card', 'get'>;
export type Capacity = Ok<'/api/v1/inventory/assembly-capacity', 'get'>['items'][number];
export type AssemblyPreview = Ok<'/api/v1/inventory/assembly-preview', 'get'>;
export type Operation = Ok<'/api/v1/inventory/assemblies', 'post'>;
export type Transfer = Ok<'/api/v1/inventory/transfers', 'get'>['items'][number];
export type CountSession = Ok<'/api/v1/inventory/counts/{id}', 'get'>;
export type CountSummary = Ok<'/api/v1/inventory/counts', 'get'>['items'][number];
export type Alert = Ok<'/api/v1/inventory/alerts', 'get'>['items'][number];
export type AdjustmentReason = NonNullable<
  paths['/api/v1/inventory/counts/{id}/lines/{lineId}']['post']['requestBody']
>['content']['application/json']['reasonCode'];

export const inventoryKeys = {
  all: ['inventory'] as const,
  warehouses: ['inventory', 'warehouses'] as const,
  stock: (q: StockQuery) => ['inventory', 'stock', q] as const,
  kitTypes: ['inventory', 'kit-types'] as const,
  items: ['inventory', 'items'] as const,
  card: (warehouseId: string, subject: Subject) => ['inventory', 'card', warehouseId, subject] as const,
  capacity: (warehouseId: string) => ['inventory', 'capacity', warehouseId] as const,
  preview: (warehouseId: string, kitTypeId: string, count: number) => ['inventory', 'preview', warehouseId, kitTypeId, count] as const,
  transfers: (warehouseId: string) => ['inventory', 'transfers', warehouseId] as const,
  counts: (warehouseId: string) => ['inventory', 'counts', warehouseId] as const,
  count: (id: string) => ['inventory', 'count', id] as const,
  alerts: (warehouseId: string) => ['inventory', 'alerts', warehouseId] as const,
};

export type Subject = { itemId: string } | { kitTypeId: string };

function fail(response: Response, error: unknown): never {
  throw new ApiError(response.status, asProblem(error));
}

/** A fresh key per user action: a retried click never records the same stock movement twice. */
const idempotency = (): { 'Idempotency-Key': string } => ({ 'Idempotency-Key': crypto.randomUUID() });

export async function fetchWarehouses(): Promise<Warehouse[]> {
  const { data, error, response } = await api.GET('/api/v1/inventory/warehouses');
  return (data ?? fail(response, error)).items;
}

export async function fetchStock(query: StockQuery): Promise<StockPage> {
  const { data, error, response } = await api.GET('/api/v1/inventory/stock', { params: { query } });
  return data ?? fail(response, error);
}

export async function fetchKitTypes(): Promise<KitType[]> {
  const { data, error, response } = await api.GET('/api/v1/inventory/kit-types', { params: { query: { pageSize: 100 } } });
  return (data ?? fail(response, error)).items;
}

export async function fetchItems(): Promise<Item[]> {
  const { data, error, response } = await api.GET('/api/v1/inventory/items', { params: { query: { pageSize: 100 } } });
  return (data ?? fail(response, error)).items;
}

export async function fetchStockCard(warehouseId: string, subject: Subject): Promise<StockCard> {
  const { data, error, response } = await api.GET('/api/v1/inventory/stock-card', {
    params: { query: { warehouseId, ...subject, pageSize: 50 } },
  });
  return data ?? fail(response, error);
}

export async function fetchCapacity(warehouseId: string): Promise<Capacity[]> {
  const { data, error, response } = await api.GET('/api/v1/inventory/assembly-capacity', { params: { query: { warehouseId } } });
  return (data ?? fail(response, error)).items;
}

export async function fetchPreview(warehouseId: string, kitTypeId: string, count: number): Promise<AssemblyPreview> {
  const { data, error, response } = await api.GET('/api/v1/inventory/assembly-preview', {
    params: { query: { warehouseId, kitTypeId, count } },
  });
  return data ?? fail(response, error);
}

export async function assemble(body: { warehouseId: string; kitTypeId: string; count: number }): Promise<Operation> {
  const { data, error, response } = await api.POST('/api/v1/inventory/assemblies', { body, params: { header: idempotency() } });
  return data ?? fail(response, error);
}

export async function fetchTransfers(warehouseId: string): Promise<Transfer[]> {
  const { data, error, response } = await api.GET('/api/v1/inventory/transfers', { params: { query: { warehouseId, pageSize: 50 } } });
  return (data ?? fail(response, error)).items;
}

export async function shipTransfer(body: {
  fromWarehouseId: string;
  toWarehouseId: string;
  lines: Array<{ itemId?: string; kitTypeId?: string; quantity: number }>;
}): Promise<Transfer> {
  const { data, error, response } = await api.POST('/api/v1/inventory/transfers', { body, params: { header: idempotency() } });
  return data ?? fail(response, error);
}

export async function receiveTransfer(id: string): Promise<Transfer> {
  const { data, error, response } = await api.POST('/api/v1/inventory/transfers/{id}/receive', {
    params: { path: { id }, header: idempotency() },
  });
  return data ?? fail(response, error);
}

export async function fetchCounts(warehouseId: string): Promise<CountSummary[]> {
  const { data, error, response } = await api.GET('/api/v1/inventory/counts', { params: { query: { warehouseId, pageSize: 20 } } });
  return (data ?? fail(response, error)).items;
}

export async function fetchCount(id: string): Promise<CountSession> {
  const { data, error, response } = await api.GET('/api/v1/inventory/counts/{id}', { params: { path: { id } } });
  return data ?? fail(response, error);
}

export async function openCount(warehouseId: string): Promise<CountSession> {
  const { data, error, response } = await api.POST('/api/v1/inventory/counts', { body: { warehouseId } });
  return data ?? fail(response, error);
}

export async function recordCount(id: string, lineId: string, counted: number, reasonCode?: AdjustmentReason): Promise<CountSession> {
  const { data, error, response } = await api.POST('/api/v1/inventory/counts/{id}/lines/{lineId}', {
    params: { path: { id, lineId } },
    body: { counted, ...(reasonCode ? { reasonCode } : {}) },
  });
  return data ?? fail(response, error);
}

export async function closeCount(id: string): Promise<CountSession> {
  const { data, error, response } = await api.POST('/api/v1/inventory/counts/{id}/close', { params: { path: { id } } });
  return data ?? fail(response, error);
}

export async function fetchAlerts(warehouseId: string): Promise<Alert[]> {
  const { data, error, response } = await api.GET('/api/v1/inventory/alerts', {
    params: { query: { warehouseId: warehouseId || undefined, pageSize: 100 } },
  });
  return (data ?? fail(response, error)).items;
}

export async function runAlerts(): Promise<void> {
  const { data, error, response } = await api.POST('/api/v1/inventory/alerts/run');
  if (!data) fail(response, error);
}

export async function acknowledgeAlert(id: string): Promise<void> {
  const { data, error, response } = await api.POST('/api/v1/inventory/alerts/{id}/acknowledge', { params: { path: { id } } });
  if (!data) fail(response, error);
}
