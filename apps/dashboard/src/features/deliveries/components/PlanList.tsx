import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PLAN_STATUSES, type PlanStatus } from '../api/deliveries-types';
import { usePlans } from '../hooks/useDeliveries';
import { ErrorMessage, useFormat } from './shared';

/** The organisation's delivery plans, newest first, filterable by status. */
export function PlanList() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<PlanStatus | ''>('');
  const [page, setPage] = useState(1);
  const plans = usePlans({ status: status || undefined, page });
  const pages = plans.data ? Math.max(1, Math.ceil(plans.data.total / plans.data.pageSize)) : 1;

  return (
    <section className="dl-section" aria-labelledby="dl-plans-title">
      <div className="dl-section__head">
        <h2 id="dl-plans-title">{t('deliveries.plans.title')}</h2>
        <div className="field dl-field--inline">
          <label htmlFor="dl-plan-status">{t('deliveries.plans.statusFilter')}</label>
          <select
            id="dl-plan-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as PlanStatus | '');
              setPage(1);
            }}
          >
            <option value="">{t('deliveries.plans.allStatuses')}</option>
            {PLAN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`deliveries.planStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {plans.isError && <ErrorMessage error={plans.error} />}
      {plans.data && plans.data.items.length === 0 && <p className="muted">{t('deliveries.plans.empty')}</p>}
      {plans.data && plans.data.items.length > 0 && (
        <div className="dl-table-wrap">
          <table className="dl-table" aria-label={t('deliveries.plans.title')}>
            <thead>
              <tr>
                <th scope="col">{t('deliveries.plans.name')}</th>
                <th scope="col">{t('deliveries.plans.depot')}</th>
                <th scope="col">{t('deliveries.plans.dates')}</th>
                <th scope="col">{t('deliveries.plans.status')}</th>
                <th scope="col" className="num">
                  {t('deliveries.plans.stops')}
                </th>
                <th scope="col" className="num">
                  {t('deliveries.plans.vehicles')}
                </th>
                <th scope="col" className="num">
                  {t('deliveries.plans.kits')}
                </th>
              </tr>
            </thead>
            <tbody>
              {plans.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/entregas/planes/${p.id}`}>{p.name}</Link>
                    <span className="dl-sub">{p.organizationName}</span>
                  </td>
                  <td>{p.depotWarehouseName}</td>
                  <td>
                    {f.date(p.startDate)} – {f.date(p.endDate)}
                  </td>
                  <td>
                    <span className={`dl-status dl-status--${p.status}`}>{t(`deliveries.planStatus.${p.status}`)}</span>
                  </td>
                  <td className="num">{p.stopCount}</td>
                  <td className="num">{p.vehicleCount}</td>
                  <td className="num">{p.totalKits}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="actions dl-pager" aria-label={t('deliveries.common.pages')}>
          <button type="button" className="button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t('deliveries.common.previous')}
          </button>
          <span>{t('deliveries.common.pageOf', { page, pages })}</span>
          <button type="button" className="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            {t('deliveries.common.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
