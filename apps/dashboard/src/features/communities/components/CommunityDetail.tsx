import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCommunity, useLeaders } from '../hooks/useCommunities';
import { NeedsBoard } from './NeedsBoard';
import { UrgencyBadge } from './UrgencyBadge';

type Month = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;

/** Community page: facts, access, coverage, leaders (allowed roles only) and its needs. */
export function CommunityDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const community = useCommunity(id);
  const c = community.data;
  const leaders = useLeaders(id, c?.canReadLeaders ?? false);

  if (community.isError) {
    return (
      <p className="alert" role="alert">
        {t('communities.loadFailed')}
      </p>
    );
  }
  if (!c) return <p role="status">{t('app.loading')}</p>;

  return (
    <div className="community">
      <p>
        <Link to="/comunidades">{t('communities.back')}</Link>
      </p>
      <h1 id="community-title">{c.name}</h1>
      <p className="muted">
        {[c.districtName, c.provinceName, c.departmentName].filter(Boolean).join(', ')} · UBIGEO {c.districtUbigeo}
        {c.placeCode && ` · ${t('communities.placeCode', { code: c.placeCode })}`}
      </p>
      <UrgencyBadge urgency={c.maxOpenUrgency} />
      <div className="community__grid">
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">{t('communities.facts')}</h2>
          <dl className="facts">
            <dt>{t('communities.households')}</dt>
            <dd>{c.households ?? '—'}</dd>
            <dt>{t('communities.population')}</dt>
            <dd>{c.population ?? '—'}</dd>
            <dt>{t('communities.altitude')}</dt>
            <dd>{c.altitudeM === null ? '—' : `${c.altitudeM} m`}</dd>
            <dt>{t('communities.languages')}</dt>
            <dd>{c.languages.map((l) => t(`communities.lang.${l}`, { defaultValue: l })).join(', ')}</dd>
            <dt>{t('communities.access')}</dt>
            <dd>
              {c.accessMode ? t(`communities.mode.${c.accessMode}`) : '—'}
              {c.accessHours !== null && ` · ${t('communities.hours', { count: c.accessHours })}`}
            </dd>
            <dt>{t('communities.cutOff')}</dt>
            <dd>
              {c.cutOffMonths.length ? c.cutOffMonths.map((m) => t(`communities.month.m${m as Month}`)).join(', ') : t('communities.never')}
            </dd>
            <dt>{t('communities.poverty')}</dt>
            <dd>{c.povertyTotalPct === null ? '—' : `${c.povertyTotalPct} %`}</dd>
            <dt>{t('communities.partners')}</dt>
            <dd>{c.partners.map((p) => p.name).join(', ') || '—'}</dd>
          </dl>
          {c.notes && <p>{c.notes}</p>}
        </section>
        <section className="card" aria-labelledby="coverage-title">
          <h2 id="coverage-title">{t('communities.coverage')}</h2>
          <dl className="facts">
            <dt>{t('communities.lastDelivery')}</dt>
            <dd>{c.coverage.lastDeliveryAt ? new Date(c.coverage.lastDeliveryAt).toLocaleDateString() : t('communities.noDeliveries')}</dd>
            <dt>{t('communities.kitsReceived')}</dt>
            <dd>{c.coverage.totalKits}</dd>
            <dt>{t('communities.kitsPerHousehold')}</dt>
            <dd>{c.coverage.kitsPerHousehold ?? '—'}</dd>
            {Object.entries(c.coverage.kitsByCategory).map(([category, n]) => (
              <div key={category}>
                <dt>{category}</dt>
                <dd>{n}</dd>
              </div>
            ))}
          </dl>
        </section>
        {c.canReadLeaders && (
          <section className="card" aria-labelledby="leaders-title">
            <h2 id="leaders-title">{t('communities.leaders')}</h2>
            <p className="muted">{t('communities.leadersLogged')}</p>
            {leaders.isError && (
              <p className="alert" role="alert">
                {t('communities.loadFailed')}
              </p>
            )}
            <ul className="leaders">
              {leaders.data?.map((l) => (
                <li key={l.id}>
                  <strong>{l.fullName}</strong> — {t(`communities.leaderRole.${l.role}`)}
                  {l.phone && (
                    <>
                      {' · '}
                      <a href={`tel:${l.phone}`}>{l.phone}</a>
                    </>
                  )}
                  {' · '}
                  {t(`communities.lang.${l.preferredLanguage}`, { defaultValue: l.preferredLanguage })}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
      <section aria-labelledby="needs-title">
        <h2 id="needs-title">{t('communities.needs')}</h2>
        <NeedsBoard communityId={c.id} />
      </section>
    </div>
  );
}
