import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@app/format';
import { useMyStops } from '../hooks/useHome';
import { HomeCard } from './HomeCard';
import './home.css';

/**
 * The public confirmation page (apps/dashboard/confirmar, the `code` channel of the deliveries API):
 * the one way a leader confirms today, with the 6-character code printed on the manifest, offline
 * included. It is its own page outside the React app, so it is reached with a full navigation.
 */
export const CONFIRMATION_PAGE = '/confirmar/';

/** The community leader's home: one big "confirm receipt" action and the deliveries awaiting it. */
export function LeaderHome() {
  const { t, i18n } = useTranslation();
  const stops = useMyStops();
  const lang = i18n.language;
  const english = lang.startsWith('en');
  const items = stops.data?.items ?? [];

  return (
    <div className="home-grid">
      <div className="home-card home-card--wide home-confirm">
        <a className="button button--primary home-confirm__action" href={CONFIRMATION_PAGE} data-testid="home-confirm">
          {t('home.leader.confirm')}
        </a>
        <p className="home-confirm__help">{t('home.leader.confirmHelp')}</p>
      </div>

      <HomeCard title={t('home.leader.pendingTitle')} query={stops} wide testId="home-my-stops">
        {items.length === 0 ? (
          <p>{t('home.leader.none')}</p>
        ) : (
          <>
            <p className="home-lead">{t('home.leader.pendingCount', { count: stops.data?.total ?? items.length })}</p>
            <ul className="home-list home-list--stops">
              {items.map((s) => (
                <li key={s.id} data-testid="home-my-stop">
                  <span className="home-list__title">{s.communityName}</span>
                  <span>{t('home.leader.from', { org: s.organizationName })}</span>
                  <span className="muted">
                    {s.deliveredAt
                      ? t('home.leader.deliveredAt', { date: formatDateTime(s.deliveredAt, lang) })
                      : s.eta
                        ? t('home.leader.eta', { date: formatDateTime(s.eta, lang) })
                        : ''}
                  </span>
                  <ul className="home-kits">
                    {s.lines.map((l) => (
                      <li key={l.lineId}>
                        {t('home.leader.kits', { count: l.dispatched, name: english ? l.kitTypeNameEn : l.kitTypeNameEs })}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
      </HomeCard>
    </div>
  );
}
