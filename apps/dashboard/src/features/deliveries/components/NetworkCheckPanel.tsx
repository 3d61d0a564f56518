import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UrgencyBadge } from '../../communities/components/UrgencyBadge';
import type { PlanDetail } from '../api/deliveries-types';
import { useNetworkCheck } from '../hooks/useDeliveries';
import { ErrorMessage, useFormat } from './shared';

/**
 * Before dispatch: other deliveries of the same category to the same communities within N days
 * (duplicates) and approved needs near the route that no plan covers (gaps).
 */
export function NetworkCheckPanel({ plan, onSelectStop }: { plan: PlanDetail; onSelectStop: (stopId: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [days, setDays] = useState(30);
  const [asked, setAsked] = useState(days);
  const check = useNetworkCheck(plan.id, asked, plan.stops.length > 0);
  const stopName = (id: string) => plan.stops.find((s) => s.id === id)?.communityName ?? '—';

  if (plan.stops.length === 0) return <p className="muted">{t('deliveries.check.noStops')}</p>;
  return (
    <div className="dl-stack" data-testid="network-check">
      <form
        className="dl-form__row dl-form__row--end"
        onSubmit={(e) => {
          e.preventDefault();
          if (asked === days) void check.refetch();
          setAsked(days);
        }}
      >
        <div className="field dl-field--narrow">
          <label htmlFor="dl-check-days">{t('deliveries.check.days')}</label>
          <input id="dl-check-days" type="number" min={1} max={365} value={days} onChange={(e) => setDays(Math.min(365, Math.max(1, Math.floor(Number(e.target.value)) || 1)))} />
        </div>
        <button type="submit" className="button" disabled={check.isFetching}>
          {check.isFetching ? t('deliveries.check.running') : t('deliveries.check.run')}
        </button>
      </form>
      <ErrorMessage error={check.error} />
      {check.data && (
        <>
          <section aria-labelledby="dl-dup-title">
            <h2 id="dl-dup-title" className="dl-h">
              {t('deliveries.check.duplicates', { count: check.data.duplicates.length, days: check.data.days })}
            </h2>
            {check.data.duplicates.length === 0 ? (
              <p className="dl-ok">{t('deliveries.check.noDuplicates')}</p>
            ) : (
              <ul className="dl-list">
                {check.data.duplicates.map((d) => (
                  <li key={`${d.stopId}-${d.otherStopId}-${d.category}`} className="dl-item dl-item--warn">
                    <p className="dl-item__title">
                      <button type="button" className="linklike" onClick={() => onSelectStop(d.stopId)}>
                        {d.communityName}
                      </button>{' '}
                      · {t(`inventory.categories.${d.category}`)}
                    </p>
                    <p className="dl-sub">
                      {t(d.kind === 'delivered' ? 'deliveries.check.deliveredBy' : 'deliveries.check.plannedBy', {
                        org: d.sameOrganization ? t('deliveries.check.yourOrg') : d.otherOrganizationName,
                        plan: d.otherPlanName,
                        date: f.date(d.date),
                        count: d.kits,
                      })}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="dl-gap-title">
            <h2 id="dl-gap-title" className="dl-h">
              {t('deliveries.check.gaps', { count: check.data.gaps.length, km: check.data.radiusKm })}
            </h2>
            {check.data.gaps.length === 0 ? (
              <p className="dl-ok">{t('deliveries.check.noGaps')}</p>
            ) : (
              <ul className="dl-list">
                {check.data.gaps.map((g) => (
                  <li key={g.needRequestId} className="dl-item">
                    <div className="dl-item__head">
                      <Link to={`/comunidades/${g.communityId}`} className="dl-item__title">
                        {g.communityName}
                      </Link>
                      <UrgencyBadge urgency={g.urgency} />
                    </div>
                    <p className="dl-sub">
                      {t('deliveries.check.gapNear', { km: f.num(g.distanceKm), stop: stopName(g.nearestStopId) })} ·{' '}
                      {t('communities.householdsAffected', { count: g.householdsAffected })}
                    </p>
                    <p className="dl-sub">{g.partner ? t('deliveries.check.partner') : t('deliveries.check.notPartner')}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
