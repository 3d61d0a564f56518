import { api } from '@app/api-client';
import { ApiError, asProblem } from '@app/problem';
import type {
  BoardPage,
  Confirmation,
  CreatePlanBody,
  CreateStopBody,
  CreateVehicleBody,
  DeliveryAlert,
  NetworkCheck,
  PlanDetail,
  PlanPage,
  PlanStatus,
  ProofBody,
  Stop,
  StopDetail,
  StopStatus,
  Suggestion,
  TimelineEvent,
} from './deliveries-types';

function fail(response: Response, error: unknown): never {
  throw new ApiError(response.status, asProblem(error));
}

/** POSTs that create or confirm carry a fresh key per user action: a retried click is not a second action. */
const idempotency = (): { 'Idempotency-Key': string } => ({ 'Idempotency-Key': crypto.randomUUID() });

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

export async function fetchPlans(q: { status?: PlanStatus; page: number; pageSize?: number }): Promise<PlanPage> {
  const { data, error, response } = await api.GET('/api/v1/deliveries/plans', {
    params: { query: { status: q.status, page: q.page, pageSize: q.pageSize ?? 20 } },
  });
  return data ?? fail(response, error);
}

export async function createPlan(body: CreatePlanBody): Promise<PlanDetail> {
  const { data, error, response } = await api.POST('/api/v1/deliveries/plans', { params: { header: idempotency() }, body });
  return data ?? fail(response, error);
}

export async function fetchPlan(planId: string): Promise<PlanDetail> {
  const { data, error, response } = await api.GET('/api/v1/deliveries/plans/{id}', { params: { path: { id: planId } } });
  return data ?? fail(response, error);
}

export async function cancelPlan(planId: string, reason: string): Promise<PlanDetail> {
  const { data, error, response } = await api.POST('/api/v1/deliveries/plans/{id}/cancel', {
    params: { path: { id: planId } },
    body: { reason },
  });
  return data ?? fail(response, error);
}

export async function addVehicle(planId: string, body: CreateVehicleBody): Promise<PlanDetail> {
  const { data, error, response } = await api.POST('/api/v1/deliveries/plans/{id}/vehicles', {
    params: { path: { id: planId }, header: idempotency() },
    body,
  });
  return data ?? fail(response, error);
}

export async function removeVehicle(planId: string, vehicleId: string): Promise<PlanDetail> {
  const { data, error, response } = await api.DELETE('/api/v1/deliveries/plans/{id}/vehicles/{vehicleId}', {
    params: { path: { id: planId, vehicleId } },
  });
  return data ?? fail(response, error);
}

export async function fetchSuggestions(planId: string): Promise<Suggestion[]> {
  const { data, error, response } = await api.GET('/api/v1/deliveries/plans/{id}/suggestions', {
    params: { path: { id: planId } },
  });
  return (data ?? fail(response, error)).items;
}

export async function addStop(planId: string, body: CreateStopBody): Promise<PlanDetail> {
  const { data, error, response } = await api.POST('/api/v1/deliveries/plans/{id}/stops', {
    params: { path: { id: planId }, header: idempotency() },
    body,
  });
  return data ?? fail(response, error);
}

export async function removeStop(planId: string, stopId: string): Promise<PlanDetail> {
  const { data, error, response } = await api.DELETE('/api/v1/deliveries/plans/{id}/stops/{stopId}', {
    params: { path: { id: planId, stopId } },
  });
  return data ?? fail(response, error);
}

export async function allocatePlan(planId: string): Promise<PlanDetail> {
  const { data, error, response } = await api.POST('/api/v1/deliveries/plans/{id}/allocate', {
    params: { path: { id: planId } },
  });
  return data ?? fail(response, error);
}

export async function fetchNetworkCheck(planId: string, days: number): Promise<NetworkCheck> {
  const { data, error, response } = await api.GET('/api/v1/deliveries/plans/{id}/network-check', {
    params: { path: { id: planId }, query: { days } },
  });
  return data ?? fail(response, error);
}

export async function optimisePlan(planId: string): Promise<PlanDetail> {
  const { data, error, response } = await api.POST('/api/v1/deliveries/plans/{id}/optimise', {
    params: { path: { id: planId } },
    body: {},
  });
  return data ?? fail(response, error);
}

export async function setRouteStops(planId: string, routeId: string, stopIds: string[]): Promise<PlanDetail> {
  const { data, error, response } = await api.PUT('/api/v1/deliveries/plans/{id}/routes/{routeId}/stops', {
    params: { path: { id: planId, routeId } },
    body: { stopIds },
  });
  return data ?? fail(response, error);
}

export async function lockRoute(planId: string, routeId: string, locked: boolean): Promise<PlanDetail> {
  const params = { path: { id: planId, routeId } };
  const { data, error, response } = locked
    ? await api.POST('/api/v1/deliveries/plans/{id}/routes/{routeId}/lock', { params })
    : await api.POST('/api/v1/deliveries/plans/{id}/routes/{routeId}/unlock', { params });
  return data ?? fail(response, error);
}

export type RouteStep = 'load' | 'start' | 'complete' | 'close';

export async function stepRoute(routeId: string, step: RouteStep): Promise<PlanDetail> {
  const params = { path: { routeId } };
  const { data, error, response } =
    step === 'load'
      ? await api.POST('/api/v1/deliveries/routes/{routeId}/load', { params })
      : step === 'start'
        ? await api.POST('/api/v1/deliveries/routes/{routeId}/start', { params })
        : step === 'complete'
          ? await api.POST('/api/v1/deliveries/routes/{routeId}/complete', { params })
          : await api.POST('/api/v1/deliveries/routes/{routeId}/close', { params });
  return data ?? fail(response, error);
}

/** The manifest needs the bearer token, so it is fetched as a blob and opened from memory. */
export async function fetchManifest(routeId: string): Promise<Blob> {
  const { data, error, response } = await api.GET('/api/v1/deliveries/routes/{routeId}/manifest.pdf', {
    params: { path: { routeId } },
    parseAs: 'blob',
  });
  return data ?? fail(response, error);
}

export async function fetchPlanTimeline(planId: string): Promise<TimelineEvent[]> {
  const { data, error, response } = await api.GET('/api/v1/deliveries/plans/{id}/timeline', {
    params: { path: { id: planId } },
  });
  return (data ?? fail(response, error)).items;
}

export async function fetchStopTimeline(stopId: string): Promise<TimelineEvent[]> {
  const { data, error, response } = await api.GET('/api/v1/deliveries/stops/{stopId}/timeline', {
    params: { path: { stopId } },
  });
  return (data ?? fail(response, error)).items;
}

export async function fetchBoard(q: { status?: StopStatus; planId?: string; page: number; pageSize?: number }): Promise<BoardPage> {
  const { data, error, response } = await api.GET('/api/v1/deliveries/board', {
    params: { query: { status: q.status, planId: q.planId, page: q.page, pageSize: q.pageSize ?? 100 } },
  });
  return data ?? fail(response, error);
}

export async function fetchStop(stopId: string): Promise<StopDetail> {
  const { data, error, response } = await api.GET('/api/v1/deliveries/stops/{stopId}', { params: { path: { stopId } } });
  return data ?? fail(response, error);
}

export async function deliverStop(stopId: string): Promise<Stop> {
  const { data, error, response } = await api.POST('/api/v1/deliveries/stops/{stopId}/deliver', {
    params: { path: { stopId }, header: idempotency() },
    body: {},
  });
  return data ?? fail(response, error);
}

export async function failStop(stopId: string, reason: string): Promise<Stop> {
  const { data, error, response } = await api.POST('/api/v1/deliveries/stops/{stopId}/fail', {
    params: { path: { stopId }, header: idempotency() },
    body: { reason },
  });
  return data ?? fail(response, error);
}

/** The key comes from the form: it stays the same across retries of one submission. */
export async function confirmStop(stopId: string, body: ProofBody, idempotencyKey: string): Promise<Confirmation> {
  const { data, error, response } = await api.POST('/api/v1/deliveries/stops/{stopId}/confirmation', {
    params: { path: { stopId }, header: { 'Idempotency-Key': idempotencyKey } },
    body,
  });
  return data ?? fail(response, error);
}

export async function fetchAlerts(): Promise<DeliveryAlert[]> {
  const { data, error, response } = await api.GET('/api/v1/deliveries/alerts', { params: { query: { pageSize: 100 } } });
  return (data ?? fail(response, error)).items;
}
