import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@app/problem';
import { useCreateDonor, useDonors } from '../hooks/useDonations';

/** Donors of the organisation: search and add (personal data stays on this staff-only screen). */
export function DonorsPanel() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const donors = useDonors(q);
  const create = useCreateDonor();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'individual' | 'company'>('individual');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [anonymous, setAnonymous] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim().length < 2) return;
    create.mutate(
      { body: { kind, name: name.trim(), email: email.trim() || undefined, consentToBePublic: consent, anonymous }, key },
      {
        onSuccess: () => {
          setName('');
          setEmail('');
          setConsent(false);
          setAnonymous(false);
          setKey(crypto.randomUUID());
        },
      },
    );
  };
  const apiError = create.error instanceof ApiError ? create.error : null;

  return (
    <section className="don-card" aria-labelledby="donors-title">
      <h2 id="donors-title">{t('donations.donors.title')}</h2>
      <form className="don-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="donor-name">{t('donations.donors.name')}</label>
          <input id="donor-name" value={name} onChange={(e) => setName(e.target.value)} required minLength={2} />
        </div>
        <div className="field">
          <label htmlFor="donor-kind">{t('donations.donors.kind')}</label>
          <select id="donor-kind" value={kind} onChange={(e) => setKind(e.target.value as 'individual' | 'company')}>
            <option value="individual">{t('donations.donors.individual')}</option>
            <option value="company">{t('donations.donors.company')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="donor-email">{t('donations.donors.email')}</label>
          <input id="donor-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} /> {t('donations.donors.consent')}
          </label>
          <label>
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> {t('donations.donors.anonymous')}
          </label>
        </div>
        <div className="actions">
          <button className="button" type="submit" disabled={create.isPending}>
            {t('donations.donors.add')}
          </button>
        </div>
        {apiError && (
          <p className="alert" role="alert">
            {apiError.problem?.detail ?? apiError.message}
          </p>
        )}
      </form>
      <div className="field">
        <label htmlFor="donor-search">{t('donations.donors.search')}</label>
        <input id="donor-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <div className="don-table-wrap">
        <table className="don-table" aria-label={t('donations.donors.title')}>
          <thead>
            <tr>
              <th scope="col">{t('donations.donors.name')}</th>
              <th scope="col">{t('donations.donors.kind')}</th>
              <th scope="col">{t('donations.donors.public')}</th>
            </tr>
          </thead>
          <tbody>
            {donors.data?.items.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{t(`donations.donors.${d.kind}`)}</td>
                <td>{d.consentToBePublic && !d.anonymous ? t('donations.yes') : t('donations.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('donations.donors.total', { count: donors.data?.total ?? 0 })}</p>
    </section>
  );
}
