import type { Client } from 'openapi-fetch';
import { api } from '@app/api-client';
import { ApiError, asProblem } from '@app/problem';
import type {
  BoardPage,
  CreatePlanBody,
  CreateStopBody,
  CreateVehicleBody,
  DeliveryAlert,
  NetworkCheck,
  Page,
  PlanDetail,
  PlanStatus,
  PlanSummary,
  ProofBody,
  Stop,
  StopDetail,
  StopStatus,
  Suggestion,
  TimelineEvent,
} from './deliveries-types';

/**
 * The deliveries routes are not in the generated contract yet (see deliveries-types.ts), so they go
 * through the same authenticated client (`api`: bearer token, one refresh on 401, Accept-Language)
 * with a loose path type instead of `paths`. Swap to `paths` once @minka/contracts is regenerated.
 */
interface LooseOperation {
  parameters: { query?: Record<string, string | number | undefined>; header?: Record<string, string>; path?: never; cookie?: never };
  requestBody?: { content: { 'application/json': object } };
  responses: { 200: { content: { 'application/json': unknown } } };
}
type Method = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'options' | 'head' | 'trace';
type LoosePaths = Record<string, Record<Method, LooseOperation>>;
const client = api as unknown as Client<LoosePaths>;

const BASE = '/api/v1/deliveries';
const id = (value: string) => encodeURIComponent(value);

interface CallOptions {
  query?: Record<string, string | number | undefined>;
  body?: object;
  /** POSTs that create or confirm carry a fresh key per user action: a retried click is not a second action. */
  idempotent?: boolean;
}

async function call<T>(method: Uppercase<Method>, url: string, options: CallOptions = {}): Promise<T> {
  const header = options.idempotent ? { 'Idempotency-Key': crypto.randomUUID() } : undefined;
  const { data, error, response } = await client.request(method.toLowerCase() as Method, url, {
    params: { query: options.query, header },
    body: options.body,
  });
  if (!response.ok) throw new ApiError(response.status, asProblem(error));
  return data as T;
}

export const deliveryKeys = {
  all: ['deliveries'] as const,
  plans: (q: { status?: PlanStatus; page: number }) => ['deliveries', 'plans', q] as const,
  plan: (planId: string) => ['deliveries', 'plan', planId] as const,
  suggestions: (planId: string) => ['deliveries', 'suggestions', planId] as const,
  network: (planId: string, days: number) => ['deliveries', 'network', planId, days] as const,
  planTimeline: (planId: string) => ['deliveries', 'plan-timeline', planId] as const,
  board: (q: { status?: StopStatus; planId?: string; page: number }) => ['deliveries', 'board', q] as const,
  stop: (stopId: string) => ['deliveries', 'stop', stopId] as const,
  stopTimeline: (stopId: string) => ['deliveries', 'stop-timeline', stopId] as const,
  alerts: ['deliveries', 'alerts'] as const,
};

export const fetchPlans = (q: { status?: PlanStatus; page: number; pageSize?: number }) =>
  call<Page<PlanSummary>>('GET', `${BASE}/plans`, { query: { status: q.status, page: q.page, pageSize: q.pageSize ?? 20 } });
export const createPlan = (body: CreatePlanBody) => call<PlanSummary>('POST', `${BASE}/plans`, { body, idempotent: true });
export const fetchPlan = (planId: string) => call<PlanDetail>('GET', `${BASE}/plans/${id(planId)}`);
export const cancelPlan = (planId: string, reason: string) =>
  call<PlanDetail>('POST', `${BASE}/plans/${id(planId)}/cancel`, { body: { reason } });

export const addVehicle = (planId: string, body: CreateVehicleBody) =>
  call<PlanDetail>('POST', `${BASE}/plans/${id(planId)}/vehicles`, { body, idempotent: true });
export const removeVehicle = (planId: string, vehicleId: string) =>
  call<PlanDetail>('DELETE', `${BASE}/plans/${id(planId)}/vehicles/${id(vehicleId)}`);

export const fetchSuggestions = (planId: string) =>
  call<{ items: Suggestion[] }>('GET', `${BASE}/plans/${id(planId)}/suggestions`).then((r) => r.items);
export const addStop = (planId: string, body: CreateStopBody) =>
  call<PlanDetail>('POST', `${BASE}/plans/${id(planId)}/stops`, { body, idempotent: true });
export const removeStop = (planId: string, stopId: string) =>
  call<PlanDetail>('DELETE', `${BASE}/plans/${id(planId)}/stops/${id(stopId)}`);

export const allocatePlan = (planId: string) =>
  call<PlanDetail>('POST', `${BASE}/plans/${id(planId)}/allocate`, { idempotent: true });
export const fetchNetworkCheck = (planId: string, days: number) =>
  call<NetworkCheck>('GET', `${BASE}/plans/${id(planId)}/network-check`, { query: { days } });
export const optimisePlan = (planId: string) =>
  call<PlanDetail>('POST', `${BASE}/plans/${id(planId)}/optimise`, { body: {} });
export const setRouteStops = (planId: string, routeId: string, stopIds: string[]) =>
  call<PlanDetail>('PUT', `${BASE}/plans/${id(planId)}/routes/${id(routeId)}/stops`, { body: { stopIds } });
export const lockRoute = (planId: string, routeId: string, locked: boolean) =>
  call<PlanDetail>('POST', `${BASE}/plans/${id(planId)}/routes/${id(routeId)}/${locked ? 'lock' : 'unlock'}`);

export type RouteStep = 'load' | 'start' | 'complete' | 'close';
export const stepRoute = (routeId: string, step: RouteStep) =>
  call<PlanDetail>('POST', `${BASE}/routes/${id(routeId)}/${step}`, { idempotent: step === 'load' });

/** The manifest needs the bearer token, so it is fetched as a blob and opened from memory. */
export async function fetchManifest(routeId: string): Promise<Blob> {
  const { data, error, response } = await client.request('get', `${BASE}/routes/${id(routeId)}/manifest.pdf`, {
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw new ApiError(response.status, asProblem(error));
  return data;
}

export const fetchPlanTimeline = (planId: string) =>
  call<{ items: TimelineEvent[] }>('GET', `${BASE}/plans/${id(planId)}/timeline`).then((r) => r.items);
export const fetchStopTimeline = (stopId: string) =>
  call<{ items: TimelineEvent[] }>('GET', `${BASE}/stops/${id(stopId)}/timeline`).then((r) => r.items);

export const fetchBoard = (q: { status?: StopStatus; planId?: string; page: number; pageSize?: number }) =>
  call<BoardPage>('GET', `${BASE}/board`, {
    query: { status: q.status, planId: q.planId, page: q.page, pageSize: q.pageSize ?? 100 },
  });

export const fetchStop = (stopId: string) => call<StopDetail>('GET', `${BASE}/stops/${id(stopId)}`);
export const deliverStop = (stopId: string) =>
  call<Stop>('POST', `${BASE}/stops/${id(stopId)}/deliver`, { body: {}, idempotent: true });
export const failStop = (stopId: string, reason: string) =>
  call<Stop>('POST', `${BASE}/stops/${id(stopId)}/fail`, { body: { reason }, idempotent: true });
export const confirmStop = (stopId: string, body: ProofBody, idempotencyKey: string) =>
  client
    .request('post', `${BASE}/stops/${id(stopId)}/confirmation`, {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body,
    })
    .then(({ data, error, response }) => {
      if (!response.ok) throw new ApiError(response.status, asProblem(error));
      return data;
    });

export const fetchAlerts = () => call<Page<DeliveryAlert>>('GET', `${BASE}/alerts`, { query: { pageSize: 100 } }).then((r) => r.items);
