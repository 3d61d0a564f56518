import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '@app/auth-context';
import { formatMoney, type Campaign } from '../features/donations/api/donations-api';
import { DonationsTable } from '../features/donations/components/DonationsTable';
import { DonorsPanel } from '../features/donations/components/DonorsPanel';
import { RecordDonationForm } from '../features/donations/components/RecordDonationForm';
import { MilestoneList, Thermometer } from '../features/donations/components/Thermometer';
import { useCampaigns, useDonationList, useMyDonations } from '../features/donations/hooks/useDonations';

/** /donaciones: fundraisers see campaigns, record donations and manage donors; donors see their own gifts. */
export function DonationsPage() {
  const { user } = useAuth();
  if (!user) return null;
  const staff = user.roles.some((r) => r === 'admin' || r === 'fundraiser' || r === 'coordinator');
  return staff ? <FundraiserView canRecord={user.roles.some((r) => r === 'admin' || r === 'fundraiser')} /> : <DonorView />;
}

function FundraiserView({ canRecord }: { canRecord: boolean }) {
  const { t, i18n } = useTranslation();
  const campaigns = useCampaigns();
  const [selectedId, setSelectedId] = useState('');
  const selected = campaigns.data?.items.find((c) => c.id === selectedId) ?? campaigns.data?.items[0];
  const title = (c: Campaign) => (i18n.language.startsWith('en') ? c.titleEn : c.titleEs);
  return (
    <section className="page" aria-labelledby="donations-title">
      <h1 id="donations-title">{t('donations.title')}</h1>
      {campaigns.isError && (
        <p className="alert" role="alert">
          {t('donations.loadFailed')}
        </p>
      )}
      <div className="don-grid">
        {campaigns.data?.items.map((c) => (
          <article key={c.id} className={`don-card${selected?.id === c.id ? ' don-card--selected' : ''}`} aria-labelledby={`c-${c.id}`}>
            <h2 id={`c-${c.id}`}>{title(c)}</h2>
            <p className="muted">
              {t(`donations.status.${c.status}`)} · {t('donations.donorCount', { count: c.progress.donorCount })}
            </p>
            <Thermometer progress={c.progress} label={t('donations.progressOf', { title: title(c) })} />
            <div className="actions">
              <button type="button" className="button" onClick={() => setSelectedId(c.id)} aria-pressed={selected?.id === c.id}>
                {t('donations.open')}
              </button>{' '}
              <Link to={`/campanas/${c.slug}`}>{t('donations.publicPage')}</Link>
            </div>
          </article>
        ))}
      </div>
      {selected && <CampaignDetail campaign={selected} canRecord={canRecord} />}
      {canRecord && <DonorsPanel />}
    </section>
  );
}

function CampaignDetail({ campaign, canRecord }: { campaign: Campaign; canRecord: boolean }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useDonationList(campaign.id, page);
  const p = campaign.progress;
  const money = (m: string) => formatMoney(m, 'PEN', i18n.language);
  const title = i18n.language.startsWith('en') ? campaign.titleEn : campaign.titleEs;
  return (
    <section className="don-card" aria-labelledby="campaign-detail-title" style={{ marginTop: '1rem' }}>
      <h2 id="campaign-detail-title">{title}</h2>
      <p>{i18n.language.startsWith('en') ? campaign.storyEn : campaign.storyEs}</p>
      <ul className="don-stats">
        <li>
          {t('donations.raised')}
          <strong>{money(p.raisedMinor)}</strong>
        </li>
        <li>
          {t('donations.pledged')}
          <strong>{money(p.pledgedOutstandingMinor)}</strong>
        </li>
        <li>
          {t('donations.inKindValue')}
          <strong>{money(p.inKindValueMinor)}</strong>
        </li>
        <li>
          {t('donations.donors.title')}
          <strong>{p.donorCount}</strong>
        </li>
      </ul>
      <MilestoneList progress={p} />
      {canRecord && <RecordDonationForm campaign={campaign} />}
      <h3>{t('donations.recent')}</h3>
      <DonationsTable items={list.data?.items ?? []} label={t('donations.recent')} />
      <div className="actions">
        <button type="button" className="button button--ghost" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('donations.prev')}
        </button>
        <span aria-live="polite"> {t('donations.page', { page, pages: Math.max(1, Math.ceil((list.data?.total ?? 0) / 20)) })} </span>
        <button
          type="button"
          className="button button--ghost"
          disabled={page * 20 >= (list.data?.total ?? 0)}
          onClick={() => setPage(page + 1)}
        >
          {t('donations.next')}
        </button>
      </div>
    </section>
  );
}

function DonorView() {
  const { t } = useTranslation();
  const mine = useMyDonations();
  return (
    <section className="page" aria-labelledby="my-donations-title">
      <h1 id="my-donations-title">{t('donations.mine.title')}</h1>
      <p>{t('donations.mine.body')}</p>
      {mine.isError && (
        <p className="alert" role="alert">
          {t('donations.loadFailed')}
        </p>
      )}
      {mine.data && mine.data.items.length === 0 && <p>{t('donations.mine.empty')}</p>}
      <DonationsTable items={mine.data?.items ?? []} label={t('donations.mine.title')} showDonor={false} />
    </section>
  );
}
