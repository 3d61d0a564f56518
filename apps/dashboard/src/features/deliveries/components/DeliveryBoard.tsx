import './deliveries.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { BoardItem, StopStatus } from '../api/deliveries-types';
import { useBoard, useDeliveryAlerts, usePlanOptions } from '../hooks/useDeliveries';
import { ErrorMessage, STOP_STATUS_COLOURS, useFormat } from './shared';

const COLUMNS = ['pending', 'delivered', 'confirmed', 'failed'] as const satisfies readonly StopStatus[];

/** Stops of the organisation's plans in four columns by status; the plan filter lives in the URL. */
export function DeliveryBoard() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const planId = params.get('plan') ?? '';
  const plans = usePlanOptions();
  const alerts = useDeliveryAlerts();
  const f = useFormat();
  const overdue = (alerts.data ?? []).filter((a) => !planId || a.planId === planId);

  return (
    <div className="dl-board-wrap">
      <div className="dl-section__head">
        <div className="field dl-field--inline">
          <label htmlFor="dl-board-plan">{t('deliveries.board.plan')}</label>
          <select
            id="dl-board-plan"
            value={planId}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.value) next.set('plan', e.target.value);
              else next.delete('plan');
              setParams(next, { replace: true });
            }}
          >
            <option value="">{t('deliveries.board.allPlans')}</option>
            {plans.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {planId && (
          <Link to={`/entregas/planes/${planId}`} className="button button--small">
            {t('deliveries.board.openPlan')}
          </Link>
        )}
      </div>
      {overdue.length > 0 && (
        <section className="dl-card dl-card--warn" aria-labelledby="dl-overdue-title">
          <h2 id="dl-overdue-title" className="dl-h">
            {t('deliveries.board.overdue', { count: overdue.length })}
          </h2>
          <ul className="dl-lines">
            {overdue.map((a) => (
              <li key={a.id}>
                <Link to={`/entregas/paradas/${a.stopId}`}>{a.communityName}</Link> ·{' '}
                {t('deliveries.board.overdueItem', { plan: a.planName, date: f.dateTime(a.deliveredAt) })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="dl-board">
        {COLUMNS.map((status) => (
          <Column key={status} status={status} planId={planId || undefined} />
        ))}
      </div>
    </div>
  );
}

function Column({ status, planId }: { status: StopStatus; planId?: string }) {
  const { t } = useTranslation();
  const board = useBoard({ status, planId, page: 1 });
  const titleId = `dl-col-${status}`;
  const total = board.data?.total ?? 0;
  return (
    <section className="dl-board__col" aria-labelledby={titleId} data-testid={`board-${status}`}>
      <h2 id={titleId} className="dl-board__title" style={{ borderTopColor: STOP_STATUS_COLOURS[status] }}>
        {t(`deliveries.stopStatus.${status}`)} <span className="dl-count">{board.data ? total : '…'}</span>
      </h2>
      <ErrorMessage error={board.error} />
      {board.data && board.data.items.length === 0 && <p className="muted">{t('deliveries.board.empty')}</p>}
      <ul className="dl-list">
        {board.data?.items.map((item) => <Card key={item.stopId} item={item} />)}
      </ul>
      {board.data && total > board.data.items.length && (
        <p className="muted">{t('deliveries.board.more', { shown: board.data.items.length, total })}</p>
      )}
    </section>
  );
}

function Card({ item }: { item: BoardItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <li className="dl-item">
      <Link to={`/entregas/paradas/${item.stopId}`} className="dl-item__title">
        {item.communityName}
      </Link>
      <p className="dl-sub">{item.planName}</p>
      <p className="dl-sub">
        {t('deliveries.common.kitsN', { count: item.totalKits })}
        {item.vehicleName ? ` · ${item.vehicleName}` : ''}
        {item.sequence !== null ? ` · ${t('deliveries.map.stopN', { n: item.sequence })}` : ''}
      </p>
      <p className="dl-sub">
        {item.confirmedAt
          ? t('deliveries.board.confirmedAt', { date: f.dateTime(item.confirmedAt) })
          : item.deliveredAt
            ? t('deliveries.board.deliveredAt', { date: f.dateTime(item.deliveredAt) })
            : item.eta
              ? t('deliveries.routes.eta', { time: f.dateTime(item.eta) })
              : item.routeStatus
                ? t(`deliveries.routeStatus.${item.routeStatus}`)
                : t('deliveries.map.unrouted')}
      </p>
      {item.failureReason && <p className="dl-sub dl-danger">{item.failureReason}</p>}
    </li>
  );
}
