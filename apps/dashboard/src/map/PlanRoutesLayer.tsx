import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import { useNavigate } from 'react-router';
import type { Route } from '../features/deliveries/api/deliveries-types';
import { vehicleColour } from '../features/deliveries/components/shared';
import { usePlansInProgress } from '../features/deliveries/hooks/useNetworkMap';
import { RoutesLayer } from '../features/deliveries/map/DeliveryLayers';
import { makeOperable } from './map-interaction';

/**
 * Routes of the plans in progress (optimised or dispatched), one colour per vehicle. The lines are
 * drawn by the plan page's RoutesLayer (pane `map-routes`); this layer feeds it every plan in progress
 * and makes each line a link to its plan, by mouse and keyboard. Adds itself on mount, removes on unmount.
 */
export function PlanRoutesLayer() {
  const map = useMap();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const plans = usePlansInProgress();

  const { routes, colours, planOf } = useMemo(() => {
    const colours = new Map<string, string>();
    const planOf = new Map<string, { id: string; name: string }>();
    const routes: Route[] = [];
    let vehicleIndex = 0;
    for (const plan of plans.data ?? []) {
      for (const v of plan.vehicles) colours.set(v.id, vehicleColour(vehicleIndex++));
      for (const r of plan.routes) {
        routes.push(r);
        planOf.set(r.id, { id: plan.id, name: plan.name });
      }
    }
    return { routes, colours, planOf };
  }, [plans.data]);

  const describe = useCallback(
    (r: Route) => t('layers.routes.line', { vehicle: r.vehicleName, plan: planOf.get(r.id)?.name ?? '', stops: r.stopIds.length }),
    [planOf, t],
  );

  // Runs after RoutesLayer's own effect (children's effects run first) whenever it redraws the lines.
  useEffect(() => {
    const pane = map.getPane('delivery-routes');
    if (!pane) return;
    const cleanups: Array<() => void> = [];
    for (const el of pane.querySelectorAll<SVGPathElement>('path[data-route-id]')) {
      const routeId = el.getAttribute('data-route-id') ?? '';
      const plan = planOf.get(routeId);
      const route = routes.find((r) => r.id === routeId);
      if (!plan || !route) continue;
      const open = () => void navigate(`/entregas/planes/${plan.id}`);
      el.addEventListener('click', open);
      cleanups.push(() => el.removeEventListener('click', open));
      cleanups.push(makeOperable(el, describe(route), open, 'link'));
    }
    return () => cleanups.forEach((c) => c());
  }, [map, routes, planOf, navigate, describe]);

  return <RoutesLayer routes={routes} colourOf={(r) => colours.get(r.vehicleId) ?? vehicleColour(0)} faded={false} describe={describe} />;
}
