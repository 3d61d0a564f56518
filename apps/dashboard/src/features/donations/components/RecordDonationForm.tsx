import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@app/problem';
import { formatMoney, toMinor, type Campaign, type NewDonation } from '../api/donations-api';
import { useDonors, useRecordDonation } from '../hooks/useDonations';

const METHODS = ['bank_transfer', 'yape', 'plin', 'card', 'cash', 'other'] as const;
const CURRENCIES = ['PEN', 'USD', 'EUR'] as const;
const today = () => new Date().toISOString().slice(0, 10);

/** Records a money donation. The Idempotency-Key is generated once per donation being entered. */
export function RecordDonationForm({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const donors = useDonors('');
  const record = useRecordDonation();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [donorId, setDonorId] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState<(typeof CURRENCIES)[number]>('PEN');
  const [rate, setRate] = useState('');
  const [method, setMethod] = useState<(typeof METHODS)[number]>('bank_transfer');
  const [reference, setReference] = useState('');
  const [receivedOn, setReceivedOn] = useState(today);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const amountMinor = toMinor(amount);
    if (!donorId) return setFormError(t('donations.form.donorRequired'));
    if (!amountMinor) return setFormError(t('donations.form.amountInvalid'));
    if (currency !== 'PEN' && !/^\d{1,6}(\.\d{1,6})?$/.test(rate.trim())) return setFormError(t('donations.form.rateRequired'));
    setFormError(null);
    const body: NewDonation = {
      campaignId: campaign.id,
      donorId,
      kind: 'money',
      amountMinor,
      currency,
      exchangeRate: currency === 'PEN' ? undefined : rate.trim(),
      method,
      bankReference: reference.trim() || undefined,
      receivedOn,
    };
    record.mutate(
      { body, key },
      {
        onSuccess: (d) => {
          setDone(
            t('donations.form.recorded', { receipt: d.receiptNumber ?? '', amount: formatMoney(d.amountPenMinor, 'PEN', i18n.language) }),
          );
          setKey(crypto.randomUUID());
          setAmount('');
          setReference('');
          setRate('');
        },
      },
    );
  };

  const apiError = record.error instanceof ApiError ? record.error : null;
  return (
    <form className="don-form" onSubmit={submit} aria-labelledby="record-title" noValidate>
      <h3 id="record-title" style={{ gridColumn: '1 / -1' }}>
        {t('donations.form.title')}
      </h3>
      <div className="field">
        <label htmlFor="don-donor">{t('donations.form.donor')}</label>
        <select id="don-donor" value={donorId} onChange={(e) => setDonorId(e.target.value)} required>
          <option value="">{t('donations.form.chooseDonor')}</option>
          {donors.data?.items.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="don-amount">{t('donations.form.amount')}</label>
        <input
          id="don-amount"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          placeholder="150.00"
          required
        />
      </div>
      <div className="field">
        <label htmlFor="don-currency">{t('donations.form.currency')}</label>
        <select id="don-currency" value={currency} onChange={(e) => setCurrency(e.target.value as (typeof CURRENCIES)[number])}>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      {currency !== 'PEN' && (
        <div className="field">
          <label htmlFor="don-rate">{t('donations.form.rate', { currency })}</label>
          <input id="don-rate" inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} placeholder="3.75" required />
        </div>
      )}
      <div className="field">
        <label htmlFor="don-method">{t('donations.form.method')}</label>
        <select id="don-method" value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}>
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`donations.methods.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="don-reference">{t('donations.form.reference')}</label>
        <input id="don-reference" value={reference} onChange={(e) => setReference(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="don-date">{t('donations.form.receivedOn')}</label>
        <input id="don-date" type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} required />
      </div>
      <div className="actions">
        <button className="button button--primary" type="submit" disabled={record.isPending || campaign.status !== 'active'}>
          {record.isPending ? t('donations.form.saving') : t('donations.form.submit')}
        </button>
      </div>
      {(formError || apiError) && (
        <p className="alert" role="alert" style={{ gridColumn: '1 / -1' }}>
          {formError ?? apiError?.problem?.detail ?? apiError?.message}
        </p>
      )}
      {done && (
        <p className="notice" role="status" style={{ gridColumn: '1 / -1' }}>
          {done}
        </p>
      )}
    </form>
  );
}
