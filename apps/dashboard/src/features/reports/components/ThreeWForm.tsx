import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@app/problem';
import { KIT_CATEGORIES, type KitCategory, type Organization, type ThreeWFormat } from '../api/reports-api';
import { defaultRange } from '../dates';
import { useThreeWDownload } from '../hooks/useReports';

interface Props {
  /** Organisations the user can filter by (all of them for administrators). */
  organizations: readonly Organization[];
}

/** The 3W/4W export: range, organisation, sector and format; the file is saved under the server's name. */
export function ThreeWForm({ organizations }: Props) {
  const { t } = useTranslation();
  const download = useThreeWDownload();
  const [range, setRange] = useState(defaultRange);
  const [organizationId, setOrganizationId] = useState('');
  const [sector, setSector] = useState<KitCategory | ''>('');
  const [format, setFormat] = useState<ThreeWFormat>('csv');
  const datesWrong = range.from !== '' && range.to !== '' && range.to < range.from;
  const problem = download.error instanceof ApiError ? download.error.problem : null;
  const serverFieldError = problem?.errors?.find((e) => e.field === 'to' || e.field === 'from');

  return (
    <section className="rp-card" aria-labelledby="rp-3w-title">
      <h2 id="rp-3w-title">{t('reports.threeW.title')}</h2>
      <p className="muted">{t('reports.threeW.intro')}</p>
      <form
        className="rp-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (datesWrong) return;
          download.mutate({
            from: range.from,
            to: range.to,
            organizationId: organizationId || undefined,
            sector: sector || undefined,
            format,
          });
        }}
      >
        <div className="rp-form__row">
          <div className="field">
            <label htmlFor="rp-3w-from">{t('reports.from')}</label>
            <input id="rp-3w-from" type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="rp-3w-to">{t('reports.to')}</label>
            <input
              id="rp-3w-to"
              type="date"
              value={range.to}
              min={range.from || undefined}
              aria-invalid={datesWrong}
              aria-describedby={datesWrong ? 'rp-3w-to-error' : undefined}
              onChange={(e) => setRange({ ...range, to: e.target.value })}
            />
            {datesWrong && (
              <p id="rp-3w-to-error" className="field__error">
                {t('reports.toBeforeFrom')}
              </p>
            )}
          </div>
        </div>
        <div className="rp-form__row">
          <div className="field">
            <label htmlFor="rp-3w-org">{t('reports.threeW.organization')}</label>
            <select id="rp-3w-org" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
              <option value="">{t('reports.threeW.allOrganizations')}</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="rp-3w-sector">{t('reports.threeW.sector')}</label>
            <select id="rp-3w-sector" value={sector} onChange={(e) => setSector(e.target.value as KitCategory | '')}>
              <option value="">{t('reports.threeW.allSectors')}</option>
              {KIT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`reports.sectors.${c}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="rp-form__choice">
          <legend>{t('reports.threeW.format')}</legend>
          {(['csv', 'json'] as const).map((f) => (
            <label key={f}>
              <input type="radio" name="rp-3w-format" value={f} checked={format === f} onChange={() => setFormat(f)} />{' '}
              {t(`reports.threeW.${f}`)}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={download.isPending || datesWrong}>
            {download.isPending ? t('reports.threeW.downloading') : t('reports.threeW.download')}
          </button>
        </div>
        <div aria-live="polite">
          {download.isSuccess && (
            <p className="notice" role="status">
              {t('reports.threeW.downloaded', { filename: download.data.filename })}
            </p>
          )}
        </div>
        {download.isError && (
          <p className="alert" role="alert">
            {t('reports.threeW.failed')} {serverFieldError?.message ?? problem?.detail ?? ''}
          </p>
        )}
      </form>
    </section>
  );
}
