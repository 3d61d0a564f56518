import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@app/problem';
import { useCampaigns } from '../../donations/hooks/useDonations';
import { useWarehouses } from '../../inventory/hooks/useInventory';
import type { DocumentFormat, DownloadedFile } from '../api/reports-api';
import { addDays, limaToday } from '../dates';
import { useDonorReportDownload, useWarehouseDownload } from '../hooks/useReports';

interface Props {
  /** admin, coordinator, fundraiser (the API's roles for the donor report). */
  donorReport: boolean;
  /** admin, coordinator (storekeepers have the same API access, but no reports module). */
  warehouseReports: boolean;
}

/** Donor report per campaign, stock and ledger per warehouse: files fetched with the token and saved. */
export function DocumentsPanel({ donorReport, warehouseReports }: Props) {
  const { t } = useTranslation();
  if (!donorReport && !warehouseReports) return null;
  return (
    <section className="rp-card" aria-labelledby="rp-docs-title">
      <h2 id="rp-docs-title">{t('reports.documents.title')}</h2>
      <div className="rp-docs">
        {donorReport && <DonorReportForm />}
        {warehouseReports && <WarehouseReportsForm />}
      </div>
    </section>
  );
}

function FormatChoice({ name, value, onChange }: { name: string; value: DocumentFormat; onChange: (f: DocumentFormat) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="rp-form__choice">
      <legend>{t('reports.documents.format')}</legend>
      {(['csv', 'pdf'] as const).map((f) => (
        <label key={f}>
          <input type="radio" name={name} value={f} checked={value === f} onChange={() => onChange(f)} /> {t(`reports.documents.${f}`)}
        </label>
      ))}
    </fieldset>
  );
}

function Outcome({ state }: { state: { isSuccess: boolean; isError: boolean; data?: DownloadedFile; error: Error | null } }) {
  const { t } = useTranslation();
  const problem = state.error instanceof ApiError ? state.error.problem : null;
  const detail: ReactNode = problem?.errors?.[0]?.message ?? problem?.detail ?? '';
  return (
    <>
      <div aria-live="polite">
        {state.isSuccess && state.data && (
          <p className="notice" role="status">
            {t('reports.documents.downloaded', { filename: state.data.filename })}
          </p>
        )}
      </div>
      {state.isError && (
        <p className="alert" role="alert">
          {t('reports.documents.failed')} {detail}
        </p>
      )}
    </>
  );
}

function DonorReportForm() {
  const { t, i18n } = useTranslation();
  const campaigns = useCampaigns();
  const download = useDonorReportDownload();
  const [campaignId, setCampaignId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [format, setFormat] = useState<DocumentFormat>('pdf');
  const datesWrong = from !== '' && to !== '' && to < from;
  const english = i18n.language.startsWith('en');
  return (
    <form
      className="rp-form rp-docs__form"
      aria-labelledby="rp-donor-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!campaignId || datesWrong) return;
        download.mutate({ campaignId, range: { from, to }, format });
      }}
    >
      <h3 id="rp-donor-title">{t('reports.documents.donor.title')}</h3>
      <p className="muted">{t('reports.documents.donor.intro')}</p>
      <div className="field">
        <label htmlFor="rp-donor-campaign">{t('reports.documents.donor.campaign')}</label>
        <select id="rp-donor-campaign" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
          <option value="">{t('reports.documents.donor.chooseCampaign')}</option>
          {(campaigns.data?.items ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {english ? c.titleEn : c.titleEs}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="rp-form__range">
        <legend>{t('reports.documents.optionalRange')}</legend>
        <div className="field">
          <label htmlFor="rp-donor-from">{t('reports.from')}</label>
          <input id="rp-donor-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="rp-donor-to">{t('reports.to')}</label>
          <input
            id="rp-donor-to"
            type="date"
            value={to}
            min={from || undefined}
            aria-invalid={datesWrong}
            aria-describedby={datesWrong ? 'rp-donor-to-error' : undefined}
            onChange={(e) => setTo(e.target.value)}
          />
          {datesWrong && (
            <p id="rp-donor-to-error" className="field__error">
              {t('reports.toBeforeFrom')}
            </p>
          )}
        </div>
      </fieldset>
      <FormatChoice name="rp-donor-format" value={format} onChange={setFormat} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={!campaignId || datesWrong || download.isPending}>
          {download.isPending ? t('reports.documents.downloading') : t('reports.documents.donor.download')}
        </button>
      </div>
      <Outcome state={download} />
    </form>
  );
}

function WarehouseReportsForm() {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const download = useWarehouseDownload();
  const [warehouseId, setWarehouseId] = useState('');
  const [format, setFormat] = useState<DocumentFormat>('pdf');
  const [from, setFrom] = useState(() => addDays(limaToday(), -30));
  const [to, setTo] = useState(limaToday);
  const datesWrong = from !== '' && to !== '' && to < from;
  return (
    <form
      className="rp-form rp-docs__form"
      aria-labelledby="rp-stock-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (warehouseId) download.mutate({ warehouseId, kind: 'stock', format });
      }}
    >
      <h3 id="rp-stock-title">{t('reports.documents.stock.title')}</h3>
      <p className="muted">{t('reports.documents.stock.intro')}</p>
      <div className="field">
        <label htmlFor="rp-stock-warehouse">{t('reports.documents.stock.warehouse')}</label>
        <select id="rp-stock-warehouse" value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
          <option value="">{t('reports.documents.stock.chooseWarehouse')}</option>
          {(warehouses.data ?? []).map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
              {w.districtName ? ` — ${w.districtName}` : ''}
            </option>
          ))}
        </select>
      </div>
      <FormatChoice name="rp-stock-format" value={format} onChange={setFormat} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={!warehouseId || download.isPending}>
          {t('reports.documents.stock.download')}
        </button>
      </div>
      <fieldset className="rp-form__range">
        <legend>{t('reports.documents.stock.ledger')}</legend>
        <div className="field">
          <label htmlFor="rp-ledger-from">{t('reports.from')}</label>
          <input id="rp-ledger-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="rp-ledger-to">{t('reports.to')}</label>
          <input
            id="rp-ledger-to"
            type="date"
            value={to}
            min={from || undefined}
            aria-invalid={datesWrong}
            aria-describedby={datesWrong ? 'rp-ledger-to-error' : undefined}
            onChange={(e) => setTo(e.target.value)}
          />
          {datesWrong && (
            <p id="rp-ledger-to-error" className="field__error">
              {t('reports.toBeforeFrom')}
            </p>
          )}
        </div>
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={!warehouseId || datesWrong || download.isPending}
            onClick={() => download.mutate({ warehouseId, kind: 'ledger', range: { from, to } })}
          >
            {t('reports.documents.stock.downloadLedger')}
          </button>
        </div>
      </fieldset>
      <p className="muted" aria-live="polite">
        {download.isPending ? t('reports.documents.downloading') : ''}
      </p>
      <Outcome state={download} />
    </form>
  );
}
