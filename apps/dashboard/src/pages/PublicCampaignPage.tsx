import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LanguageSwitch } from '@app/LanguageSwitch';
import { ApiError } from '@app/problem';
import { formatMoney } from '../features/donations/api/donations-api';
import { MilestoneList, Thermometer } from '../features/donations/components/Thermometer';
import { usePublicCampaign } from '../features/donations/hooks/useDonations';

/** /campanas/:slug — public, no login, small (its own chunk, no map): progress, milestones, where the aid went. */
export function PublicCampaignPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const campaign = usePublicCampaign(slug);
  const en = i18n.language.startsWith('en');
  const money = (m: string) => formatMoney(m, 'PEN', i18n.language);
  if (campaign.isPending) {
    return (
      <main className="don-public">
        <p role="status">{t('app.loading')}</p>
      </main>
    );
  }
  if (campaign.isError || !campaign.data) {
    const notFound = campaign.error instanceof ApiError && campaign.error.status === 404;
    return (
      <main className="don-public">
        <p role="alert">{notFound ? t('donations.public.notFound') : t('errors.generic')}</p>
      </main>
    );
  }
  const c = campaign.data;
  const w = c.whereItWent;
  return (
    <main className="don-public" aria-labelledby="public-title">
      <header>
        <span>{c.organizationName}</span>
        <LanguageSwitch />
      </header>
      <h1 id="public-title">{en ? c.titleEn : c.titleEs}</h1>
      <p className="muted">
        {t(`donations.status.${c.status}`)} · {c.commission}
      </p>
      <Thermometer progress={c.progress} label={t('donations.progressOf', { title: en ? c.titleEn : c.titleEs })} />
      <ul className="don-stats">
        <li>
          {t('donations.donors.title')}
          <strong data-testid="donor-count">{c.progress.donorCount}</strong>
        </li>
        <li>
          {t('donations.pledged')}
          <strong>{money(c.progress.pledgedOutstandingMinor)}</strong>
        </li>
        <li>
          {t('donations.inKindValue')}
          <strong>{money(c.progress.inKindValueMinor)}</strong>
        </li>
      </ul>
      <h2>{t('donations.milestones')}</h2>
      <MilestoneList progress={c.progress} />
      <p>{en ? c.storyEn : c.storyEs}</p>
      <section aria-labelledby="where-title">
        <h2 id="where-title">{t('donations.public.whereTitle')}</h2>
        <ul className="don-stats">
          <li>
            {t('donations.public.money')}
            <strong>{money(w.moneyRaisedMinor)}</strong>
          </li>
          <li>
            {t('donations.public.inKindUnits')}
            <strong>{w.inKindUnits.toLocaleString(i18n.language)}</strong>
          </li>
          <li>
            {t('donations.public.inStock')}
            <strong>{w.unitsInStock.toLocaleString(i18n.language)}</strong>
          </li>
          <li>
            {t('donations.public.kitsFunded')}
            <strong>{w.kitsFunded.toLocaleString(i18n.language)}</strong>
          </li>
          <li>
            {t('donations.public.dispatched')}
            <strong>{w.kitsDispatched.toLocaleString(i18n.language)}</strong>
          </li>
          <li>
            {t('donations.public.confirmed')}
            <strong>{w.kitsConfirmed.toLocaleString(i18n.language)}</strong>
          </li>
          <li>
            {t('donations.public.households')}
            <strong>{w.households}</strong>
          </li>
        </ul>
        {!w.deliveriesTracked && <p className="muted">{t('donations.public.deliveriesPending')}</p>}
        {w.districts.length > 0 && (
          <table className="don-table" aria-label={t('donations.public.byDistrict')}>
            <thead>
              <tr>
                <th scope="col">{t('donations.public.district')}</th>
                <th scope="col">{t('donations.public.dispatched')}</th>
                <th scope="col">{t('donations.public.confirmed')}</th>
                <th scope="col">{t('donations.public.households')}</th>
              </tr>
            </thead>
            <tbody>
              {w.districts.map((d) => (
                <tr key={d.ubigeo}>
                  <td>
                    {d.district} ({d.province}, {d.department})
                  </td>
                  <td>{d.kitsDispatched}</td>
                  <td>{d.kitsConfirmed}</td>
                  <td>{d.households}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {c.recentDonors.length > 0 && (
        <section aria-labelledby="thanks-title">
          <h2 id="thanks-title">{t('donations.public.thanks')}</h2>
          <ul>
            {c.recentDonors.map((d, i) => (
              <li key={`${d.name}-${i}`}>{d.name}</li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
