import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchManifest, type RouteStep } from '../api/deliveries-api';
import type { PlanDetail, Route, Stop } from '../api/deliveries-types';
import { useLockRoute, useRouteStep, useSetRouteStops } from '../hooks/useDeliveries';
import { ConfirmDialog, ErrorMessage, ROUTE_NEXT_STEP, useFormat } from './shared';

interface Props {
  plan: PlanDetail;
  editable: boolean;
  colourOf: (vehicleId: string) => string;
  selectedStop: string | null;
  onSelectStop: (id: string) => void;
}

/**
 * The optimised routes: stops in order with ETAs, load against capacity, and the edits the
 * coordinator may make (reorder, move to another route, lock) before dispatch; then the manifest and
 * the dispatch steps. Stops no route could serve are listed with the optimiser's reason.
 */
export function RoutesPanel({ plan, editable, colourOf, selectedStop, onSelectStop }: Props) {
  const { t } = useTranslation();
  const setStops = useSetRouteStops(plan.id);
  const lock = useLockRoute(plan.id);
  const step = useRouteStep();
  const [pending, setPending] = useState<{ route: Route; step: RouteStep } | null>(null);
  const [manifestError, setManifestError] = useState<unknown>(null);
  const stopsById = new Map(plan.stops.map((s) => [s.id, s]));
  const unrouted = plan.stops.filter((s) => !s.routeId && s.status === 'pending');

  if (plan.routes.length === 0) {
    return (
      <div className="dl-stack">
        <p className="muted">{t('deliveries.routes.none')}</p>
        {plan.vehicles.length === 0 && <p className="muted">{t('deliveries.routes.needVehicle')}</p>}
        {plan.stops.length === 0 && <p className="muted">{t('deliveries.routes.needStops')}</p>}
      </div>
    );
  }

  const openManifest = async (route: Route) => {
    setManifestError(null);
    try {
      const blob = await fetchManifest(route.id);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `manifiesto-${route.vehicleName.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.pdf`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setManifestError(error);
    }
  };

  return (
    <div className="dl-stack">
      <ErrorMessage error={setStops.error ?? lock.error ?? step.error ?? manifestError} />
      {plan.routes.map((route) => (
        <RouteCard
          key={route.id}
          plan={plan}
          route={route}
          stops={route.stopIds.map((id) => stopsById.get(id)).filter((s): s is Stop => s !== undefined)}
          colour={colourOf(route.vehicleId)}
          editable={editable && route.status === 'planned'}
          busy={setStops.isPending || lock.isPending || step.isPending}
          selectedStop={selectedStop}
          onSelectStop={onSelectStop}
          onSetStops={(routeId, stopIds) => setStops.mutate({ routeId, stopIds })}
          onLock={(locked) => lock.mutate({ routeId: route.id, locked })}
          onStep={(s) => setPending({ route, step: s })}
          onManifest={() => void openManifest(route)}
        />
      ))}
      {unrouted.length > 0 && (
        <section aria-labelledby="dl-unserved-title" className="dl-card dl-card--warn" data-testid="unserved">
          <h2 id="dl-unserved-title" className="dl-h">
            {t('deliveries.routes.unserved', { count: unrouted.length })}
          </h2>
          <ul className="dl-list">
            {unrouted.map((s) => (
              <li key={s.id} id={`dl-stop-${s.id}`} className={`dl-item ${s.id === selectedStop ? 'is-selected' : ''}`}>
                <div className="dl-item__head">
                  <Link to={`/entregas/paradas/${s.id}`} className="dl-item__title">
                    {s.communityName}
                  </Link>
                  <span>{t('deliveries.common.kitsN', { count: s.totalKits })}</span>
                </div>
                <p className="dl-sub">
                  {s.unservedReason ? t(`deliveries.unserved.${s.unservedReason}`) : t('deliveries.routes.notOptimised')}
                </p>
                {editable && (
                  <MoveTo
                    stop={s}
                    routes={plan.routes.filter((r) => r.status === 'planned')}
                    label={t('deliveries.routes.assignTo')}
                    disabled={setStops.isPending}
                    onMove={(target) => setStops.mutate({ routeId: target.id, stopIds: [...target.stopIds, s.id] })}
                  />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(`deliveries.routes.stepTitle.${pending.step}`, { name: pending.route.vehicleName }) : ''}
        confirmLabel={pending ? t(`deliveries.routes.step.${pending.step}`) : ''}
        busy={step.isPending}
        onClose={() => setPending(null)}
        onConfirm={() => {
          if (!pending) return;
          step.mutate({ routeId: pending.route.id, step: pending.step }, { onSettled: () => setPending(null) });
        }}
      >
        {pending && <p>{t(`deliveries.routes.stepBody.${pending.step}`, { count: pending.route.loadKits, stops: pending.route.stopIds.length })}</p>}
      </ConfirmDialog>
    </div>
  );
}

interface CardProps {
  plan: PlanDetail;
  route: Route;
  stops: Stop[];
  colour: string;
  editable: boolean;
  busy: boolean;
  selectedStop: string | null;
  onSelectStop: (id: string) => void;
  onSetStops: (routeId: string, stopIds: string[]) => void;
  onLock: (locked: boolean) => void;
  onStep: (step: RouteStep) => void;
  onManifest: () => void;
}

function RouteCard({ plan, route, stops, colour, editable, busy, selectedStop, onSelectStop, onSetStops, onLock, onStep, onManifest }: CardProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const vehicle = plan.vehicles.find((v) => v.id === route.vehicleId);
  const next = ROUTE_NEXT_STEP[route.status];
  const titleId = `dl-route-${route.id}-title`;
  const move = (from: number, to: number) => {
    const ids = [...route.stopIds];
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id);
    onSetStops(route.id, ids);
  };
  const others = plan.routes.filter((r) => r.id !== route.id && r.status === 'planned');
  const pct = (load: number, cap: number | undefined) => (cap ? Math.round((load / cap) * 100) : 0);

  return (
    <section className="dl-route" aria-labelledby={titleId} data-testid="route-card" style={{ borderLeftColor: colour }}>
      <header className="dl-route__head">
        <h2 id={titleId} className="dl-h">
          <span className="dl-swatch" style={{ background: colour }} aria-hidden="true" />
          {route.vehicleName}
        </h2>
        <span className={`dl-status dl-status--${route.status}`}>{t(`deliveries.routeStatus.${route.status}`)}</span>
        {route.locked && <span className="tag">{t('deliveries.routes.locked')}</span>}
      </header>
      {stops.length === 0 ? (
        <p className="muted">{t('deliveries.routes.empty')}</p>
      ) : (
        <>
          <dl className="dl-facts">
            <div>
              <dt>{t('deliveries.routes.schedule')}</dt>
              <dd>
                {f.time(route.departureAt)} → {f.time(route.returnAt)}
              </dd>
            </div>
            <div>
              <dt>{t('deliveries.routes.distance')}</dt>
              <dd>
                {f.km(route.distanceM)} km · {f.hours(route.durationS)} h
              </dd>
            </div>
            <div>
              <dt>{t('deliveries.routes.load')}</dt>
              <dd data-testid="route-load">
                {t('deliveries.routes.loadValue', {
                  kits: route.loadKits,
                  kitsPct: pct(route.loadKits, vehicle?.capacityKits),
                  kg: f.num(route.loadKg),
                  kgPct: pct(route.loadKg, vehicle?.capacityKg),
                  m3: f.num(route.loadM3, 2),
                  m3Pct: pct(route.loadM3, vehicle?.capacityM3),
                })}
              </dd>
            </div>
          </dl>
          {route.matrixSource && (
            <p className="dl-sub">{t('deliveries.routes.matrix', { source: route.matrixSource === 'osrm' ? 'OSRM' : t('deliveries.routes.greatCircle') })}</p>
          )}
          <ol className="dl-route__stops" data-testid="route-stops" aria-label={t('deliveries.routes.orderOf', { name: route.vehicleName })}>
            {stops.map((s, i) => (
              <li
                key={s.id}
                id={`dl-stop-${s.id}`}
                className={`dl-route__stop ${s.id === selectedStop ? 'is-selected' : ''}`}
                data-testid="route-stop"
                onClick={() => onSelectStop(s.id)}
              >
                <span className="dl-seq" style={{ background: colour }} aria-hidden="true">
                  {s.sequence ?? i + 1}
                </span>
                <div className="dl-route__stop-main">
                  <Link to={`/entregas/paradas/${s.id}`} className="dl-item__title">
                    {s.communityName}
                  </Link>
                  <span className="dl-sub">
                    {t('deliveries.routes.eta', { time: f.time(s.eta) })} · {t('deliveries.common.kitsN', { count: s.totalKits })} ·{' '}
                    <span className={`dl-status dl-status--${s.status}`}>{t(`deliveries.stopStatus.${s.status}`)}</span>
                  </span>
                </div>
                {editable && (
                  <div className="dl-route__stop-tools" onClick={(e) => e.stopPropagation()}>
                    <button
                      type="button"
                      className="dl-icon-button"
                      disabled={busy || i === 0}
                      aria-label={t('deliveries.routes.moveUp', { name: s.communityName })}
                      onClick={() => move(i, i - 1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="dl-icon-button"
                      disabled={busy || i === stops.length - 1}
                      aria-label={t('deliveries.routes.moveDown', { name: s.communityName })}
                      onClick={() => move(i, i + 1)}
                    >
                      ↓
                    </button>
                    {others.length > 0 && (
                      <MoveTo
                        stop={s}
                        routes={others}
                        label={t('deliveries.routes.moveTo')}
                        disabled={busy}
                        onMove={(target) => onSetStops(target.id, [...target.stopIds, s.id])}
                      />
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="actions dl-route__actions">
        {editable && (
          <button type="button" className="button button--small" disabled={busy} onClick={() => onLock(!route.locked)}>
            {route.locked ? t('deliveries.routes.unlock') : t('deliveries.routes.lock')}
          </button>
        )}
        {stops.length > 0 && (
          <button type="button" className="button button--small" onClick={onManifest}>
            {t('deliveries.routes.manifest')}
          </button>
        )}
        {next && stops.length > 0 && plan.status !== 'cancelled' && (
          <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => onStep(next)}>
            {t(`deliveries.routes.step.${next}`)}
          </button>
        )}
      </div>
    </section>
  );
}

function MoveTo({ stop, routes, label, disabled, onMove }: { stop: Stop; routes: Route[]; label: string; disabled: boolean; onMove: (route: Route) => void }) {
  const id = `dl-move-${stop.id}`;
  return (
    <span className="dl-move">
      <label htmlFor={id} className="visually-hidden">
        {`${label}: ${stop.communityName}`}
      </label>
      <select
        id={id}
        value=""
        disabled={disabled}
        onChange={(e) => {
          const target = routes.find((r) => r.id === e.target.value);
          if (target) onMove(target);
        }}
      >
        <option value="">{label}</option>
        {routes.map((r) => (
          <option key={r.id} value={r.id}>
            {r.vehicleName}
          </option>
        ))}
      </select>
    </span>
  );
}
