import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateLocale, formatDate, formatNumber, formatSoles, formatSolesMinor, LIMA } from '@app/format';
import { formatMoney, type Campaign } from '../../donations/api/donations-api';
import { Thermometer } from '../../donations/components/Thermometer';
import { useCampaigns } from '../../donations/hooks/useDonations';
import type { DonationRow } from '../api/home-api';
import { useAllDonations } from '../hooks/useHome';
import { HomeCard } from './HomeCard';
import { HomeChart } from './HomeChart';
import './home.css';

const LATEST = 6;

/** Calendar months from the first to the last donation (months without donations count as zero). */
function byMonth(donations: DonationRow[]): Array<{ month: string; minor: number }> {
  const money = donations.filter((d) => d.kind === 'money');
  if (money.length === 0) return [];
  const sums = new Map<string, number>();
  for (const d of money) {
    const month = d.receivedOn.slice(0, 7);
    sums.set(month, (sums.get(month) ?? 0) + Number(d.amountPenMinor));
  }
  const months = [...sums.keys()].sort();
  const out: Array<{ month: string; minor: number }> = [];
  let [y, m] = (months[0] ?? '').split('-').map(Number) as [number, number];
  const last = months[months.length - 1] ?? '';
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, minor: sums.get(key) ?? 0 });
    if (key >= last) break;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** The fundraiser's home: campaign thermometers, money donations by month, the latest donations. */
export function FundraiserHome() {
  const { t, i18n } = useTranslation();
  const campaigns = useCampaigns();
  const donations = useAllDonations();
  const lang = i18n.language;
  const english = lang.startsWith('en');
  const title = (c: Campaign) => (english ? c.titleEn : c.titleEs);
  const titles = new Map(campaigns.data?.items.map((c) => [c.id, title(c)]));
  const monthLabel = (ym: string) =>
    new Date(`${ym}-15T12:00:00Z`).toLocaleDateString(dateLocale(lang), { month: 'short', year: 'numeric', timeZone: LIMA });

  const items = donations.data?.items ?? [];
  const months = byMonth(items);
  const top = months.reduce<{ month: string; minor: number } | null>((best, m) => (!best || m.minor > best.minor ? m : best), null);
  const money = items.filter((d) => d.kind === 'money');
  const latest = [...items]
    .sort((a, b) => b.receivedOn.localeCompare(a.receivedOn) || b.createdAt.localeCompare(a.createdAt))
    .slice(0, LATEST);
  const partial = (donations.data?.total ?? 0) > items.length;

  return (
    <div className="home-grid">
      <HomeCard title={t('home.fundraiser.campaignsTitle')} query={campaigns} wide testId="home-campaigns">
        <div className="home-campaigns">
          {campaigns.data?.items.map((c) => (
            <article key={c.id} className="home-campaign" aria-label={title(c)} data-testid="home-campaign">
              <h4 className="home-campaign__title">{title(c)}</h4>
              <p className="muted">
                {t(`donations.status.${c.status}`)} · {t('home.fundraiser.donorCount', { count: c.progress.donorCount })}
              </p>
              <Thermometer progress={c.progress} label={t('home.fundraiser.progressOf', { title: title(c) })} />
            </article>
          ))}
        </div>
      </HomeCard>

      <HomeCard title={t('home.fundraiser.overTime')} query={donations} wide testId="home-donations-chart">
        {months.length > 0 && top && (
          <HomeChart
            title={t('home.fundraiser.overTime')}
            summary={`${t('home.fundraiser.overTimeSummary', {
              count: money.length,
              from: monthLabel(months[0]?.month ?? top.month),
              to: monthLabel(months[months.length - 1]?.month ?? top.month),
              top: monthLabel(top.month),
              amount: formatSolesMinor(top.minor, lang),
            })}${partial ? ` ${t('home.partial', { shown: items.length, total: donations.data?.total ?? 0 })}` : ''}`}
            labels={months.map((m) => monthLabel(m.month))}
            series={[{ label: t('home.fundraiser.amount'), values: months.map((m) => m.minor / 100), colour: '#0b5d7a' }]}
            format={(v) => formatSoles(v, lang)}
            axisFormat={(v) => `S/\u00a0${formatNumber(v, lang, { notation: 'compact', maximumFractionDigits: 1 })}`}
            labelHeader={t('home.fundraiser.month')}
          />
        )}
      </HomeCard>

      <HomeCard title={t('home.fundraiser.latestTitle')} query={donations} wide testId="home-latest-donations">
        {latest.length === 0 ? (
          <p>{t('home.fundraiser.latestNone')}</p>
        ) : (
          <div className="home-table-wrap">
            <table className="home-table">
              <caption className="visually-hidden">{t('home.fundraiser.latestTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('home.fundraiser.date')}</th>
                  <th scope="col">{t('home.fundraiser.donor')}</th>
                  <th scope="col">{t('home.fundraiser.campaign')}</th>
                  <th scope="col" className="home-table__num">
                    {t('home.fundraiser.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {latest.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDate(`${d.receivedOn}T12:00:00Z`, lang)}</td>
                    <td>{d.donorName}</td>
                    <td>{titles.get(d.campaignId) ?? '—'}</td>
                    <td className="home-table__num">
                      {d.kind === 'money' ? formatMoney(d.amountPenMinor, 'PEN', lang) : t('home.fundraiser.inKind')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <Link to="/donaciones">{t('home.fundraiser.donations')}</Link>
        </p>
      </HomeCard>
    </div>
  );
}
