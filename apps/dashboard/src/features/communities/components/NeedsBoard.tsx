import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeedStatus } from '../api/communities-api';
import { useDepartments, useNeeds } from '../hooks/useCommunities';
import { NeedCard } from './NeedCard';

const STATUSES: NeedStatus[] = ['submitted', 'approved', 'partially_fulfilled', 'fulfilled', 'rejected', 'cancelled'];

/** The board a commission works from: needs sorted by priority score, approve / reject with a reason. */
export function NeedsBoard({ communityId }: { communityId?: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<NeedStatus | ''>(communityId ? '' : 'submitted');
  const [department, setDepartment] = useState('');
  const [sort, setSort] = useState<'priority' | 'newest'>('priority');
  const departments = useDepartments();
  const needs = useNeeds({
    status: status || undefined,
    department: department || undefined,
    communityId,
    sort,
    pageSize: 50,
  });

  return (
    <div className="needs-board">
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`need-status-${communityId ?? 'all'}`}>{t('communities.statusFilter')}</label>
          <select id={`need-status-${communityId ?? 'all'}`} value={status} onChange={(e) => setStatus(e.target.value as NeedStatus | '')}>
            <option value="">{t('communities.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`communities.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {!communityId && (
          <div className="field">
            <label htmlFor="need-dep">{t('communities.department')}</label>
            <select id="need-dep" value={department} onChange={(e) => setDepartment(e.target.value)}>
              <option value="">{t('communities.allDepartments')}</option>
              {departments.data?.map((d) => (
                <option key={d.ubigeo} value={d.ubigeo}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`need-sort-${communityId ?? 'all'}`}>{t('communities.sort')}</label>
          <select id={`need-sort-${communityId ?? 'all'}`} value={sort} onChange={(e) => setSort(e.target.value as 'priority' | 'newest')}>
            <option value="priority">{t('communities.sortPriority')}</option>
            <option value="newest">{t('communities.sortNewest')}</option>
          </select>
        </div>
      </form>
      {needs.isError && (
        <p className="alert" role="alert">
          {t('communities.loadFailed')}
        </p>
      )}
      <p className="muted" role="status">
        {needs.data ? t('communities.needCount', { count: needs.data.total }) : t('app.loading')}
      </p>
      <div className="needs-board__list">
        {needs.data?.items.map((n) => (
          <NeedCard key={n.id} need={n} showCommunity={!communityId} />
        ))}
      </div>
    </div>
  );
}
