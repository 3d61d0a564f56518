import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addStop,
  addVehicle,
  allocatePlan,
  cancelPlan,
  confirmStop,
  createPlan,
  deliverStop,
  deliveryKeys,
  failStop,
  fetchAlerts,
  fetchBoard,
  fetchNetworkCheck,
  fetchPlan,
  fetchPlans,
  fetchPlanTimeline,
  fetchStop,
  fetchStopTimeline,
  fetchSuggestions,
  lockRoute,
  optimisePlan,
  removeStop,
  removeVehicle,
  setRouteStops,
  stepRoute,
  type RouteStep,
} from '../api/deliveries-api';
import type { CreateStopBody, CreateVehicleBody, PlanStatus, ProofBody, StopStatus } from '../api/deliveries-types';

export function usePlans(q: { status?: PlanStatus; page: number }) {
  return useQuery({ queryKey: deliveryKeys.plans(q), queryFn: () => fetchPlans(q), placeholderData: keepPreviousData });
}

/** Plans for a filter select (the newest 100). */
export function usePlanOptions() {
  const q = { page: 1, pageSize: 100 };
  return useQuery({ queryKey: [...deliveryKeys.plans({ page: 1 }), 'options'], queryFn: () => fetchPlans(q), staleTime: 30_000 });
}

export function usePlan(planId: string) {
  return useQuery({ queryKey: deliveryKeys.plan(planId), queryFn: () => fetchPlan(planId) });
}

export function useSuggestions(planId: string, enabled: boolean) {
  return useQuery({ queryKey: deliveryKeys.suggestions(planId), queryFn: () => fetchSuggestions(planId), enabled });
}

export function useNetworkCheck(planId: string, days: number, enabled: boolean) {
  return useQuery({ queryKey: deliveryKeys.network(planId, days), queryFn: () => fetchNetworkCheck(planId, days), enabled });
}

export function usePlanTimeline(planId: string, enabled: boolean) {
  return useQuery({ queryKey: deliveryKeys.planTimeline(planId), queryFn: () => fetchPlanTimeline(planId), enabled });
}

export function useBoard(q: { status?: StopStatus; planId?: string; page: number }) {
  return useQuery({ queryKey: deliveryKeys.board(q), queryFn: () => fetchBoard(q), placeholderData: keepPreviousData });
}

/** Open "delivered but not confirmed after N days" alerts of the organisation. */
export function useDeliveryAlerts() {
  return useQuery({ queryKey: deliveryKeys.alerts, queryFn: fetchAlerts, staleTime: 60_000 });
}

export function useStop(stopId: string) {
  return useQuery({ queryKey: deliveryKeys.stop(stopId), queryFn: () => fetchStop(stopId) });
}

export function useStopTimeline(stopId: string) {
  return useQuery({ queryKey: deliveryKeys.stopTimeline(stopId), queryFn: () => fetchStopTimeline(stopId) });
}

/**
 * Every deliveries action changes the plan, the board and (through reservations and dispatch) the
 * stock: refresh what deliveries and inventory show. Queries not on screen are only marked stale.
 */
function useDeliveryMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: deliveryKeys.all }),
        client.invalidateQueries({ queryKey: ['inventory'] }),
      ]);
    },
  });
}

export const useCreatePlan = () => useDeliveryMutation(createPlan);
export const useCancelPlan = (planId: string) => useDeliveryMutation((reason: string) => cancelPlan(planId, reason));
export const useAddVehicle = (planId: string) => useDeliveryMutation((body: CreateVehicleBody) => addVehicle(planId, body));
export const useRemoveVehicle = (planId: string) => useDeliveryMutation((vehicleId: string) => removeVehicle(planId, vehicleId));
export const useAddStop = (planId: string) => useDeliveryMutation((body: CreateStopBody) => addStop(planId, body));
export const useRemoveStop = (planId: string) => useDeliveryMutation((stopId: string) => removeStop(planId, stopId));
export const useAllocate = (planId: string) => useDeliveryMutation(() => allocatePlan(planId));
export const useOptimise = (planId: string) => useDeliveryMutation(() => optimisePlan(planId));
export const useSetRouteStops = (planId: string) =>
  useDeliveryMutation((v: { routeId: string; stopIds: string[] }) => setRouteStops(planId, v.routeId, v.stopIds));
export const useLockRoute = (planId: string) =>
  useDeliveryMutation((v: { routeId: string; locked: boolean }) => lockRoute(planId, v.routeId, v.locked));
export const useRouteStep = () => useDeliveryMutation((v: { routeId: string; step: RouteStep }) => stepRoute(v.routeId, v.step));
export const useDeliverStop = () => useDeliveryMutation(deliverStop);
export const useFailStop = () => useDeliveryMutation((v: { stopId: string; reason: string }) => failStop(v.stopId, v.reason));
export const useConfirmStop = () =>
  useDeliveryMutation((v: { stopId: string; body: ProofBody; idempotencyKey: string }) => confirmStop(v.stopId, v.body, v.idempotencyKey));
