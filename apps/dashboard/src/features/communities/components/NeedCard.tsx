import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '@app/auth-context';
import type { Need, NeedStatus } from '../api/communities-api';
import { useNeedTransition } from '../hooks/useCommunities';
import { UrgencyBadge } from './UrgencyBadge';

type Target = Exclude<NeedStatus, 'submitted'>;

/** What the signed-in roles may do next with a need (the API checks again). */
function actionsFor(status: NeedStatus, roles: readonly string[], canDecide: boolean): Target[] {
  const decide = canDecide;
  const fulfil = decide || roles.includes('storekeeper');
  switch (status) {
    case 'submitted':
      return decide ? ['approved', 'rejected', 'cancelled'] : [];
    case 'approved':
      return fulfil ? ['partially_fulfilled', 'fulfilled'] : [];
    case 'partially_fulfilled':
      return fulfil ? ['fulfilled'] : [];
    case 'fulfilled':
    case 'rejected':
    case 'cancelled':
      return [];
  }
}

/** One need with its priority breakdown and, for allowed roles, the decision form (reason required). */
export function NeedCard({ need, showCommunity }: { need: Need; showCommunity: boolean }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [target, setTarget] = useState<Target | null>(null);
  const [reason, setReason] = useState('');
  const transition = useNeedTransition();
  const reasonId = useId();
  const actions = actionsFor(need.status, user?.roles ?? [], need.canDecide);
  const p = need.priority;

  return (
    <article className="card need" aria-labelledby={`need-${need.id}`}>
      <header className="need__header">
        <h3 id={`need-${need.id}`}>
          {showCommunity ? <Link to={`/comunidades/${need.communityId}`}>{need.communityName}</Link> : t(`communities.cause.${need.cause}`)}
        </h3>
        <UrgencyBadge urgency={need.urgency} />
        <span className={`status status--${need.status}`}>{t(`communities.status.${need.status}`)}</span>
      </header>
      <p className="muted">
        {showCommunity && `${t(`communities.cause.${need.cause}`)} · `}
        {[need.districtName, need.departmentName].filter(Boolean).join(', ')} ·{' '}
        {t('communities.householdsAffected', { count: need.householdsAffected })}
      </p>
      <ul className="need__lines">
        {need.lines.map((l) => (
          <li key={l.id}>
            {l.quantity} × {l.kitTypeCode ?? l.itemDescription}
            {l.quantityFulfilled > 0 && ` (${t('communities.delivered', { n: l.quantityFulfilled })})`}
          </li>
        ))}
      </ul>
      {need.notes && <p>{need.notes}</p>}
      {need.statusReason && <p className="muted">{t('communities.reasonShown', { reason: need.statusReason })}</p>}
      <details className="priority">
        <summary>{t('communities.priority', { total: p.total })}</summary>
        <dl className="priority__parts">
          {(['urgency', 'households', 'poverty', 'isolation', 'recency'] as const).map((k) => (
            <div key={k}>
              <dt>{t(`communities.parts.${k}`)}</dt>
              <dd>{p.parts[k]}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">{t('communities.formula')}</p>
      </details>
      {actions.length > 0 && (
        <div className="actions">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className={a === 'approved' ? 'button button--primary' : 'button'}
              aria-pressed={target === a}
              onClick={() => setTarget(a)}
            >
              {t(`communities.action.${a}`)}
            </button>
          ))}
        </div>
      )}
      {target && (
        <form
          className="form need__decision"
          onSubmit={(e) => {
            e.preventDefault();
            transition.mutate({ id: need.id, status: target, reason: reason.trim() }, { onSuccess: () => setTarget(null) });
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>{t('communities.reason', { action: t(`communities.action.${target}`) })}</label>
            <textarea id={reasonId} required minLength={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          {transition.isError && (
            <p className="alert" role="alert">
              {transition.error.message}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={transition.isPending || reason.trim().length < 3}>
              {t('communities.confirm', { action: t(`communities.action.${target}`) })}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setTarget(null)}>
              {t('communities.cancelAction')}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
