import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VEHICLE_TYPES, type CreateVehicleBody, type PlanDetail, type VehicleType } from '../api/deliveries-types';
import { useAddVehicle, useRemoveVehicle } from '../hooks/useDeliveries';
import { ErrorMessage, minutesToTime, timeToMinutes, useFormat } from './shared';

/** Typical loads, so a coordinator only adjusts what differs: kg, m³, kits. */
const DEFAULTS: Record<VehicleType, { kg: number; m3: number; kits: number }> = {
  truck: { kg: 3000, m3: 12, kits: 300 },
  pickup: { kg: 800, m3: 3, kits: 80 },
  boat: { kg: 1500, m3: 6, kits: 150 },
  animal_team: { kg: 300, m3: 1.2, kits: 24 },
  on_foot: { kg: 60, m3: 0.3, kits: 5 },
};
/** Skills beyond what the type gives (boat → river; animal team / on foot → trail; truck / pickup → road). */
const EXTRA_SKILLS = ['4x4', 'river', 'trail', 'air', 'cold_chain'] as const;

export function VehiclesPanel({ plan, editable, colourOf }: { plan: PlanDetail; editable: boolean; colourOf: (vehicleId: string) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const remove = useRemoveVehicle(plan.id);
  // The optimiser's skills: `access:<mode>` from the type and the entered skills, plus the entered ones.
  const describeSkills = (skills: string[]) =>
    skills
      .filter((s) => !OPENS_ACCESS.has(s))
      .map((s) => {
        const mode = ACCESS.find((m) => s === `access:${m}`);
        if (mode) return t(`deliveries.access.${mode}`);
        return (EXTRA_SKILLS as readonly string[]).includes(s) ? t(`deliveries.skill.${s as (typeof EXTRA_SKILLS)[number]}`) : s;
      })
      .join(', ');

  return (
    <div className="dl-stack">
      <section aria-labelledby="dl-vehicles-title">
        <h2 id="dl-vehicles-title" className="dl-h">
          {t('deliveries.vehicles.title', { count: plan.vehicles.length })}
        </h2>
        {plan.vehicles.length === 0 && <p className="muted">{t('deliveries.vehicles.empty')}</p>}
        <ErrorMessage error={remove.error} />
        <ul className="dl-list" data-testid="vehicles">
          {plan.vehicles.map((v) => (
            <li key={v.id} className="dl-item">
              <div className="dl-item__head">
                <span className="dl-item__title">
                  <span className="dl-swatch" style={{ background: colourOf(v.id) }} aria-hidden="true" />
                  {v.name}
                </span>
                <span className="tag">{t(`deliveries.vehicleType.${v.type}`)}</span>
              </div>
              <p className="dl-sub">
                {t('deliveries.vehicles.capacity', { kg: f.num(v.capacityKg), m3: f.num(v.capacityM3, 2), kits: v.capacityKits })}
              </p>
              <p className="dl-sub">
                {t('deliveries.vehicles.hours', { from: minutesToTime(v.workStartMin), to: minutesToTime(v.workEndMin) })}
                {v.maxRouteMinutes ? ` · ${t('deliveries.vehicles.maxRoute', { hours: f.num(v.maxRouteMinutes / 60) })}` : ''}
              </p>
              <p className="dl-sub">
                {t('deliveries.vehicles.skills')}: {describeSkills(v.effectiveSkills)}
                {v.driverName ? ` · ${t('deliveries.vehicles.driver')}: ${v.driverName}` : ''}
              </p>
              {editable && (
                <button type="button" className="button button--small" disabled={remove.isPending} onClick={() => remove.mutate(v.id)}>
                  {t('deliveries.vehicles.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      {editable && <VehicleForm planId={plan.id} />}
    </div>
  );
}

const ACCESS = ['paved', 'unpaved', 'trail', 'river', 'air'] as const;
/** Skills that only open an access mode: their `access:<mode>` twin already says it. */
const OPENS_ACCESS = new Set(['4x4', 'river', 'trail', 'air']);

function VehicleForm({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const add = useAddVehicle(planId);
  const [type, setType] = useState<VehicleType>('truck');
  const [name, setName] = useState('');
  const [kg, setKg] = useState(DEFAULTS.truck.kg);
  const [m3, setM3] = useState(DEFAULTS.truck.m3);
  const [kits, setKits] = useState(DEFAULTS.truck.kits);
  const [start, setStart] = useState('06:00');
  const [end, setEnd] = useState('18:00');
  const [maxHours, setMaxHours] = useState('');
  const [skills, setSkills] = useState<string[]>([]);
  const [driver, setDriver] = useState('');
  const hoursWrong = timeToMinutes(end) <= timeToMinutes(start);

  return (
    <section className="dl-card" aria-labelledby="dl-vehicle-form-title">
      <h2 id="dl-vehicle-form-title" className="dl-h">
        {t('deliveries.vehicles.add')}
      </h2>
      <form
        className="dl-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (hoursWrong) return;
          const body: CreateVehicleBody = {
            name: name.trim(),
            type,
            capacityKg: kg,
            capacityM3: m3,
            capacityKits: kits,
            workStartMin: timeToMinutes(start),
            workEndMin: timeToMinutes(end),
            maxRouteMinutes: maxHours ? Math.round(Number(maxHours) * 60) : null,
            skills,
            ...(driver.trim() ? { driverName: driver.trim() } : {}),
          };
          add.mutate(body, { onSuccess: () => setName('') });
        }}
      >
        <div className="dl-form__row">
          <div className="field">
            <label htmlFor="dl-vehicle-name">{t('deliveries.vehicles.name')}</label>
            <input
              id="dl-vehicle-name"
              required
              maxLength={100}
              value={name}
              placeholder={t('deliveries.vehicles.namePlaceholder')}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="dl-vehicle-type">{t('deliveries.vehicles.type')}</label>
            <select
              id="dl-vehicle-type"
              value={type}
              onChange={(e) => {
                const next = e.target.value as VehicleType;
                setType(next);
                setKg(DEFAULTS[next].kg);
                setM3(DEFAULTS[next].m3);
                setKits(DEFAULTS[next].kits);
              }}
            >
              {VEHICLE_TYPES.map((v) => (
                <option key={v} value={v}>
                  {t(`deliveries.vehicleType.${v}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="dl-form__row">
          <div className="field">
            <label htmlFor="dl-vehicle-kg">{t('deliveries.vehicles.kg')}</label>
            <input id="dl-vehicle-kg" type="number" required min={0.01} max={100000} step={0.01} value={kg} onChange={(e) => setKg(Number(e.target.value))} />
          </div>
          <div className="field">
            <label htmlFor="dl-vehicle-m3">{t('deliveries.vehicles.m3')}</label>
            <input id="dl-vehicle-m3" type="number" required min={0.001} max={1000} step={0.001} value={m3} onChange={(e) => setM3(Number(e.target.value))} />
          </div>
          <div className="field">
            <label htmlFor="dl-vehicle-kits">{t('deliveries.vehicles.kits')}</label>
            <input id="dl-vehicle-kits" type="number" required min={1} max={1000000} step={1} value={kits} onChange={(e) => setKits(Math.floor(Number(e.target.value)))} />
          </div>
        </div>
        <div className="dl-form__row">
          <div className="field">
            <label htmlFor="dl-vehicle-start">{t('deliveries.vehicles.start')}</label>
            <input id="dl-vehicle-start" type="time" required value={start} onChange={(e) => setStart(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="dl-vehicle-end">{t('deliveries.vehicles.end')}</label>
            <input id="dl-vehicle-end" type="time" required value={end} aria-invalid={hoursWrong} onChange={(e) => setEnd(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="dl-vehicle-max">{t('deliveries.vehicles.maxHours')}</label>
            <input id="dl-vehicle-max" type="number" min={0.5} max={24} step={0.5} value={maxHours} onChange={(e) => setMaxHours(e.target.value)} />
          </div>
        </div>
        {hoursWrong && <p className="field__error">{t('deliveries.vehicles.hoursWrong')}</p>}
        <fieldset className="dl-fieldset">
          <legend>{t('deliveries.vehicles.extraSkills')}</legend>
          <p className="muted dl-hint">{t('deliveries.vehicles.skillsHint')}</p>
          <div className="dl-checks">
            {EXTRA_SKILLS.map((s) => (
              <label key={s} className="dl-check">
                <input
                  type="checkbox"
                  checked={skills.includes(s)}
                  onChange={(e) => setSkills((list) => (e.target.checked ? [...list, s] : list.filter((x) => x !== s)))}
                />
                {t(`deliveries.skill.${s}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="dl-vehicle-driver">{t('deliveries.vehicles.driverOptional')}</label>
          <input id="dl-vehicle-driver" maxLength={100} value={driver} onChange={(e) => setDriver(e.target.value)} />
        </div>
        <ErrorMessage error={add.error} />
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          {add.isPending ? t('deliveries.common.saving') : t('deliveries.vehicles.submit')}
        </button>
      </form>
    </section>
  );
}
