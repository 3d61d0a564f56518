import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatSolesMinor } from '@app/format';
import { DonationsTable } from '../../donations/components/DonationsTable';
import { Thermometer } from '../../donations/components/Thermometer';
import { useMyDonations } from '../../donations/hooks/useDonations';
import { usePublicCampaigns } from '../hooks/useHome';
import { Figure, HomeCard } from './HomeCard';
import './home.css';

/**
 * The donor's home: what they gave (with receipts) and the network's public campaigns. A donor may not
 * read the staff campaign list, and the public list carries no campaign id to match their donations
 * with, so the campaigns shown are the public ones, not only those they gave to.
 */
export function DonorHome() {
  const { t, i18n } = useTranslation();
  const mine = useMyDonations();
  const campaigns = usePublicCampaigns();
  const lang = i18n.language;
  const english = lang.startsWith('en');
  const items = mine.data?.items ?? [];
  const givenMinor = items.filter((d) => d.kind === 'money').reduce((sum, d) => sum + Number(d.amountPenMinor), 0);
  const active = (campaigns.data ?? []).filter((c) => c.status === 'active');

  return (
    <div className="home-grid">
      <HomeCard title={t('home.donor.title')} query={mine} wide testId="home-my-donations">
        {items.length === 0 ? (
          <p>{t('home.donor.none')}</p>
        ) : (
          <>
            <div className="home-figures">
              <Figure value={formatSolesMinor(givenMinor, lang)} label={t('home.donor.given')} testId="home-given" />
              <Figure
                value={String(mine.data?.total ?? items.length)}
                label={t('home.donor.count', { count: mine.data?.total ?? items.length })}
              />
            </div>
            <DonationsTable items={items.slice(0, 5)} label={t('home.donor.title')} showDonor={false} />
            <p>
              <Link to="/donaciones">{t('home.donor.receipts')}</Link>
            </p>
          </>
        )}
      </HomeCard>

      <HomeCard title={t('home.donor.campaignsTitle')} query={campaigns} wide testId="home-public-campaigns">
        <div className="home-campaigns">
          {active.map((c) => {
            const title = english ? c.titleEn : c.titleEs;
            return (
              <article key={c.slug} className="home-campaign" aria-label={title} data-testid="home-campaign">
                <h4 className="home-campaign__title">{title}</h4>
                <p className="muted">{c.organizationName}</p>
                <Thermometer progress={c.progress} label={t('home.fundraiser.progressOf', { title })} />
                <Link to={`/campanas/${c.slug}`}>
                  {t('home.donor.publicPage')}
                  <span className="visually-hidden">: {title}</span>
                </Link>
              </article>
            );
          })}
        </div>
      </HomeCard>
    </div>
  );
}
