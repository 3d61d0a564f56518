import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageParams } from '../api/reports-api';

export type CoverageFilterValues = Required<CoverageParams>;

interface Props {
  value: CoverageFilterValues;
  onApply: (next: CoverageFilterValues) => void;
  pending: boolean;
}

/** Range and time limit of the coverage report; applied on submit so typing a date does not refetch. */
export function CoverageFilters({ value, onApply, pending }: Props) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  const [days, setDays] = useState(String(value.days));
  const datesWrong = from !== '' && to !== '' && to < from;
  const daysNumber = Number(days);
  const daysWrong = !/^\d{1,3}$/.test(days) || daysNumber < 1 || daysNumber > 365;

  return (
    <form
      className="rp-form rp-form--inline"
      aria-label={t('reports.coverage.filters')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (datesWrong || daysWrong) return;
        onApply({ from, to, days: daysNumber });
      }}
    >
      <div className="field">
        <label htmlFor="rp-cov-from">{t('reports.from')}</label>
        <input id="rp-cov-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="rp-cov-to">{t('reports.to')}</label>
        <input
          id="rp-cov-to"
          type="date"
          value={to}
          min={from || undefined}
          aria-invalid={datesWrong}
          aria-describedby={datesWrong ? 'rp-cov-to-error' : undefined}
          onChange={(e) => setTo(e.target.value)}
        />
        {datesWrong && (
          <p id="rp-cov-to-error" className="field__error">
            {t('reports.toBeforeFrom')}
          </p>
        )}
      </div>
      <div className="field rp-form__days">
        <label htmlFor="rp-cov-days">{t('reports.coverage.days')}</label>
        <input
          id="rp-cov-days"
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          value={days}
          aria-invalid={daysWrong}
          aria-describedby={daysWrong ? 'rp-cov-days-hint rp-cov-days-error' : 'rp-cov-days-hint'}
          onChange={(e) => setDays(e.target.value)}
        />
        {daysWrong && (
          <p id="rp-cov-days-error" className="field__error">
            {t('reports.coverage.daysInvalid')}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={pending || datesWrong || daysWrong}>
          {t('reports.coverage.apply')}
        </button>
      </div>
      <p id="rp-cov-days-hint" className="muted rp-form__hint">
        {t('reports.coverage.daysHint')}
      </p>
    </form>
  );
}
