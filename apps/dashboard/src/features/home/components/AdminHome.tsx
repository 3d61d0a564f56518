import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '@app/format';
import { useAuditLatest, useOrganizations, useUserCounts } from '../hooks/useHome';
import { Figure, HomeCard } from './HomeCard';
import './home.css';

/** The administrator's home: organisations of the network, users, and the latest audit entries. */
export function AdminHome() {
  const { t, i18n } = useTranslation();
  const orgs = useOrganizations();
  const users = useUserCounts();
  const audit = useAuditLatest();
  const lang = i18n.language;
  const orgNames = new Map(orgs.data?.items.map((o) => [o.id, o.name]));

  return (
    <div className="home-grid">
      <HomeCard title={t('home.admin.organizationsTitle')} query={orgs} testId="home-organizations">
        <Figure value={formatNumber(orgs.data?.total ?? 0, lang)} label={t('home.admin.organizations')} testId="home-org-count" />
        <ul className="home-list">
          {orgs.data?.items.map((o) => (
            <li key={o.id}>
              <span className="home-list__title">{o.name}</span>
              {!o.active && <span className="muted">{t('home.admin.inactive')}</span>}
            </li>
          ))}
        </ul>
      </HomeCard>

      <HomeCard title={t('home.admin.users')} query={users} testId="home-users">
        <div className="home-figures">
          <Figure value={formatNumber(users.data?.total ?? 0, lang)} label={t('home.admin.users')} testId="home-user-count" />
          <Figure value={formatNumber(users.data?.active ?? 0, lang)} label={t('home.admin.activeUsers')} />
        </div>
      </HomeCard>

      <HomeCard title={t('home.admin.auditTitle')} query={audit} wide testId="home-audit">
        {audit.data?.items.length === 0 ? (
          <p>{t('home.admin.auditNone')}</p>
        ) : (
          <div className="home-table-wrap">
            <table className="home-table">
              <caption className="visually-hidden">{t('home.admin.auditTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('home.admin.when')}</th>
                  <th scope="col">{t('home.admin.action')}</th>
                  <th scope="col">{t('home.admin.organization')}</th>
                  <th scope="col">{t('home.admin.summary')}</th>
                </tr>
              </thead>
              <tbody>
                {audit.data?.items.map((a) => (
                  <tr key={a.id}>
                    <td className="home-table__date">{formatDateTime(a.occurredAt, lang)}</td>
                    <td>
                      <code>{a.action}</code>
                    </td>
                    <td>{(a.organizationId && orgNames.get(a.organizationId)) ?? '—'}</td>
                    <td>{a.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </HomeCard>
    </div>
  );
}
