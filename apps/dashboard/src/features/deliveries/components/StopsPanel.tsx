import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UrgencyBadge } from '../../communities/components/UrgencyBadge';
import { useCommunities } from '../../communities/hooks/useCommunities';
import { useKitTypes } from '../../inventory/hooks/useInventory';
import type { PlanDetail, Suggestion } from '../api/deliveries-types';
import { useAddStop, useRemoveStop } from '../hooks/useDeliveries';
import { ErrorMessage, useFormat } from './shared';

interface Props {
  plan: PlanDetail;
  editable: boolean;
  suggestions: Suggestion[];
  suggestionsLoading: boolean;
  suggestionsError: unknown;
  selectedNeed: string | null;
  selectedStop: string | null;
  onSelectStop: (id: string) => void;
}

/** The plan's stops, the needs the depot can cover (highest priority first) and a stop added by hand. */
export function StopsPanel({
  plan,
  editable,
  suggestions,
  suggestionsLoading,
  suggestionsError,
  selectedNeed,
  selectedStop,
  onSelectStop,
}: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const remove = useRemoveStop(plan.id);
  const stops = plan.stops.filter((s) => s.status !== 'cancelled');

  return (
    <div className="dl-stack">
      <section aria-labelledby="dl-plan-stops-title">
        <h2 id="dl-plan-stops-title" className="dl-h">
          {t('deliveries.stops.title', { count: stops.length })}
        </h2>
        {stops.length === 0 && <p className="muted">{t('deliveries.stops.empty')}</p>}
        <ErrorMessage error={remove.error} />
        <ul className="dl-list" data-testid="plan-stops">
          {stops.map((s) => {
            const reserved = s.lines.every((l) => l.reserved);
            return (
              <li
                key={s.id}
                id={`dl-stop-${s.id}`}
                className={`dl-item ${s.id === selectedStop ? 'is-selected' : ''}`}
                onClick={() => onSelectStop(s.id)}
              >
                <div className="dl-item__head">
                  <Link to={`/entregas/paradas/${s.id}`} className="dl-item__title">
                    {s.communityName}
                  </Link>
                  <span className={`tag ${reserved ? 'tag--ok' : 'tag--warn'}`}>
                    {reserved ? t('deliveries.stops.reserved') : t('deliveries.stops.notReserved')}
                  </span>
                </div>
                <p className="dl-sub">{s.lines.map((l) => `${l.quantity} × ${f.en ? l.kitTypeNameEn : l.kitTypeNameEs}`).join('; ')}</p>
                <p className="dl-sub">
                  {t('deliveries.common.kitsN', { count: s.totalKits })} · {f.num(s.weightKg)} kg · {f.num(s.volumeM3, 2)} m³
                  {s.accessMode ? ` · ${t(`communities.mode.${s.accessMode}`)}` : ''}
                </p>
                {editable && s.status === 'pending' && (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={remove.isPending}
                    onClick={(e) => {
                      e.stopPropagation();
                      remove.mutate(s.id);
                    }}
                  >
                    {t('deliveries.stops.remove')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {editable && (
        <SuggestionsList
          plan={plan}
          suggestions={suggestions}
          loading={suggestionsLoading}
          error={suggestionsError}
          selected={selectedNeed}
        />
      )}
      {editable && <ManualStopForm plan={plan} />}
    </div>
  );
}

function SuggestionsList({
  plan,
  suggestions,
  loading,
  error,
  selected,
}: {
  plan: PlanDetail;
  suggestions: Suggestion[];
  loading: boolean;
  error: unknown;
  selected: string | null;
}) {
  const { t } = useTranslation();
  const add = useAddStop(plan.id);
  const [adding, setAdding] = useState<string | null>(null);

  const addSuggestion = (s: Suggestion) => {
    const lines = s.lines
      .filter((l): l is typeof l & { kitTypeId: string } => l.kitTypeId !== null && l.coverable > 0)
      .map((l) => ({ kitTypeId: l.kitTypeId, quantity: l.coverable }));
    setAdding(s.needRequestId);
    add.mutate({ communityId: s.communityId, needRequestId: s.needRequestId, lines }, { onSettled: () => setAdding(null) });
  };

  return (
    <section aria-labelledby="dl-suggestions-title">
      <h2 id="dl-suggestions-title" className="dl-h">
        {t('deliveries.suggestions.title')}
      </h2>
      <p className="muted dl-hint">{t('deliveries.suggestions.intro')}</p>
      {loading && (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      <ErrorMessage error={error ?? add.error} />
      {!loading && suggestions.length === 0 && <p className="muted">{t('deliveries.suggestions.empty')}</p>}
      <ul className="dl-list" data-testid="suggestions">
        {suggestions.map((s) => {
          const coverable = s.lines.some((l) => l.kitTypeId && l.coverable > 0);
          return (
            <li
              key={s.needRequestId}
              id={`dl-sug-${s.needRequestId}`}
              className={`dl-item ${s.needRequestId === selected ? 'is-selected' : ''}`}
            >
              <div className="dl-item__head">
                <h3 className="dl-item__title">{s.communityName}</h3>
                <span className="dl-priority">{t('deliveries.suggestions.priority', { total: Math.round(s.priority.total) })}</span>
              </div>
              <p className="dl-sub">
                {[s.districtName, s.departmentName].filter(Boolean).join(', ')}
                {' · '}
                {t('communities.householdsAffected', { count: s.householdsAffected })}
              </p>
              <p>
                <UrgencyBadge urgency={s.urgency} />{' '}
                <span className={`tag ${s.fullyCoverable ? 'tag--ok' : 'tag--warn'}`}>
                  {s.fullyCoverable ? t('deliveries.suggestions.full') : t('deliveries.suggestions.partial')}
                </span>
              </p>
              <table className="dl-table dl-table--compact" aria-label={t('deliveries.suggestions.linesOf', { name: s.communityName })}>
                <thead>
                  <tr>
                    <th scope="col">{t('deliveries.common.kit')}</th>
                    <th scope="col" className="num">
                      {t('deliveries.suggestions.requested')}
                    </th>
                    <th scope="col" className="num">
                      {t('deliveries.suggestions.available')}
                    </th>
                    <th scope="col" className="num">
                      {t('deliveries.suggestions.coverable')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.lines.map((l) => (
                    <tr key={l.needLineId}>
                      <td>{l.kitTypeNameEs ?? l.kitTypeCode}</td>
                      <td className="num">{l.requested}</td>
                      <td className="num">{l.available}</td>
                      <td className="num">{l.coverable}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button
                type="button"
                className="button button--small button--primary"
                disabled={!coverable || add.isPending}
                onClick={() => addSuggestion(s)}
              >
                {adding === s.needRequestId ? t('deliveries.common.saving') : t('deliveries.suggestions.add', { name: s.communityName })}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

interface DraftLine {
  kitTypeId: string;
  quantity: number;
}

function ManualStopForm({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const add = useAddStop(plan.id);
  const kits = useKitTypes();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const communities = useCommunities({ q: deferred.length >= 2 ? deferred : undefined, pageSize: 10 });
  const [communityId, setCommunityId] = useState('');
  const [kitTypeId, setKitTypeId] = useState('');
  const [quantity, setQuantity] = useState(1);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [serviceMinutes, setServiceMinutes] = useState(30);
  const [done, setDone] = useState<string | null>(null);
  const current = (kits.data ?? []).filter((k) => k.isCurrent);
  const kitName = (id: string) => {
    const k = current.find((x) => x.id === id);
    return k ? (f.en ? k.nameEn : k.nameEs) : id;
  };
  const options = communities.data?.items ?? [];

  return (
    <details className="dl-details">
      <summary>{t('deliveries.manual.title')}</summary>
      <form
        className="dl-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!communityId || lines.length === 0) return;
          const name = options.find((c) => c.id === communityId)?.name ?? '';
          add.mutate(
            { communityId, lines, serviceMinutes },
            {
              onSuccess: () => {
                setLines([]);
                setDone(name);
              },
            },
          );
        }}
      >
        <div className="field">
          <label htmlFor="dl-manual-search">{t('deliveries.manual.search')}</label>
          <input
            id="dl-manual-search"
            type="search"
            value={query}
            placeholder={t('deliveries.manual.searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="dl-manual-community">{t('deliveries.manual.community')}</label>
          <select id="dl-manual-community" required value={communityId} onChange={(e) => setCommunityId(e.target.value)}>
            <option value="">{t('deliveries.manual.chooseCommunity', { count: options.length })}</option>
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.districtName ? ` — ${c.districtName}` : ''}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="dl-fieldset">
          <legend>{t('deliveries.manual.lines')}</legend>
          <div className="dl-form__row">
            <div className="field">
              <label htmlFor="dl-manual-kit">{t('deliveries.common.kit')}</label>
              <select id="dl-manual-kit" value={kitTypeId} onChange={(e) => setKitTypeId(e.target.value)}>
                <option value="">{t('deliveries.manual.chooseKit')}</option>
                {current.map((k) => (
                  <option key={k.id} value={k.id}>
                    {(f.en ? k.nameEn : k.nameEs) + ` (${k.code})`}
                  </option>
                ))}
              </select>
            </div>
            <div className="field dl-field--narrow">
              <label htmlFor="dl-manual-qty">{t('deliveries.common.quantity')}</label>
              <input
                id="dl-manual-qty"
                type="number"
                min={1}
                max={100000}
                value={quantity}
                onChange={(e) => setQuantity(Math.max(1, Math.floor(Number(e.target.value)) || 1))}
              />
            </div>
          </div>
          <button
            type="button"
            className="button button--small"
            disabled={!kitTypeId}
            onClick={() => {
              setLines((ls) => [...ls.filter((l) => l.kitTypeId !== kitTypeId), { kitTypeId, quantity }]);
              setKitTypeId('');
              setQuantity(1);
            }}
          >
            {t('deliveries.manual.addLine')}
          </button>
          {lines.length > 0 && (
            <ul className="dl-lines">
              {lines.map((l) => (
                <li key={l.kitTypeId}>
                  {l.quantity} × {kitName(l.kitTypeId)}{' '}
                  <button
                    type="button"
                    className="linklike"
                    onClick={() => setLines((ls) => ls.filter((x) => x.kitTypeId !== l.kitTypeId))}
                    aria-label={t('deliveries.manual.removeLine', { name: kitName(l.kitTypeId) })}
                  >
                    {t('deliveries.common.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <div className="field dl-field--narrow">
          <label htmlFor="dl-manual-service">{t('deliveries.manual.serviceMinutes')}</label>
          <input
            id="dl-manual-service"
            type="number"
            min={0}
            max={720}
            value={serviceMinutes}
            onChange={(e) => setServiceMinutes(Math.min(720, Math.max(0, Math.floor(Number(e.target.value)) || 0)))}
          />
        </div>
        <ErrorMessage error={add.error} />
        {done && !add.error && (
          <p className="notice" role="status">
            {t('deliveries.manual.added', { name: done })}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={add.isPending || !communityId || lines.length === 0}>
          {t('deliveries.manual.submit')}
        </button>
      </form>
    </details>
  );
}
