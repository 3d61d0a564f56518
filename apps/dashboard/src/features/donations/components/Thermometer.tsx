import { useTranslation } from 'react-i18next';
import { formatDate } from '@app/format';
import { formatMoney, type Progress } from '../api/donations-api';
import './donations.css';

/** Progress towards the goal with a marker per milestone (green once reached). */
export function Thermometer({ progress, label }: { progress: Progress; label: string }) {
  const { t, i18n } = useTranslation();
  const goal = Number(progress.goalMinor);
  const pct = (minor: string) => Math.min(100, (Number(minor) / goal) * 100);
  const money = (minor: string) => formatMoney(minor, progress.currency, i18n.language);
  return (
    <div className="thermo">
      <div className="thermo__numbers">
        <span className="thermo__raised" data-testid="raised">
          {money(progress.raisedMinor)}
        </span>
        <span>{t('donations.ofGoal', { goal: money(progress.goalMinor), percent: progress.percent.toLocaleString(i18n.language) })}</span>
      </div>
      <div
        className="thermo__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, Math.round(progress.percent))}
        aria-valuetext={t('donations.progressText', { raised: money(progress.raisedMinor), goal: money(progress.goalMinor) })}
      >
        <div className="thermo__fill" style={{ width: `${pct(progress.raisedMinor)}%` }} />
        {progress.milestones.map((m) => {
          const at = pct(m.amountMinor);
          return (
            <span key={m.amountMinor}>
              <span
                className={`thermo__mark${m.reachedAt ? ' thermo__mark--reached' : ''}`}
                style={{ left: `${at}%` }}
                aria-hidden="true"
              />
              <span className={`thermo__label${at > 90 ? ' thermo__label--end' : ''}`} style={{ left: `${at}%` }} aria-hidden="true">
                {m.reachedAt ? '✓ ' : ''}
                {compact(m.amountMinor, i18n.language)}
              </span>
            </span>
          );
        })}
      </div>
    </div>
  );
}

function compact(minor: string, language: string): string {
  const soles = Number(BigInt(minor) / 100n);
  // A short milestone label ("S/ 50 mil", "S/ 50K"): the full amount is in the list and the progress text.
  return `S/\u00a0${new Intl.NumberFormat(language.startsWith('en') ? 'en-US' : 'es-PE', { notation: 'compact', maximumFractionDigits: 1 }).format(soles)}`;
}

/** Milestones as a list, with the date each was reached. */
export function MilestoneList({ progress }: { progress: Progress }) {
  const { t, i18n } = useTranslation();
  if (progress.milestones.length === 0) return null;
  return (
    <ul className="don-milestones" aria-label={t('donations.milestones')}>
      {progress.milestones.map((m) => (
        <li key={m.amountMinor} data-testid="milestone" data-reached={m.reachedAt ? 'true' : 'false'}>
          {m.reachedAt ? (
            <span className="don-ok">
              ✓{' '}
              {t('donations.milestoneReached', {
                amount: formatMoney(m.amountMinor, progress.currency, i18n.language),
                date: formatDate(m.reachedAt, i18n.language),
              })}
            </span>
          ) : (
            <span>○ {t('donations.milestonePending', { amount: formatMoney(m.amountMinor, progress.currency, i18n.language) })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
