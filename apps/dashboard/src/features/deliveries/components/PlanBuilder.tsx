import './deliveries.css';
import { useMemo, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanDetail, Route, Stop } from '../api/deliveries-types';
import { useAllocate, useCancelPlan, useOptimise, usePlan, useSuggestions } from '../hooks/useDeliveries';
import { DepotLayer, FitToPoints, RoutesLayer, StopsLayer, SuggestionsLayer } from '../map/DeliveryLayers';
import { NetworkCheckPanel } from './NetworkCheckPanel';
import { RoutesPanel } from './RoutesPanel';
import { ConfirmDialog, ErrorMessage, STOP_STATUS_COLOURS, useFormat, vehicleColour } from './shared';
import { StopsPanel } from './StopsPanel';
import { TimelineList } from './TimelineList';
import { VehiclesPanel } from './VehiclesPanel';

const TABS = ['stops', 'vehicles', 'check', 'routes', 'timeline'] as const;
type Tab = (typeof TABS)[number];
type MapMode = 'vehicle' | 'status';
const EDITABLE = new Set(['draft', 'allocated', 'optimised']);

/** The dashboard's map with its base layers (outlines, tiles); the page supplies it, the builder adds its layers. */
export type BaseMap = ComponentType<{ label: string; children: ReactNode }>;

/** Needs on the map and in a list → stops → vehicles → allocate → check → optimise → routes → dispatch. */
export function PlanBuilder({ planId, BaseMap }: { planId: string; BaseMap: BaseMap }) {
  const { t } = useTranslation();
  const plan = usePlan(planId);
  if (plan.isError) return <ErrorMessage error={plan.error} />;
  if (!plan.data) {
    return (
      <p className="page-status" role="status">
        {t('app.loading')}
      </p>
    );
  }
  return <Builder plan={plan.data} BaseMap={BaseMap} />;
}

function Builder({ plan, BaseMap }: { plan: PlanDetail; BaseMap: BaseMap }) {
  const { t } = useTranslation();
  const f = useFormat();
  const editable = EDITABLE.has(plan.status);
  const dispatched = !editable;
  const [tab, setTab] = useState<Tab>(() => (plan.routes.some((r) => r.stopIds.length > 0) ? 'routes' : 'stops'));
  const [mode, setMode] = useState<MapMode>(dispatched ? 'status' : 'vehicle');
  const [selectedStop, setSelectedStop] = useState<string | null>(null);
  const [selectedNeed, setSelectedNeed] = useState<string | null>(null);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const suggestions = useSuggestions(plan.id, editable);
  const allocate = useAllocate(plan.id);
  const optimise = useOptimise(plan.id);
  const cancel = useCancelPlan(plan.id);

  // A community is visited once per plan (the API refuses a second stop): hide its other needs too.
  const openSuggestions = useMemo(() => {
    const visited = new Set(plan.stops.filter((s) => s.status !== 'cancelled').map((s) => s.communityId));
    return (suggestions.data ?? []).filter((s) => !visited.has(s.communityId));
  }, [suggestions.data, plan.stops]);
  const colourByVehicle = useMemo(() => {
    const index = new Map(plan.vehicles.map((v, i) => [v.id, i]));
    return (vehicleId: string) => vehicleColour(index.get(vehicleId) ?? 0);
  }, [plan.vehicles]);
  const routeOf = useMemo(() => new Map(plan.routes.map((r) => [r.id, r])), [plan.routes]);
  const activeStops = plan.stops.filter((s) => s.status !== 'cancelled');
  const unreserved = activeStops.some((s) => s.lines.some((l) => !l.reserved));
  // Frame the needs while building; once routes exist, frame the depot and the plan's stops instead.
  const routed = plan.routes.some((r) => r.stopIds.length > 0);
  const points = useMemo(
    () =>
      routed
        ? [plan.depot, ...plan.stops.filter((s) => s.status !== 'cancelled')]
        : [plan.depot, ...plan.stops, ...openSuggestions],
    [routed, plan.depot, plan.stops, openSuggestions],
  );

  const stopColour = (s: Stop) => {
    if (mode === 'status') return STOP_STATUS_COLOURS[s.status];
    const route = s.routeId ? routeOf.get(s.routeId) : undefined;
    return route ? colourByVehicle(route.vehicleId) : '#6b7785';
  };
  const describeStop = (s: Stop) =>
    [
      s.sequence !== null ? t('deliveries.map.stopN', { n: s.sequence }) : t('deliveries.map.unrouted'),
      s.communityName,
      t('deliveries.common.kitsN', { count: s.totalKits }),
      t(`deliveries.stopStatus.${s.status}`),
      s.eta ? t('deliveries.routes.eta', { time: f.time(s.eta) }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
  const describeRoute = (r: Route) =>
    `${r.vehicleName} · ${t(`deliveries.routeStatus.${r.status}`)} · ${t('deliveries.routes.stopsN', { count: r.stopIds.length })}`;

  const selectStop = (id: string) => {
    setSelectedStop(id);
    const stop = plan.stops.find((s) => s.id === id);
    setTab(stop?.routeId || plan.routes.length > 0 ? 'routes' : 'stops');
    requestAnimationFrame(() => document.getElementById(`dl-stop-${id}`)?.scrollIntoView({ block: 'nearest' }));
  };
  const selectNeed = (id: string) => {
    setSelectedNeed(id);
    setTab('stops');
    requestAnimationFrame(() => document.getElementById(`dl-sug-${id}`)?.scrollIntoView({ block: 'nearest' }));
  };

  return (
    <div className="dl-builder">
      <div className="dl-builder__bar">
        <div className="dl-builder__title">
          <Link to="/entregas" className="dl-back">
            {t('deliveries.builder.back')}
          </Link>
          <h1>{plan.name}</h1>
          <p className="dl-sub">
            <span className={`dl-status dl-status--${plan.status}`} data-testid="plan-status">
              {t(`deliveries.planStatus.${plan.status}`)}
            </span>{' '}
            {t('deliveries.builder.summary', {
              depot: plan.depotWarehouseName,
              start: f.date(plan.startDate),
              end: f.date(plan.endDate),
            })}
          </p>
        </div>
        <div className="actions dl-builder__actions">
          {editable && (
            <button
              type="button"
              className="button"
              disabled={allocate.isPending || !unreserved}
              onClick={() => allocate.mutate(undefined, { onSuccess: () => setTab('check') })}
            >
              {allocate.isPending ? t('deliveries.builder.allocating') : t('deliveries.builder.allocate')}
            </button>
          )}
          {editable && (
            <button
              type="button"
              className="button button--primary"
              disabled={optimise.isPending || plan.vehicles.length === 0 || activeStops.length === 0}
              onClick={() => optimise.mutate(undefined, { onSuccess: () => setTab('routes') })}
            >
              {optimise.isPending
                ? t('deliveries.builder.optimising')
                : plan.routes.length > 0
                  ? t('deliveries.builder.reoptimise')
                  : t('deliveries.builder.optimise')}
            </button>
          )}
          {plan.status !== 'completed' && plan.status !== 'cancelled' && (
            <button type="button" className="button button--danger-outline" onClick={() => setCancelOpen(true)}>
              {t('deliveries.builder.cancelPlan')}
            </button>
          )}
        </div>
      </div>
      <div className="dl-builder__messages" aria-live="polite">
        <ErrorMessage error={allocate.error ?? optimise.error ?? cancel.error} />
        {allocate.isSuccess && plan.status === 'allocated' && (
          <p className="notice" role="status">
            {t('deliveries.builder.allocated')}
          </p>
        )}
      </div>
      <div className="dl-builder__body">
        <div className="dl-builder__map">
          <div className="dl-map-tools" role="group" aria-label={t('deliveries.map.mode')}>
            <button type="button" className="dl-chip" aria-pressed={mode === 'vehicle'} onClick={() => setMode('vehicle')}>
              {t('deliveries.map.byVehicle')}
            </button>
            <button type="button" className="dl-chip" aria-pressed={mode === 'status'} onClick={() => setMode('status')}>
              {t('deliveries.map.byStatus')}
            </button>
          </div>
          <BaseMap label={t('deliveries.map.label', { name: plan.name })}>
            <FitToPoints planId={plan.id} points={points} version={routed ? 2 : points.length > 1 ? 1 : 0} />
            <RoutesLayer
              routes={plan.routes}
              colourOf={(r) => colourByVehicle(r.vehicleId)}
              faded={mode === 'status'}
              describe={describeRoute}
            />
            {editable && (
              <SuggestionsLayer
                suggestions={openSuggestions}
                selectedId={selectedNeed}
                onSelect={selectNeed}
                describe={(s) =>
                  t('deliveries.map.suggestion', { name: s.communityName, priority: Math.round(s.priority.total), urgency: s.urgency })
                }
              />
            )}
            <StopsLayer stops={plan.stops} colourOf={stopColour} selectedId={selectedStop} describe={describeStop} onSelect={selectStop} />
            <DepotLayer depot={plan.depot} label={t('deliveries.map.depot', { name: plan.depot.name })} />
          </BaseMap>
          <MapKey mode={mode} plan={plan} colourOf={colourByVehicle} editable={editable} />
        </div>
        <aside className="dl-builder__panel" aria-label={t('deliveries.builder.panel')}>
          <div role="tablist" aria-label={t('deliveries.builder.steps')} className="dl-tabs">
            {TABS.map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`dl-tab-${id}`}
                aria-selected={tab === id}
                aria-controls="dl-tabpanel"
                tabIndex={tab === id ? 0 : -1}
                onClick={() => setTab(id)}
                onKeyDown={(e) => {
                  const i = TABS.indexOf(tab);
                  if (e.key === 'ArrowRight') setTab(TABS[(i + 1) % TABS.length]);
                  if (e.key === 'ArrowLeft') setTab(TABS[(i + TABS.length - 1) % TABS.length]);
                }}
              >
                {t(`deliveries.builder.tabs.${id}`)}
                {id === 'stops' && <span className="dl-count">{activeStops.length}</span>}
                {id === 'vehicles' && <span className="dl-count">{plan.vehicles.length}</span>}
                {id === 'routes' && <span className="dl-count">{plan.routes.filter((r) => r.stopIds.length > 0).length}</span>}
              </button>
            ))}
          </div>
          <div role="tabpanel" id="dl-tabpanel" aria-labelledby={`dl-tab-${tab}`} className="dl-tabpanel">
            {tab === 'stops' && (
              <StopsPanel
                plan={plan}
                editable={editable}
                suggestions={openSuggestions}
                suggestionsLoading={suggestions.isLoading}
                suggestionsError={suggestions.error}
                selectedNeed={selectedNeed}
                selectedStop={selectedStop}
                onSelectStop={setSelectedStop}
              />
            )}
            {tab === 'vehicles' && <VehiclesPanel plan={plan} editable={editable} colourOf={colourByVehicle} />}
            {tab === 'check' && <NetworkCheckPanel plan={plan} onSelectStop={selectStop} />}
            {tab === 'routes' && (
              <RoutesPanel plan={plan} editable={editable} colourOf={colourByVehicle} selectedStop={selectedStop} onSelectStop={setSelectedStop} />
            )}
            {tab === 'timeline' && <TimelineList scope={{ planId: plan.id }} />}
          </div>
        </aside>
      </div>
      <ConfirmDialog
        open={cancelOpen}
        title={t('deliveries.builder.cancelTitle')}
        confirmLabel={t('deliveries.builder.cancelConfirm')}
        danger
        busy={cancel.isPending}
        canConfirm={cancelReason.trim().length >= 3}
        onClose={() => setCancelOpen(false)}
        onConfirm={() => cancel.mutate(cancelReason.trim(), { onSettled: () => setCancelOpen(false) })}
      >
        <p>{t('deliveries.builder.cancelBody')}</p>
        <div className="field">
          <label htmlFor="dl-cancel-reason">{t('deliveries.common.reason')}</label>
          <textarea id="dl-cancel-reason" rows={2} minLength={3} maxLength={500} required value={cancelReason} onChange={(e) => setCancelReason(e.target.value)} />
        </div>
      </ConfirmDialog>
    </div>
  );
}

function MapKey({ mode, plan, colourOf, editable }: { mode: MapMode; plan: PlanDetail; colourOf: (vehicleId: string) => string; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="dl-map-key">
      <h2 className="visually-hidden">{t('map.legend')}</h2>
      <ul>
        <li>
          <span className="dl-key dl-key--depot" aria-hidden="true">
            ▣
          </span>
          {t('deliveries.map.depotKey')}
        </li>
        {editable && (
          <li>
            <span className="dl-key dl-key--need" aria-hidden="true" />
            {t('deliveries.map.needKey')}
          </li>
        )}
        {mode === 'vehicle'
          ? plan.vehicles.map((v) => (
              <li key={v.id}>
                <span className="dl-key dl-key--line" style={{ borderColor: colourOf(v.id) }} aria-hidden="true" />
                {v.name}
              </li>
            ))
          : (['pending', 'delivered', 'confirmed', 'failed'] as const).map((s) => (
              <li key={s}>
                <span className="dl-key dl-key--dot" style={{ background: STOP_STATUS_COLOURS[s] }} aria-hidden="true" />
                {t(`deliveries.stopStatus.${s}`)}
              </li>
            ))}
      </ul>
    </div>
  );
}
