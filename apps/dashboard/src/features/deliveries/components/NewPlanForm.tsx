import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useWarehouses } from '../../inventory/hooks/useInventory';
import { useCreatePlan } from '../hooks/useDeliveries';
import { ErrorMessage } from './shared';

const today = () => new Date().toISOString().slice(0, 10);
const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Name, depot warehouse (one of the organisation's) and dates; opens the new plan in the builder. */
export function NewPlanForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const warehouses = useWarehouses();
  const create = useCreatePlan();
  const [name, setName] = useState('');
  const [depot, setDepot] = useState('');
  const [start, setStart] = useState(() => addDays(today(), 1));
  const [end, setEnd] = useState(() => addDays(today(), 5));
  const [notes, setNotes] = useState('');
  const active = (warehouses.data ?? []).filter((w) => w.active);
  const datesWrong = end < start;

  return (
    <section className="dl-section dl-card" aria-labelledby="dl-new-plan-title">
      <h2 id="dl-new-plan-title">{t('deliveries.newPlan.title')}</h2>
      <form
        className="dl-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (datesWrong) return;
          create.mutate(
            { name: name.trim(), depotWarehouseId: depot, startDate: start, endDate: end, ...(notes.trim() ? { notes: notes.trim() } : {}) },
            { onSuccess: (plan) => void navigate(`/entregas/planes/${plan.id}`) },
          );
        }}
      >
        <div className="field">
          <label htmlFor="dl-plan-name">{t('deliveries.newPlan.name')}</label>
          <input
            id="dl-plan-name"
            required
            minLength={3}
            maxLength={150}
            value={name}
            placeholder={t('deliveries.newPlan.namePlaceholder')}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="dl-plan-depot">{t('deliveries.newPlan.depot')}</label>
          <select id="dl-plan-depot" required value={depot} onChange={(e) => setDepot(e.target.value)}>
            <option value="">{t('deliveries.newPlan.chooseDepot')}</option>
            {active.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
                {w.districtName ? ` — ${w.districtName}` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="dl-form__row">
          <div className="field">
            <label htmlFor="dl-plan-start">{t('deliveries.newPlan.start')}</label>
            <input id="dl-plan-start" type="date" required value={start} onChange={(e) => setStart(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="dl-plan-end">{t('deliveries.newPlan.end')}</label>
            <input
              id="dl-plan-end"
              type="date"
              required
              min={start}
              value={end}
              aria-invalid={datesWrong}
              aria-describedby={datesWrong ? 'dl-plan-dates-error' : undefined}
              onChange={(e) => setEnd(e.target.value)}
            />
          </div>
        </div>
        {datesWrong && (
          <p id="dl-plan-dates-error" className="field__error">
            {t('deliveries.newPlan.datesWrong')}
          </p>
        )}
        <div className="field">
          <label htmlFor="dl-plan-notes">{t('deliveries.newPlan.notes')}</label>
          <textarea id="dl-plan-notes" rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        <ErrorMessage error={create.error} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('deliveries.common.saving') : t('deliveries.newPlan.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
