import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '@app/format';
import { URGENCY_COLOURS } from '../../communities/components/UrgencyBadge';
import type { PlanStatus, StopStatus } from '../../deliveries/api/deliveries-types';
import { useBoard, useDeliveryAlerts, usePlans } from '../../deliveries/hooks/useDeliveries';
import { HomeCard } from './HomeCard';
import { HomeChart } from './HomeChart';
import './home.css';

const IN_PROGRESS: readonly PlanStatus[] = ['draft', 'allocated', 'optimised', 'dispatched'];
const STOP_STATUSES: readonly StopStatus[] = ['pending', 'delivered', 'confirmed', 'failed', 'cancelled'];
const STOP_COLOURS: Record<StopStatus, string> = {
  pending: '#e8a317',
  delivered: '#0b5d7a',
  confirmed: '#2f7d32',
  failed: '#b3261e',
  cancelled: '#6b7785',
};

/**
 * The coordinator's home: open needs on the map (the map itself comes from the page, since features
 * do not import map/*), plans in progress, stops by status and overdue confirmations.
 */
export function CoordinatorHome({ map }: { map: ReactNode }) {
  const { t, i18n } = useTranslation();
  const plans = usePlans({ page: 1 });
  const board = useBoard({ page: 1 });
  const alerts = useDeliveryAlerts();
  const lang = i18n.language;
  const inProgress = plans.data?.items.filter((p) => IN_PROGRESS.includes(p.status)) ?? [];
  const counts = board.data?.counts;
  const count = (s: StopStatus) => counts?.[s] ?? 0;

  return (
    <div className="home-grid">
      <HomeCard title={t('home.coordinator.mapTitle')} wide testId="home-needs-map">
        <div className="home-map">{map}</div>
        <div className="home-map__legend">
          <span>{t('home.coordinator.legend')}:</span>
          <ul>
            {[5, 4, 3, 2, 1].map((u) => (
              <li key={u}>
                <span className="home-swatch" style={{ backgroundColor: URGENCY_COLOURS[u] }} aria-hidden="true" />
                {t('communities.urgencyN', { n: u })}
              </li>
            ))}
          </ul>
          <Link to="/necesidades">{t('home.coordinator.openNeeds')}</Link>
        </div>
      </HomeCard>

      <HomeCard title={t('home.coordinator.plansTitle')} query={plans} testId="home-plans">
        {inProgress.length === 0 ? (
          <p>{t('home.coordinator.plansNone')}</p>
        ) : (
          <ul className="home-list">
            {inProgress.map((p) => (
              <li key={p.id}>
                <Link to={`/entregas/planes/${p.id}`} className="home-list__title">
                  {p.name}
                </Link>
                <span className={`home-pill home-pill--${p.status}`}>{t(`deliveries.planStatus.${p.status}`)}</span>
                <span className="muted">
                  {t('home.coordinator.planLine', {
                    depot: p.depotWarehouseName,
                    from: formatDate(`${p.startDate}T12:00:00Z`, lang),
                    to: formatDate(`${p.endDate}T12:00:00Z`, lang),
                  })}
                </span>
                <span>{t('home.coordinator.planStops', { count: p.stopCount, kits: formatNumber(p.totalKits, lang) })}</span>
              </li>
            ))}
          </ul>
        )}
      </HomeCard>

      <HomeCard title={t('home.coordinator.statusChart')} query={board} testId="home-stops-chart">
        <HomeChart
          title={t('home.coordinator.statusChart')}
          summary={t('home.coordinator.statusSummary', {
            confirmed: count('confirmed'),
            pending: count('pending'),
            delivered: count('delivered'),
            failed: count('failed'),
          })}
          labels={STOP_STATUSES.map((s) => t(`deliveries.stopStatus.${s}`))}
          series={[{ label: t('home.coordinator.stops'), values: STOP_STATUSES.map(count), colour: '#0b5d7a' }]}
          colours={STOP_STATUSES.map((s) => STOP_COLOURS[s])}
          integer
          format={(v) => formatNumber(v, lang)}
          labelHeader={t('home.coordinator.stops')}
        />
        <p>
          <Link to="/entregas/tablero">{t('home.coordinator.board')}</Link>
        </p>
      </HomeCard>

      <HomeCard title={t('home.coordinator.overdueTitle')} query={alerts} testId="home-overdue">
        {alerts.data && alerts.data.length === 0 ? (
          <p>{t('home.coordinator.overdueNone')}</p>
        ) : (
          <ul className="home-list">
            {alerts.data?.map((a) => (
              <li key={a.id} className="home-list__alert">
                <Link to={`/entregas/paradas/${a.stopId}`}>
                  {t('home.coordinator.overdueItem', {
                    community: a.communityName,
                    date: a.deliveredAt ? formatDate(a.deliveredAt, lang) : '—',
                    plan: a.planName,
                  })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </HomeCard>
    </div>
  );
}
